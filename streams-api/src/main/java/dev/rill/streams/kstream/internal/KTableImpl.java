package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.KGroupedTable;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.kstream.ValueMapper;
import dev.rill.streams.kstream.Suppressed;
import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.errors.TopologyException;
import java.util.ArrayList;
import dev.rill.streams.state.KeyValueStore;
import java.util.List;
import java.util.Objects;

/**
 * The DSL's table: a processor emitting {@link Change}s. Operators added below may change how it runs
 * (ask it for old values, make its source keep a store) until the topology is built, which is why the
 * processor suppliers are kept here rather than fixed when the operator is added.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class KTableImpl<K, S, V> implements KTable<K, V> {
    private static final String FILTER_NAME = "KTABLE-FILTER-";
    private static final String MAPVALUES_NAME = "KTABLE-MAPVALUES-";
    private static final String TOSTREAM_NAME = "KTABLE-TOSTREAM-";
    private static final String SELECT_NAME = "KTABLE-SELECT-";
    private static final String SUPPRESS_NAME = "KTABLE-SUPPRESS-";

    final InternalStreamsBuilder builder;
    final String name;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    private final TableProcessorSupplier<?, ?, K, V> processorSupplier;
    private boolean sendOldValues;

    KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
               TableProcessorSupplier<?, ?, K, V> processorSupplier) {
        this.builder = builder;
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.processorSupplier = processorSupplier;
    }

    /**
     * @param forceMaterialization whether a source without a store may start keeping one
     * @return whether this table's updates will carry old values
     */
    boolean enableSendingOldValues(boolean forceMaterialization) {
        if (!sendOldValues) {
            if (!processorSupplier.enableSendingOldValues(forceMaterialization)) {
                return false;
            }
            sendOldValues = true;
        }
        return true;
    }

    @Override
    public String queryableStoreName() {
        return processorSupplier.queryableStoreName();
    }

    private static Named named(Named named) {
        return Objects.requireNonNull(named, "named must not be null");
    }

    private static <M> M materialized(M materialized) {
        return Objects.requireNonNull(materialized, "materialized must not be null");
    }

    // ---- filter ------------------------------------------------------------------------------

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, null, null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return doFilter(predicate, named(named), null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, null, materialized(materialized), false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, named(named), materialized(materialized), false);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, null, null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return doFilter(predicate, named(named), null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, null, materialized(materialized), true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, named(named), materialized(materialized), true);
    }

    private KTable<K, V> doFilter(Predicate<? super K, ? super V> predicate, Named named,
                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized, boolean filterNot) {
        Objects.requireNonNull(predicate, "predicate must not be null");
        Serde<K> ks = keySerde;
        Serde<V> vs = valueSerde;
        DslStoreBuilder store = null;
        if (materialized != null) {
            // Only a named store is created; an unnamed one still draws a number, as in Kafka Streams,
            // so that every later generated name stays the same.
            if (materialized.storeName() == null) {
                builder.newStoreName(FILTER_NAME);
            }
            ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
            vs = materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde;
            if (materialized.storeName() != null) {
                store = new DslStoreBuilder(DslStoreSpec.keyValue(materialized.storeName(), materialized, ks, vs));
            }
        }
        String node = builder.nameFor(FILTER_NAME, named);
        TableFilterSupplier<K, V> supplier = new TableFilterSupplier<>(this, predicate, filterNot, store);
        builder.add(new GraphNode.ProcessorStep(node, named == null, supplier, List.of(name), List.of()));
        return new KTableImpl<>(builder, node, ks, vs, supplier);
    }

    // ---- mapValues ---------------------------------------------------------------------------

    private static <K, V, VR> ValueMapperWithKey<K, V, VR> withoutKey(ValueMapper<? super V, ? extends VR> mapper) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        return (k, v) -> mapper.apply(v);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return doMapValues(withoutKey(mapper), null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return doMapValues(withoutKey(mapper), named(named), null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return doMapValues(mapper, null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        return doMapValues(mapper, named(named), null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doMapValues(withoutKey(mapper), null, materialized(materialized));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doMapValues(withoutKey(mapper), named(named), materialized(materialized));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doMapValues(mapper, null, materialized(materialized));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doMapValues(mapper, named(named), materialized(materialized));
    }

    private <VR> KTable<K, VR> doMapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                           Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        Serde<K> ks = keySerde;
        Serde<VR> vs = null;
        DslStoreBuilder store = null;
        if (materialized != null) {
            if (materialized.storeName() == null) {
                builder.newStoreName(MAPVALUES_NAME);
            }
            ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
            vs = materialized.valueSerde();
            if (materialized.storeName() != null) {
                store = new DslStoreBuilder(DslStoreSpec.keyValue(materialized.storeName(), materialized, ks, vs));
            }
        }
        String node = builder.nameFor(MAPVALUES_NAME, named);
        TableMapValuesSupplier<K, V, VR> supplier = new TableMapValuesSupplier<>(this, mapper, store);
        builder.add(new GraphNode.ProcessorStep(node, named == null, supplier, List.of(name), List.of()));
        return new KTableImpl<>(builder, node, ks, vs, supplier);
    }

    // ---- toStream ----------------------------------------------------------------------------

    @Override
    public KStream<K, V> toStream() {
        return doToStream(null);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        return doToStream(named(named));
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        return toStream().selectKey(mapper);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        return toStream(named).selectKey(mapper);
    }

    private KStream<K, V> doToStream(Named named) {
        String node = builder.nameFor(TOSTREAM_NAME, named);
        ValueMapperWithKey<K, Change<V>, V> newValue = (k, change) -> change.newValue();
        builder.add(new GraphNode.ProcessorStep(node, named == null,
            KStreamImpl.supplier(() -> new StatelessProcessors.MapValues<>(newValue)), List.of(name), List.of()));
        return new KStreamImpl<>(builder, node, keySerde, valueSerde, false);
    }

    // ---- groupBy -----------------------------------------------------------------------------

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector) {
        return groupBy(selector, Grouped.with(null, null));
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector, Grouped<KR, VR> grouped) {
        Objects.requireNonNull(selector, "selector must not be null");
        Objects.requireNonNull(grouped, "grouped must not be null");
        String node = builder.nameFor(SELECT_NAME, grouped.name() == null ? null : Named.as(grouped.name()));
        builder.add(new GraphNode.ProcessorStep(node, grouped.name() == null,
            KStreamImpl.supplier(() -> new TableGroupByProcessor<K, V, KR, VR>(selector)), List.of(name), List.of()));
        // Subtracting from the old group needs the old value of every update.
        enableSendingOldValues(true);
        return new KGroupedTableImpl<>(builder, node, grouped);
    }

    // ---- suppress ----------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        SuppressionSpec<?> spec = SuppressionSpec.of((Suppressed<Object>) suppressed);
        // A named suppression draws no number, as in Kafka Streams.
        String node = spec.name() != null ? spec.name() : builder.newName(SUPPRESS_NAME);
        boolean finalResults = spec.mode() == SuppressionSpec.Mode.UNTIL_WINDOW_CLOSES;
        long durationMs = finalResults ? windowCloseGraceMs(new ArrayList<>()) : spec.timeLimitMs();
        String storeName = spec.name() != null ? spec.name() + "-store" : builder.newStoreName(SUPPRESS_NAME);
        DslStoreBuilder store = new DslStoreBuilder(DslStoreSpec.suppressionBuffer(storeName, keySerde, valueSerde, spec.buffer()));
        TableSuppressSupplier<K, V> supplier = new TableSuppressSupplier<>(this, node, store, spec.buffer(), durationMs, finalResults);
        builder.add(new GraphNode.ProcessorStep(node, spec.name() == null, supplier, List.of(name), List.of()));
        return new KTableImpl<>(builder, node, keySerde, valueSerde, supplier);
    }

    /**
     * Finds the windowed aggregation this table's rows come from, through filters, mapValues and
     * suppressions, and returns its grace: a window is final once stream time passes its end by that much.
     *
     * @param chain the tables walked so far, for the error message
     * @throws TopologyException if the table does not come from a windowed aggregation
     */
    private long windowCloseGraceMs(List<String> chain) {
        chain.add(0, name);
        long grace = processorSupplier.windowCloseGraceMs();
        if (grace >= 0) {
            return grace;
        }
        KTableImpl<?, ?, ?> parent = processorSupplier.parentTable();
        if (parent == null) {
            throw new TopologyException("suppress(untilWindowCloses) needs a table of windows from a windowed aggregation, but "
                + String.join("->", chain) + " does not come from one; use Suppressed.untilTimeLimit(..) for other tables");
        }
        return parent.windowCloseGraceMs(chain);
    }
}
