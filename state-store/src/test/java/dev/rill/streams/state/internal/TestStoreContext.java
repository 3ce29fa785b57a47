package dev.rill.streams.state.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.processor.TaskId;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store context with only the public interface, as a hand-written test would give a store: task 0_0,
 * a state directory, a mutable configuration map and settable default serdes. It records every
 * registration; registering again under a name replaces the earlier callback.
 */
class TestStoreContext implements StateStoreContext {
    final String applicationId;
    final File stateDir;
    final Map<String, Object> configs = new HashMap<>();
    final Map<String, StateRestoreCallback> registered = new HashMap<>();
    final List<StateStore> roots = new ArrayList<>();
    Serde<?> keySerde;
    Serde<?> valueSerde;

    /** A context for stores that never touch the disk. */
    TestStoreContext() {
        this("app", new File("unused"));
    }

    TestStoreContext(String applicationId, File stateDir) {
        this.applicationId = applicationId;
        this.stateDir = stateDir;
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public TaskId taskId() {
        return new TaskId(0, 0);
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return configs;
    }

    @Override
    public Serde<?> keySerde() {
        return keySerde;
    }

    @Override
    public Serde<?> valueSerde() {
        return valueSerde;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        roots.add(store);
        registered.put(store.name(), restoreCallback);
    }
}
