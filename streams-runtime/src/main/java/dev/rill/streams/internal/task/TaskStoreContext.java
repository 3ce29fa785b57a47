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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a store sees of its task when it opens. Registration records the restore callback of each
 * store; the task replays a store's changelog into it once changelogs exist. As a
 * {@link StoreTaskContext} it also gives Rill's own store layers the changelog, the task's record
 * cache and the application's shared resources.
 */
final class TaskStoreContext implements StateStoreContext, StoreTaskContext {
    private final StreamTask task;
    /** By store name, in registration order. */
    private final Map<String, Registration> registered = new LinkedHashMap<>();

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

    /**
     * Records the store's restore callback, for the task to replay the store's changelog into.
     *
     * <p>A store closed and opened again in the same task registers again, and its new callback replaces
     * the old one: that is the case when the registered store is the same instance (Rill's stores refuse to
     * open twice, so an instance that registers again was closed in between), or another instance of the
     * same name that is now closed. Two open stores of one name are an error.
     *
     * @throws IllegalStateException if another, still open store of the same name is registered
     */
    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(restoreCallback,
            () -> "restore callback of state store '" + store.name() + "' of task " + task.id + " must not be null");
        Registration previous = registered.get(store.name());
        if (previous != null && previous.store() != store && previous.store().isOpen()) {
            throw new IllegalStateException("state store '" + store.name() + "' of task " + task.id
                + " is already registered by another store instance that is still open");
        }
        registered.put(store.name(), new Registration(store, restoreCallback));
    }

    /**
     * @return the restore callback of every registered store by store name, in registration order; an
     *     unmodifiable copy taken now (a store that registers later is not in it)
     */
    Map<String, StateRestoreCallback> restoreCallbacks() {
        Map<String, StateRestoreCallback> callbacks = new LinkedHashMap<>();
        registered.forEach((name, registration) -> callbacks.put(name, registration.callback()));
        return Collections.unmodifiableMap(callbacks);
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

    /** A registered store and its callback. */
    private record Registration(StateStore store, StateRestoreCallback callback) {
    }
}
