package dev.rill.streams.state.internal;

import dev.rill.common.errors.ConfigException;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of a RocksDB window or session store, in one RocksDB database per store
 * ({@code <task state dir>/rocksdb/<store name>}) with one column family per time segment: segment
 * {@code id = segmentTime / segmentInterval}, column family {@code segment.<id * segmentInterval>}. The
 * store thus draws on the application's shared {@link RocksDBMemory} budget like a key-value store, and
 * expiry drops a whole column family instead of deleting keys one by one. Segments are dropped once all
 * their times are at or before {@code observedStreamTime - retentionPeriod}; entries of the oldest live
 * segment that have expired are hidden from reads. The stream time is kept in the default column family
 * at every flush and close, so that a reopened store expires as before; segments are found again from
 * the database's column families when it reopens.
 *
 * <p>Scans go segment by segment in time order (or the reverse), within a segment by store key bytes;
 * they see each segment as it is when they reach it. Thread-safety as {@link RocksDBKeyValueStore}: a
 * read-write lock keeps {@link #close()} from releasing native objects another thread still uses.
 */
final class RocksDBSegmentedBytesStore implements SegmentedBytesStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDBSegmentedBytesStore.class);
    private static final String SEGMENT_PREFIX = "segment.";
    private static final byte[] STREAM_TIME_KEY = "observed-stream-time".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final StoreKeySchema schema;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<RocksDBSegmentIterator> openIterators = ConcurrentHashMap.newKeySet();
    /** Live segments by id; changed under its own monitor, read by scans under it too. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();

    private volatile boolean open;
    private volatile long observedStreamTime = -1;
    private volatile long dropped;
    private boolean everOpened;
    private File dbDir;
    private RocksDB db;
    private ColumnFamilyHandle defaultFamily;
    private RocksDBStoreOptions nativeOptions;
    private DBOptions dbOptions;
    private ColumnFamilyOptions familyOptions;
    private WriteOptions writeOptions;
    private MemtableFlushSchedule memtableFlushes;
    private HeapCopyBudget heapBudget;
    /** Bytes this store has taken from {@link #heapBudget}, given back when it drops copies or closes. */
    private long heapBytes;

    /**
     * A live segment: its id, its column family and, while it has one, its {@link HeapCopy}. Only the
     * store's writer sets or clears the copy, after writing its pending keys out.
     */
    static final class Segment {
        private final long id;
        private final ColumnFamilyHandle handle;
        private volatile HeapCopy copy;

        Segment(long id, ColumnFamilyHandle handle, HeapCopy copy) {
            this.id = id;
            this.handle = handle;
            this.copy = copy;
        }

        long id() {
            return id;
        }

        ColumnFamilyHandle handle() {
            return handle;
        }
    }

    RocksDBSegmentedBytesStore(String name, StoreKeySchema schema, long retentionPeriod, long segmentInterval) {
        this.name = Objects.requireNonNull(name, "store name must not be null");
        this.schema = schema;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Opens (or reopens) the database and its segments, drops those expired by the stored stream time,
     * and registers a batching restore callback: each batch goes into RocksDB as one write batch across
     * segments, without the write-ahead log (see {@link RocksDBKeyValueStore#init}), skipping records
     * expired by the stream time the batch reaches.
     *
     * @throws IllegalStateException if the store is already open
     * @throws InvalidStateStoreException naming the store and directory if the directory cannot be created or
     *         opened, or holds segments of another segment interval
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
            try {
                openDatabase(context);
            } catch (RuntimeException | Error e) {
                releaseAll();
                throw e;
            }
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

    private void openDatabase(StateStoreContext context) {
        nativeOptions = RocksDBStoreOptions.create(name, context);
        File dir = nativeOptions.directory;
        dbDir = dir;
        heapBudget = nativeOptions.heapBudget;
        writeOptions = nativeOptions.writeOptions;
        memtableFlushes = nativeOptions.memtableFlushes;
        Options options = nativeOptions.options;
        // Every segment gets the same (possibly customised) options; the database-wide ones include the
        // shared write buffer manager.
        dbOptions = new DBOptions(options);
        familyOptions = new ColumnFamilyOptions(options);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
        List<Long> ids = new ArrayList<>();
        try {
            if (new File(dir, "CURRENT").exists()) {
                for (byte[] family : RocksDB.listColumnFamilies(options, dir.getPath())) {
                    String familyName = new String(family, StandardCharsets.UTF_8);
                    if (!familyName.startsWith(SEGMENT_PREFIX)) {
                        continue;
                    }
                    ids.add(segmentIdOf(familyName));
                    descriptors.add(new ColumnFamilyDescriptor(family, familyOptions));
                }
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            db = RocksDB.open(dbOptions, dir.getPath(), descriptors, handles);
            defaultFamily = handles.get(0);
            for (int i = 0; i < ids.size(); i++) {
                // Segments already on disk get no heap copy: it would have to read them in first.
                segments.put(ids.get(i), new Segment(ids.get(i), handles.get(i + 1), null));
            }
            byte[] time = db.get(defaultFamily, STREAM_TIME_KEY);
            observedStreamTime = time == null ? -1 : ByteBuffer.wrap(time).getLong();
        } catch (RocksDBException e) {
            throw RocksDBSetup.openFailure(name, dir, e);
        }
        dropExpiredSegments();
    }

    private long segmentIdOf(String familyName) {
        long start;
        try {
            start = Long.parseLong(familyName.substring(SEGMENT_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new InvalidStateStoreException("state store '" + name + "' in " + dbDir + " holds an unknown column family '"
                + familyName + "'; delete the directory to rebuild the store from its changelog", e);
        }
        if (start % segmentInterval != 0) {
            throw new InvalidStateStoreException("state store '" + name + "' in " + dbDir + " holds segment '" + familyName
                + "', written with another segment interval than the current " + segmentInterval + " ms (did its retention"
                + " change?). Delete the directory to rebuild the store from its changelog, or restore the old retention");
        }
        return start / segmentInterval;
    }

    private static byte[] familyName(long segmentId, long interval) {
        return (SEGMENT_PREFIX + segmentId * interval).getBytes(StandardCharsets.UTF_8);
    }

    /** Drops the column families whose every time has expired. */
    private void dropExpiredSegments() {
        long minLiveId = SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod) / segmentInterval;
        synchronized (segments) {
            while (!segments.isEmpty() && segments.firstKey() < minLiveId) {
                Segment expired = segments.pollFirstEntry().getValue();
                HeapCopy copy = expired.copy;
                if (copy != null) {
                    expired.copy = null;
                    releaseHeap(copy.bytes());
                }
                try {
                    db.dropColumnFamily(expired.handle());
                } catch (RocksDBException e) {
                    throw writeFailure("drop expired segment " + expired.id() * segmentInterval, e);
                } finally {
                    expired.handle().close();
                }
                LOG.debug("State store '{}' dropped expired segment {} (stream time {})", name, expired.id(), observedStreamTime);
            }
        }
    }

    /**
     * @param time a time in the segment
     * @param copied whether a segment created now may get a heap copy (not while restoring, which writes
     *     to RocksDB directly)
     * @return the live segment of that time, created if needed
     */
    private Segment segmentFor(long time, boolean copied) {
        long id = time / segmentInterval;
        synchronized (segments) {
            Segment segment = segments.get(id);
            if (segment == null) {
                try {
                    ColumnFamilyHandle handle = db.createColumnFamily(
                        new ColumnFamilyDescriptor(familyName(id, segmentInterval), familyOptions));
                    // A new segment is empty, so an empty copy holds all of it.
                    segment = new Segment(id, handle, copied && heapBudget.hasRoom() ? new HeapCopy(schema.suffixLength()) : null);
                    segments.put(id, segment);
                } catch (RocksDBException e) {
                    throw writeFailure("create segment " + id * segmentInterval, e);
                }
            }
            return segment;
        }
    }

    @Override
    public StoreKeySchema schema() {
        return schema;
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }

    @Override
    public long observedStreamTime() {
        return observedStreamTime;
    }

    @Override
    public long droppedExpiredRecords() {
        return dropped;
    }

    /** @return whether {@code time} is expired, after moving the stream time to it if it is later */
    private boolean advanceAndCheckExpired(long time) {
        if (time > observedStreamTime) {
            long previousMinId = SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod) / segmentInterval;
            observedStreamTime = time;
            if (SegmentedBytesStore.minLiveTime(time, retentionPeriod) / segmentInterval > previousMinId) {
                dropExpiredSegments();
            }
        }
        return SegmentedBytesStore.writeExpired(time, observedStreamTime, retentionPeriod, segmentInterval);
    }

    @Override
    public boolean put(Bytes storeKey, byte[] value) {
        Objects.requireNonNull(storeKey, () -> "key must not be null (state store '" + name + "')");
        Lock read = readLocked();
        try {
            long time = schema.time(storeKey.get());
            if (advanceAndCheckExpired(time)) {
                dropped++;
                LOG.debug("State store '{}' dropped a write for time {}: expired, the stream time is {} and the retention {} ms",
                    name, time, observedStreamTime, retentionPeriod);
                return false;
            }
            Segment segment = segmentFor(time, true);
            HeapCopy copy = segment.copy;
            if (copy != null) {
                long delta = copy.put(storeKey, value);
                heapBytes += delta;
                if (!heapBudget.reserve(delta)) {
                    dropCopies();
                }
            } else if (value == null) {
                db.delete(segment.handle(), writeOptions, storeKey.get());
            } else {
                db.put(segment.handle(), writeOptions, storeKey.get(), value);
            }
            return true;
        } catch (RocksDBException e) {
            throw writeFailure("write", e);
        } finally {
            read.unlock();
        }
    }

    /**
     * Restores a batch: the stream time first moves to the batch's latest time, then every record still live
     * at that time is written, in order, in one write batch without the write-ahead log.
     */
    private void restoreBatch(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> record : records) {
            Objects.requireNonNull(record.key, () -> "restored key of state store '" + name + "' is null");
        }
        Lock read = readLocked();
        try (WriteBatch batch = new WriteBatch(); WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            // Restored records go to RocksDB directly, so no copy may miss them.
            dropCopies();
            for (KeyValue<byte[], byte[]> record : records) {
                advanceAndCheckExpired(schema.time(record.key));
            }
            long minLive = SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod);
            for (KeyValue<byte[], byte[]> record : records) {
                long time = schema.time(record.key);
                if (time < minLive) {
                    continue;
                }
                ColumnFamilyHandle handle = segmentFor(time, false).handle();
                if (record.value == null) {
                    batch.delete(handle, record.key);
                } else {
                    batch.put(handle, record.key, record.value);
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

    @Override
    public byte[] get(Bytes storeKey) {
        Lock read = readLocked();
        try {
            long time = schema.time(storeKey.get());
            if (time < SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod)) {
                return null;
            }
            Segment segment;
            synchronized (segments) {
                segment = segments.get(time / segmentInterval);
            }
            if (segment == null) {
                return null;
            }
            HeapCopy copy = segment.copy;
            return copy != null ? copy.get(storeKey) : db.get(segment.handle(), storeKey.get());
        } catch (RocksDBException e) {
            throw new InvalidStateStoreException("state store '" + name + "' in directory " + dbDir
                + " failed to read a key. RocksDB said: " + RocksDBSetup.describe(e), e);
        } finally {
            read.unlock();
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> fetch(byte[] keyFrom, byte[] keyTo, long timeFrom, long timeTo,
                                                 Predicate<byte[]> filter, boolean forward) {
        Lock read = readLocked();
        try {
            long from = Math.max(timeFrom, SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod));
            List<Segment> searched = new ArrayList<>();
            boolean emptyKeys = keyFrom != null && keyTo != null && Bytes.wrap(keyFrom).compareTo(Bytes.wrap(keyTo)) > 0;
            if (from <= timeTo && !emptyKeys) {
                synchronized (segments) {
                    searched.addAll(segments.subMap(from / segmentInterval, true, timeTo / segmentInterval, true).values());
                }
            }
            if (!forward) {
                Collections.reverse(searched);
            }
            boolean single = keyFrom != null && keyTo != null && Bytes.wrap(keyFrom).equals(Bytes.wrap(keyTo));
            Bytes lower = schema.lowerBound(keyFrom, single, schema.suffix(from, 0));
            Bytes upper = schema.upperBound(keyFrom, keyTo, single, schema.suffix(timeTo, -1L));
            long minTime = from;
            Predicate<byte[]> condition = key -> {
                long time = schema.time(key);
                return time >= minTime && time <= timeTo && schema.keyInRange(key, keyFrom, keyTo) && filter.test(key);
            };
            RocksDBSegmentIterator iterator = new RocksDBSegmentIterator(this, searched, single ? keyFrom : null, lower, upper,
                condition, forward);
            openIterators.add(iterator);
            return iterator;
        } finally {
            read.unlock();
        }
    }

    /**
     * @return the entries of a segment between two bounds (of one record key if {@code recordKey} is not
     *     {@code null}), from its heap copy as they are now; empty if the
     *     segment has been dropped, {@code null} if it has no copy (then read it with
     *     {@link #newSegmentIterator}); read lock held
     */
    List<KeyValue<Bytes, byte[]>> copiedEntries(Segment segment, byte[] recordKey, Bytes lower, Bytes upper, boolean forward) {
        HeapCopy copy = segment.copy;
        if (copy == null) {
            return null;
        }
        synchronized (segments) {
            if (segments.get(segment.id()) != segment) {
                return List.of();
            }
        }
        return copy.snapshot(recordKey, lower, upper, forward);
    }

    /** @return a native iterator over a segment, or {@code null} if it has been dropped; read lock held */
    RocksIterator newSegmentIterator(Segment segment) {
        synchronized (segments) {
            return segments.get(segment.id()) == segment ? db.newIterator(segment.handle()) : null;
        }
    }

    @Override
    public Comparator<Bytes> order() {
        return schema.segmentOrder(segmentInterval);
    }

    /** @return the ids of the live segments, ascending, for tests */
    List<Long> segmentIds() {
        synchronized (segments) {
            return new ArrayList<>(segments.keySet());
        }
    }

    /**
     * Writes the keys pending in the segments' heap copies and the stream time to RocksDB in one batch and
     * writes out the write-ahead log's buffer, which makes the writes so far durable against a crash of the
     * process, then flushes every segment's memtable to table files when {@link MemtableFlushSchedule} says
     * a flush is due: restored records skipped the log (then it waits for the flush), the memtables have
     * grown, or ten seconds passed since the last one (then RocksDB flushes in the background).
     *
     * @throws InvalidStateStoreException if the store is not open or the flush fails
     */
    @Override
    public void flush() {
        Lock read = readLocked();
        try {
            writePendingAndStreamTime();
            nativeOptions.writeOutLog(db, flushOptions -> {
                List<ColumnFamilyHandle> all = new ArrayList<>();
                all.add(defaultFamily);
                // Under the monitor, so that no segment is dropped while its family is flushed.
                synchronized (segments) {
                    segments.values().forEach(s -> all.add(s.handle()));
                    db.flush(flushOptions, all);
                }
            });
        } catch (RocksDBException e) {
            throw writeFailure("flush", e);
        } finally {
            read.unlock();
        }
    }

    /** Writes the pending keys of every heap copy and the stream time to RocksDB, in one write batch. */
    private void writePendingAndStreamTime() throws RocksDBException {
        List<Segment> copied = new ArrayList<>();
        synchronized (segments) {
            for (Segment segment : segments.values()) {
                if (segment.copy != null) {
                    copied.add(segment);
                }
            }
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (Segment segment : copied) {
                segment.copy.addPending(batch, segment.handle());
            }
            batch.put(defaultFamily, STREAM_TIME_KEY, ByteBuffer.allocate(8).putLong(observedStreamTime).array());
            db.write(writeOptions, batch);
        }
        for (Segment segment : copied) {
            segment.copy.pendingWritten();
        }
    }

    /**
     * Drops every heap copy of this store, oldest segment first, after writing its pending keys to RocksDB:
     * the application's heap budget ran out, or a restore writes to RocksDB directly.
     */
    private void dropCopies() {
        List<Segment> copied = new ArrayList<>();
        synchronized (segments) {
            for (Segment segment : segments.values()) {
                if (segment.copy != null) {
                    copied.add(segment);
                }
            }
        }
        for (Segment segment : copied) {
            HeapCopy copy = segment.copy;
            try (WriteBatch batch = new WriteBatch()) {
                copy.addPending(batch, segment.handle());
                db.write(writeOptions, batch);
            } catch (RocksDBException e) {
                throw writeFailure("write out its heap copy of segment " + segment.id() * segmentInterval, e);
            }
            copy.pendingWritten();
            segment.copy = null;
            releaseHeap(copy.bytes());
        }
    }

    private void releaseHeap(long bytes) {
        heapBytes -= bytes;
        heapBudget.reserve(-bytes);
    }

    /**
     * Saves the stream time, closes open scans, segments and the database and releases the native options.
     * Idempotent; the store can be opened again with {@link #init}.
     *
     * @throws InvalidStateStoreException if RocksDB reports an error while closing; everything is released anyway
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
                writePendingAndStreamTime();
            } catch (RocksDBException e) {
                failure = e;
            }
            RocksDBException closing = releaseAll();
            failure = failure != null ? failure : closing;
            if (failure != null) {
                throw new InvalidStateStoreException("state store '" + name + "' in directory " + dbDir
                    + " reported an error while closing; it is closed anyway. RocksDB said: "
                    + RocksDBSetup.describe(failure), failure);
            }
        } finally {
            write.unlock();
        }
    }

    private RocksDBException releaseAll() {
        for (RocksDBSegmentIterator iterator : new ArrayList<>(openIterators)) {
            iterator.release();
        }
        openIterators.clear();
        synchronized (segments) {
            segments.values().forEach(s -> s.handle().close());
            segments.clear();
        }
        if (heapBudget != null) {
            heapBudget.reserve(-heapBytes);
            heapBytes = 0;
            heapBudget = null;
        }
        if (defaultFamily != null) {
            defaultFamily.close();
            defaultFamily = null;
        }
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
        for (AutoCloseable nativeObject : new AutoCloseable[] {familyOptions, dbOptions}) {
            if (nativeObject != null) {
                try {
                    nativeObject.close();
                } catch (Exception e) {
                    // RocksDB's option objects do not throw on close.
                }
            }
        }
        familyOptions = null;
        dbOptions = null;
        writeOptions = null;
        memtableFlushes = null;
        // After the database, so that what the config setter created outlives every use RocksDB makes of it.
        RocksDBStoreOptions held = nativeOptions;
        nativeOptions = null;
        if (held != null) {
            held.release();
        }
        return failure;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private Lock readLocked() {
        Lock read = lock.readLock();
        read.lock();
        if (!open) {
            read.unlock();
            throw new InvalidStateStoreException(everOpened
                ? "state store '" + name + "' is closed; it can no longer be read or written"
                : "state store '" + name + "' is not open: it must be initialized (init) before use");
        }
        return read;
    }

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

    void forgetIterator(RocksDBSegmentIterator iterator) {
        openIterators.remove(iterator);
    }

    private InvalidStateStoreException writeFailure(String operation, RocksDBException e) {
        return new InvalidStateStoreException("state store '" + name + "' in directory " + dbDir + " failed to "
            + operation + "; the store stays readable. Check free disk space and the directory's permissions."
            + " RocksDB said: " + RocksDBSetup.describe(e), e);
    }
}
