package dev.rill.streams.internal.task;

import dev.rill.common.serialization.Deserializer;
import dev.rill.streams.processor.internal.DefaultSerdeConsumer;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.topology.NodeSpec.SourceSpec;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.api.Record;

/**
 * Reads records for its topics: deserializes them and extracts their timestamps. Serdes and extractor
 * missing from the topology come from the configuration when the task starts, so a missing serde is an
 * error before the first record, naming this source.
 */
final class SourceTaskNode extends TaskNode {
    final SourceSpec spec;
    Deserializer<Object> keyDeserializer;
    Deserializer<Object> valueDeserializer;
    TimestampExtractor extractor;
    private StreamTask task;

    SourceTaskNode(SourceSpec spec) {
        super(spec.name());
        this.spec = spec;
    }

    @Override
    @SuppressWarnings("unchecked")
    void init(StreamTask task) {
        this.task = task;
        StreamsConfig config = task.config;
        String node = "source '" + name + "' (topics " + describeTopics() + ")";
        String remedy = "Consumed.with(keySerde, valueSerde)";
        keyDeserializer = (Deserializer<Object>) withDefault(spec.keyDeserializer(), true, node, remedy);
        valueDeserializer = (Deserializer<Object>) withDefault(spec.valueDeserializer(), false, node, remedy);
        extractor = spec.timestampExtractor() != null ? spec.timestampExtractor() : config.defaultTimestampExtractor();
    }


    /**
     * The deserializer given to the node, or the application's default; a DSL wrapper that wraps the
     * default gets it here.
     */
    private Object withDefault(Object given, boolean isKey, String node, String remedy) {
        if (given == null) {
            return task.requireDefaultSerde(isKey, node, remedy).deserializer();
        }
        if (given instanceof DefaultSerdeConsumer wrapper && wrapper.needsDefault()) {
            return wrapper.withDefault(task.requireDefaultSerde(isKey, node, remedy));
        }
        return given;
    }

    String describeTopics() {
        return spec.pattern() != null ? "matching /" + spec.pattern().pattern() + "/" : spec.topics().toString();
    }

    @Override
    void process(Record<Object, Object> record) {
        // Indexed rather than for-each: no iterator per record.
        for (int i = 0; i < children.size(); i++) {
            task.dispatch(children.get(i), record);
        }
    }
}
