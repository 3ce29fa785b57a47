package dev.rill.streams;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.GlobalKTable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.kstream.internal.InternalStreamsBuilder;
import dev.rill.streams.state.StoreBuilder;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The entry point of the DSL: declare input streams, chain operators on them, then {@link #build()} a
 * {@link Topology}.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
 *        .filter((id, order) -> order.contains("priority"))
 *        .mapValues(order -> order.toUpperCase())
 *        .to("priority-orders");
 * Topology topology = builder.build();
 * }</pre>
 *
 * <p>The builder records a logical graph; {@code build()} turns it into a new physical topology each
 * time it is called. Not thread-safe.
 */
@Stable
public class StreamsBuilder {
    private final InternalStreamsBuilder internal = new InternalStreamsBuilder();

    /** Creates an empty builder. */
    public StreamsBuilder() {
    }

    /**
     * Reads a topic with the default serdes.
     *
     * @param topic the topic
     * @param <K> key type
     * @param <V> value type
     * @return the stream of the topic's records
     */
    public synchronized <K, V> KStream<K, V> stream(String topic) {
        return stream(List.of(Objects.requireNonNull(topic, "topic must not be null")), Consumed.with(null, null));
    }

    /**
     * Reads a topic.
     *
     * @param topic the topic
     * @param consumed serdes, timestamp extractor and source name
     * @param <K> key type
     * @param <V> value type
     * @return the stream of the topic's records
     */
    public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(List.of(Objects.requireNonNull(topic, "topic must not be null")), consumed);
    }

    /**
     * Reads a topic as a table, with the default serdes: each record updates the row of its key, a
     * {@code null} value deletes it. The table keeps a store only if a downstream operator needs one.
     *
     * @param topic the topic
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws NullPointerException if {@code topic} is {@code null}
     */
    public synchronized <K, V> KTable<K, V> table(String topic) {
        return table(topic, Consumed.with(null, null));
    }

    /**
     * Reads a topic as a table.
     *
     * @param topic the topic
     * @param consumed serdes, timestamp extractor and source name
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws NullPointerException if an argument is {@code null}
     */
    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        Objects.requireNonNull(consumed, "consumed must not be null");
        return internal.table(topic, consumed, Materialized.with(consumed.keySerde(), consumed.valueSerde()));
    }

    /**
     * Reads a topic as a table kept in the given store.
     *
     * @param topic the topic
     * @param materialized the table's store and serdes
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws NullPointerException if an argument is {@code null}
     */
    public synchronized <K, V> KTable<K, V> table(String topic, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized must not be null");
        return internal.table(topic, Consumed.with(materialized.keySerde(), materialized.valueSerde()), materialized);
    }

    /**
     * Reads a topic as a table kept in the given store.
     *
     * @param topic the topic
     * @param consumed serdes, timestamp extractor and source name; its serdes win over the store's
     * @param materialized the table's store
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws NullPointerException if an argument is {@code null}
     */
    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
                                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return internal.table(topic, consumed, materialized);
    }

    /**
     * Reads a topic in full into a global store on every instance, with the default serdes.
     *
     * @param topic the topic
     * @param <K> key type
     * @param <V> value type
     * @return the global table
     * @throws NullPointerException if {@code topic} is {@code null}
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic) {
        return globalTable(topic, Consumed.with(null, null));
    }

    /**
     * Reads a topic in full into a global store on every instance.
     *
     * @param topic the topic
     * @param consumed serdes, timestamp extractor and source name
     * @param <K> key type
     * @param <V> value type
     * @return the global table
     * @throws NullPointerException if an argument is {@code null}
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        Objects.requireNonNull(consumed, "consumed must not be null");
        return internal.globalTable(topic, consumed, Materialized.with(consumed.keySerde(), consumed.valueSerde()));
    }

    /**
     * Reads a topic in full into the given global store on every instance.
     *
     * @param topic the topic
     * @param materialized the store's name, serdes and options (its changelog setting is ignored: the topic is the changelog)
     * @param <K> key type
     * @param <V> value type
     * @return the global table
     * @throws NullPointerException if an argument is {@code null}
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized must not be null");
        return internal.globalTable(topic, Consumed.with(materialized.keySerde(), materialized.valueSerde()), materialized);
    }

    /**
     * Reads a topic in full into the given global store on every instance.
     *
     * @param topic the topic
     * @param consumed serdes, timestamp extractor and source name; its serdes are the store's (as in
     *     Kafka Streams, serdes set on {@code materialized} are not used)
     * @param materialized the store's name and options
     * @param <K> key type
     * @param <V> value type
     * @return the global table
     * @throws NullPointerException if an argument is {@code null}
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
                                                              Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return internal.globalTable(topic, consumed, materialized);
    }

    /**
     * Reads several topics as one stream, with the default serdes.
     *
     * @param topics the topics
     * @param <K> key type
     * @param <V> value type
     * @return the stream
     */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics) {
        return stream(topics, Consumed.with(null, null));
    }

    /**
     * Reads several topics as one stream.
     *
     * @param topics the topics
     * @param consumed serdes, timestamp extractor and source name
     * @param <K> key type
     * @param <V> value type
     * @return the stream
     * @throws IllegalArgumentException if {@code topics} is empty
     */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        Objects.requireNonNull(topics, "topics must not be null");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("stream() needs at least one topic");
        }
        for (String topic : topics) {
            Objects.requireNonNull(topic, "topics of stream() must not contain null: " + topics);
        }
        return internal.stream(List.copyOf(topics), null, consumed);
    }

    /**
     * Reads every topic whose whole name matches a pattern, with the default serdes.
     *
     * @param topicPattern the pattern
     * @param <K> key type
     * @param <V> value type
     * @return the stream
     */
    public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern) {
        return stream(topicPattern, Consumed.with(null, null));
    }

    /**
     * Reads every topic whose whole name matches a pattern.
     *
     * @param topicPattern the pattern
     * @param consumed serdes, timestamp extractor and source name
     * @param <K> key type
     * @param <V> value type
     * @return the stream
     */
    public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern, Consumed<K, V> consumed) {
        return internal.stream(null, Objects.requireNonNull(topicPattern, "topicPattern must not be null"), consumed);
    }

    /**
     * Adds a state store that processors name in {@code KStream.process(supplier, storeName)}.
     *
     * @param builder builds the store per task
     * @return this
     */
    public synchronized StreamsBuilder addStateStore(StoreBuilder<?> builder) {
        internal.addStateStore(builder);
        return this;
    }

    /**
     * Builds the topology declared so far.
     *
     * @return a new topology
     * @throws dev.rill.streams.errors.TopologyException if the declared graph is invalid (a topic read
     *     twice, a store name used twice, an unknown store)
     */
    public synchronized Topology build() {
        return new Topology(internal.build());
    }

    /**
     * Builds the topology; the properties will select optimizations once there are any to choose.
     *
     * @param props the application configuration
     * @return a new topology
     */
    public synchronized Topology build(Properties props) {
        Objects.requireNonNull(props, "props must not be null");
        return build();
    }
}
