package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.internal.topology.TopologyModel;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.GlobalKTable;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Records the logical graph of a {@code StreamsBuilder} and writes it out as a {@link TopologyModel}.
 * Generated names follow Kafka Streams' scheme ({@code KSTREAM-FILTER-0000000001}), and the counter
 * advances exactly when Kafka Streams' does, so a ported topology gets the same node, store and
 * internal topic names.
 */
@Internal
public final class InternalStreamsBuilder {
    /** A name made by {@link #newName}, as opposed to one the user gave. */
    private static final Pattern GENERATED = Pattern.compile("KSTREAM.*-[0-9]{10}");

    private final List<GraphNode> steps = new ArrayList<>();
    private final List<GraphNode> stores = new ArrayList<>();
    private int nextIndex;

    /**
     * @param prefix the operator prefix, e.g. {@code KSTREAM-FILTER-}
     * @return a new unique name
     */
    String newName(String prefix) {
        return prefix + String.format("%010d", nextIndex++);
    }

    void add(GraphNode step) {
        steps.add(step);
    }

    /**
     * The name of a new operator. Kafka Streams draws a number for every DSL operator, named or not;
     * doing the same keeps every generated name, and so every generated store and topic name, the same.
     *
     * @param prefix the operator prefix
     * @param named the user's name, or {@code null}
     * @return the user's name if given, else a generated one
     */
    String nameFor(String prefix, Named named) {
        String drawn = newName(prefix);
        return named != null ? named.name() : drawn;
    }

    /**
     * @param prefix the operator prefix, e.g. {@code KSTREAM-AGGREGATE-}
     * @return a new store name such as {@code KSTREAM-AGGREGATE-STATE-STORE-0000000003}
     */
    String newStoreName(String prefix) {
        return newName(prefix + "STATE-STORE-");
    }

    /**
     * A repartition topic (null-key filter, sink, source) below {@code parent}, named
     * {@code <prefix>-repartition}. Its nodes get generated names when the prefix is itself generated,
     * else names derived from the topic, as in Kafka Streams; three numbers are drawn either way.
     *
     * @param prefix the topic's base name
     * @param keySerde the key serde, or {@code null} for the default
     * @param valueSerde the value serde, or {@code null} for the default
     * @param partitions the partition count, or {@code null} to follow the input
     * @param partitioner the partitioner, or {@code null}
     * @param parent the node writing to the topic
     * @return the step, not yet added
     */
    GraphNode.RepartitionStep repartition(String prefix, Serde<?> keySerde, Serde<?> valueSerde, Integer partitions,
                                          StreamPartitioner<?, ?> partitioner, String parent) {
        String topic = prefix.endsWith("-repartition") ? prefix : prefix + "-repartition";
        String sink = newName("KSTREAM-SINK-");
        String filter = newName("KSTREAM-FILTER-");
        String source = newName("KSTREAM-SOURCE-");
        boolean generated = GENERATED.matcher(prefix).matches();
        if (!generated) {
            sink = topic + "-sink";
            filter = topic + "-filter";
            source = topic + "-source";
        }
        return new GraphNode.RepartitionStep(topic, generated, filter, sink, source, keySerde, valueSerde, partitions, partitioner, parent);
    }

    /**
     * Reads a topic as a table.
     *
     * @param topic the topic
     * @param consumed serdes, extractor and name
     * @param materialized the table's store; its serdes are used where {@code consumed} has none
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(consumed, "consumed must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        Serde<K> ks = consumed.keySerde() != null ? consumed.keySerde() : materialized.keySerde();
        Serde<V> vs = consumed.valueSerde() != null ? consumed.valueSerde() : materialized.valueSerde();
        String storeName = materialized.storeName() != null ? materialized.storeName() : newStoreName(topic + "-");
        Named named = consumed.name() == null ? null : Named.as(consumed.name());
        String sourceName = nameFor("KSTREAM-SOURCE-", named == null ? null : Named.as(consumed.name() + "-source"));
        String tableSourceName = nameFor("KTABLE-SOURCE-", named);
        TableSourceSupplier<K, V> supplier = new TableSourceSupplier<>(DslStoreSpec.keyValue(storeName, materialized, ks, vs),
            materialized.storeName() != null);
        add(new GraphNode.TableSourceStep(sourceName, tableSourceName, named == null, topic, ks, vs, consumed.timestampExtractor(), supplier));
        return new KTableImpl<>(this, tableSourceName, ks, vs, supplier);
    }

    /**
     * Reads a topic into a global store. Its serdes are those of {@code consumed}; the store keeps no
     * changelog, since the topic itself is one.
     *
     * @param topic the topic
     * @param consumed serdes, extractor and name
     * @param materialized the store's name and options
     * @param <K> key type
     * @param <V> value type
     * @return the global table
     */
    public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
                                                 Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(consumed, "consumed must not be null");
        Objects.requireNonNull(materialized, "materialized must not be null");
        String storeName = materialized.storeName() != null ? materialized.storeName() : newStoreName(topic + "-");
        Named named = consumed.name() == null ? null : Named.as(consumed.name());
        String sourceName = nameFor("KSTREAM-SOURCE-", named == null ? null : Named.as(consumed.name() + "-source"));
        String processorName = nameFor("KTABLE-SOURCE-", named);
        DslStoreSpec spec = new DslStoreSpec(DslStoreSpec.Kind.TIMESTAMPED_KEY_VALUE, storeName, consumed.keySerde(), consumed.valueSerde(),
            materialized.storeSupplier(), materialized.storeType(), materialized.cachingEnabled(), false, java.util.Map.of(), 0, 0, false);
        TableSourceSupplier<K, V> supplier = new TableSourceSupplier<>(spec, true);
        add(new GraphNode.GlobalTableStep(sourceName, processorName, named == null, topic, consumed.keySerde(), consumed.valueSerde(),
            consumed.timestampExtractor(), supplier));
        return new GlobalKTableImpl<>(storeName);
    }

    /**
     * Adds a stream source.
     *
     * @param topics topics by name, or {@code null} when reading by pattern
     * @param pattern topic pattern, or {@code null}
     * @param consumed serdes, extractor and name
     * @param <K> key type
     * @param <V> value type
     * @return the stream
     */
    public <K, V> KStream<K, V> stream(List<String> topics, Pattern pattern, Consumed<K, V> consumed) {
        Objects.requireNonNull(consumed, "consumed must not be null");
        boolean generated = consumed.name() == null;
        String drawn = newName("KSTREAM-SOURCE-"); // drawn even when named, as Kafka Streams does
        String name = generated ? drawn : consumed.name();
        GraphNode.StreamSource source = new GraphNode.StreamSource(name, generated, topics == null ? List.of() : List.copyOf(topics),
            pattern, consumed.keySerde(), consumed.valueSerde(), consumed.timestampExtractor());
        add(source);
        return new KStreamImpl<>(this, name, consumed.keySerde(), consumed.valueSerde(), false);
    }

    /**
     * Adds a store for processors to use by name.
     *
     * @param builder the store builder
     */
    public void addStateStore(StoreBuilder<?> builder) {
        stores.add(new GraphNode.StateStoreStep(Objects.requireNonNull(builder, "storeBuilder must not be null")));
    }

    /**
     * Writes the graph. Stores first, so processors may name a store added after them.
     *
     * @return a new model; each call builds a fresh one
     */
    public TopologyModel build() {
        TopologyModel model = new TopologyModel();
        stores.forEach(s -> s.writeTo(model));
        steps.forEach(s -> s.writeTo(model));
        return model;
    }
}
