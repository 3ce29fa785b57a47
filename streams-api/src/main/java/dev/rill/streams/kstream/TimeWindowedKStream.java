package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.WindowStore;

/**
 * A grouped stream cut into time windows ({@link TimeWindows} or {@link SlidingWindows}), ready to be
 * aggregated into a table with one row per key and window. A record later than its window's end plus
 * the grace period is dropped, logged at DEBUG and counted in the task's dropped-records metric.
 *
 * <p>Each result row carries the largest timestamp of the records aggregated into its window. By
 * default every update of a window is emitted; {@link #emitStrategy(EmitStrategy)} with
 * {@link EmitStrategy#onWindowClose()} emits each window once, when it closes.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface TimeWindowedKStream<K, V> {

    /** @return a table of the number of records per key and window */
    KTable<Windowed<K>, Long> count();

    /**
     * @param named the name of the aggregating node
     * @return a table of the number of records per key and window
     * @throws NullPointerException if {@code named} is {@code null}
     */
    KTable<Windowed<K>, Long> count(Named named);

    /**
     * @param materialized the window store of the counts
     * @return a table of the number of records per key and window
     * @throws NullPointerException if {@code materialized} is {@code null}
     * @throws IllegalArgumentException if its retention is shorter than the window size plus grace
     */
    KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param named the name of the aggregating node
     * @param materialized the window store of the counts
     * @return a table of the number of records per key and window
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the window size plus grace
     */
    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a window
     * @param aggregator folds one value into the aggregate
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    /**
     * @param initializer the starting aggregate of a window
     * @param aggregator folds one value into the aggregate
     * @param named the name of the aggregating node
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named);

    /**
     * @param initializer the starting aggregate of a window
     * @param aggregator folds one value into the aggregate
     * @param materialized the window store of the aggregates
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the window size plus grace
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a window
     * @param aggregator folds one value into the aggregate
     * @param named the name of the aggregating node
     * @param materialized the window store of the aggregates
     * @param <VR> aggregate type
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the window size plus grace
     */
    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                           Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines the aggregate and a new value
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if {@code reducer} is {@code null}
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    /**
     * @param reducer combines the aggregate and a new value
     * @param named the name of the aggregating node
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    /**
     * @param reducer combines the aggregate and a new value
     * @param materialized the window store of the aggregates
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the window size plus grace
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines the aggregate and a new value
     * @param named the name of the aggregating node
     * @param materialized the window store of the aggregates
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the window size plus grace
     */
    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    /**
     * Chooses when results are emitted: on every update of a window (the default) or once per window,
     * when it closes (end plus grace reached by stream time).
     *
     * @param emitStrategy the strategy
     * @return this windowed stream, for the aggregation that follows
     * @throws NullPointerException if {@code emitStrategy} is {@code null}
     */
    TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);
}
