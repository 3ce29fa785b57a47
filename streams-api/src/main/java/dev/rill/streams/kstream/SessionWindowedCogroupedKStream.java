package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.SessionStore;

/**
 * Cogrouped streams cut into sessions ({@link SessionWindows}): per key, records of any input closer
 * than the inactivity gap share a session, and the aggregates of sessions a record bridges are combined
 * by a {@link Merger}. {@code null} values reach the aggregators; records with a {@code null} key are
 * dropped and counted. All inputs share the task's stream time when deciding whether a record is late.
 * Each result row carries its session's end as timestamp.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
@Stable
public interface SessionWindowedCogroupedKStream<K, V> {

    /**
     * @param initializer the starting aggregate of a session
     * @param sessionMerger combines the aggregates of two merged sessions
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger);

    /**
     * @param initializer the starting aggregate of a session
     * @param sessionMerger combines the aggregates of two merged sessions
     * @param named the base name of the aggregating nodes
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named);

    /**
     * @param initializer the starting aggregate of a session
     * @param sessionMerger combines the aggregates of two merged sessions
     * @param materialized the session store of the aggregates
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the inactivity gap plus grace
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a session
     * @param sessionMerger combines the aggregates of two merged sessions
     * @param named the base name of the aggregating nodes
     * @param materialized the session store of the aggregates
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the inactivity gap plus grace
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
