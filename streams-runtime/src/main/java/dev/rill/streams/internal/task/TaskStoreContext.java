package dev.rill.streams.internal.task;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.processor.TaskId;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * What a store sees of its task when it opens. Registration records the restore callback of each
 * store; the task replays a store's changelog into it once changelogs exist.
 */
final class TaskStoreContext implements StateStoreContext {
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
}
