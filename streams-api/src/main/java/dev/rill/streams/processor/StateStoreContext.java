package dev.rill.streams.processor;

import dev.rill.annotation.Evolving;
import dev.rill.common.serialization.Serde;
import java.io.File;
import java.util.Map;

/** What a {@link StateStore} gets from its task when it is opened. */
@Evolving
public interface StateStoreContext {

    /** @return the application id */
    String applicationId();

    /** @return the task the store belongs to */
    TaskId taskId();

    /** @return the task's own state directory; stores create their files under it */
    File stateDir();

    /** @return the application's configuration */
    Map<String, Object> appConfigs();

    /** @return the default key serde, or {@code null} if none is configured */
    Serde<?> keySerde();

    /** @return the default value serde, or {@code null} if none is configured */
    Serde<?> valueSerde();

    /**
     * Registers a store for restoration from its changelog.
     *
     * @param store the store (the root of its wrapping chain)
     * @param restoreCallback receives changelog records during restoration
     * @throws IllegalStateException if a store of the same name is already registered
     */
    void register(StateStore store, StateRestoreCallback restoreCallback);
}
