package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueStore;

/**
 * A changelog stream read as a table: each record is an update of the row of its key, and a
 * {@code null} value deletes the row. Tables come from {@code StreamsBuilder.table},
 * {@code KStream.toTable} and aggregations.
 *
 * <p>Operators on a table forward each row update downstream. A table whose source keeps no store does
 * not know what an update replaces, so a {@code filter} on it forwards every filtered-out update as a
 * deletion, even of a row that never passed; naming the source's store
 * ({@code Materialized.as(...)}) avoids that. Kafka Streams behaves the same way.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface KTable<K, V> {

    /**
     * Keeps the rows that satisfy {@code predicate}; a row that stops satisfying it is deleted.
     *
     * @param predicate the test, given key and value
     * @return the filtered table
     * @throws NullPointerException if {@code predicate} is {@code null}
     */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

    /**
     * @param predicate the test, given key and value
     * @param named the node name
     * @return the filtered table
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /**
     * @param predicate the test, given key and value
     * @param materialized the store of the filtered table; only a named store is created
     * @return the filtered table
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param predicate the test, given key and value
     * @param named the node name
     * @param materialized the store of the filtered table; only a named store is created
     * @return the filtered table
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Keeps the rows that do not satisfy {@code predicate}.
     *
     * @param predicate the test, given key and value
     * @return the filtered table
     * @throws NullPointerException if {@code predicate} is {@code null}
     */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /**
     * @param predicate the test, given key and value
     * @param named the node name
     * @return the filtered table
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /**
     * @param predicate the test, given key and value
     * @param materialized the store of the filtered table; only a named store is created
     * @return the filtered table
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param predicate the test, given key and value
     * @param named the node name
     * @param materialized the store of the filtered table; only a named store is created
     * @return the filtered table
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                           Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Maps each row's value; deletions pass without calling the mapper, and a mapper result of
     * {@code null} deletes the row.
     *
     * @param mapper maps a value
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if {@code mapper} is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /**
     * @param mapper maps a value
     * @param named the node name
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    /**
     * @param mapper maps a value, given its (read-only) key
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if {@code mapper} is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    /**
     * @param mapper maps a value, given its (read-only) key
     * @param named the node name
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /**
     * @param mapper maps a value
     * @param materialized the store of the mapped table; only a named store is created
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param mapper maps a value
     * @param named the node name
     * @param materialized the store of the mapped table; only a named store is created
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param mapper maps a value, given its (read-only) key
     * @param materialized the store of the mapped table; only a named store is created
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param mapper maps a value, given its (read-only) key
     * @param named the node name
     * @param materialized the store of the mapped table; only a named store is created
     * @param <VR> new value type
     * @return the mapped table
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** @return the stream of this table's updates; a deletion is a record with a {@code null} value */
    KStream<K, V> toStream();

    /**
     * @param named the node name
     * @return the stream of this table's updates
     * @throws NullPointerException if {@code named} is {@code null}
     */
    KStream<K, V> toStream(Named named);

    /**
     * @param mapper computes each update's new key
     * @param <KR> new key type
     * @return the stream of this table's updates, re-keyed
     * @throws NullPointerException if {@code mapper} is {@code null}
     */
    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /**
     * @param mapper computes each update's new key
     * @param named the node name
     * @param <KR> new key type
     * @return the stream of this table's updates, re-keyed
     * @throws NullPointerException if an argument is {@code null}
     */
    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /**
     * Re-groups the rows by a new key (through a repartition topic), for aggregation with adder and
     * subtractor. A row for which the selector returns a {@code null} key or value joins no group.
     *
     * @param selector computes each row's new key and value
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the grouped table
     * @throws NullPointerException if {@code selector} is {@code null}
     */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector);

    /**
     * @param selector computes each row's new key and value
     * @param grouped serdes and name of the repartition topic
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the grouped table
     * @throws NullPointerException if an argument is {@code null}
     */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector,
                                           Grouped<KR, VR> grouped);

    /**
     * Holds back this table's updates and emits them later: with {@link Suppressed#untilWindowCloses},
     * one final result per window once stream time passes the window's end plus the grace period of
     * the windowed aggregation upstream (ordered by window end, then key; a deleted window emits
     * nothing); with {@link Suppressed#untilTimeLimit}, each key's latest value once the time limit
     * has passed since its first held update. Stream time here is the largest timestamp this operator
     * has seen; nothing is flushed when input stops. The buffer is a store named
     * {@code <name>-store} (or generated), with a changelog unless logging is disabled.
     *
     * @param suppressed how to suppress
     * @return the suppressed table, which is not queryable
     * @throws IllegalArgumentException if {@code suppressed} is {@code null} or not made by {@link Suppressed}'s factories
     * @throws dev.rill.streams.errors.TopologyException if {@code untilWindowCloses} is used on a table that does
     *     not come from a windowed aggregation
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);

    /** @return the name of the store this table is kept in, or {@code null} if it is not queryable */
    String queryableStoreName();
}
