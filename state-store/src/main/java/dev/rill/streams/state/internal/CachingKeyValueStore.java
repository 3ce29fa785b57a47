package dev.rill.streams.state.internal;

import dev.rill.common.serialization.Serializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The caching layer of a key-value store: writes go to the task's {@link StoreCache} as dirty entries
 * and reach the store beneath only when the store is flushed (at every commit) or when the cache needs
 * the room, so repeated updates of a key in between reach it, and the {@link FlushListener}, once.
 * Reads see the cache merged over the store beneath, the cache winning and its tombstones hiding keys.
 *
 * <p>Reads that miss the cache go to the store beneath and do not populate the cache (Kafka Streams
 * caches them as clean entries): a read-through copy would spend the shared budget, and so cause
 * evictions and early flushes of dirty entries, to save a lookup that for the in-memory store is as
 * cheap as the cache's and for RocksDB is served by its own block cache.
 */
final class CachingKeyValueStore extends WrappedKeyValueBytesStore {
    /**
     * The budget of the private cache used when the context is not a task's (a hand-written test
     * context): large enough to absorb repeated updates like a task's default cache would.
     */
    static final long DEFAULT_PRIVATE_CACHE_BYTES = 10L * 1024 * 1024;

    private static final FlushListener NO_LISTENER = (key, newValue, oldValue, timestamp) -> { };

    private StoreCache cache;
    private String namespace;
    private StoreTaskContext taskContext;
    private FlushListener listener = NO_LISTENER;
    private boolean readOldValues;
    private boolean forwarding;
    private boolean open;

    /**
     * @param inner the store the cache writes to
     */
    CachingKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
        super(Objects.requireNonNull(inner, "inner"));
    }

    /**
     * Sets who is told of every entry the cache writes to the store beneath (on flush or eviction): the
     * latest value per key since the previous write, the value it replaces and the timestamp of the
     * record that wrote it. Replaces any previous listener.
     *
     * @param listener the listener, or {@code null} for none
     */
    public void setFlushListener(FlushListener listener) {
        setFlushListener(listener, true);
    }

    /**
     * Like {@link #setFlushListener(FlushListener)}, choosing whether the listener needs the replaced
     * values (each costs a lookup in the store beneath).
     *
     * @param listener the listener, or {@code null} for none
     * @param sendOldValues whether the listener is given the value each write replaces; if not, it gets {@code null}
     */
    public void setFlushListener(FlushListener listener, boolean sendOldValues) {
        this.listener = listener == null ? NO_LISTENER : listener;
        this.readOldValues = listener != null && sendOldValues;
        this.forwarding = listener != null;
        if (cache != null) {
            cache.readOldValues(namespace, readOldValues);
            cache.forwarding(namespace, forwarding);
        }
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        StoreCache taskCache = null;
        if (context instanceof StoreTaskContext stc) {
            taskContext = stc;
            taskCache = stc.cache();
        }
        // Without a task's cache, a private one keeps caching semantics (fewer, later writes and
        // listener calls) so that the store behaves the same in tests as in a task.
        cache = taskCache != null ? taskCache : new StoreCache(DEFAULT_PRIVATE_CACHE_BYTES);
        namespace = name();
        // Through a lambda so that setFlushListener works before and after init alike.
        StoreTaskContext scopeContext = taskContext;
        cache.register(namespace, inner, (key, newValue, oldValue, timestamp) ->
                listener.apply(key, newValue, oldValue, timestamp),
            (timestamp, write) -> {
                if (scopeContext != null) {
                    scopeContext.withRecordTimestamp(timestamp, write);
                } else {
                    write.run();
                }
            });
        cache.readOldValues(namespace, readOldValues);
        cache.forwarding(namespace, forwarding);
        open = true;
    }

    @Override
    public boolean isOpen() {
        return open && inner.isOpen();
    }

    @Override
    public byte[] get(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        checkOpen();
        return getInternal(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        Objects.requireNonNull(key, "key must not be null");
        checkOpen();
        cache.put(namespace, key, value, timestamp());
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        Objects.requireNonNull(key, "key must not be null");
        checkOpen();
        byte[] existing = getInternal(key);
        // Putting null into an absent key would only cache a pointless tombstone.
        if (existing == null && value != null) {
            cache.put(namespace, key, value, timestamp());
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        Objects.requireNonNull(entries, "entries must not be null");
        checkOpen();
        // Check every key first so that a null key fails the call before anything is written.
        for (KeyValue<Bytes, byte[]> entry : entries) {
            Objects.requireNonNull(entry.key, "key must not be null");
        }
        long timestamp = timestamp();
        for (KeyValue<Bytes, byte[]> entry : entries) {
            cache.put(namespace, entry.key, entry.value, timestamp);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        Objects.requireNonNull(key, "key must not be null");
        checkOpen();
        byte[] old = getInternal(key);
        // Cached as a tombstone even if the key was absent, as Kafka Streams does: the flush listener
        // (and so downstream) still learns of the deletion.
        cache.delete(namespace, key, timestamp());
        return old;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        checkOpen();
        if (isEmptyRange(from, to)) {
            return new MergedIterator(List.of(), null, false);
        }
        return new MergedIterator(cache.snapshot(namespace, from, to, true, false), inner.range(from, to), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        checkOpen();
        if (isEmptyRange(from, to)) {
            return new MergedIterator(List.of(), null, true);
        }
        return new MergedIterator(cache.snapshot(namespace, from, to, true, true),
                inner.reverseRange(from, to), true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        checkOpen();
        return new MergedIterator(cache.snapshot(namespace, null, null, true, false), inner.all(), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        checkOpen();
        return new MergedIterator(cache.snapshot(namespace, null, null, true, true), inner.reverseAll(), true);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer must not be null");
        checkOpen();
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        // Keys starting with the prefix lie in [prefix, increment(prefix)); no bound if there is none.
        Bytes toExclusive = Bytes.increment(from);
        List<KeyValue<Bytes, StoreCache.Entry>> cached = cache.snapshot(namespace, from, toExclusive, false, false);
        return new MergedIterator(cached, inner.prefixScan(prefix, prefixKeySerializer), false);
    }

    /**
     * An estimate: the store beneath's count plus the dirty entries not yet written to it. Dirty
     * entries for keys the store already holds, and dirty deletions, are counted twice or wrongly, as
     * the exact figure would need a lookup per dirty key.
     */
    @Override
    public long approximateNumEntries() {
        checkOpen();
        long sum = inner.approximateNumEntries() + cache.dirtyCount(namespace);
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Writes the dirty entries to the store beneath, in the order of their last update, then flushes it. */
    @Override
    public void flush() {
        checkOpen();
        cache.flush(namespace);
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
            cache.flush(namespace);
        } finally {
            try {
                cache.remove(namespace);
            } finally {
                inner.close();
            }
        }
    }

    private byte[] getInternal(Bytes key) {
        StoreCache.Entry cached = cache.get(namespace, key);
        if (cached != null) {
            return cached.value();
        }
        return inner.get(key);
    }

    private long timestamp() {
        return taskContext != null ? taskContext.currentRecordTimestamp() : 0L;
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("store " + name() + " is not open");
        }
    }

    private static boolean isEmptyRange(Bytes from, Bytes to) {
        return from != null && to != null && from.compareTo(to) > 0;
    }

    /**
     * Told of every entry the cache writes to the store beneath. Stateful DSL operators forward from
     * here, so that downstream sees only the latest value per key per commit.
     */
    @FunctionalInterface
    public interface FlushListener {
        /**
         * @param key the key
         * @param newValue the value written, or {@code null} for a deletion
         * @param oldValue the value the store beneath held before, or {@code null} if none
         * @param timestamp the timestamp of the record that made the latest write
         */
        void apply(Bytes key, byte[] newValue, byte[] oldValue, long timestamp);
    }

    /**
     * The cache's entries merged with the store's own iterator, both in the same direction: on equal
     * keys the cache wins, and a cached tombstone hides the key altogether.
     */
    private static final class MergedIterator implements KeyValueIterator<Bytes, byte[]> {
        private final List<KeyValue<Bytes, StoreCache.Entry>> cached;
        private final KeyValueIterator<Bytes, byte[]> store;
        private final boolean descending;
        private int cachedPos;
        private KeyValue<Bytes, byte[]> next;
        private boolean closed;

        MergedIterator(List<KeyValue<Bytes, StoreCache.Entry>> cached, KeyValueIterator<Bytes, byte[]> store,
                       boolean descending) {
            this.cached = cached;
            this.store = store;
            this.descending = descending;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !closed) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> result = next;
            next = null;
            return result;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            closed = true;
            next = null;
            if (store != null) {
                store.close();
            }
        }

        /** @return the next visible entry, or {@code null} at the end */
        private KeyValue<Bytes, byte[]> advance() {
            while (true) {
                boolean haveCached = cachedPos < cached.size();
                boolean haveStored = store != null && store.hasNext();
                if (!haveCached && !haveStored) {
                    return null;
                }
                if (!haveStored) {
                    KeyValue<Bytes, StoreCache.Entry> c = cached.get(cachedPos++);
                    if (c.value.value() != null) {
                        return new KeyValue<>(c.key, c.value.value());
                    }
                    continue;
                }
                if (!haveCached) {
                    return store.next();
                }
                Bytes cachedKey = cached.get(cachedPos).key;
                int cmp = cachedKey.compareTo(store.peekNextKey());
                if (descending) {
                    cmp = -cmp;
                }
                if (cmp > 0) {
                    return store.next();
                }
                if (cmp == 0) {
                    // The cache holds the newer value (or deletion) of this key.
                    store.next();
                }
                KeyValue<Bytes, StoreCache.Entry> c = cached.get(cachedPos++);
                if (c.value.value() != null) {
                    return new KeyValue<>(c.key, c.value.value());
                }
            }
        }
    }
}
