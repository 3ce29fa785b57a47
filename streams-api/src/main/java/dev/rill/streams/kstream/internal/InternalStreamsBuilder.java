package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.internal.topology.TopologyModel;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.KStream;
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
