package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.topology.TopologyModel;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.StoreBuilder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One step of the logical graph the DSL records: what the user asked for, before it becomes physical
 * nodes. Keeping this layer lets later passes (such as merging repartition topics) rewrite the graph
 * before anything is written to a {@link TopologyModel}.
 */
sealed interface GraphNode {

    /** Writes the physical nodes of this step. */
    void writeTo(TopologyModel model);

    /** @return the name of the physical node downstream steps attach to */
    String name();

    /** Reads topics. */
    record StreamSource(String name, boolean generated, List<String> topics, Pattern pattern, Serde<?> keySerde,
                        Serde<?> valueSerde, dev.rill.streams.processor.TimestampExtractor extractor) implements GraphNode {
        @Override
        public void writeTo(TopologyModel model) {
            model.addSource(name, topics, pattern, keySerde == null ? null : keySerde.deserializer(),
                valueSerde == null ? null : valueSerde.deserializer(), extractor);
            if (generated) {
                model.markGenerated(name);
            }
        }
    }

    /** Runs a processor. */
    record ProcessorStep(String name, boolean generated, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> parents,
                         List<String> storeNames) implements GraphNode {
        @Override
        public void writeTo(TopologyModel model) {
            model.addProcessor(name, supplier, parents.toArray(String[]::new));
            if (!storeNames.isEmpty()) {
                model.connectProcessorAndStateStores(name, storeNames.toArray(String[]::new));
            }
            if (generated) {
                model.markGenerated(name);
            }
        }
    }

    /** Writes a topic. */
    record SinkStep(String name, boolean generated, String topic, TopicNameExtractor<?, ?> extractor, Serde<?> keySerde,
                    Serde<?> valueSerde, StreamPartitioner<?, ?> partitioner, String parent) implements GraphNode {
        @Override
        public void writeTo(TopologyModel model) {
            model.addSink(name, topic, extractor, keySerde == null ? null : keySerde.serializer(),
                valueSerde == null ? null : valueSerde.serializer(), partitioner, parent);
            if (generated) {
                model.markGenerated(name);
            }
        }
    }

    /**
     * Writes an internal topic and reads it back: a filter dropping records without a key (they cannot
     * be partitioned by key), a sink ending one sub-topology, and a source starting the next.
     * {@link #name()} is the source, which downstream steps attach to.
     */
    record RepartitionStep(String topic, boolean generated, String filterName, String sinkName, String sourceName,
                           Serde<?> keySerde, Serde<?> valueSerde, Integer partitions, StreamPartitioner<?, ?> partitioner,
                           String parent) implements GraphNode {
        @Override
        public String name() {
            return sourceName;
        }

        @Override
        public void writeTo(TopologyModel model) {
            model.addInternalTopic(topic, partitions, generated);
            model.addProcessor(filterName, () -> new StatelessProcessors.Filter<Object, Object>((k, v) -> k != null, true), parent);
            model.addSink(sinkName, topic, null, keySerde == null ? null : keySerde.serializer(),
                valueSerde == null ? null : valueSerde.serializer(), partitioner, filterName);
            model.addSource(sourceName, List.of(topic), null, keySerde == null ? null : keySerde.deserializer(),
                valueSerde == null ? null : valueSerde.deserializer(), null);
            if (generated) {
                model.markGenerated(filterName);
                model.markGenerated(sinkName);
                model.markGenerated(sourceName);
            }
        }
    }

    /**
     * Reads a topic as a table ({@code builder.table}): a source node and the table's source
     * processor, which keeps a store if the table is materialized.
     */
    record TableSourceStep(String sourceName, String name, boolean generated, String topic, Serde<?> keySerde, Serde<?> valueSerde,
                           dev.rill.streams.processor.TimestampExtractor extractor, ProcessorSupplier<?, ?, ?, ?> supplier) implements GraphNode {
        @Override
        public void writeTo(TopologyModel model) {
            model.addSource(sourceName, List.of(topic), null, keySerde == null ? null : keySerde.deserializer(),
                valueSerde == null ? null : valueSerde.deserializer(), extractor);
            model.addProcessor(name, supplier, sourceName);
            if (generated) {
                model.markGenerated(sourceName);
                model.markGenerated(name);
            }
        }
    }

    /**
     * The repartition topic of {@code KTable.groupBy}: a sink writing group updates as {@link Change}s
     * (old and new value together) and a source reading them back. {@link #name()} is the source.
     */
    record TableRepartitionStep(String topic, boolean topicGenerated, boolean nodesGenerated, String sinkName, String sourceName,
                                Serde<?> keySerde, Serde<?> valueSerde, String parent) implements GraphNode {
        @Override
        public String name() {
            return sourceName;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void writeTo(TopologyModel model) {
            model.addInternalTopic(topic, null, topicGenerated);
            model.addSink(sinkName, topic, null, keySerde == null ? null : keySerde.serializer(),
                new ChangeSerde.ChangeSerializer(valueSerde == null ? null : valueSerde.serializer()), null, parent);
            model.addSource(sourceName, List.of(topic), null, keySerde == null ? null : keySerde.deserializer(),
                new ChangeSerde.ChangeDeserializer(valueSerde == null ? null : valueSerde.deserializer()),
                new dev.rill.streams.processor.FailOnInvalidTimestamp());
            if (nodesGenerated) {
                model.markGenerated(sinkName);
                model.markGenerated(sourceName);
            }
        }
    }

    /**
     * Reads a topic into a global store ({@code builder.globalTable}): a source and the processor
     * writing the store, kept apart from the tasks.
     */
    record GlobalTableStep(String sourceName, String name, boolean generated, String topic, Serde<?> keySerde, Serde<?> valueSerde,
                           dev.rill.streams.processor.TimestampExtractor extractor, ProcessorSupplier<?, ?, ?, ?> supplier) implements GraphNode {
        @Override
        public void writeTo(TopologyModel model) {
            model.addGlobalStore(sourceName, topic, keySerde == null ? null : keySerde.deserializer(),
                valueSerde == null ? null : valueSerde.deserializer(), extractor, name, supplier);
            if (generated) {
                model.markGenerated(sourceName);
                model.markGenerated(name);
            }
        }
    }

    /** Adds a store that processors name in {@code process(...)}. */
    record StateStoreStep(StoreBuilder<?> builder) implements GraphNode {
        @Override
        public String name() {
            return builder.name();
        }

        @Override
        public void writeTo(TopologyModel model) {
            model.addStateStore(builder, false);
        }
    }
}
