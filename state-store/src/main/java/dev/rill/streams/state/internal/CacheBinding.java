package dev.rill.streams.state.internal;

import dev.rill.streams.processor.StateStoreContext;

/**
 * How a caching window or session store is tied to the task's {@link StoreCache}: the cache it
 * registered with, the flush listener of the DSL operator above it and the listener's needs, and
 * the task context that gives writes their record timestamp.
 */
final class CacheBinding {
    private static final CachingKeyValueStore.FlushListener NO_LISTENER = (key, newValue, oldValue, timestamp) -> { };

    private StoreCache cache;
    private StoreTaskContext taskContext;
    private String namespace;
    private CachingKeyValueStore.FlushListener listener = NO_LISTENER;
    private boolean forwarding;
    private boolean readOldValues;

    /**
     * Sets who is told of every entry the cache writes to the store beneath; see
     * {@link CachingKeyValueStore#setFlushListener(CachingKeyValueStore.FlushListener, boolean)}.
     *
     * @param listener the listener, or {@code null} for none
     * @param sendOldValues whether the listener needs the replaced values
     */
    void setFlushListener(CachingKeyValueStore.FlushListener listener, boolean sendOldValues) {
        this.listener = listener == null ? NO_LISTENER : listener;
        this.forwarding = listener != null;
        this.readOldValues = listener != null && sendOldValues;
        if (cache != null) {
            applyListenerNeeds();
        }
    }

    /**
     * Registers the store with the task's cache, or with a private one when the context has none.
     *
     * @param namespace the store name
     * @param context the store's context
     * @param backing reads and writes the store beneath the cache
     */
    void open(String namespace, StateStoreContext context, StoreCache.Backing backing) {
        this.namespace = namespace;
        if (context instanceof StoreTaskContext stc) {
            taskContext = stc;
            cache = stc.cache();
        }
        if (cache == null) {
            cache = new StoreCache(CachingKeyValueStore.DEFAULT_PRIVATE_CACHE_BYTES);
        }
        StoreTaskContext scope = taskContext;
        // Through a lambda so that setFlushListener works before and after open alike.
        cache.register(namespace, backing, (key, newValue, oldValue, timestamp) -> listener.apply(key, newValue, oldValue, timestamp),
            (timestamp, write) -> {
                if (scope != null) {
                    scope.withRecordTimestamp(timestamp, write);
                } else {
                    write.run();
                }
            });
        applyListenerNeeds();
    }

    private void applyListenerNeeds() {
        cache.forwarding(namespace, forwarding);
        cache.readOldValues(namespace, readOldValues);
    }

    /** @return the cache; {@code null} before {@link #open} */
    StoreCache cache() {
        return cache;
    }

    /** @return the timestamp of the record being processed, or 0 outside a task */
    long currentRecordTimestamp() {
        return taskContext != null ? taskContext.currentRecordTimestamp() : 0L;
    }
}
