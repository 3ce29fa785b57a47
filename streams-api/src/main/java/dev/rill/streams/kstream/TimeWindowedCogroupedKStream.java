package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.WindowStore;

/**
 * Cogrouped streams cut into time windows ({@link TimeWindows} or {@link SlidingWindows}), ready to be
 * aggregated into one row per key and window. {@code null} values reach the aggregators; records with a
 * {@code null} key are dropped and counted.
 *
 * <p>All inputs share the task's stream time: a record is late, dropped and counted once its window's
 * end plus grace is at or before the largest timestamp the task has seen on any input. Each result row
 * carries the largest timestamp of the records aggregated into its window.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
@Stable
public interface TimeWindowedCogroupedKStream<K, V> {

    /**
     * @param initializer the starting aggregate of a window
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if {@code initializer} is {@code null}
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer);

    /**
     * @param initializer the starting aggregate of a window
     * @param named the base name of the aggregating nodes
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named);

    /**
     * @param initializer the starting aggregate of a window
     * @param materialized the window store of the aggregates
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the window size plus grace
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a window
     * @param named the base name of the aggregating nodes
     * @param materialized the window store of the aggregates
     * @return a table of the aggregate per key and window
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the retention is shorter than the window size plus grace
     */
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
