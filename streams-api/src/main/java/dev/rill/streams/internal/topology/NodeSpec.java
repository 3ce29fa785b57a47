package dev.rill.streams.internal.topology;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import java.util.List;
import java.util.regex.Pattern;

/** One node of a physical topology, as added to {@link TopologyModel}. Immutable. */
@Internal
public sealed interface NodeSpec permits NodeSpec.SourceSpec, NodeSpec.ProcessorSpec, NodeSpec.SinkSpec {

    /** @return the node name, unique in the topology */
    String name();

    /** @return the names of the nodes feeding this one, in the order given */
    List<String> parents();

    /**
     * Reads topics.
     *
     * @param name node name
     * @param topics topics read by name (empty when reading by pattern)
     * @param pattern topic pattern, or {@code null}
     * @param keyDeserializer key deserializer, or {@code null} for the default key serde
     * @param valueDeserializer value deserializer, or {@code null} for the default value serde
     * @param timestampExtractor extractor, or {@code null} for the default
     */
    record SourceSpec(String name, List<String> topics, Pattern pattern, Deserializer<?> keyDeserializer,
                      Deserializer<?> valueDeserializer, TimestampExtractor timestampExtractor) implements NodeSpec {
        @Override
        public List<String> parents() {
            return List.of();
        }

        /**
         * @param topic a topic name
         * @return whether this source reads it
         */
        public boolean reads(String topic) {
            return pattern == null ? topics.contains(topic) : pattern.matcher(topic).matches();
        }
    }

    /**
     * Runs a processor.
     *
     * @param name node name
     * @param supplier creates one processor per task
     * @param parents feeding nodes
     */
    record ProcessorSpec(String name, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> parents) implements NodeSpec {
    }

    /**
     * Writes a topic.
     *
     * @param name node name
     * @param topic fixed topic, or {@code null} when {@code topicExtractor} picks it
     * @param topicExtractor per-record topic, or {@code null}
     * @param keySerializer key serializer, or {@code null} for the default key serde
     * @param valueSerializer value serializer, or {@code null} for the default value serde
     * @param partitioner partitioner, or {@code null} to hash the key
     * @param parents feeding nodes
     */
    record SinkSpec(String name, String topic, TopicNameExtractor<?, ?> topicExtractor, Serializer<?> keySerializer,
                    Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner, List<String> parents) implements NodeSpec {
    }
}
