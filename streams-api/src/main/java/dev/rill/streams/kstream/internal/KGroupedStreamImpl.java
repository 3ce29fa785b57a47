package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.CogroupedKStream;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.kstream.SessionWindowedKStream;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindowedKStream;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.state.KeyValueStore;
import java.util.List;
import java.util.Objects;

/**
 * A grouped stream. Each aggregation adds, if the key changed upstream, a repartition topic named
 * after the grouping (or the aggregation's store), then the aggregating node with its store.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    static final String AGGREGATE_NAME = "KSTREAM-AGGREGATE-";
    static final String REDUCE_NAME = "KSTREAM-REDUCE-";

    final InternalStreamsBuilder builder;
    final String name;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    final boolean repartitionRequired;
    final String repartitionName;
    // A repartition topic the user named is written once and shared by every aggregation of this
    // grouping; generated ones are per aggregation, as in Kafka Streams.
    private GraphNode.RepartitionStep namedRepartition;

    KGroupedStreamImpl(InternalStreamsBuilder builder, String name, Grouped<K, V> grouped, boolean repartitionRequired) {
        this.builder = builder;
        this.name = name;
        this.keySerde = grouped.keySerde();
        this.valueSerde = grouped.valueSerde();
        this.repartitionRequired = repartitionRequired;
        this.repartitionName = grouped.name();
    }

    @Override
    public KTable<K, Long> count() {
        return doCount(null, Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Named named) {
        Objects.requireNonNull(named, "named must not be null");
        return doCount(named, Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return count(null, materialized, true);
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return count(named, materialized, true);
    }

    private KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized, boolean burn) {
        Objects.requireNonNull(materialized, "materialized must not be null");
        if (burn && materialized.storeName() == null) {
            // Kafka Streams draws one extra number here; drawing it too keeps later generated names equal.
            builder.newStoreName(AGGREGATE_NAME);
        }
        return doCount(named, materialized);
    }

    private KTable<K, Long> doCount(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        String storeName = storeName(materialized, AGGREGATE_NAME);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<Long> vs = materialized.valueSerde() != null ? materialized.valueSerde() : Serdes.Long();
        String node = builder.nameFor(AGGREGATE_NAME, named);
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.keyValue(storeName, materialized, ks, vs));
        return build(node, named == null, new StreamAggregationSuppliers.Aggregate<K, V, Long>(store, () -> 0L, (k, v, agg) -> agg + 1),
            storeName, ks, vs);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doReduce(reducer, null, materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doReduce(reducer, named, materialized);
    }

    private KTable<K, V> doReduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = storeName(materialized, REDUCE_NAME);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<V> vs = materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde;
        String node = builder.nameFor(REDUCE_NAME, named);
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.keyValue(storeName, materialized, ks, vs));
        return build(node, named == null, new StreamAggregationSuppliers.Reduce<>(store, reducer), storeName, ks, vs);
    }

    @Override
    public <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows) {
        Objects.requireNonNull(windows, "windows must not be null");
        return new TimeWindowedKStreamImpl<>(this, windows, null);
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
        Objects.requireNonNull(windows, "windows must not be null");
        return new TimeWindowedKStreamImpl<>(this, null, windows);
    }

    @Override
    public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
        Objects.requireNonNull(windows, "windows must not be null");
        return new SessionWindowedKStreamImpl<>(this, windows);
    }

    @Override
    public <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator) {
        Objects.requireNonNull(aggregator, "aggregator must not be null");
        return new CogroupedKStreamImpl<K, VOut>(builder).cogroup(this, aggregator);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, Materialized.with(keySerde, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doAggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, aggregator, named, materialized);
    }

    private <VR> KTable<K, VR> doAggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer must not be null");
        Objects.requireNonNull(aggregator, "aggregator must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = storeName(materialized, AGGREGATE_NAME);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<VR> vs = materialized.valueSerde();
        String node = builder.nameFor(AGGREGATE_NAME, named);
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.keyValue(storeName, materialized, ks, vs));
        return build(node, named == null, new StreamAggregationSuppliers.Aggregate<>(store, initializer, aggregator), storeName, ks, vs);
    }

    String storeName(Materialized<?, ?, ?> materialized, String prefix) {
        return materialized.storeName() != null ? materialized.storeName() : builder.newStoreName(prefix);
    }

    /**
     * Adds the repartition topic if needed, then the aggregating node.
     *
     * @param repartitionPrefix the base of a generated repartition topic's name: the store name
     */
    <KOut, VR> KTable<KOut, VR> build(String node, boolean generated, TableProcessorSupplier<K, V, KOut, VR> supplier,
                                      String repartitionPrefix, Serde<KOut> tableKeySerde, Serde<VR> tableValueSerde) {
        String parent = name;
        if (repartitionRequired) {
            GraphNode.RepartitionStep step = builder.repartition(repartitionName != null ? repartitionName : repartitionPrefix,
                keySerde, valueSerde, null, null, name);
            if (repartitionName == null) {
                builder.add(step);
            } else if (namedRepartition == null) {
                namedRepartition = step;
                builder.add(step);
            }
            parent = (repartitionName == null ? step : namedRepartition).name();
        }
        builder.add(new GraphNode.ProcessorStep(node, generated, supplier, List.of(parent), List.of()));
        return new KTableImpl<>(builder, node, tableKeySerde, tableValueSerde, supplier);
    }
}
