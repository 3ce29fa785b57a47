package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * What the caching layers of window and session stores share: taking the cached entries of a search (by
 * store key, {@link StoreKeySchema}) in the order of the store beneath, and merging them with that store's
 * own results. On equal store keys the cache wins, and a cached deletion hides the entry.
 */
final class CachedStoreKeys {
    private CachedStoreKeys() {
    }

    /**
     * @param cache the task's cache
     * @param namespace the store's namespace in it
     * @param schema the store key layout
     * @param keyFrom the lowest record key, or {@code null}
     * @param keyTo the highest record key, or {@code null}
     * @param timeFrom the earliest segment time, inclusive (already clamped to the live range)
     * @param timeTo the latest segment time, inclusive
     * @param filter a further condition on store keys
     * @param order the order of the store beneath
     * @param forward whether to list in {@code order} or its reverse
     * @return a copy of the matching cached entries, tombstones included, sorted
     */
    static List<KeyValue<Bytes, StoreCache.Entry>> search(StoreCache cache, String namespace, StoreKeySchema schema,
                                                          byte[] keyFrom, byte[] keyTo, long timeFrom, long timeTo,
                                                          Predicate<byte[]> filter, Comparator<Bytes> order, boolean forward) {
        if (timeFrom > timeTo || (keyFrom != null && keyTo != null && Bytes.wrap(keyFrom).compareTo(Bytes.wrap(keyTo)) > 0)) {
            return List.of();
        }
        boolean single = keyFrom != null && keyTo != null && Bytes.wrap(keyFrom).equals(Bytes.wrap(keyTo));
        Bytes lower = schema.lowerBound(keyFrom, single, schema.suffix(timeFrom, 0));
        Bytes upper = schema.upperBound(keyFrom, keyTo, single, schema.suffix(timeTo, -1L));
        List<KeyValue<Bytes, StoreCache.Entry>> out = new ArrayList<>();
        for (KeyValue<Bytes, StoreCache.Entry> e : cache.snapshot(namespace, lower, upper, true, false)) {
            byte[] k = e.key.get();
            long time = schema.time(k);
            if (time >= timeFrom && time <= timeTo && schema.keyInRange(k, keyFrom, keyTo) && filter.test(k)) {
                out.add(e);
            }
        }
        out.sort((a, b) -> order.compare(a.key, b.key));
        if (!forward) {
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * @param cached the cached entries, in the iteration order
     * @param store the store's own results as store keys, in the same order
     * @param order the store's order
     * @param forward whether the order is {@code order} or its reverse
     * @return the merge; closing it closes {@code store}
     */
    static KeyValueIterator<Bytes, byte[]> merge(List<KeyValue<Bytes, StoreCache.Entry>> cached,
                                                 KeyValueIterator<Bytes, byte[]> store, Comparator<Bytes> order,
                                                 boolean forward) {
        return new Merged(cached, store, forward ? order : order.reversed());
    }

    private static final class Merged implements KeyValueIterator<Bytes, byte[]> {
        private final List<KeyValue<Bytes, StoreCache.Entry>> cached;
        private final KeyValueIterator<Bytes, byte[]> store;
        private final Comparator<Bytes> order;
        private int cachedPos;
        private KeyValue<Bytes, byte[]> next;

        Merged(List<KeyValue<Bytes, StoreCache.Entry>> cached, KeyValueIterator<Bytes, byte[]> store, Comparator<Bytes> order) {
            this.cached = cached;
            this.store = store;
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
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
            next = null;
            store.close();
        }

        private KeyValue<Bytes, byte[]> advance() {
            while (true) {
                boolean haveCached = cachedPos < cached.size();
                boolean haveStored = store.hasNext();
                if (!haveCached && !haveStored) {
                    return null;
                }
                if (haveStored) {
                    int cmp = haveCached ? order.compare(cached.get(cachedPos).key, store.peekNextKey()) : 1;
                    if (cmp > 0) {
                        return store.next();
                    }
                    if (cmp == 0) {
                        store.next();   // the cache holds the newer value, or a deletion
                    }
                }
                KeyValue<Bytes, StoreCache.Entry> c = cached.get(cachedPos++);
                if (c.value.value() != null) {
                    return KeyValue.pair(c.key, c.value.value());
                }
            }
        }
    }
}
