package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindowedCogroupedKStream;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.WindowedSerdes;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.state.WindowStore;
import java.util.Map;
import java.util.Objects;

/**
 * Cogrouped streams in tumbling, hopping ({@link Windows}) or sliding ({@link SlidingWindows}) windows,
 * exactly one of which is set. Each input's processor decides lateness on the task's stream time, so
 * all inputs agree on which windows are closed.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
final class TimeWindowedCogroupedKStreamImpl<K, V> implements TimeWindowedCogroupedKStream<K, V> {
    private final InternalStreamsBuilder builder;
    private final CogroupedAggregateBuilder<K, V> aggregateBuilder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> inputs;
    private final Windows<? extends Window> windows;
    private final SlidingWindows slidingWindows;

    TimeWindowedCogroupedKStreamImpl(InternalStreamsBuilder builder, CogroupedAggregateBuilder<K, V> aggregateBuilder,
                                     Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> inputs,
                                     Windows<? extends Window> windows, SlidingWindows slidingWindows) {
        this.builder = builder;
        this.aggregateBuilder = aggregateBuilder;
        this.inputs = inputs;
        this.windows = windows;
        this.slidingWindows = slidingWindows;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer) {
        return doAggregate(initializer, null, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, named, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return doAggregate(initializer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, named, materialized);
    }

    private KTable<Windowed<K>, V> doAggregate(Initializer<V> initializer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = materialized.storeName() != null ? materialized.storeName() : builder.newStoreName(CogroupedAggregateBuilder.AGGREGATE_NAME);
        long windowSizeMs = windows != null ? windows.size() : slidingWindows.timeDifferenceMs();
        long retentionMs = windows != null
            ? WindowRetention.resolve(storeName, WindowRetention.minimumFor(windows), materialized.retention(), windows)
            : WindowRetention.resolve(storeName, WindowRetention.minimumFor(slidingWindows), materialized.retention(), slidingWindows);
        Serde<K> ks = materialized.keySerde();
        Serde<V> vs = materialized.valueSerde();
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.window(storeName, materialized, ks, vs, retentionMs, windowSizeMs));
        Serde<Windowed<K>> windowedKeys = ks == null ? null : new WindowedSerdes.TimeWindowedSerde<>(ks, windowSizeMs);
        return aggregateBuilder.build(inputs, named, storeName, materialized.storeName() != null, aggregator -> {
            WindowAggregateSupplier<K, Object, V> supplier = windows != null
                ? new TimeWindowAggregateSupplier<>(store, EmitStrategy.onWindowUpdate(), windows, initializer, aggregator)
                : new SlidingWindowAggregateSupplier<>(store, EmitStrategy.onWindowUpdate(), slidingWindows, initializer, aggregator);
            supplier.useTaskStreamTime();
            return supplier;
        }, windowedKeys, vs);
    }
}
