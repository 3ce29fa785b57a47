package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.KeyValueStore;

/**
 * A table re-grouped by a new key ({@code KTable.groupBy}), ready to be aggregated. Because a table
 * row can change and move between groups, every aggregation takes an adder and a subtractor: an
 * update subtracts the row's old value from its old group, then adds the new value to its new group.
 * Counts that fall to 0 stay as 0 rather than being deleted.
 *
 * @param <K> key type of the groups
 * @param <V> value type
 */
@Stable
public interface KGroupedTable<K, V> {

    /** @return a table of the number of rows per group */
    KTable<K, Long> count();

    /**
     * @param named the name of the aggregating node
     * @return a table of the number of rows per group
     * @throws NullPointerException if {@code named} is {@code null}
     */
    KTable<K, Long> count(Named named);

    /**
     * @param materialized the store of the counts
     * @return a table of the number of rows per group
     * @throws NullPointerException if {@code materialized} is {@code null}
     */
    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param named the name of the aggregating node
     * @param materialized the store of the counts
     * @return a table of the number of rows per group
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param adder adds a row's new value to its group's aggregate
     * @param subtractor takes a row's old value out of its group's aggregate
     * @return a table of the aggregate per group
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

    /**
     * @param adder adds a row's new value to its group's aggregate
     * @param subtractor takes a row's old value out of its group's aggregate
     * @param materialized the store of the aggregates
     * @return a table of the aggregate per group
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param adder adds a row's new value to its group's aggregate
     * @param subtractor takes a row's old value out of its group's aggregate
     * @param named the name of the aggregating node
     * @param materialized the store of the aggregates
     * @return a table of the aggregate per group
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a group
     * @param adder adds a row's new value to its group's aggregate
     * @param subtractor takes a row's old value out of its group's aggregate
     * @param <VR> aggregate type
     * @return a table of the aggregate per group
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor);

    /**
     * @param initializer the starting aggregate of a group
     * @param adder adds a row's new value to its group's aggregate
     * @param subtractor takes a row's old value out of its group's aggregate
     * @param named the name of the aggregating node
     * @param <VR> aggregate type
     * @return a table of the aggregate per group
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named);

    /**
     * @param initializer the starting aggregate of a group
     * @param adder adds a row's new value to its group's aggregate
     * @param subtractor takes a row's old value out of its group's aggregate
     * @param materialized the store of the aggregates
     * @param <VR> aggregate type
     * @return a table of the aggregate per group
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a group
     * @param adder adds a row's new value to its group's aggregate
     * @param subtractor takes a row's old value out of its group's aggregate
     * @param named the name of the aggregating node
     * @param materialized the store of the aggregates
     * @param <VR> aggregate type
     * @return a table of the aggregate per group
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);
}
