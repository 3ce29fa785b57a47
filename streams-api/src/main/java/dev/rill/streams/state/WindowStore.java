package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import java.time.Instant;

/**
 * A store of values by key and window start: what windowed aggregations and stream-stream joins keep.
 * Windows expire by stream time: the store's observed stream time is the largest window start put so
 * far, and a window whose start is at or before {@code observedStreamTime - retentionPeriod} has expired.
 * A put into an expired window is dropped (and counted); fetches never return expired windows. Bounds
 * and orders are those of {@link ReadOnlyWindowStore}. Not thread-safe: a store belongs to one task.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {

    /**
     * Puts the value of a key's window. A {@code null} value deletes the window (with
     * {@code retainDuplicates}, it writes nothing). With {@code retainDuplicates}, every put is kept.
     *
     * @param key the key, not {@code null}
     * @param value the value, or {@code null} to delete
     * @param windowStartTimestamp the window start in milliseconds since the epoch, not negative
     * @throws NullPointerException if the key is {@code null}
     * @throws IllegalArgumentException if the window start is negative
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    void put(K key, V value, long windowStartTimestamp);

    /**
     * The windows of one key with {@code timeFrom <= start <= timeTo}, by start ascending.
     *
     * @param key the key, not {@code null}
     * @param timeFrom the earliest window start in epoch milliseconds, inclusive
     * @param timeTo the latest window start in epoch milliseconds, inclusive
     * @return an iterator of (window start, value); close it after use
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    /**
     * As {@link #fetch(Object, long, long)}, by start descending.
     *
     * @param key the key, not {@code null}
     * @param timeFrom the earliest window start in epoch milliseconds, inclusive
     * @param timeTo the latest window start in epoch milliseconds, inclusive
     * @return an iterator of (window start, value); close it after use
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo);

    /**
     * The windows of keys {@code keyFrom <= key <= keyTo} with {@code timeFrom <= start <= timeTo}, in the
     * store kind's order (see {@link ReadOnlyWindowStore}).
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param timeFrom the earliest window start in epoch milliseconds, inclusive
     * @param timeTo the latest window start in epoch milliseconds, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    /**
     * As {@link #fetch(Object, Object, long, long)}, in exactly the reverse order.
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param timeFrom the earliest window start in epoch milliseconds, inclusive
     * @param timeTo the latest window start in epoch milliseconds, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    /**
     * The windows of every key with {@code timeFrom <= start <= timeTo}, in the store kind's order.
     *
     * @param timeFrom the earliest window start in epoch milliseconds, inclusive
     * @param timeTo the latest window start in epoch milliseconds, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    /**
     * As {@link #fetchAll(long, long)}, in exactly the reverse order.
     *
     * @param timeFrom the earliest window start in epoch milliseconds, inclusive
     * @param timeTo the latest window start in epoch milliseconds, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo);

    @Override
    default WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return fetch(key, StoreInstants.millis(timeFrom, "timeFrom"), StoreInstants.millis(timeTo, "timeTo"));
    }

    @Override
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return backwardFetch(key, StoreInstants.millis(timeFrom, "timeFrom"), StoreInstants.millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return fetch(keyFrom, keyTo, StoreInstants.millis(timeFrom, "timeFrom"), StoreInstants.millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return backwardFetch(keyFrom, keyTo, StoreInstants.millis(timeFrom, "timeFrom"), StoreInstants.millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return fetchAll(StoreInstants.millis(timeFrom, "timeFrom"), StoreInstants.millis(timeTo, "timeTo"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return backwardFetchAll(StoreInstants.millis(timeFrom, "timeFrom"), StoreInstants.millis(timeTo, "timeTo"));
    }
}
