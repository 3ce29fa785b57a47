package dev.rill.streams.internal.task;

import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.processor.internal.DefaultSerdeConsumer;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.topology.NodeSpec.SinkSpec;
import dev.rill.streams.processor.RecordContext;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.Record;
import java.util.Optional;
import java.util.Set;

/**
 * Writes records to a topic: picks the topic and partitions, serializes, and hands the bytes to the
 * task's {@link RecordCollector}. A serializer that cannot handle a key or value is reported here with
 * the sink, the topic, the serializer and the type it was given: the usual cause is a missing
 * {@code Produced.with(...)} after an operator changed the type.
 */
final class SinkTaskNode extends TaskNode {
    private final SinkSpec spec;
    private StreamTask task;
    private Serializer<Object> keySerializer;
    private Serializer<Object> valueSerializer;
    // The log name of the fixed topic, resolved once; null when a TopicNameExtractor picks the topic.
    private String fixedTopic;

    SinkTaskNode(SinkSpec spec) {
        super(spec.name());
        this.spec = spec;
    }

    @Override
    @SuppressWarnings("unchecked")
    void init(StreamTask task) {
        this.task = task;
        String node = "sink '" + name + "' (" + describeTopic() + ")";
        String remedy = task.writesInternalTopic(spec.topic()) ? "Repartitioned.with(keySerde, valueSerde)" : "Produced.with(keySerde, valueSerde)";
        keySerializer = (Serializer<Object>) withDefault(spec.keySerializer(), true, node, remedy);
        valueSerializer = (Serializer<Object>) withDefault(spec.valueSerializer(), false, node, remedy);
        fixedTopic = spec.topic() == null ? null : task.resolveTopic(spec.topic());
    }


    /**
     * The serializer given to the node, or the application's default; a DSL wrapper that wraps the
     * default gets it here.
     */
    private Object withDefault(Object given, boolean isKey, String node, String remedy) {
        if (given == null) {
            return task.requireDefaultSerde(isKey, node, remedy).serializer();
        }
        if (given instanceof DefaultSerdeConsumer wrapper && wrapper.needsDefault()) {
            return wrapper.withDefault(task.requireDefaultSerde(isKey, node, remedy));
        }
        return given;
    }

    private String describeTopic() {
        return spec.topic() != null ? "topic '" + spec.topic() + "'" : "topic chosen by " + spec.topicExtractor().getClass().getName();
    }

    @Override
    @SuppressWarnings("unchecked")
    void process(Record<Object, Object> record) {
        String fullTopic = fixedTopic;
        if (fullTopic == null) {
            RecordContext recordContext = task.recordContextFor(record);
            String topic = ((TopicNameExtractor<Object, Object>) spec.topicExtractor()).extract(record.key(), record.value(), recordContext);
            if (topic == null) {
                throw new StreamsException("the TopicNameExtractor of sink '" + name + "' returned null for key " + record.key());
            }
            fullTopic = task.resolveTopic(topic);
        }
        // The collector keeps the record after we return, so it gets its own read-only copy of the headers.
        RecordHeaders headers = new RecordHeaders(record.headers());
        byte[] key = serialize(keySerializer, fullTopic, headers, record.key(), "key");
        byte[] value = serialize(valueSerializer, fullTopic, headers, record.value(), "value");
        headers.setReadOnly();
        if (spec.partitioner() == null) {
            // The common case: the collector hashes the key.
            task.collector.send(fullTopic, -1, key, value, headers, record.timestamp());
            return;
        }
        int[] partitions = choosePartitions(fullTopic, record);
        for (int partition : partitions) {
            task.collector.send(fullTopic, partition, key, value, headers, record.timestamp());
        }
    }

    private byte[] serialize(Serializer<Object> serializer, String topic, RecordHeaders headers, Object data, String what) {
        try {
            return serializer.serialize(topic, headers, data);
        } catch (ClassCastException e) {
            throw new StreamsException("sink '" + name + "' cannot serialize the " + what + " for topic '" + topic + "': "
                + serializer.getClass().getName() + " does not accept a " + data.getClass().getName()
                + ". Pass matching serdes with Produced.with(keySerde, valueSerde) (or Repartitioned/Grouped), "
                + "or change '" + (what.equals("key") ? StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG : StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG)
                + "'", e);
        } catch (RuntimeException e) {
            throw new StreamsException("sink '" + name + "' failed to serialize the " + what + " for topic '" + topic + "' with "
                + serializer.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /** The partitions the sink's partitioner (which must be set) chose; {@code {-1}} lets the collector hash the key. */
    @SuppressWarnings("unchecked")
    private int[] choosePartitions(String topic, Record<Object, Object> record) {
        StreamPartitioner<Object, Object> partitioner = (StreamPartitioner<Object, Object>) spec.partitioner();
        int count = task.collector.partitionCount(topic);
        Optional<Set<Integer>> chosen = partitioner.partitions(topic, record.key(), record.value(), count);
        if (chosen == null || chosen.isEmpty()) {
            return new int[] {-1};
        }
        int[] result = chosen.get().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int p : result) {
            if (p < 0 || p >= count) {
                throw new StreamsException("the StreamPartitioner of sink '" + name + "' chose partition " + p + " of topic '"
                    + topic + "', which has " + count + " partition(s)");
            }
        }
        return result;
    }
}
