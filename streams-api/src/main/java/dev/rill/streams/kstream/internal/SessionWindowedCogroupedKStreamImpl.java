package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Merger;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.SessionWindowedCogroupedKStream;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.WindowedSerdes;
import dev.rill.streams.state.SessionStore;
import java.util.Map;
import java.util.Objects;

/**
 * Cogrouped streams in session windows. Each input's processor decides lateness on the task's stream
 * time, so all inputs agree on which sessions are closed.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
final class SessionWindowedCogroupedKStreamImpl<K, V> implements SessionWindowedCogroupedKStream<K, V> {
    private final InternalStreamsBuilder builder;
    private final CogroupedAggregateBuilder<K, V> aggregateBuilder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> inputs;
    private final SessionWindows windows;

    SessionWindowedCogroupedKStreamImpl(InternalStreamsBuilder builder, CogroupedAggregateBuilder<K, V> aggregateBuilder,
                                        Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> inputs, SessionWindows windows) {
        this.builder = builder;
        this.aggregateBuilder = aggregateBuilder;
        this.inputs = inputs;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger) {
        return doAggregate(initializer, sessionMerger, null, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, sessionMerger, named, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return doAggregate(initializer, sessionMerger, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
                                            Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named must not be null");
        return doAggregate(initializer, sessionMerger, named, materialized);
    }

    private KTable<Windowed<K>, V> doAggregate(Initializer<V> initializer, Merger<? super K, V> merger, Named named,
                                               Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer must not be null");
        Objects.requireNonNull(merger, "sessionMerger must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = materialized.storeName() != null ? materialized.storeName() : builder.newStoreName(CogroupedAggregateBuilder.AGGREGATE_NAME);
        long retentionMs = WindowRetention.resolve(storeName, WindowRetention.minimumFor(windows), materialized.retention(), windows);
        Serde<K> ks = materialized.keySerde();
        Serde<V> vs = materialized.valueSerde();
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.session(storeName, materialized, ks, vs, retentionMs));
        Serde<Windowed<K>> windowedKeys = ks == null ? null : new WindowedSerdes.SessionWindowedSerde<>(ks);
        return aggregateBuilder.build(inputs, named, storeName, materialized.storeName() != null, aggregator -> {
            SessionWindowAggregateSupplier<K, Object, V> supplier =
                new SessionWindowAggregateSupplier<>(store, EmitStrategy.onWindowUpdate(), windows, initializer, aggregator, merger);
            supplier.useTaskStreamTime();
            return supplier;
        }, windowedKeys, vs);
    }
}
