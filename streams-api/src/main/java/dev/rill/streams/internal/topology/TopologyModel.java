package dev.rill.streams.internal.topology;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.internal.topology.NodeSpec.ProcessorSpec;
import dev.rill.streams.internal.topology.NodeSpec.SinkSpec;
import dev.rill.streams.internal.topology.NodeSpec.SourceSpec;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The physical topology behind {@code Topology}: sources, processors, sinks, stores and internal topics,
 * checked as they are added. The runtime instantiates tasks from it; {@code describe()} renders it.
 * Not thread-safe; built on one thread, then only read.
 */
@Internal
public final class TopologyModel {
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, StoreBuilder<?>> stores = new LinkedHashMap<>();
    private final Map<String, Set<String>> processorStores = new HashMap<>();
    private final Map<String, String> topicOwners = new HashMap<>();
    private final Map<String, InternalTopicSpec> internalTopics = new LinkedHashMap<>();
    private final Set<String> generatedNames = new HashSet<>();
    private final Set<String> globalTopics = new LinkedHashSet<>();
    private final Set<String> globalNodes = new HashSet<>();
    private final Set<String> globalStores = new LinkedHashSet<>();
    private List<Subtopology> subtopologies;

    /**
     * Adds a source.
     *
     * @param name node name
     * @param topics topics to read (empty when {@code pattern} is given)
     * @param pattern a topic pattern, or {@code null}
     * @param keyDeserializer key deserializer, or {@code null} for the default
     * @param valueDeserializer value deserializer, or {@code null} for the default
     * @param extractor timestamp extractor, or {@code null} for the default
     * @throws TopologyException if the name is taken, no topic is given, or a topic is already read
     */
    public void addSource(String name, List<String> topics, Pattern pattern, Deserializer<?> keyDeserializer,
                          Deserializer<?> valueDeserializer, TimestampExtractor extractor) {
        requireName(name, "source");
        if (pattern == null && (topics == null || topics.isEmpty())) {
            throw new TopologyException("source '" + name + "' must read at least one topic");
        }
        for (String topic : topics == null ? List.<String>of() : topics) {
            Objects.requireNonNull(topic, "topic names of source '" + name + "' must not be null");
        }
        List<String> topicList = topics == null ? List.of() : List.copyOf(topics);
        for (String topic : topicList) {
            String owner = topicOwners.get(topic);
            if (owner != null) {
                throw new TopologyException("topic '" + topic + "' is already read by source '" + owner
                    + "'; a topic can feed only one source (use merge() or several branches of one source)");
            }
        }
        topicList.forEach(topic -> topicOwners.put(topic, name));
        put(new SourceSpec(name, topicList, pattern, keyDeserializer, valueDeserializer, extractor));
    }

    /**
     * Adds a processor.
     *
     * @param name node name
     * @param supplier creates processors; must return a new instance on every call
     * @param parentNames feeding nodes, already added, not sinks
     * @throws TopologyException if the name is taken, a parent is missing or is a sink, or the supplier
     *     returns the same instance twice
     */
    public void addProcessor(String name, ProcessorSupplier<?, ?, ?, ?> supplier, String... parentNames) {
        requireName(name, "processor");
        Objects.requireNonNull(supplier, "processor supplier of '" + name + "' must not be null");
        Object first = supplier.get();
        if (first == null || first == supplier.get()) {
            throw new TopologyException("the ProcessorSupplier of processor '" + name + "' must return a new Processor "
                + "on every get() call (it returned " + (first == null ? "null" : "the same instance twice")
                + "); tasks must not share processor state");
        }
        List<String> parents = requireParents(name, parentNames);
        put(new ProcessorSpec(name, supplier, parents));
        if (supplier.stores() != null) {
            for (StoreBuilder<?> store : supplier.stores()) {
                if (!stores.containsKey(store.name())) {
                    addStateStore(store, false);
                } else if (stores.get(store.name()) != store) {
                    throw new TopologyException("processor '" + name + "' brings its own store '" + store.name()
                        + "', but a different store of that name is already added");
                }
                connectProcessorAndStateStores(name, store.name());
            }
        }
    }

    /**
     * Adds a sink.
     *
     * @param name node name
     * @param topic the topic, or {@code null} when {@code extractor} is given
     * @param extractor per-record topic, or {@code null}
     * @param keySerializer key serializer, or {@code null} for the default
     * @param valueSerializer value serializer, or {@code null} for the default
     * @param partitioner partitioner, or {@code null}
     * @param parentNames feeding nodes
     * @throws TopologyException if the name is taken or a parent is missing or is a sink
     */
    public void addSink(String name, String topic, TopicNameExtractor<?, ?> extractor, Serializer<?> keySerializer,
                        Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner, String... parentNames) {
        requireName(name, "sink");
        if (topic == null && extractor == null) {
            throw new NullPointerException("sink '" + name + "' needs a topic or a TopicNameExtractor");
        }
        List<String> parents = requireParents(name, parentNames);
        put(new SinkSpec(name, topic, extractor, keySerializer, valueSerializer, partitioner, parents));
    }

    /**
     * Adds a store and connects it to processors. A store with logging enabled also declares its
     * changelog, the internal topic {@code <store>-changelog}.
     *
     * @param builder builds the store per task
     * @param generatedName whether Rill generated the store's name
     * @param processorNames processors to connect it to
     * @throws TopologyException if a store of that name exists, or a processor is missing
     */
    public void addStateStore(StoreBuilder<?> builder, boolean generatedName, String... processorNames) {
        Objects.requireNonNull(builder, "store builder must not be null");
        String storeName = Objects.requireNonNull(builder.name(), "store name must not be null");
        if (stores.containsKey(storeName)) {
            throw new TopologyException("a state store named '" + storeName + "' is already added");
        }
        stores.put(storeName, builder);
        if (generatedName) {
            generatedNames.add(storeName);
        }
        if (builder.loggingEnabled()) {
            // The changelog is a topic the application owns: declared here so the runtime prefixes it
            // with the application id and never mistakes it for a user topic.
            addInternalTopic(storeName + "-changelog", null, generatedName);
        }
        subtopologies = null;
        connectProcessorAndStateStores(processorNames, storeName);
    }

    /**
     * Connects a processor to stores it may read and write.
     *
     * @param processorName an added processor
     * @param storeNames added stores
     * @throws TopologyException if the processor or a store is missing
     */
    public void connectProcessorAndStateStores(String processorName, String... storeNames) {
        Objects.requireNonNull(processorName, "processor name must not be null");
        NodeSpec node = nodes.get(processorName);
        if (!(node instanceof ProcessorSpec)) {
            throw new TopologyException(node == null
                ? "processor '" + processorName + "' is not added yet; add it before connecting stores to it"
                : "'" + processorName + "' is a " + kind(node) + ", only processors can use state stores");
        }
        for (String storeName : storeNames) {
            Objects.requireNonNull(storeName, "store names for processor '" + processorName + "' must not be null");
            if (!stores.containsKey(storeName)) {
                throw new TopologyException("state store '" + storeName + "' is not added yet; add it (Topology.addStateStore "
                    + "or StreamsBuilder.addStateStore) before connecting processor '" + processorName + "' to it");
            }
            processorStores.computeIfAbsent(processorName, k -> new LinkedHashSet<>()).add(storeName);
        }
        subtopologies = null;
    }

    private void connectProcessorAndStateStores(String[] processorNames, String storeName) {
        for (String processor : processorNames) {
            connectProcessorAndStateStores(processor, storeName);
        }
    }

    /**
     * Adds a global store: a source reading {@code topic} in full and the processor that writes the
     * store, which the processor's supplier brings ({@link ProcessorSupplier#stores()}). The topic is
     * the store's changelog; its records advance no task's stream time.
     *
     * @param sourceName the source node's name
     * @param topic the topic
     * @param keyDeserializer key deserializer, or {@code null} for the default
     * @param valueDeserializer value deserializer, or {@code null} for the default
     * @param extractor timestamp extractor, or {@code null} for the default
     * @param processorName the updating processor's name
     * @param supplier creates the updating processor; must bring exactly one store, without a changelog
     * @throws TopologyException if a name or the topic is taken, or the supplier brings no store, several,
     *     or one with a changelog
     */
    public void addGlobalStore(String sourceName, String topic, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                               TimestampExtractor extractor, String processorName, ProcessorSupplier<?, ?, ?, ?> supplier) {
        Objects.requireNonNull(topic, "topic of global store source '" + sourceName + "' must not be null");
        Objects.requireNonNull(supplier, "processor supplier of '" + processorName + "' must not be null");
        Set<StoreBuilder<?>> brought = supplier.stores();
        if (brought == null || brought.size() != 1) {
            throw new TopologyException("the processor '" + processorName + "' of a global store must bring exactly one store, not "
                + (brought == null ? 0 : brought.size()));
        }
        StoreBuilder<?> store = brought.iterator().next();
        if (store.loggingEnabled()) {
            throw new TopologyException("global store '" + store.name() + "' must not have a changelog: its topic '" + topic
                + "' is its changelog; disable logging on it");
        }
        addSource(sourceName, List.of(topic), null, keyDeserializer, valueDeserializer, extractor);
        addProcessor(processorName, supplier, sourceName);
        globalTopics.add(topic);
        globalNodes.add(sourceName);
        globalNodes.add(processorName);
        globalStores.add(store.name());
    }

    /**
     * @param topic a topic name
     * @return whether the topic feeds a global store
     */
    public boolean isGlobalTopic(String topic) {
        return globalTopics.contains(topic);
    }

    /**
     * @param name a node name
     * @return whether the node reads or writes a global store
     */
    public boolean isGlobalNode(String name) {
        return globalNodes.contains(name);
    }

    /**
     * @param storeName a store name
     * @return whether it is a global store, readable by every processor
     */
    public boolean isGlobalStore(String storeName) {
        return globalStores.contains(storeName);
    }

    /**
     * Declares a topic the topology owns.
     *
     * @param name the topic name without the application id
     * @param partitions partition count, or {@code null}
     * @param generatedName whether Rill generated the name
     */
    public void addInternalTopic(String name, Integer partitions, boolean generatedName) {
        internalTopics.put(name, new InternalTopicSpec(name, partitions));
        if (generatedName) {
            generatedNames.add(name);
        }
    }

    /**
     * Records that Rill generated a node's name, so {@code describe()} can mark it where it matters.
     *
     * @param name the node name
     */
    public void markGenerated(String name) {
        generatedNames.add(name);
    }

    /** @return every node, in the order added */
    public Collection<NodeSpec> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /**
     * @param name a node name
     * @return the node, or {@code null}
     */
    public NodeSpec node(String name) {
        return nodes.get(name);
    }

    /**
     * @param name a node name
     * @return its children, in the order they were added
     */
    public List<String> children(String name) {
        return Collections.unmodifiableList(children.getOrDefault(name, List.of()));
    }

    /**
     * @param processorName a processor name
     * @return the stores connected to it
     */
    public Set<String> storesOf(String processorName) {
        return Collections.unmodifiableSet(processorStores.getOrDefault(processorName, Set.of()));
    }

    /** @return the store builders, by name, in the order added */
    public Map<String, StoreBuilder<?>> stores() {
        return Collections.unmodifiableMap(stores);
    }

    /** @return the internal topics, by name without the application id */
    public Map<String, InternalTopicSpec> internalTopics() {
        return Collections.unmodifiableMap(internalTopics);
    }

    /**
     * @param name a node, store or topic name
     * @return whether Rill generated it
     */
    public boolean isGenerated(String name) {
        return generatedNames.contains(name);
    }

    /**
     * Finds the source reading a topic, by name or by pattern.
     *
     * @param topic a topic name (internal topics without the application id)
     * @return the source, if any
     */
    public Optional<SourceSpec> sourceFor(String topic) {
        String owner = topicOwners.get(topic);
        if (owner != null) {
            return Optional.of((SourceSpec) nodes.get(owner));
        }
        for (NodeSpec node : nodes.values()) {
            if (node instanceof SourceSpec source && source.pattern() != null && source.reads(topic)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    /** @return every topic read by name, in the order the sources were added */
    public Set<String> sourceTopics() {
        Set<String> topics = new LinkedHashSet<>();
        for (NodeSpec node : nodes.values()) {
            if (node instanceof SourceSpec source) {
                topics.addAll(source.topics());
            }
        }
        return topics;
    }

    /**
     * Groups the nodes into sub-topologies: nodes joined by an edge or by a shared store belong together.
     *
     * @return the sub-topologies, by id
     */
    public List<Subtopology> subtopologies() {
        if (subtopologies == null) {
            subtopologies = SubtopologyGrouping.group(this);
        }
        return subtopologies;
    }

    private void put(NodeSpec node) {
        nodes.put(node.name(), node);
        for (String parent : node.parents()) {
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(node.name());
        }
        subtopologies = null;
    }

    private void requireName(String name, String kind) {
        Objects.requireNonNull(name, kind + " name must not be null");
        NodeSpec existing = nodes.get(name);
        if (existing != null) {
            throw new TopologyException("a " + kind(existing) + " named '" + name + "' is already added; node names must be unique");
        }
    }

    private List<String> requireParents(String name, String[] parentNames) {
        if (parentNames == null || parentNames.length == 0) {
            throw new TopologyException("'" + name + "' needs at least one parent node");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String parent : parentNames) {
            Objects.requireNonNull(parent, "parent names of '" + name + "' must not be null");
            if (parent.equals(name)) {
                throw new TopologyException("'" + name + "' cannot be its own parent");
            }
            NodeSpec node = nodes.get(parent);
            if (node == null) {
                throw new TopologyException("parent '" + parent + "' of '" + name + "' is not added yet; add parents first");
            }
            if (node instanceof SinkSpec) {
                throw new TopologyException("sink '" + parent + "' cannot be the parent of '" + name
                    + "'; a sink ends a path (read its topic with a new source instead)");
            }
            if (!unique.add(parent)) {
                throw new TopologyException("parent '" + parent + "' is given twice for '" + name + "'");
            }
        }
        return List.copyOf(unique);
    }

    static String kind(NodeSpec node) {
        if (node instanceof SourceSpec) {
            return "source";
        }
        return node instanceof SinkSpec ? "sink" : "processor";
    }

    @Override
    public String toString() {
        return "TopologyModel" + Arrays.toString(nodes.keySet().toArray());
    }
}
