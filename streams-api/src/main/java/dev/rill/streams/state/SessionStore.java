package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import java.time.Instant;

/**
 * A store of aggregates by key and session window: what session-windowed aggregations keep. Sessions
 * expire by stream time: the store's observed stream time is the largest session end put so far, and a
 * session whose end is at or before {@code observedStreamTime - retentionPeriod} has expired. A put of an
 * expired session is dropped (and counted); reads never return expired sessions. Bounds and orders are
 * those of {@link ReadOnlySessionStore}. Not thread-safe: a store belongs to one task.
 *
 * @param <K> key type
 * @param <AGG> aggregate type
 */
@Stable
public interface SessionStore<K, AGG> extends StateStore, ReadOnlySessionStore<K, AGG> {

    /**
     * Puts the aggregate of a session, replacing any for the same key, start and end.
     *
     * @param sessionKey the key and its session window, the key not {@code null}
     * @param aggregate the aggregate; {@code null} removes the session
     * @throws NullPointerException if the session key or its key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    void put(Windowed<K> sessionKey, AGG aggregate);

    /**
     * Removes a session.
     *
     * @param sessionKey the key and its session window, the key not {@code null}
     * @throws NullPointerException if the session key or its key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    void remove(Windowed<K> sessionKey);

    /**
     * The sessions of every key whose end lies in {@code [earliestSessionEndTime, latestSessionEndTime]}
     * (both inclusive), in the store kind's order: what emitting closed sessions needs.
     *
     * @param earliestSessionEndTime the earliest session end, inclusive, in epoch milliseconds
     * @param latestSessionEndTime the latest session end, inclusive, in epoch milliseconds
     * @return an iterator of (windowed key, aggregate); close it after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime);

    @Override
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return findSessions(key, StoreInstants.millis(earliestSessionEndTime, "earliestSessionEndTime"),
            StoreInstants.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return backwardFindSessions(key, StoreInstants.millis(earliestSessionEndTime, "earliestSessionEndTime"),
            StoreInstants.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return findSessions(keyFrom, keyTo, StoreInstants.millis(earliestSessionEndTime, "earliestSessionEndTime"),
            StoreInstants.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return backwardFindSessions(keyFrom, keyTo, StoreInstants.millis(earliestSessionEndTime, "earliestSessionEndTime"),
            StoreInstants.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default AGG fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime) {
        return fetchSession(key, StoreInstants.millis(sessionStartTime, "sessionStartTime"),
            StoreInstants.millis(sessionEndTime, "sessionEndTime"));
    }
}
