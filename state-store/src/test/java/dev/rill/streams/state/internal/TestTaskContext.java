package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import java.io.File;

/**
 * A store context as the runtime gives it: also a {@link StoreTaskContext}, with a given cache and
 * shared resources (either may be {@code null}), a settable record timestamp that
 * {@link #withRecordTimestamp} changes for the duration of a write, and changelog writes handed to
 * {@link #changeLogged}, which tests override to record them in the form they assert on.
 */
class TestTaskContext extends TestStoreContext implements StoreTaskContext {
    final StoreCache cache;
    final ApplicationResources resources;
    long timestamp;

    TestTaskContext(String applicationId, File stateDir, StoreCache cache, ApplicationResources resources) {
        super(applicationId, stateDir);
        this.cache = cache;
        this.resources = resources;
    }

    /** Receives each changelog write; does nothing unless a test overrides it. */
    void changeLogged(String storeName, Bytes key, byte[] value) {
    }

    @Override
    public final void logChange(String storeName, Bytes key, byte[] value) {
        changeLogged(storeName, key, value);
    }

    @Override
    public long currentRecordTimestamp() {
        return timestamp;
    }

    @Override
    public void withRecordTimestamp(long recordTimestamp, Runnable write) {
        long saved = timestamp;
        timestamp = recordTimestamp;
        try {
            write.run();
        } finally {
            timestamp = saved;
        }
    }

    @Override
    public StoreCache cache() {
        return cache;
    }

    @Override
    public ApplicationResources applicationResources() {
        return resources;
    }
}
