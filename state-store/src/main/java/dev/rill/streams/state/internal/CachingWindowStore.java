package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching layer of a window store: puts go to the task's {@link StoreCache} under their store key
 * {@code [key][window start][0]} and reach the store beneath, and the {@link CachingKeyValueStore.FlushListener}
 * (which receives that store key), only on flush (every commit) or eviction, so a window updated many
 * times between commits is written once, with its latest value. Reads merge the cache over the store
 * beneath in the latter's order, the cache winning; cached windows that have expired are hidden, and a
 * put into an expired window is dropped and counted here. Not used with {@code retainDuplicates}, whose
 * puts never overwrite each other.
 */
final class CachingWindowStore extends WrappedWindowBytesStore {
    private static final Logger LOG = LoggerFactory.getLogger(CachingWindowStore.class);
    private static final StoreKeySchema SCHEMA = StoreKeySchema.WINDOW;

    private final long windowSize;
    private final long retentionPeriod;
    private final Comparator<Bytes> order;
    private final CacheBinding binding = new CacheBinding();
    private long ownStreamTime = -1;
    private long dropped;
    private boolean open;

    /**
     * @param inner the store the cache writes to
     * @param windowSize the window size, for the windows reported
     * @param retentionPeriod the retention, to hide and drop expired windows
     * @param segmentInterval the segment interval, for the order of a store that does not tell its own
     */
    CachingWindowStore(WindowStore<Bytes, byte[]> inner, long windowSize, long retentionPeriod, long segmentInterval) {
        super(Objects.requireNonNull(inner, "inner"));
        this.windowSize = windowSize;
        this.retentionPeriod = retentionPeriod;
        Comparator<Bytes> innerOrder = StoreKeyOrdered.of(inner);
        this.order = innerOrder != null ? innerOrder : SCHEMA.segmentOrder(segmentInterval);
    }

    /**
     * Sets who is told of every window the cache writes to the store beneath: its store key
     * {@code [key][window start: 8][0: 4]}, the value written ({@code null} for a deletion), the value the
     * store held and the timestamp of the record that made the write.
     *
     * @param listener the listener, or {@code null} for none
     */
    void setFlushListener(CachingKeyValueStore.FlushListener listener) {
        setFlushListener(listener, true);
    }

    /**
     * Like {@link #setFlushListener(CachingKeyValueStore.FlushListener)}, for a DSL operator that forwards
     * from the listener: deleting an entry the store beneath does not hold is then neither written nor
     * told, and the replaced value is read only if asked for.
     *
     * @param listener the listener, or {@code null} for none
     * @param sendOldValues whether the listener needs the replaced values
     */
    void setFlushListener(CachingKeyValueStore.FlushListener listener, boolean sendOldValues) {
        binding.setFlushListener(listener, sendOldValues);
    }

    /** @return the window size in milliseconds, to report windows */
    long windowSize() {
        return windowSize;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        binding.open(name(), context, new StoreCache.Backing() {
            @Override
            public byte[] get(Bytes storeKey) {
                return inner.fetch(Bytes.wrap(SCHEMA.key(storeKey.get())), SCHEMA.time(storeKey.get()));
            }

            @Override
            public void put(Bytes storeKey, byte[] value) {
                inner.put(Bytes.wrap(SCHEMA.key(storeKey.get())), value, SCHEMA.time(storeKey.get()));
            }
        });
        open = true;
    }

    @Override
    public boolean isOpen() {
        return open && inner.isOpen();
    }

    @Override
    public long droppedExpiredRecords() {
        return dropped + super.droppedExpiredRecords();
    }

    @Override
    public long observedStreamTime() {
        return Math.max(ownStreamTime, super.observedStreamTime());
    }

    @Override
    public Comparator<Bytes> storeKeyOrder() {
        return order;
    }

    private long minLiveTime() {
        return SegmentedBytesStore.minLiveTime(observedStreamTime(), retentionPeriod);
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        Objects.requireNonNull(key, () -> "key must not be null (state store '" + name() + "')");
        checkOpen();
        if (windowStartTimestamp < 0) {
            throw new IllegalArgumentException("window start must not be negative (state store '" + name() + "'), was "
                + windowStartTimestamp);
        }
        ownStreamTime = Math.max(ownStreamTime, windowStartTimestamp);
        if (windowStartTimestamp < minLiveTime()) {
            dropped++;
            LOG.debug("State store '{}' dropped a write for window start {}: expired, the stream time is {}",
                name(), windowStartTimestamp, observedStreamTime());
            return;
        }
        long timestamp = binding.currentRecordTimestamp();
        binding.cache().put(name(), SCHEMA.toStoreKey(key.get(), windowStartTimestamp, 0), value, timestamp);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        Objects.requireNonNull(key, () -> "key must not be null (state store '" + name() + "')");
        checkOpen();
        if (time < minLiveTime()) {
            return null;
        }
        StoreCache.Entry cached = binding.cache().get(name(), SCHEMA.toStoreKey(key.get(), time, 0));
        return cached != null ? cached.value() : inner.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return single(key, timeFrom, timeTo, true);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return single(key, timeFrom, timeTo, false);
    }

    private WindowStoreIterator<byte[]> single(Bytes key, long timeFrom, long timeTo, boolean forward) {
        Objects.requireNonNull(key, () -> "key must not be null (state store '" + name() + "')");
        checkOpen();
        byte[] k = key.get();
        // The store beneath may not have seen the latest stream time yet (it is in the cache): clamp for it.
        long from = Math.max(timeFrom, minLiveTime());
        List<KeyValue<Bytes, StoreCache.Entry>> cached = CachedStoreKeys.search(binding.cache(), name(), SCHEMA, k, k,
            from, timeTo, any -> true, order, forward);
        WindowStoreIterator<byte[]> stored = forward ? inner.fetch(key, from, timeTo) : inner.backwardFetch(key, from, timeTo);
        KeyValueIterator<Bytes, byte[]> storeKeys = new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return stored.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                KeyValue<Long, byte[]> next = stored.next();
                return KeyValue.pair(SCHEMA.toStoreKey(k, next.key, 0), next.value);
            }

            @Override
            public Bytes peekNextKey() {
                return SCHEMA.toStoreKey(k, stored.peekNextKey(), 0);
            }

            @Override
            public void close() {
                stored.close();
            }
        };
        return new SegmentedWindowStore.WindowStoreIteratorAdapter(CachedStoreKeys.merge(cached, storeKeys, order, forward));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return range(keyFrom, keyTo, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return range(keyFrom, keyTo, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return range(null, null, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return range(null, null, 0, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return range(null, null, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return range(null, null, timeFrom, timeTo, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> range(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo, boolean forward) {
        checkOpen();
        long from = Math.max(timeFrom, minLiveTime());
        List<KeyValue<Bytes, StoreCache.Entry>> cached = CachedStoreKeys.search(binding.cache(), name(), SCHEMA,
            keyFrom == null ? null : keyFrom.get(), keyTo == null ? null : keyTo.get(), from, timeTo, any -> true, order, forward);
        KeyValueIterator<Windowed<Bytes>, byte[]> stored;
        if (keyFrom == null && keyTo == null) {
            stored = forward ? inner.fetchAll(from, timeTo) : inner.backwardFetchAll(from, timeTo);
        } else {
            stored = forward ? inner.fetch(keyFrom, keyTo, from, timeTo) : inner.backwardFetch(keyFrom, keyTo, from, timeTo);
        }
        KeyValueIterator<Bytes, byte[]> storeKeys = new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return stored.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                KeyValue<Windowed<Bytes>, byte[]> next = stored.next();
                return KeyValue.pair(SCHEMA.toStoreKey(next.key.key().get(), next.key.window().start(), 0), next.value);
            }

            @Override
            public Bytes peekNextKey() {
                Windowed<Bytes> w = stored.peekNextKey();
                return SCHEMA.toStoreKey(w.key().get(), w.window().start(), 0);
            }

            @Override
            public void close() {
                stored.close();
            }
        };
        return new SegmentedWindowStore.WindowedIterator(CachedStoreKeys.merge(cached, storeKeys, order, forward), windowSize);
    }

    /** Writes the dirty windows to the store beneath, in the order of their last update, then flushes it. */
    @Override
    public void flush() {
        checkOpen();
        binding.cache().flush(name());
        inner.flush();
    }

    /** Flushes, leaves the cache and closes the store beneath, which is closed even if flushing fails. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            binding.cache().flush(name());
        } finally {
            try {
                binding.cache().remove(name());
            } finally {
                inner.close();
            }
        }
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("state store '" + name() + "' is not open");
        }
    }
}
