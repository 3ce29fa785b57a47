package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.KeyValueStore;

/**
 * A stream grouped by key ({@code groupByKey} or {@code groupBy}), ready to be aggregated into a
 * {@link KTable} with one row per key. Records with a {@code null} key or value are skipped (logged
 * and counted as dropped). If the grouping changed the key, records first go through a repartition
 * topic so that all records of a key meet in one task.
 *
 * <p>Each result row carries the largest timestamp of the records aggregated into it. With caching
 * on (the default), updates of a key between commits reach downstream once.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface KGroupedStream<K, V> {

    /** @return a table of the number of records per key */
    KTable<K, Long> count();

    /**
     * @param named the name of the aggregating node
     * @return a table of the number of records per key
     * @throws NullPointerException if {@code named} is {@code null}
     */
    KTable<K, Long> count(Named named);

    /**
     * @param materialized the store of the counts
     * @return a table of the number of records per key
     * @throws NullPointerException if {@code materialized} is {@code null}
     */
    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param named the name of the aggregating node
     * @param materialized the store of the counts
     * @return a table of the number of records per key
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Combines the values of each key: the first value is the aggregate, each later one is combined
     * with it by {@code reducer}.
     *
     * @param reducer combines the aggregate and a new value
     * @return a table of the aggregate per key
     * @throws NullPointerException if {@code reducer} is {@code null}
     */
    KTable<K, V> reduce(Reducer<V> reducer);

    /**
     * @param reducer combines the aggregate and a new value
     * @param materialized the store of the aggregates
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param reducer combines the aggregate and a new value
     * @param named the name of the aggregating node
     * @param materialized the store of the aggregates
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Folds the values of each key into an aggregate that starts from {@code initializer}.
     *
     * @param initializer the starting aggregate of a key
     * @param aggregator folds one value into the aggregate
     * @param <VR> aggregate type
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    /**
     * @param initializer the starting aggregate of a key
     * @param aggregator folds one value into the aggregate
     * @param materialized the store of the aggregates (give it the aggregate's value serde)
     * @param <VR> aggregate type
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a key
     * @param aggregator folds one value into the aggregate
     * @param named the name of the aggregating node
     * @param materialized the store of the aggregates
     * @param <VR> aggregate type
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Cuts the groups into tumbling or hopping time windows, for a windowed aggregation.
     *
     * @param windows the window definition, e.g. {@code TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1))}
     * @param <W> window type
     * @return the windowed stream
     * @throws NullPointerException if {@code windows} is {@code null}
     */
    <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows);

    /**
     * Cuts the groups into sliding windows, defined by the records' timestamps.
     *
     * @param windows the window definition
     * @return the windowed stream
     * @throws NullPointerException if {@code windows} is {@code null}
     */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    /**
     * Cuts the groups into sessions of activity separated by gaps.
     *
     * @param windows the session definition
     * @return the session-windowed stream
     * @throws NullPointerException if {@code windows} is {@code null}
     */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);

    /**
     * Starts a cogrouped aggregation: this stream and others added with
     * {@link CogroupedKStream#cogroup(KGroupedStream, Aggregator)} fold into one aggregate per key.
     *
     * @param aggregator folds one value of this stream into the aggregate
     * @param <VOut> aggregate type
     * @return the cogrouped stream
     * @throws NullPointerException if {@code aggregator} is {@code null}
     */
    <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator);
}
