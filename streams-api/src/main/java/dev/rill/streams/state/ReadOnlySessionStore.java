package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Read access to a session store: aggregates by key and session window {@code [start, end]} (both
 * inclusive, in milliseconds since the epoch). A session whose end is at or before
 * {@code observedStreamTime - retentionPeriod} has expired and is never returned. A {@code null} key
 * bound is open; a {@code null} single key is an error.
 *
 * <p>Order: sessions of one key are by end, then start, ascending ({@code backward...} variants:
 * descending). Over several keys the order differs by store kind, as in Kafka Streams: a RocksDB store
 * returns one time segment (by session end) after the other, within a segment by serialized key bytes
 * (unsigned), then end, then start; an in-memory store returns by end, then serialized key, then start.
 * Backward variants return the exact reverse.
 *
 * <p>Iterators hold resources: close them, best with try-with-resources.
 *
 * @param <K> key type
 * @param <AGG> aggregate type
 */
@Stable
public interface ReadOnlySessionStore<K, AGG> {

    /**
     * The sessions of a key that end at or after {@code earliestSessionEndTime} and start at or before
     * {@code latestSessionStartTime}: those that overlap or touch {@code [earliestSessionEndTime,
     * latestSessionStartTime]}, as session merging needs. By end, then start, ascending.
     *
     * @param key the key, not {@code null}
     * @param earliestSessionEndTime the earliest session end, inclusive, in epoch milliseconds
     * @param latestSessionStartTime the latest session start, inclusive, in epoch milliseconds
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime);

    /**
     * As {@link #findSessions(Object, long, long)}, with instants.
     *
     * @param key the key, not {@code null}
     * @param earliestSessionEndTime the earliest session end, inclusive
     * @param latestSessionStartTime the latest session start, inclusive
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime);

    /**
     * As {@link #findSessions(Object, long, long)}, in exactly the reverse order.
     *
     * @param key the key, not {@code null}
     * @param earliestSessionEndTime the earliest session end, inclusive, in epoch milliseconds
     * @param latestSessionStartTime the latest session start, inclusive, in epoch milliseconds
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime, long latestSessionStartTime);

    /**
     * As {@link #backwardFindSessions(Object, long, long)}, with instants.
     *
     * @param key the key, not {@code null}
     * @param earliestSessionEndTime the earliest session end, inclusive
     * @param latestSessionStartTime the latest session start, inclusive
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime);

    /**
     * As {@link #findSessions(Object, long, long)}, for keys {@code keyFrom <= key <= keyTo}, in the store
     * kind's order (see the class comment). Empty if {@code keyFrom} is after {@code keyTo}.
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param earliestSessionEndTime the earliest session end, inclusive, in epoch milliseconds
     * @param latestSessionStartTime the latest session start, inclusive, in epoch milliseconds
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime);

    /**
     * As {@link #findSessions(Object, Object, long, long)}, with instants.
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param earliestSessionEndTime the earliest session end, inclusive
     * @param latestSessionStartTime the latest session start, inclusive
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws NullPointerException if an instant is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime);

    /**
     * As {@link #findSessions(Object, Object, long, long)}, in exactly the reverse order.
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param earliestSessionEndTime the earliest session end, inclusive, in epoch milliseconds
     * @param latestSessionStartTime the latest session start, inclusive, in epoch milliseconds
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime);

    /**
     * As {@link #backwardFindSessions(Object, Object, long, long)}, with instants.
     *
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @param earliestSessionEndTime the earliest session end, inclusive
     * @param latestSessionStartTime the latest session start, inclusive
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws NullPointerException if an instant is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime);

    /**
     * @param key the key, not {@code null}
     * @param sessionStartTime the session's start, in epoch milliseconds
     * @param sessionEndTime the session's end, in epoch milliseconds
     * @return the aggregate of exactly that session, or {@code null} if there is none or it has expired
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    AGG fetchSession(K key, long sessionStartTime, long sessionEndTime);

    /**
     * As {@link #fetchSession(Object, long, long)}, with instants.
     *
     * @param key the key, not {@code null}
     * @param sessionStartTime the session's start
     * @param sessionEndTime the session's end
     * @return the aggregate of exactly that session, or {@code null}
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if an instant does not fit in epoch milliseconds
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    AGG fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime);

    /**
     * @param key the key, not {@code null}
     * @return every live session of the key, by end, then start, ascending; close the iterator after use
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> fetch(K key);

    /**
     * @param key the key, not {@code null}
     * @return every live session of the key, by end, then start, descending; close the iterator after use
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key);

    /**
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @return every live session of those keys, in the store kind's order; close the iterator after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo);

    /**
     * @param keyFrom the lowest key, inclusive, or {@code null} for no lower bound
     * @param keyTo the highest key, inclusive, or {@code null} for no upper bound
     * @return every live session of those keys, in the reverse of {@link #fetch(Object, Object)}'s order;
     *     close the iterator after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo);
}
