package dev.rill.streams.internal.task;

import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.internal.ApplicationResources;
import dev.rill.streams.state.internal.StoreCache;
import dev.rill.streams.state.internal.StoreTaskContext;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * What a store sees of its task when it opens. Registration records the restore callback of each
 * store; the task replays a store's changelog into it once changelogs exist. As a
 * {@link StoreTaskContext} it also gives Rill's own store layers the changelog, the task's record
 * cache and the application's shared resources.
 */
final class TaskStoreContext implements StateStoreContext, StoreTaskContext {
    private final StreamTask task;
    private final Map<String, StateRestoreCallback> registered = new HashMap<>();

    TaskStoreContext(StreamTask task) {
        this.task = task;
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
    public File stateDir() {
        return task.stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.config.values();
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
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        if (registered.putIfAbsent(store.name(), restoreCallback) != null) {
            throw new IllegalStateException("state store '" + store.name() + "' of task " + task.id + " is already registered");
        }
    }

    /**
     * Sends the change through the task's collector, like sink output, to
     * {@code <application.id>-<store>-changelog} on the task's partition, with no headers and the
     * timestamp of the record being processed.
     */
    @Override
    public void logChange(String storeName, Bytes key, byte[] value) {
        String topic = task.config.applicationId() + "-" + storeName + "-changelog";
        RecordHeaders headers = new RecordHeaders();
        headers.setReadOnly();
        task.collector.send(topic, task.id.partition(), key.get(), value, headers, task.currentRecordTimestamp());
    }

    /** @return see {@link StreamTask#currentRecordTimestamp()} */
    @Override
    public long currentRecordTimestamp() {
        return task.currentRecordTimestamp();
    }

    @Override
    public void withRecordTimestamp(long timestamp, Runnable write) {
        task.withRecordTimestamp(timestamp, write);
    }

    /** @return the task's cache, shared by its caching stores */
    @Override
    public StoreCache cache() {
        return task.cache;
    }

    /** @return the resources given to the task by its owner */
    @Override
    public ApplicationResources applicationResources() {
        return task.applicationResources;
    }
}
