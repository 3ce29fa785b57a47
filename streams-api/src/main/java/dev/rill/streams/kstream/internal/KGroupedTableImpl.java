package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KGroupedTable;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.state.KeyValueStore;
import java.util.List;
import java.util.Objects;

/**
 * A re-grouped table. Each aggregation writes the group updates to a repartition topic (values as
 * {@link Change}s, so the old value travels with the new) and aggregates them on the other side.
 *
 * @param <K> key type of the groups
 * @param <V> value type
 */
final class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
    private static final String AGGREGATE_NAME = "KTABLE-AGGREGATE-";
    private static final String REDUCE_NAME = "KTABLE-REDUCE-";

    private final InternalStreamsBuilder builder;
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String repartitionName;
    private GraphNode.TableRepartitionStep namedRepartition;

    KGroupedTableImpl(InternalStreamsBuilder builder, String name, Grouped<K, V> grouped) {
        this.builder = builder;
        this.name = name;
        this.keySerde = grouped.keySerde();
        this.valueSerde = grouped.valueSerde();
        this.repartitionName = grouped.name();
    }

    @Override
    public KTable<K, Long> count() {
        return count(Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return count(named, Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return doCount(null, materialized);
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doCount(named, materialized);
    }

    private KTable<K, Long> doCount(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = storeName(materialized);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<Long> vs = materialized.valueSerde() != null ? materialized.valueSerde() : Serdes.Long();
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.keyValue(storeName, materialized, ks, vs));
        return build(named, AGGREGATE_NAME, new TableAggregationSuppliers.Aggregate<K, V, Long>(store, () -> 0L,
            (k, v, agg) -> agg + 1L, (k, v, agg) -> agg - 1L), storeName, ks, vs);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
        return reduce(adder, subtractor, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doReduce(adder, subtractor, null, materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doReduce(adder, subtractor, named, materialized);
    }

    private KTable<K, V> doReduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(adder, "adder must not be null");
        Objects.requireNonNull(subtractor, "subtractor must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        // Kafka Streams names reduce stores with the aggregate prefix; so does Rill, for equal names.
        String storeName = storeName(materialized);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<V> vs = materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde;
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.keyValue(storeName, materialized, ks, vs));
        return build(named, REDUCE_NAME, new TableAggregationSuppliers.Reduce<>(store, adder, subtractor), storeName, ks, vs);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor) {
        return aggregate(initializer, adder, subtractor, Materialized.with(keySerde, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named) {
        return aggregate(initializer, adder, subtractor, named, Materialized.with(keySerde, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doAggregate(initializer, adder, subtractor, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, adder, subtractor, named, materialized);
    }

    private <VR> KTable<K, VR> doAggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                           Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer must not be null");
        Objects.requireNonNull(adder, "adder must not be null");
        Objects.requireNonNull(subtractor, "subtractor must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = storeName(materialized);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<VR> vs = materialized.valueSerde();
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.keyValue(storeName, materialized, ks, vs));
        return build(named, AGGREGATE_NAME, new TableAggregationSuppliers.Aggregate<>(store, initializer, adder, subtractor),
            storeName, ks, vs);
    }

    private String storeName(Materialized<?, ?, ?> materialized) {
        return materialized.storeName() != null ? materialized.storeName() : builder.newStoreName(AGGREGATE_NAME);
    }

    private <VR> KTable<K, VR> build(Named named, String functionPrefix, AggregationSupplier<K, Change<V>, VR> supplier,
                                     String storeName, Serde<K> tableKeySerde, Serde<VR> tableValueSerde) {
        // Kafka Streams draws the sink, source and node numbers in this order, named or not.
        String sink = builder.nameFor("KSTREAM-SINK-", named == null ? null : Named.as(named.name() + "-sink"));
        String source = builder.nameFor("KSTREAM-SOURCE-", named == null ? null : Named.as(named.name() + "-source"));
        String node = builder.nameFor(functionPrefix, named);
        String topic = (repartitionName != null ? repartitionName : storeName) + "-repartition";
        GraphNode.TableRepartitionStep repartition;
        if (repartitionName == null || namedRepartition == null) {
            repartition = new GraphNode.TableRepartitionStep(topic, repartitionName == null && storeName.matches("KTABLE.*-[0-9]{10}"),
                named == null, sink, source, keySerde, valueSerde, name);
            builder.add(repartition);
            if (repartitionName != null) {
                namedRepartition = repartition;
            }
        } else {
            repartition = namedRepartition;
        }
        builder.add(new GraphNode.ProcessorStep(node, named == null, supplier, List.of(repartition.name()), List.of()));
        return new KTableImpl<>(builder, node, tableKeySerde, tableValueSerde, supplier);
    }
}
