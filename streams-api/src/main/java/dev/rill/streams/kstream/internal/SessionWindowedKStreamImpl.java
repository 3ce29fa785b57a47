package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Merger;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.kstream.SessionWindowedKStream;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.WindowedSerdes;
import dev.rill.streams.state.SessionStore;
import java.util.Objects;

/**
 * A grouped stream in session windows. Aggregations keep a session store whose retention defaults to
 * the inactivity gap plus grace.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final SessionWindows windows;
    private EmitStrategy emitStrategy = EmitStrategy.onWindowUpdate();

    SessionWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, SessionWindows windows) {
        this.grouped = grouped;
        this.windows = windows;
    }

    @Override
    public SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy) {
        this.emitStrategy = Objects.requireNonNull(emitStrategy, "emitStrategy must not be null");
        return this;
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return doCount(null, Materialized.with(grouped.keySerde, Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named) {
        Objects.requireNonNull(named, "named must not be null");
        return doCount(named, Materialized.with(grouped.keySerde, Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        return countMaterialized(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return countMaterialized(named, materialized);
    }

    private KTable<Windowed<K>, Long> countMaterialized(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized must not be null");
        if (materialized.storeName() == null) {
            // Kafka Streams draws an extra number here; drawing it too keeps later generated names equal.
            grouped.builder.newStoreName(KGroupedStreamImpl.AGGREGATE_NAME);
        }
        return doCount(named, materialized);
    }

    private KTable<Windowed<K>, Long> doCount(Named named, Materialized<K, Long, ? extends SessionStore<Bytes, byte[]>> materialized) {
        Serde<Long> vs = materialized.valueSerde() != null ? materialized.valueSerde() : Serdes.Long();
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, materialized, vs, () -> 0L, (k, v, agg) -> agg + 1, (k, a, b) -> a + b);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger) {
        return aggregate(initializer, aggregator, sessionMerger, Materialized.with(grouped.keySerde, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named) {
        return aggregate(initializer, aggregator, sessionMerger, named, Materialized.with(grouped.keySerde, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        return doAggregate(initializer, aggregator, sessionMerger, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, aggregator, sessionMerger, named, materialized);
    }

    private <VR> KTable<Windowed<K>, VR> doAggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                     Merger<? super K, VR> merger, Named named,
                                                     Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer must not be null");
        Objects.requireNonNull(aggregator, "aggregator must not be null");
        Objects.requireNonNull(merger, "sessionMerger must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, materialized, materialized.valueSerde(), initializer, aggregator, merger);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(grouped.keySerde, grouped.valueSerde));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, named, Materialized.with(grouped.keySerde, grouped.valueSerde));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return doReduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doReduce(reducer, named, materialized);
    }

    private KTable<Windowed<K>, V> doReduce(Reducer<V> reducer, Named named, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        Serde<V> vs = materialized.valueSerde() != null ? materialized.valueSerde() : grouped.valueSerde;
        Aggregator<K, V, V> fold = (k, v, agg) -> agg == null ? v : reducer.apply(agg, v);
        return build(named, KGroupedStreamImpl.REDUCE_NAME, materialized, vs, () -> null, fold, (k, one, two) -> fold.apply(k, two, one));
    }

    private <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, Materialized<K, ?, ?> materialized, Serde<VR> valueSerde,
                                               Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                               Merger<? super K, VR> merger) {
        String storeName = grouped.storeName(materialized, prefix);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : grouped.keySerde;
        String node = grouped.builder.nameFor(prefix, named);
        long retention = WindowRetention.resolve(storeName, WindowRetention.minimumFor(windows), materialized.retention(), windows);
        // Emitting only closed windows needs no cache to hold updates back, and a cache would show windows
        // its store has expired; Kafka Streams leaves the cache out too.
        Materialized<K, ?, ?> stored = emitStrategy.type() == EmitStrategy.StrategyType.ON_WINDOW_CLOSE
            ? materialized.withCachingDisabled() : materialized;
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.session(storeName, stored, ks, valueSerde, retention));
        SessionWindowAggregateSupplier<K, V, VR> supplier =
            new SessionWindowAggregateSupplier<>(store, emitStrategy, windows, initializer, aggregator, merger);
        Serde<Windowed<K>> windowedKeys = ks == null ? null : new WindowedSerdes.SessionWindowedSerde<>(ks);
        return grouped.build(node, named == null, supplier, storeName, windowedKeys, valueSerde);
    }
}
