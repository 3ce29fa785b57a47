package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.BranchedKStream;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.ForeachAction;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.kstream.ValueMapper;
import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.FixedKeyProcessorSupplier;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The DSL's stream: each operator records a step in the logical graph and returns a new stream at that
 * step. Serdes are carried along while the types stay the same, so {@code to()} after {@code filter()}
 * reuses the source's serdes.
 */
final class KStreamImpl<K, V> implements KStream<K, V> {
    final InternalStreamsBuilder builder;
    final String name;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    final boolean repartitionRequired;

    KStreamImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde, boolean repartitionRequired) {
        this.builder = builder;
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
    }

    /** Adds a processor step below this stream and returns its name. */
    private String addProcessor(String prefix, Named named, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> stores) {
        return addProcessor(prefix, named, supplier, stores, true);
    }

    private String addProcessor(String prefix, Named named, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> stores,
                                boolean drawWhenNamed) {
        boolean generated = named == null;
        String nodeName = generated || drawWhenNamed ? nameFor(prefix, generated ? null : named.name()) : named.name();
        builder.add(new GraphNode.ProcessorStep(nodeName, generated, supplier, List.of(name), stores));
        return nodeName;
    }

    /**
     * The name of a new node. Kafka Streams draws a number from its counter for every DSL operator, named
     * or not (only process and processValues skip it when named); doing the same keeps every generated
     * name, and so every generated store and topic name, identical to Kafka Streams'.
     */
    private String nameFor(String prefix, String userName) {
        String drawn = builder.newName(prefix);
        return userName != null ? userName : drawn;
    }

    private static Named named(Named named) {
        return Objects.requireNonNull(named, "named must not be null");
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filterStep(predicate, null, true);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return filterStep(predicate, named(named), true);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterStep(predicate, null, false);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return filterStep(predicate, named(named), false);
    }

    private KStream<K, V> filterStep(Predicate<? super K, ? super V> predicate, Named named, boolean keepMatches) {
        Objects.requireNonNull(predicate, "predicate must not be null");
        String node = addProcessor("KSTREAM-FILTER-", named, supplier(() -> new StatelessProcessors.Filter<>(predicate, keepMatches)), List.of());
        return new KStreamImpl<>(builder, node, keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return selectKeyStep(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        return selectKeyStep(mapper, named(named));
    }

    <KR> KStream<KR, V> selectKeyStep(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        KeyValueMapper<K, V, KeyValue<KR, V>> pair = (k, v) -> KeyValue.pair(mapper.apply(k, v), v);
        String node = addProcessor("KSTREAM-KEY-SELECT-", named, supplier(() -> new StatelessProcessors.Map<>(pair)), List.of());
        return new KStreamImpl<>(builder, node, null, valueSerde, true);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        return mapStep(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named) {
        return mapStep(mapper, named(named));
    }

    private <KR, VR> KStream<KR, VR> mapStep(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper,
                                             Named named) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        String node = addProcessor("KSTREAM-MAP-", named, supplier(() -> new StatelessProcessors.Map<K, V, KR, VR>(mapper)), List.of());
        return new KStreamImpl<>(builder, node, null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValuesStep(withoutKey(mapper), null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return mapValuesStep(withoutKey(mapper), named(named));
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValuesStep(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        return mapValuesStep(mapper, named(named));
    }

    private <VR> KStream<K, VR> mapValuesStep(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        String node = addProcessor("KSTREAM-MAPVALUES-", named, supplier(() -> new StatelessProcessors.MapValues<>(mapper)), List.of());
        return new KStreamImpl<>(builder, node, keySerde, null, repartitionRequired);
    }

    private static <K, V, VR> ValueMapperWithKey<K, V, VR> withoutKey(ValueMapper<? super V, ? extends VR> mapper) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        return (k, v) -> mapper.apply(v);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        return flatMapStep(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper, Named named) {
        return flatMapStep(mapper, named(named));
    }

    private <KR, VR> KStream<KR, VR> flatMapStep(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        String node = addProcessor("KSTREAM-FLATMAP-", named, supplier(() -> new StatelessProcessors.FlatMap<K, V, KR, VR>(mapper)), List.of());
        return new KStreamImpl<>(builder, node, null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValuesStep(withoutKey(mapper), null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        return flatMapValuesStep(withoutKey(mapper), named(named));
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValuesStep(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        return flatMapValuesStep(mapper, named(named));
    }

    private <VR> KStream<K, VR> flatMapValuesStep(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper must not be null");
        String node = addProcessor("KSTREAM-FLATMAPVALUES-", named, supplier(() -> new StatelessProcessors.FlatMapValues<>(mapper)), List.of());
        return new KStreamImpl<>(builder, node, keySerde, null, repartitionRequired);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, null);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action must not be null");
        String node = addProcessor("KSTREAM-PEEK-", named, supplier(() -> new StatelessProcessors.Peek<>(action, true)), List.of());
        return new KStreamImpl<>(builder, node, keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, null);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action must not be null");
        addProcessor("KSTREAM-FOREACH-", named, supplier(() -> new StatelessProcessors.Peek<>(action, false)), List.of());
    }

    @Override
    public BranchedKStream<K, V> split() {
        return new BranchedKStreamImpl<>(this, null);
    }

    @Override
    public BranchedKStream<K, V> split(Named named) {
        return new BranchedKStreamImpl<>(this, named(named));
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream) {
        return merge(stream, null);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream, Named named) {
        Objects.requireNonNull(stream, "stream must not be null");
        KStreamImpl<K, V> other = (KStreamImpl<K, V>) stream;
        if (other.builder != builder) {
            throw new IllegalArgumentException("cannot merge streams from two different StreamsBuilders");
        }
        boolean generated = named == null;
        String node = nameFor("KSTREAM-MERGE-", generated ? null : named.name());
        String otherParent = other.name;
        if (otherParent.equals(name)) {
            // Merging a stream with itself sends each record down twice; a node cannot be the same
            // parent twice, so the second path goes through a pass-through node of its own, named
            // after the merge so that it draws no number.
            otherParent = node + "-self";
            builder.add(new GraphNode.ProcessorStep(otherParent, true, supplier(StatelessProcessors.PassThrough::new), List.of(name), List.of()));
        }
        builder.add(new GraphNode.ProcessorStep(node, generated, supplier(StatelessProcessors.PassThrough::new), List.of(name, otherParent), List.of()));
        boolean sameSerdes = Objects.equals(keySerde, other.keySerde) && Objects.equals(valueSerde, other.valueSerde);
        return new KStreamImpl<>(builder, node, sameSerdes ? keySerde : null, sameSerdes ? valueSerde : null,
            repartitionRequired || other.repartitionRequired);
    }

    @Override
    public KStream<K, V> repartition() {
        return repartition(Repartitioned.with(keySerde, valueSerde));
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        Objects.requireNonNull(repartitioned, "repartitioned must not be null");
        String prefix = repartitioned.name() == null ? builder.newName("KSTREAM-REPARTITION-") : repartitioned.name();
        Serde<K> ks = repartitioned.keySerde() != null ? repartitioned.keySerde() : keySerde;
        Serde<V> vs = repartitioned.valueSerde() != null ? repartitioned.valueSerde() : valueSerde;
        GraphNode.RepartitionStep step = builder.repartition(prefix, ks, vs, repartitioned.numberOfPartitions(),
            repartitioned.partitioner(), name);
        builder.add(step);
        return new KStreamImpl<>(builder, step.name(), ks, vs, false);
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(keySerde, valueSerde));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        Objects.requireNonNull(grouped, "grouped must not be null");
        return new KGroupedStreamImpl<>(builder, name, grouped, repartitionRequired);
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector) {
        return groupBy(keySelector, Grouped.with(null, valueSerde));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped) {
        Objects.requireNonNull(keySelector, "keySelector must not be null");
        Objects.requireNonNull(grouped, "grouped must not be null");
        // The grouping's name, if any, names the key-selecting node, as in Kafka Streams.
        Named named = grouped.name() == null ? null : Named.as(grouped.name());
        KStreamImpl<KR, V> selected = (KStreamImpl<KR, V>) selectKeyStep(keySelector, named);
        return new KGroupedStreamImpl<>(builder, selected.name, grouped, true);
    }

    @Override
    public KTable<K, V> toTable() {
        return doToTable(null, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Named named) {
        return doToTable(named(named), Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doToTable(null, materialized);
    }

    @Override
    public KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doToTable(named(named), materialized);
    }

    private KTable<K, V> doToTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized must not be null");
        String node = builder.nameFor("KSTREAM-TOTABLE-", named);
        String storeName = materialized.storeName() != null ? materialized.storeName() : builder.newStoreName("KSTREAM-TOTABLE-");
        Serde<K> ks = materialized.keySerde() != null ? materialized.keySerde() : keySerde;
        Serde<V> vs = materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde;
        String parent = name;
        if (repartitionRequired) {
            GraphNode.RepartitionStep step = builder.repartition(node, ks, vs, null, null, name);
            builder.add(step);
            parent = step.name();
        }
        TableSourceSupplier<K, V> supplier = new TableSourceSupplier<>(DslStoreSpec.keyValue(storeName, materialized, ks, vs),
            materialized.storeName() != null);
        builder.add(new GraphNode.ProcessorStep(node, named == null, supplier, List.of(parent), List.of()));
        return new KTableImpl<>(builder, node, ks, vs, supplier);
    }

    @Override
    public void to(String topic) {
        to(topic, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        Objects.requireNonNull(topic, "topic must not be null");
        sink(topic, null, produced);
    }

    @Override
    public void to(TopicNameExtractor<? super K, ? super V> topicExtractor) {
        to(topicExtractor, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(TopicNameExtractor<? super K, ? super V> topicExtractor, Produced<K, V> produced) {
        Objects.requireNonNull(topicExtractor, "topicExtractor must not be null");
        sink(null, topicExtractor, produced);
    }

    private void sink(String topic, TopicNameExtractor<? super K, ? super V> extractor, Produced<K, V> produced) {
        Objects.requireNonNull(produced, "produced must not be null");
        boolean generated = produced.name() == null;
        String node = nameFor("KSTREAM-SINK-", produced.name());
        Serde<K> ks = produced.keySerde() != null ? produced.keySerde() : keySerde;
        Serde<V> vs = produced.valueSerde() != null ? produced.valueSerde() : valueSerde;
        builder.add(new GraphNode.SinkStep(node, generated, topic, extractor, ks, vs, produced.partitioner(), name));
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                                    String... stateStoreNames) {
        return processStep(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                                    Named named, String... stateStoreNames) {
        return processStep(processorSupplier, named(named), stateStoreNames);
    }

    private <KOut, VOut> KStream<KOut, VOut> processStep(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                                         Named named, String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier must not be null");
        String node = addProcessor("KSTREAM-PROCESSOR-", named, processorSupplier, storeNames(stateStoreNames), false);
        return new KStreamImpl<>(builder, node, null, null, true);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                                 String... stateStoreNames) {
        return processValuesStep(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                                 Named named, String... stateStoreNames) {
        return processValuesStep(processorSupplier, named(named), stateStoreNames);
    }

    @SuppressWarnings("unchecked")
    private <VOut> KStream<K, VOut> processValuesStep(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                                      Named named, String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier must not be null");
        FixedKeyProcessorSupplier<K, V, VOut> typed = (FixedKeyProcessorSupplier<K, V, VOut>) processorSupplier;
        // The adapter below is new on every call, so the model's same-instance check cannot see through it.
        Object first = typed.get();
        if (first == null || first == typed.get()) {
            throw new TopologyException("the FixedKeyProcessorSupplier given to processValues("
                + (named != null ? "'" + named.name() + "'" : "") + ") must return a new FixedKeyProcessor on every get() call (it returned "
                + (first == null ? "null" : "the same instance twice") + "); tasks must not share processor state");
        }
        ProcessorSupplier<K, V, K, VOut> adapted = new ProcessorSupplier<>() {
            @Override
            public Processor<K, V, K, VOut> get() {
                return new FixedKeyProcessorAdapter<>(typed.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return typed.stores();
            }
        };
        String node = addProcessor("KSTREAM-PROCESSVALUES-", named, adapted, storeNames(stateStoreNames), false);
        return new KStreamImpl<>(builder, node, keySerde, null, repartitionRequired);
    }

    private static List<String> storeNames(String[] names) {
        Objects.requireNonNull(names, "stateStoreNames must not be null");
        for (String n : names) {
            Objects.requireNonNull(n, "state store names must not be null");
        }
        return List.of(names);
    }

    /** Turns a lambda into a supplier whose {@code get()} makes a new processor each time. */
    static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> supplier(Supplier<Processor<KIn, VIn, KOut, VOut>> factory) {
        return factory::get;
    }
}
