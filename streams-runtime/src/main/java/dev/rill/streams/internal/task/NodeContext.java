package dev.rill.streams.internal.task;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.internal.DroppedRecordsRecorder;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The context of one processor node: forwards to that node's children and answers from its task. */
final class NodeContext implements ProcessorContext<Object, Object>, DroppedRecordsRecorder {
    private final StreamTask task;
    private final ProcessorTaskNode node;

    NodeContext(StreamTask task, ProcessorTaskNode node) {
        this.task = task;
        this.node = node;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record) {
        requireRecord(record);
        List<TaskNode> children = node.children;
        // Indexed rather than for-each: no iterator per forwarded record.
        for (int i = 0; i < children.size(); i++) {
            task.dispatch(children.get(i), (Record<Object, Object>) record);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record, String childName) {
        requireRecord(record);
        TaskNode child = node.child(childName);
        if (child == null) {
            List<String> names = new ArrayList<>();
            node.children.forEach(c -> names.add(c.name));
            throw new StreamsException("processor '" + node.name + "' forwarded to '" + childName
                + "', which is not one of its children " + names);
        }
        task.dispatch(child, (Record<Object, Object>) record);
    }

    /** Not requireNonNull with a built message: that would build the message for every record. */
    private void requireRecord(Record<?, ?> record) {
        if (record == null) {
            throw new NullPointerException("processor '" + node.name + "' forwarded a null record");
        }
    }

    @Override
    public void recordDroppedRecord() {
        task.recordDroppedRecord();
    }

    @Override
    public String applicationId() {
        return task.config.applicationId();
    }

    @Override
    public TaskId taskId() {
        return task.id;
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return task.inputMetadata();
    }

    @Override
    public Serde<?> keySerde() {
        return task.defaultSerdeOrNull(true);
    }

    @Override
    public Serde<?> valueSerde() {
        return task.defaultSerdeOrNull(false);
    }

    @Override
    public File stateDir() {
        return task.stateDir;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
        if (!node.stores.contains(name) && !task.isGlobalStore(name)) {
            throw new StreamsException("processor '" + node.name + "' has no access to state store '" + name
                + "': connect it with Topology.connectProcessorAndStateStores, or name it in KStream.process(supplier, \""
                + name + "\") (connected stores: " + node.stores + ")");
        }
        return (S) task.store(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        Objects.requireNonNull(interval, "interval must not be null");
        Objects.requireNonNull(type, "punctuation type must not be null");
        Objects.requireNonNull(callback, "punctuator must not be null");
        long ms = interval.toMillis();
        if (ms < 1) {
            throw new IllegalArgumentException("punctuation interval of processor '" + node.name + "' must be at least 1 ms, got " + interval);
        }
        return task.schedule(node, type, ms, callback);
    }

    @Override
    public void commit() {
        task.requestCommit();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.config.values();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        Map<String, Object> result = new HashMap<>();
        task.config.values().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    @Override
    public long currentSystemTimeMs() {
        return task.wallClock.getAsLong();
    }

    @Override
    public long currentStreamTimeMs() {
        return task.streamTime();
    }
}
