package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.KeyValueStore;

/**
 * Several grouped streams with the same key type folded into one aggregate per key, each stream with
 * its own {@link Aggregator} and all sharing one store and one initializer. Made by
 * {@link KGroupedStream#cogroup(Aggregator)}; add more streams with
 * {@link #cogroup(KGroupedStream, Aggregator)}, then {@code aggregate}.
 *
 * <pre>{@code
 * KTable<String, Long> spent = clicks.groupByKey()
 *     .cogroup((user, click, total) -> total)
 *     .cogroup(purchases.groupByKey(), (user, amount, total) -> total + amount)
 *     .aggregate(() -> 0L, Materialized.with(Serdes.String(), Serdes.Long()));
 * }</pre>
 *
 * <p>A grouped stream whose key was changed upstream goes through its own repartition topic first.
 * Without windows, records with a {@code null} key or value are skipped (logged and counted as dropped).
 * Each result row carries the largest timestamp of the records aggregated into it.
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
@Stable
public interface CogroupedKStream<K, VOut> {

    /**
     * Adds another grouped stream. Adding the same grouped stream again replaces its aggregator.
     *
     * @param groupedStream the stream to add
     * @param aggregator folds one of its values into the shared aggregate
     * @param <VIn> value type of the added stream
     * @return this cogrouped stream
     * @throws NullPointerException if an argument is {@code null}
     */
    <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream, Aggregator<? super K, ? super VIn, VOut> aggregator);

    /**
     * @param initializer the starting aggregate of a key
     * @return a table of the aggregate per key
     * @throws NullPointerException if {@code initializer} is {@code null}
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer);

    /**
     * @param initializer the starting aggregate of a key
     * @param named the base name of the aggregating nodes ({@code <name>-cogroup-agg-<i>} and {@code <name>-cogroup-merge})
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named);

    /**
     * @param initializer the starting aggregate of a key
     * @param materialized the store of the aggregates (give it the aggregate's value serde)
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param initializer the starting aggregate of a key
     * @param named the base name of the aggregating nodes
     * @param materialized the store of the aggregates
     * @return a table of the aggregate per key
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named, Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Cuts the groups into tumbling or hopping time windows.
     *
     * @param windows the window definition
     * @param <W> window type
     * @return the windowed cogrouped stream
     * @throws NullPointerException if {@code windows} is {@code null}
     */
    <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows);

    /**
     * Cuts the groups into sliding windows, defined by the records' timestamps.
     *
     * @param windows the window definition
     * @return the windowed cogrouped stream
     * @throws NullPointerException if {@code windows} is {@code null}
     */
    TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows);

    /**
     * Cuts the groups into sessions of activity separated by gaps.
     *
     * @param windows the session definition
     * @return the session-windowed cogrouped stream
     * @throws NullPointerException if {@code windows} is {@code null}
     */
    SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows);
}
