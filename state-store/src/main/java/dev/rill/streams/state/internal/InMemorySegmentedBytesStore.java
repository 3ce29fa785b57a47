package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap-held bytes of an in-memory window or session store: a map from segment time (window start or
 * session end) to the entries of that time, ordered by record key then the rest of the suffix. Iteration
 * is therefore by time, then key, as in Kafka Streams' in-memory stores. Expired times are removed as
 * soon as a put moves the stream time past them.
 *
 * <p>Iterators read a copy of their range taken when they are created: writes made meanwhile are not
 * visible, and writing while iterating is safe. Not thread-safe: a store belongs to one task.
 */
final class InMemorySegmentedBytesStore implements SegmentedBytesStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySegmentedBytesStore.class);

    private final String name;
    private final StoreKeySchema schema;
    private final long retentionPeriod;
    private final Comparator<Bytes> withinTime;
    private final TreeMap<Long, TreeMap<Bytes, byte[]>> byTime = new TreeMap<>();
    private long observedStreamTime = -1;
    private long dropped;
    private volatile boolean open;

    InMemorySegmentedBytesStore(String name, StoreKeySchema schema, long retentionPeriod) {
        this.name = Objects.requireNonNull(name, "store name must not be null");
        this.schema = schema;
        this.retentionPeriod = retentionPeriod;
        this.withinTime = schema.keyThenSuffix();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Opens the store and registers a batching restore callback that writes restored records straight
     * into the map, advancing the stream time and skipping expired ones.
     *
     * @throws IllegalStateException if the store is already open
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("in-memory state store '" + name + "' is already open");
        }
        BatchingStateRestoreCallback restorer = this::restoreBatch;
        context.register(root == null ? this : root, restorer);
        open = true;
    }

    private void restoreBatch(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> record : records) {
            Objects.requireNonNull(record.key, () -> "restored key of state store '" + name + "' is null");
        }
        for (KeyValue<byte[], byte[]> record : records) {
            write(Bytes.wrap(record.key), record.value);
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

    @Override
    public boolean put(Bytes storeKey, byte[] value) {
        checkOpen();
        return write(storeKey, value);
    }

    private boolean write(Bytes storeKey, byte[] value) {
        long time = schema.time(storeKey.get());
        observedStreamTime = Math.max(observedStreamTime, time);
        long minLive = SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod);
        byTime.headMap(minLive, false).clear();
        if (time < minLive) {
            dropped++;
            LOG.debug("State store '{}' dropped a write for time {}: expired, the stream time is {} and the retention {} ms",
                name, time, observedStreamTime, retentionPeriod);
            return false;
        }
        if (value == null) {
            TreeMap<Bytes, byte[]> entries = byTime.get(time);
            if (entries != null) {
                entries.remove(storeKey);
                if (entries.isEmpty()) {
                    byTime.remove(time);
                }
            }
        } else {
            byTime.computeIfAbsent(time, t -> new TreeMap<>(withinTime)).put(storeKey, value);
        }
        return true;
    }

    @Override
    public byte[] get(Bytes storeKey) {
        checkOpen();
        long time = schema.time(storeKey.get());
        if (time < SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod)) {
            return null;
        }
        TreeMap<Bytes, byte[]> entries = byTime.get(time);
        return entries == null ? null : entries.get(storeKey);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> fetch(byte[] keyFrom, byte[] keyTo, long timeFrom, long timeTo,
                                                 Predicate<byte[]> filter, boolean forward) {
        checkOpen();
        long from = Math.max(timeFrom, SegmentedBytesStore.minLiveTime(observedStreamTime, retentionPeriod));
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        if (from <= timeTo && (keyFrom == null || keyTo == null || Bytes.wrap(keyFrom).compareTo(Bytes.wrap(keyTo)) <= 0)) {
            NavigableMap<Long, TreeMap<Bytes, byte[]>> times = byTime.subMap(from, true, timeTo, true);
            for (TreeMap<Bytes, byte[]> entries : (forward ? times : times.descendingMap()).values()) {
                NavigableMap<Bytes, byte[]> range = entries;
                // Within one time the entries are ordered by key first, so a key range is contiguous.
                if (keyFrom != null) {
                    range = range.tailMap(schema.toStoreKey(keyFrom, 0, 0), true);
                }
                if (keyTo != null) {
                    range = range.headMap(schema.toStoreKey(keyTo, -1L, -1L), true);
                }
                for (Map.Entry<Bytes, byte[]> e : (forward ? range : range.descendingMap()).entrySet()) {
                    byte[] storeKey = e.getKey().get();
                    if (schema.keyInRange(storeKey, keyFrom, keyTo) && filter.test(storeKey)) {
                        out.add(KeyValue.pair(e.getKey(), e.getValue()));
                    }
                }
            }
        }
        return new SnapshotIterator(out);
    }

    @Override
    public Comparator<Bytes> order() {
        return schema.timeOrder();
    }

    @Override
    public void flush() {
        // Every write is already in the map.
    }

    /** Drops the content and closes the store. Safe to call twice. */
    @Override
    public void close() {
        open = false;
        byTime.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("state store '" + name + "' is not open");
        }
    }

    /** Iterates over a copied list, and fails once the store is closed. */
    private final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
        private final List<KeyValue<Bytes, byte[]>> entries;
        private int next;
        private boolean closed;

        SnapshotIterator(List<KeyValue<Bytes, byte[]>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                throw new InvalidStateStoreException("this iterator of state store '" + name + "' is closed");
            }
            checkOpen();
            return next < entries.size();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more entries in this iterator of state store '" + name + "'");
            }
            return entries.get(next++);
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more entries in this iterator of state store '" + name + "'");
            }
            return entries.get(next).key;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
