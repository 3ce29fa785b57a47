package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindowedKStream;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.WindowedSerdes;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.state.WindowStore;
import java.util.Objects;

/**
 * A grouped stream in time windows: tumbling or hopping ({@link Windows}) or sliding
 * ({@link SlidingWindows}), exactly one of which is set. Aggregations keep a timestamped window store
 * whose retention defaults to the least the windows need.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TimeWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final Windows<? extends Window> windows;
    private final SlidingWindows slidingWindows;
    private EmitStrategy emitStrategy = EmitStrategy.onWindowUpdate();

    TimeWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, Windows<? extends Window> windows, SlidingWindows slidingWindows) {
        this.grouped = grouped;
        this.windows = windows;
        this.slidingWindows = slidingWindows;
    }

    private long windowSizeMs() {
        return windows != null ? windows.size() : slidingWindows.timeDifferenceMs();
    }

    private long retentionMs(String storeName, Materialized<?, ?, ?> materialized) {
        return windows != null
            ? WindowRetention.resolve(storeName, WindowRetention.minimumFor(windows), materialized.retention(), windows)
            : WindowRetention.resolve(storeName, WindowRetention.minimumFor(slidingWindows), materialized.retention(), slidingWindows);
    }

    @Override
    public TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy) {
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
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return countMaterialized(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return countMaterialized(named, materialized);
    }

    private KTable<Windowed<K>, Long> countMaterialized(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized must not be null");
        if (windows != null && materialized.storeName() == null) {
            // Kafka Streams draws an extra number here for time windows (not sliding ones); so does Rill.
            grouped.builder.newStoreName(KGroupedStreamImpl.AGGREGATE_NAME);
        }
        return doCount(named, materialized);
    }

    private KTable<Windowed<K>, Long> doCount(Named named, Materialized<K, Long, ? extends WindowStore<Bytes, byte[]>> materialized) {
        Serde<Long> vs = materialized.valueSerde() != null ? materialized.valueSerde() : Serdes.Long();
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, materialized, vs, () -> 0L, (k, v, agg) -> agg + 1);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, Materialized.with(grouped.keySerde, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named) {
        return aggregate(initializer, aggregator, named, Materialized.with(grouped.keySerde, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return doAggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, aggregator, named, materialized);
    }

    private <VR> KTable<Windowed<K>, VR> doAggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                                     Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer must not be null");
        Objects.requireNonNull(aggregator, "aggregator must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, materialized, materialized.valueSerde(), initializer, aggregator);
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
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return doReduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doReduce(reducer, named, materialized);
    }

    private KTable<Windowed<K>, V> doReduce(Reducer<V> reducer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        Serde<V> vs = materialized.valueSerde() != null ? materialized.valueSerde() : grouped.valueSerde;
        return build(named, KGroupedStreamImpl.REDUCE_NAME, materialized, vs, () -> null,
            (k, v, agg) -> agg == null ? v : reducer.apply(agg, v));
    }

    private <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, Materialized<K, ?, ?> materialized, Serde<VR> valueSerde,
                                               Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        String storeName = grouped.storeName(materialized, prefix);
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : grouped.keySerde;
        String node = grouped.builder.nameFor(prefix, named);
        // Emitting only closed windows needs no cache to hold updates back, and a cache would show windows
        // its store has expired; Kafka Streams leaves the cache out too.
        Materialized<K, ?, ?> stored = emitStrategy.type() == EmitStrategy.StrategyType.ON_WINDOW_CLOSE
            ? materialized.withCachingDisabled() : materialized;
        DslStoreSpec spec = DslStoreSpec.window(storeName, stored, ks, valueSerde, retentionMs(storeName, materialized), windowSizeMs());
        DslStoreBuilder store = new DslStoreBuilder(spec);
        WindowAggregateSupplier<K, V, VR> supplier = windows != null
            ? new TimeWindowAggregateSupplier<>(store, emitStrategy, windows, initializer, aggregator)
            : new SlidingWindowAggregateSupplier<>(store, emitStrategy, slidingWindows, initializer, aggregator);
        Serde<Windowed<K>> windowedKeys = ks == null ? null : new WindowedSerdes.TimeWindowedSerde<>(ks, windowSizeMs());
        return grouped.build(node, named == null, supplier, storeName, windowedKeys, valueSerde);
    }
}
