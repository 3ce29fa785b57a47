package dev.rill.streams.state.internal;

/**
 * Decides when a RocksDB store's {@code flush()} has to move memtables to table files. Ordinary writes go
 * through the write-ahead log, so they survive a crash of the process without a memtable flush; flushing
 * at every commit would write a table file per commit, which with the test driver's commit after every
 * record costs a synchronous flush per record. A memtable flush is due when:
 * <ul>
 *   <li>records were written without the write-ahead log (changelog restoration) since the last one, as
 *       only a flush makes those durable before the runtime checkpoints past them; or</li>
 *   <li>the store's memtables grew by half its write buffer size since the last flush (RocksDB counts
 *       the memory it reserved for empty memtables too and reserves in blocks of an eighth of the write buffer, hence growth and half), so that stores which stop
 *       writing leave little memtable memory charged to the shared budget (RocksDB only flushes a memtable
 *       on its own when the store writes); or</li>
 *   <li>{@link #INTERVAL_NANOS} have passed since the last one, so that the log replayed on reopening
 *       stays short.</li>
 * </ul>
 * Only the first reason needs the caller to wait for the flush to finish ({@link #mustWait()}); for the
 * others RocksDB flushes on its background thread while processing goes on.
 * Used from the task's thread only, like the store's writes.
 */
final class MemtableFlushSchedule {
    /** The longest time between memtable flushes of a store that is flushed at commits, in nanoseconds. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private final long memtableBytesThreshold;
    private boolean unloggedWrites;
    private long lastFlushNanos = System.nanoTime();
    private long memtableBytesAfterFlush;

    /**
     * @param writeBufferBytes the size of one memtable of the store, in bytes
     */
    MemtableFlushSchedule(long writeBufferBytes) {
        this.memtableBytesThreshold = Math.max(1, writeBufferBytes / 2);
    }

    /** Notes records written without the write-ahead log. */
    void unloggedWrite() {
        unloggedWrites = true;
    }

    /**
     * @param memtableBytes how many bytes the store's memtables hold now
     * @return whether the memtables must be flushed now; if so, the caller flushes them and then calls
     *         {@link #flushed()}
     */
    boolean due(long memtableBytes) {
        return unloggedWrites || memtableBytes - memtableBytesAfterFlush >= memtableBytesThreshold
            || System.nanoTime() - lastFlushNanos >= INTERVAL_NANOS;
    }

    /** @return whether a due flush must be complete before {@code flush()} returns: unlogged records wait for it */
    boolean mustWait() {
        return unloggedWrites;
    }

    /**
     * Notes a requested memtable flush.
     *
     * @param memtableBytes how many bytes the store's (now empty) memtables hold after the flush
     */
    void flushed(long memtableBytes) {
        memtableBytesAfterFlush = memtableBytes;
        unloggedWrites = false;
        lastFlushNanos = System.nanoTime();
    }
}
