package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.CogroupedKStream;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.SessionWindowedCogroupedKStream;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindowedCogroupedKStream;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.state.KeyValueStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Grouped streams collected for one cogrouped aggregation. Inputs keep the order they were added in,
 * which fixes the order of the aggregating nodes and their names.
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
final class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
    private final InternalStreamsBuilder builder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> inputs = new LinkedHashMap<>();
    private final CogroupedAggregateBuilder<K, VOut> aggregateBuilder;

    CogroupedKStreamImpl(InternalStreamsBuilder builder) {
        this.builder = builder;
        this.aggregateBuilder = new CogroupedAggregateBuilder<>(builder);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream, Aggregator<? super K, ? super VIn, VOut> aggregator) {
        Objects.requireNonNull(groupedStream, "groupedStream must not be null");
        Objects.requireNonNull(aggregator, "aggregator must not be null");
        // Every KGroupedStream is made by this package; the aggregator only ever sees values of its own input.
        inputs.put((KGroupedStreamImpl<K, ?>) groupedStream, (Aggregator<? super K, Object, VOut>) aggregator);
        return this;
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer) {
        return aggregate(initializer, Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, named, Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        return doAggregate(initializer, null, materialized);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                                     Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, named, materialized);
    }

    private KTable<K, VOut> doAggregate(Initializer<VOut> initializer, Named named, Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = materialized.storeName() != null ? materialized.storeName() : builder.newStoreName(CogroupedAggregateBuilder.AGGREGATE_NAME);
        Serde<K> ks = materialized.keySerde();
        Serde<VOut> vs = materialized.valueSerde();
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.keyValue(storeName, materialized, ks, vs));
        return aggregateBuilder.build(inputs, named, storeName, materialized.storeName() != null,
            aggregator -> new StreamAggregationSuppliers.Aggregate<K, Object, VOut>(store, initializer, aggregator), ks, vs);
    }

    @Override
    public <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows) {
        Objects.requireNonNull(windows, "windows must not be null");
        return new TimeWindowedCogroupedKStreamImpl<>(builder, aggregateBuilder, inputs, windows, null);
    }

    @Override
    public TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows) {
        Objects.requireNonNull(windows, "windows must not be null");
        return new TimeWindowedCogroupedKStreamImpl<>(builder, aggregateBuilder, inputs, null, windows);
    }

    @Override
    public SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows) {
        Objects.requireNonNull(windows, "windows must not be null");
        return new SessionWindowedCogroupedKStreamImpl<>(builder, aggregateBuilder, inputs, windows);
    }
}
