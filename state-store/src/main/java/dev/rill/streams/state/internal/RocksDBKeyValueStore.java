package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.errors.ConfigException;
import dev.rill.common.serialization.Serializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.RocksDBConfigSetter;
import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A key-value store of bytes in RocksDB, on disk in {@code <task state dir>/rocksdb/<store name>}.
 *
 * <p>Keys are ordered by unsigned byte order (RocksDB's default bytewise comparator, the order of
 * {@link Bytes#compareTo}). Writes go through RocksDB's write-ahead log, so what was written before a
 * crash of the process and committed ({@link #flush()} writes the log's buffer out) is there when the store
 * reopens; flushes also move memtables to table files from time to time.
 * Records restored from the changelog are the exception: they skip the log, since a crash that loses them
 * is made good by replaying the changelog again (see {@link #init}).
 *
 * <p>Memory: the block cache, index and filter blocks and memtables are charged to the application's
 * {@link RocksDBMemory}, shared through {@link StoreTaskContext#applicationResources()}; a store opened
 * with a plain {@link StateStoreContext} gets a private budget it closes with itself. A
 * {@link RocksDBConfigSetter} named by {@code rocksdb.config.setter} runs after Rill's defaults.
 *
 * <p>Iterators see the store as it was when they were created (RocksDB's implicit snapshot). They hold
 * native resources until closed; the store closes the ones still open when it closes itself.
 *
 * <p>Thread-safety: reads and writes may run on several threads (interactive queries read while the task
 * writes). A read-write lock keeps {@link #close()} from releasing native objects while another thread
 * uses them, which would crash the JVM rather than throw. {@link #putIfAbsent} and {@link #delete} read
 * then write and are atomic only with respect to a single writer, which is how tasks use stores.
 */
@Internal
public final class RocksDBKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    /** Sub-directory of the task's state directory that holds all RocksDB stores. */
    static final String DIRECTORY = "rocksdb";
    /** RocksDB's property for the bytes held by all memtables of a database (summed over column families). */
    static final String MEMTABLE_BYTES_PROPERTY = "rocksdb.cur-size-all-mem-tables";

    static {
        RocksDB.loadLibrary();
    }

    private final String name;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<RocksDBRangeIterator> openIterators = ConcurrentHashMap.newKeySet();

    // Written only under the write lock, read under the read lock (or by close, under the write lock).
    private volatile boolean open;
    private boolean everOpened;
    private File dbDir;
    private RocksDB db;
    private RocksDBStoreOptions nativeOptions;
    private WriteOptions writeOptions;
    private MemtableFlushSchedule memtableFlushes;
    /** The whole store on the heap too while it is small and was empty when opened, else {@code null}. */
    private volatile HeapCopy copy;
    private HeapCopyBudget heapBudget;

    /**
     * Creates a closed store; {@link #init} opens it.
     *
     * @param name the store name, also the name of its directory
     * @throws NullPointerException if the name is {@code null}
     */
    public RocksDBKeyValueStore(String name) {
        this.name = Objects.requireNonNull(name, "store name must not be null");
    }

    /** @return the store name */
    @Override
    public String name() {
        return name;
    }

    /**
     * Opens (or reopens, after {@link #close()}) the RocksDB database in
     * {@code context.stateDir()/rocksdb/<name>}, creating the directories, and registers {@code root} for
     * restoration with a {@link BatchingStateRestoreCallback}: each restored batch is written straight into
     * RocksDB as one write batch, without the write-ahead log, which restoration does not need: what a
     * crash loses is replayed from the changelog again.
     *
     * @param context the task's store context; its {@code appConfigs()} may hold
     *                {@code statestore.rocksdb.memory.max.bytes} and {@code rocksdb.config.setter}
     * @param root the outermost store of the wrapping chain, or {@code null} for this store
     * @throws IllegalStateException if the store is already open
     * @throws InvalidStateStoreException naming the store and directory if the directory cannot be created,
     *         is locked by another process or store instance, or holds damaged files
     * @throws ConfigException if the memory budget or the config setter is invalid
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        Objects.requireNonNull(context, "context must not be null");
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (open) {
                throw new IllegalStateException("RocksDB state store '" + name + "' is already open in " + dbDir);
            }
            openDatabase(context);
            // Open before registering, in case the context restores into the store right away.
            open = true;
            everOpened = true;
            try {
                BatchingStateRestoreCallback restorer = this::restoreBatch;
                context.register(root == null ? this : root, restorer);
            } catch (RuntimeException e) {
                open = false;
                releaseAll();
                throw e;
            }
        } finally {
            write.unlock();
        }
    }

    /** Called with the write lock held; on failure leaves nothing open. */
    private void openDatabase(StateStoreContext context) {
        nativeOptions = RocksDBStoreOptions.create(name, context);
        dbDir = nativeOptions.directory;
        writeOptions = nativeOptions.writeOptions;
        memtableFlushes = nativeOptions.memtableFlushes;
        heapBudget = nativeOptions.heapBudget;
        try {
            try {
                db = RocksDB.open(nativeOptions.options, dbDir.getPath());
            } catch (RocksDBException e) {
                throw RocksDBSetup.openFailure(name, dbDir, e);
            }
            // Only an empty store can start a copy without reading RocksDB in.
            if (heapBudget.hasRoom()) {
                try (RocksIterator first = db.newIterator()) {
                    first.seekToFirst();
                    copy = first.isValid() ? null : new HeapCopy(0);
                }
            }
        } catch (RuntimeException | Error e) {
            releaseAll();
            throw e;
        }
    }


    /**
     * Writes a batch of changelog records during restoration, bypassing the outer layers: one RocksDB write
     * batch, so the batch is applied atomically and in order (the last record of a key wins).
     *
     * <p>The batch is written with the write-ahead log disabled. The WAL only protects writes that are nowhere
     * else, and restored records are in the changelog: if the process dies before RocksDB flushes them to
     * table files they are lost with the memtable, and the next restoration replays them again from the
     * changelog. Skipping the WAL saves writing every restored record twice (to the log, then to table files),
     * the bulk of the I/O when a store is rebuilt. This relies on the runtime not recording an offset past
     * restored records in the task's checkpoint ({@link OffsetCheckpoint}) before {@link #flush()} has made
     * them durable; a clean {@link #close()} flushes them too (RocksDB flushes unlogged memtables on close).
     * Later ordinary writes use the WAL again: if a crash keeps them but loses unflushed restored records,
     * replaying the changelog from the checkpoint re-applies everything in changelog order, ending in the same
     * state.
     *
     * @throws NullPointerException if a record or key is {@code null}; nothing is written then
     * @throws InvalidStateStoreException if the store is not open or the write fails (nothing is written)
     */
    private void restoreBatch(Collection<KeyValue<byte[], byte[]>> records) {
        Objects.requireNonNull(records, () -> "restored records of state store '" + name + "' must not be null");
        for (KeyValue<byte[], byte[]> record : records) {
            Objects.requireNonNull(record, () -> "restored record of state store '" + name + "' is null");
            Objects.requireNonNull(record.key, () -> "restored key of state store '" + name + "' is null");
        }
        Lock read = readLocked();
        if (records.isEmpty()) {
            read.unlock();
            return;
        }
        try (WriteBatch batch = new WriteBatch(); WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            // Restored records go to RocksDB directly, so no copy may miss them.
            dropCopy();
            for (KeyValue<byte[], byte[]> record : records) {
                if (record.value == null) {
                    batch.delete(record.key);
                } else {
                    batch.put(record.key, record.value);
                }
            }
            db.write(noWal, batch);
            memtableFlushes.unloggedWrite();
        } catch (RocksDBException e) {
            throw writeFailure("restore a batch of " + records.size() + " changelog records", e);
        } finally {
            read.unlock();
        }
    }

    /**
     * Makes the writes so far durable against a crash of the process: writes the keys pending in the heap
     * copy to RocksDB in one batch, then out the buffer of the write-ahead log, which holds ordinary writes.
     * The memtables are flushed to table files when restored records skipped the log since the last flush
     * (waiting until that is done), when the memtables have grown, or at least every ten seconds (in the
     * background; see {@link MemtableFlushSchedule}).
     *
     * @throws InvalidStateStoreException if the store is not open or the flush fails (for example, the disk
     *         is full); the store stays readable
     */
    @Override
    public void flush() {
        Lock read = readLocked();
        try {
            writePending();
            nativeOptions.writeOutLog(db, db::flush);
        } catch (RocksDBException e) {
            throw writeFailure("flush", e);
        } finally {
            read.unlock();
        }
    }

    /**
     * Closes the store's open iterators, the database, the config setter (its {@code close}) and the store's
     * native options, and the private memory budget if the store has one. Idempotent; the store can be
     * opened again with {@link #init}.
     *
     * @throws InvalidStateStoreException if RocksDB reports an error while closing; everything is released
     *         anyway
     */
    @Override
    public void close() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            RocksDBException failure = null;
            try {
                writePending();
            } catch (RocksDBException e) {
                failure = e;
            }
            RocksDBException closing = releaseAll();
            failure = failure != null ? failure : closing;
            if (failure != null) {
                throw new InvalidStateStoreException("state store '" + name + "' in directory " + dbDir
                    + " reported an error while closing; it is closed anyway. RocksDB said: " + RocksDBSetup.describe(failure),
                    failure);
            }
        } finally {
            write.unlock();
        }
    }

    /**
     * Releases every native object of the store, in dependency order. Called with the write lock held.
     *
     * @return the error RocksDB reported when closing the database, or {@code null}
     */
    private RocksDBException releaseAll() {
        HeapCopy held = copy;
        if (held != null) {
            copy = null;
            heapBudget.reserve(-held.bytes());
        }
        // Iterators first: closing the database under an open iterator crashes the JVM.
        for (RocksDBRangeIterator iterator : new ArrayList<>(openIterators)) {
            iterator.release();
        }
        openIterators.clear();
        RocksDBException failure = null;
        if (db != null) {
            try {
                db.flushWal(false);
            } catch (RocksDBException e) {
                failure = e;
            }
        }
        if (db != null) {
            try {
                db.closeE();
            } catch (RocksDBException e) {
                failure = e;
            }
            db = null;
        }
        // After the database, so that what the setter created outlives every use RocksDB makes of it.
        RocksDBStoreOptions released = nativeOptions;
        nativeOptions = null;
        writeOptions = null;
        memtableFlushes = null;
        if (released != null) {
            released.release();
        }
        return failure;
    }

    /** @return {@code true}: the data is on disk */
    @Override
    public boolean persistent() {
        return true;
    }

    /** @return whether the store is open */
    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * Takes the read lock and checks the store is open.
     *
     * @return the held read lock, to unlock in a {@code finally}
     */
    private Lock readLocked() {
        Lock read = lock.readLock();
        read.lock();
        if (!open) {
            read.unlock();
            throw notOpen();
        }
        return read;
    }

    private InvalidStateStoreException notOpen() {
        return new InvalidStateStoreException(everOpened
            ? "state store '" + name + "' is closed; it can no longer be read or written"
            : "state store '" + name + "' is not open: it must be initialized (init) before use");
    }

    private Bytes requireKey(Bytes key) {
        return Objects.requireNonNull(key, () -> "key must not be null (state store '" + name + "')");
    }

    private InvalidStateStoreException writeFailure(String operation, RocksDBException e) {
        return new InvalidStateStoreException("state store '" + name + "' in directory " + dbDir + " failed to "
            + operation + "; the store stays readable. Check free disk space and the directory's permissions."
            + " RocksDB said: " + RocksDBSetup.describe(e), e);
    }

    /**
     * @param key the key
     * @return the value, or {@code null} if there is none
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open or the read fails
     */
    @Override
    public byte[] get(Bytes key) {
        requireKey(key);
        Lock read = readLocked();
        try {
            return read(key);
        } finally {
            read.unlock();
        }
    }

    /** Writes the keys pending in the heap copy to RocksDB, in one write batch; read or write lock held. */
    private void writePending() throws RocksDBException {
        HeapCopy held = copy;
        if (held != null && held.hasPending()) {
            try (WriteBatch batch = new WriteBatch()) {
                held.addPending(batch, db.getDefaultColumnFamily());
                db.write(writeOptions, batch);
            }
            held.pendingWritten();
        }
    }

    /**
     * Writes the copy's pending keys out and stops using it: the application's heap budget ran out, or a
     * restore writes to RocksDB directly. Read lock held.
     */
    private void dropCopy() {
        HeapCopy held = copy;
        if (held == null) {
            return;
        }
        try {
            writePending();
        } catch (RocksDBException e) {
            throw writeFailure("write out its heap copy", e);
        }
        copy = null;
        heapBudget.reserve(-held.bytes());
    }

    /** Reads with the read lock held. */
    private byte[] read(Bytes key) {
        HeapCopy held = copy;
        if (held != null) {
            return held.get(key);
        }
        try {
            return db.get(key.get());
        } catch (RocksDBException e) {
            throw new InvalidStateStoreException("state store '" + name + "' in directory " + dbDir
                + " failed to read a key. RocksDB said: " + RocksDBSetup.describe(e), e);
        }
    }

    /** Writes with the read lock held; {@code null} deletes. */
    private void write(Bytes key, byte[] value) {
        HeapCopy held = copy;
        if (held != null) {
            if (!heapBudget.reserve(held.put(key, value))) {
                dropCopy();
            }
            return;
        }
        try {
            if (value == null) {
                db.delete(writeOptions, key.get());
            } else {
                db.put(writeOptions, key.get(), value);
            }
        } catch (RocksDBException e) {
            throw writeFailure("write", e);
        }
    }

    /**
     * Writes a value.
     *
     * @param key the key
     * @param value the value; {@code null} deletes the key
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open or the write fails (the store stays
     *         readable)
     */
    @Override
    public void put(Bytes key, byte[] value) {
        requireKey(key);
        Lock read = readLocked();
        try {
            write(key, value);
        } finally {
            read.unlock();
        }
    }

    /**
     * Writes a value if the key has none.
     *
     * @param key the key
     * @param value the value; {@code null} writes nothing
     * @return the existing value, or {@code null} if there was none and {@code value} was written
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open or the read or write fails
     */
    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        requireKey(key);
        Lock read = readLocked();
        try {
            byte[] existing = read(key);
            if (existing == null && value != null) {
                write(key, value);
            }
            return existing;
        } finally {
            read.unlock();
        }
    }

    /**
     * Writes all entries atomically, in one RocksDB write batch.
     *
     * @param entries the entries; a {@code null} value deletes its key
     * @throws NullPointerException if the list or a key is {@code null}; nothing is written then
     * @throws InvalidStateStoreException if the store is not open or the write fails (nothing is written)
     */
    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        Objects.requireNonNull(entries, () -> "entries must not be null (state store '" + name + "')");
        for (KeyValue<Bytes, byte[]> entry : entries) {
            Objects.requireNonNull(entry, () -> "entry must not be null (state store '" + name + "')");
            requireKey(entry.key);
        }
        Lock read = readLocked();
        if (copy != null) {
            try {
                // Atomic all the same: the keys reach RocksDB together, in the next flush's write batch.
                for (KeyValue<Bytes, byte[]> entry : entries) {
                    write(entry.key, entry.value);
                }
                return;
            } finally {
                read.unlock();
            }
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (KeyValue<Bytes, byte[]> entry : entries) {
                if (entry.value == null) {
                    batch.delete(entry.key.get());
                } else {
                    batch.put(entry.key.get(), entry.value);
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw writeFailure("write a batch of " + entries.size() + " entries", e);
        } finally {
            read.unlock();
        }
    }

    /**
     * Deletes a key.
     *
     * @param key the key
     * @return the value it had, or {@code null}
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open or the read or write fails
     */
    @Override
    public byte[] delete(Bytes key) {
        requireKey(key);
        Lock read = readLocked();
        try {
            byte[] existing = read(key);
            if (existing != null) {
                write(key, null);
            }
            return existing;
        } finally {
            read.unlock();
        }
    }

    /**
     * Iterates over keys from {@code from} to {@code to}, both inclusive, in ascending byte order.
     *
     * @param from the smallest key, or {@code null} for no lower bound
     * @param to the largest key, or {@code null} for no upper bound
     * @return the iterator, empty if {@code from > to}; close it after use
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return newIterator(true, bytesOrNull(from), bytesOrNull(to), null);
    }

    /**
     * Iterates over keys from {@code to} down to {@code from}, both inclusive, in descending byte order.
     *
     * @param from the smallest key, or {@code null} for no lower bound
     * @param to the largest key, or {@code null} for no upper bound
     * @return the iterator, empty if {@code from > to}; close it after use
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return newIterator(false, bytesOrNull(from), bytesOrNull(to), null);
    }

    /**
     * @return an iterator over all entries in ascending byte order; close it after use
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return newIterator(true, null, null, null);
    }

    /**
     * @return an iterator over all entries in descending byte order; close it after use
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return newIterator(false, null, null, null);
    }

    /**
     * Iterates, in ascending byte order, over the keys that start with the serialized prefix.
     *
     * @param prefix the prefix
     * @param prefixKeySerializer serializes the prefix; called with the store name as topic
     * @return the iterator; close it after use
     * @throws NullPointerException if the prefix, the serializer or the serialized prefix is {@code null}
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, () -> "prefix must not be null (state store '" + name + "')");
        Objects.requireNonNull(prefixKeySerializer,
            () -> "prefix serializer must not be null (state store '" + name + "')");
        byte[] serialized = Objects.requireNonNull(prefixKeySerializer.serialize(name, prefix),
            () -> "the prefix serializer of state store '" + name + "' returned null");
        HeapCopy held = copy;
        if (held != null) {
            return new HeapCopyIterator(this, held.snapshotWithPrefix(serialized));
        }
        return newIterator(true, serialized, null, serialized);
    }

    /**
     * @return RocksDB's estimate of the number of keys ({@code rocksdb.estimate-num-keys}), which may count
     *         deleted and overwritten keys until compaction; {@link Long#MAX_VALUE} if it does not fit a long
     * @throws InvalidStateStoreException if the store is not open or RocksDB cannot tell
     */
    @Override
    public long approximateNumEntries() {
        Lock read = readLocked();
        try {
            HeapCopy held = copy;
            if (held != null) {
                return held.size();
            }
            long estimate = db.getLongProperty("rocksdb.estimate-num-keys");
            // The property is an unsigned 64-bit number: negative here means above Long.MAX_VALUE.
            return estimate < 0 ? Long.MAX_VALUE : estimate;
        } catch (RocksDBException e) {
            throw new InvalidStateStoreException("state store '" + name + "' in directory " + dbDir
                + " cannot estimate its number of entries. RocksDB said: " + RocksDBSetup.describe(e), e);
        } finally {
            read.unlock();
        }
    }

    private static byte[] bytesOrNull(Bytes bytes) {
        return bytes == null ? null : bytes.get();
    }

    private KeyValueIterator<Bytes, byte[]> newIterator(boolean forward, byte[] from, byte[] to, byte[] prefix) {
        Lock read = readLocked();
        try {
            HeapCopy held = copy;
            if (held != null && prefix == null) {
                return new HeapCopyIterator(this, held.snapshot(null, from == null ? null : Bytes.wrap(from),
                    to == null ? null : Bytes.wrap(to), forward));
            }
            RocksDBRangeIterator iterator = new RocksDBRangeIterator(this, db.newIterator(), forward, from, to, prefix);
            openIterators.add(iterator);
            return iterator;
        } finally {
            read.unlock();
        }
    }

    /**
     * Takes the read lock for an iterator's step, so the store cannot release native objects under it.
     *
     * @return the held read lock; the caller unlocks it
     * @throws InvalidStateStoreException if the store is closed
     */
    Lock readLockForIterator() {
        Lock read = lock.readLock();
        read.lock();
        if (!open) {
            read.unlock();
            throw new InvalidStateStoreException("state store '" + name
                + "' is closed; its iterators were closed with it and cannot be used");
        }
        return read;
    }

    InvalidStateStoreException iteratorFailure(RocksDBException e) {
        return new InvalidStateStoreException("an iterator of state store '" + name + "' in directory "
            + dbDir + " failed. RocksDB said: " + RocksDBSetup.describe(e), e);
    }

    void forgetIterator(RocksDBRangeIterator iterator) {
        openIterators.remove(iterator);
    }

    /** @return the number of iterators not yet closed, for tests */
    int openIteratorCount() {
        return openIterators.size();
    }

    /** @return the memory budget the open store draws on, or {@code null} when closed, for tests */
    RocksDBMemory memory() {
        RocksDBStoreOptions held = nativeOptions;
        return held == null ? null : held.memory;
    }

    /** @return the store's directory, or {@code null} before the first {@link #init}, for tests */
    File directory() {
        return dbDir;
    }

}
