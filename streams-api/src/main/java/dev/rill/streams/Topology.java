package dev.rill.streams;

import dev.rill.annotation.Internal;
import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.internal.topology.ModelDescription;
import dev.rill.streams.internal.topology.TopologyModel;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.StoreBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A graph of sources, processors and sinks, with the state stores its processors use. Build one by hand
 * with the methods here (the Processor API), or get one from {@link StreamsBuilder#build()} (the DSL);
 * the two mix, since a DSL topology can run hand-written processors with {@code KStream.process}.
 *
 * <pre>{@code
 * Topology topology = new Topology()
 *     .addSource("words", "text-lines")
 *     .addProcessor("upper", UppercaseProcessor::new, "words")
 *     .addSink("out", "upper-lines", "upper");
 * }</pre>
 *
 * <p>Every method checks its input at once and throws
 * {@link dev.rill.streams.errors.TopologyException} naming the node and what is wrong: a duplicate
 * name, a missing parent, a sink used as a parent, a topic read by two sources, an unknown store. Not
 * thread-safe: build a topology on one thread.
 */
@Stable
public class Topology {
    private final TopologyModel model;

    /** Creates an empty topology. */
    public Topology() {
        this(new TopologyModel());
    }

    /**
     * Wraps a model built by the DSL.
     *
     * @param model the model
     */
    @Internal
    public Topology(TopologyModel model) {
        this.model = Objects.requireNonNull(model, "model must not be null");
    }

    /**
     * Adds a source reading topics with the default serdes and timestamp extractor.
     *
     * @param name the node name, unique in the topology
     * @param topics the topics to read; each topic can feed only one source
     * @return this
     */
    public synchronized Topology addSource(String name, String... topics) {
        model.addSource(name, topicList(name, topics), null, null, null, null);
        return this;
    }

    /**
     * Adds a source reading every topic whose name matches a pattern.
     *
     * @param name the node name
     * @param topicPattern the pattern a whole topic name must match
     * @return this
     */
    public synchronized Topology addSource(String name, Pattern topicPattern) {
        model.addSource(name, List.of(), Objects.requireNonNull(topicPattern, "topicPattern must not be null"), null, null, null);
        return this;
    }

    /**
     * Adds a source with its own deserializers.
     *
     * @param name the node name
     * @param keyDeserializer the key deserializer, or {@code null} for the default
     * @param valueDeserializer the value deserializer, or {@code null} for the default
     * @param topics the topics to read
     * @return this
     */
    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                                           String... topics) {
        model.addSource(name, topicList(name, topics), null, keyDeserializer, valueDeserializer, null);
        return this;
    }

    /**
     * Adds a source with its own timestamp extractor and deserializers.
     *
     * @param name the node name
     * @param timestampExtractor the extractor, or {@code null} for the default
     * @param keyDeserializer the key deserializer, or {@code null} for the default
     * @param valueDeserializer the value deserializer, or {@code null} for the default
     * @param topics the topics to read
     * @return this
     */
    public synchronized Topology addSource(String name, TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        model.addSource(name, topicList(name, topics), null, keyDeserializer, valueDeserializer, timestampExtractor);
        return this;
    }

    /**
     * Adds a processor fed by one or more nodes. Stores returned by {@code supplier.stores()} are added
     * and connected.
     *
     * @param name the node name
     * @param supplier creates a new processor on every call
     * @param parentNames the nodes feeding it; they must already be added and must not be sinks
     * @param <KIn> input key type
     * @param <VIn> input value type
     * @param <KOut> output key type
     * @param <VOut> output value type
     * @return this
     */
    public synchronized <KIn, VIn, KOut, VOut> Topology addProcessor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                                                    String... parentNames) {
        model.addProcessor(name, supplier, parentNames);
        return this;
    }

    /**
     * Adds a sink writing a topic with the default serdes.
     *
     * @param name the node name
     * @param topic the topic
     * @param parentNames the nodes feeding it
     * @return this
     */
    public synchronized Topology addSink(String name, String topic, String... parentNames) {
        model.addSink(name, Objects.requireNonNull(topic, "topic must not be null"), null, null, null, null, parentNames);
        return this;
    }

    /**
     * Adds a sink writing a topic with its own partitioner.
     *
     * @param name the node name
     * @param topic the topic
     * @param partitioner chooses partitions
     * @param parentNames the nodes feeding it
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, String topic, StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        model.addSink(name, Objects.requireNonNull(topic, "topic must not be null"), null, null, null, partitioner, parentNames);
        return this;
    }

    /**
     * Adds a sink writing a topic with its own serializers.
     *
     * @param name the node name
     * @param topic the topic
     * @param keySerializer the key serializer, or {@code null} for the default
     * @param valueSerializer the value serializer, or {@code null} for the default
     * @param parentNames the nodes feeding it
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                String... parentNames) {
        model.addSink(name, Objects.requireNonNull(topic, "topic must not be null"), null, keySerializer, valueSerializer, null, parentNames);
        return this;
    }

    /**
     * Adds a sink writing a topic with its own serializers and partitioner.
     *
     * @param name the node name
     * @param topic the topic
     * @param keySerializer the key serializer, or {@code null} for the default
     * @param valueSerializer the value serializer, or {@code null} for the default
     * @param partitioner chooses partitions, or {@code null} to hash the key
     * @param parentNames the nodes feeding it
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                StreamPartitioner<? super K, ? super V> partitioner, String... parentNames) {
        model.addSink(name, Objects.requireNonNull(topic, "topic must not be null"), null, keySerializer, valueSerializer, partitioner, parentNames);
        return this;
    }

    /**
     * Adds a sink that picks each record's topic with an extractor.
     *
     * @param name the node name
     * @param topicExtractor picks the topic per record
     * @param parentNames the nodes feeding it
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor, String... parentNames) {
        model.addSink(name, null, Objects.requireNonNull(topicExtractor, "topicExtractor must not be null"), null, null, null, parentNames);
        return this;
    }

    /**
     * Adds a sink that picks each record's topic with an extractor, with its own serializers.
     *
     * @param name the node name
     * @param topicExtractor picks the topic per record
     * @param keySerializer the key serializer, or {@code null} for the default
     * @param valueSerializer the value serializer, or {@code null} for the default
     * @param parentNames the nodes feeding it
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer, String... parentNames) {
        model.addSink(name, null, Objects.requireNonNull(topicExtractor, "topicExtractor must not be null"), keySerializer,
            valueSerializer, null, parentNames);
        return this;
    }

    /**
     * Adds a state store and connects it to processors.
     *
     * @param storeBuilder builds the store, once per task
     * @param processorNames processors that may use it (more can be connected later)
     * @return this
     */
    public synchronized Topology addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        model.addStateStore(storeBuilder, false, processorNames);
        return this;
    }

    /**
     * Lets a processor use stores already added. Processors sharing a store end up in one sub-topology.
     *
     * @param processorName the processor
     * @param stateStoreNames the stores
     * @return this
     */
    public synchronized Topology connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        model.connectProcessorAndStateStores(processorName, stateStoreNames);
        return this;
    }

    /**
     * Describes the topology. Print it ({@code toString()}) to see sub-topologies, nodes, topics and
     * stores, or render it with {@code toDot()} / {@code toMermaid()}.
     *
     * @return a snapshot of the topology as it is now
     */
    public synchronized TopologyDescription describe() {
        return new ModelDescription(model);
    }

    private static List<String> topicList(String name, String[] topics) {
        Objects.requireNonNull(topics, "topics of source '" + name + "' must not be null");
        return Arrays.asList(topics);
    }

    /**
     * The model the runtime instantiates.
     *
     * @return the model; do not change it
     */
    @Internal
    public TopologyModel model() {
        return model;
    }
}
