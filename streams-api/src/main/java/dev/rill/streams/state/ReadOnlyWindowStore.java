package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Read access to a window store: values by key and window start time. Time bounds are window start
 * times in milliseconds since the epoch and are inclusive at both ends; a window whose start is at or
 * before {@code observedStreamTime - retentionPeriod} has expired and is never returned, whatever the
 * lower bound asked for. A {@code null} key bound is open.
 *
 * <p>Order: fetches of one key are by window start, ascending ({@code backward...} variants:
 * descending). Fetches over several keys differ by store kind, as in Kafka Streams: a RocksDB store
 * returns one time segment after the other (segment of {@code segmentIntervalMs}), within a segment by
 * serialized key bytes (unsigned) then window start; an in-memory store returns by window start, then
 * serialized key. Backward variants return the exact reverse.
 *
 * <p>Iterators hold resources: close them, best with try-with-resources.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface ReadOnlyWindowStore<K, V> {

    /**
     * @param key the key, not {@code null}
     * @param time the window start, in milliseconds since the epoch
     * @return the value of the key's window starting exactly at {@code time}, or {@code null} if there is
     *     none or it has expired
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    V fetch(K key, long time);

    /**
     * The windows of one key with {@code timeFrom <= start <= timeTo}, by start ascending.
     *
     * @param key the key, not {@code null}
     * @param timeFrom the earliest window start, inclusive
     * @param timeTo the latest window start, inclusive
     * @return an iterator of (window start, value); close it after use
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo);

    /**
     * As {@link #fetch(Object, Instant, Instant)}, by start descending.
     *
     * @param key the key, not {@code null}
     * @param timeFrom the earliest window start, inclusive
     * @param timeTo the latest window start, inclusive
     * @return an iterator of (window start, value); close it after use
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo);

    /**
     * The windows of keys {@code keyFrom <= key <= keyTo} (serialized, unsigned byte order) with
     * {@code timeFrom <= start <= timeTo}, in the store kind's order (see the class comment). Empty if
     * {@code keyFrom} is after {@code keyTo}.
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param timeFrom the earliest window start, inclusive
     * @param timeTo the latest window start, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws NullPointerException if an instant is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo);

    /**
     * As {@link #fetch(Object, Object, Instant, Instant)}, in exactly the reverse order.
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param timeFrom the earliest window start, inclusive
     * @param timeTo the latest window start, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws NullPointerException if an instant is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo);

    /**
     * @return every window that has not expired, in the store kind's order; close the iterator after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> all();

    /**
     * @return every window that has not expired, in the reverse of {@link #all()}'s order; close the
     *     iterator after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> backwardAll();

    /**
     * The windows of every key with {@code timeFrom <= start <= timeTo}, in the store kind's order.
     *
     * @param timeFrom the earliest window start, inclusive
     * @param timeTo the latest window start, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws NullPointerException if an instant is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo);

    /**
     * As {@link #fetchAll(Instant, Instant)}, in exactly the reverse order.
     *
     * @param timeFrom the earliest window start, inclusive
     * @param timeTo the latest window start, inclusive
     * @return an iterator of (windowed key, value); close it after use
     * @throws NullPointerException if an instant is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo);
}
