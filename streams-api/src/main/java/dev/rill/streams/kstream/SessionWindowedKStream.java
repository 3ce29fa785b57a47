package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.SessionStore;

/**
 * A grouped stream cut into sessions ({@link SessionWindows}): per key, records closer than the
 * inactivity gap belong to one session, and a record that bridges two sessions merges them. Aggregates
 * of merged sessions are combined by a {@link Merger}. When a session grows or merges, its old windows
 * are deleted (a {@code null} update) before the new one is emitted. A record whose session would end
 * before stream time minus grace minus gap is dropped, logged at DEBUG and counted.
 *
 * <p>Each result row carries its session's end as timestamp.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface SessionWindowedKStream<K, V> {

    /** @return a table of the number of records per key and session */
    KTable<Windowed<K>, Long> count();

    /**
     * @param named the name of the aggregating node
     * @return a table of the number of records per key and session
     * @throws NullPointerException if {@code named} is {@code null}
     */
    KTable<Windowed<K>, Long> count(Named named);

    /**
     * @param materialized the window store of the counts
     * @return a table of the number of records per key and session
     * @throws NullPointerException if {@code materialized} is {@code null}
     * @throws IllegalArgumentException if its retention is shorter than the inactivity gap plus grace
     */
    KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param named the name of the aggregating node
     * @param materialized the window store of the counts
     * @return a table of the number of records per key and session
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the inactivity gap plus grace
     */
    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a session
     * @param aggregator folds one value into the aggregate
     * @param sessionMerger combines the aggregates of two sessions that a record merges
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger);

    /**
     * @param initializer the starting aggregate of a session
     * @param aggregator folds one value into the aggregate
     * @param sessionMerger combines the aggregates of two sessions that a record merges
     * @param named the name of the aggregating node
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named);

    /**
     * @param initializer the starting aggregate of a session
     * @param aggregator folds one value into the aggregate
     * @param sessionMerger combines the aggregates of two sessions that a record merges
     * @param materialized the window store of the aggregates
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the inactivity gap plus grace
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a session
     * @param aggregator folds one value into the aggregate
     * @param sessionMerger combines the aggregates of two sessions that a record merges
     * @param named the name of the aggregating node
     * @param materialized the window store of the aggregates
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the inactivity gap plus grace
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named,
                                           Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines the aggregate and a new value
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if {@code reducer} is {@code null}
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /**
     * @param reducer combines the aggregate and a new value
     * @param named the name of the aggregating node
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    /**
     * @param reducer combines the aggregate and a new value
     * @param materialized the window store of the aggregates
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the inactivity gap plus grace
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines the aggregate and a new value
     * @param named the name of the aggregating node
     * @param materialized the window store of the aggregates
     * @return a table of the aggregate per key and session
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the inactivity gap plus grace
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    /**
     * Chooses when results are emitted: on every update of a session (the default) or once per session,
     * when it closes (end plus gap plus grace reached by stream time).
     *
     * @param emitStrategy the strategy
     * @return this windowed stream, for the aggregation that follows
     * @throws NullPointerException if {@code emitStrategy} is {@code null}
     */
    SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);
}
