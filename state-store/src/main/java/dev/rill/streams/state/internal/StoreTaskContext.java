package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.utils.Bytes;

/**
 * What Rill's own store layers need from the task that runs them, beyond the public
 * {@link dev.rill.streams.processor.StateStoreContext}: the runtime's store context implements both.
 * A store given a context without this interface (a hand-written test context, say) runs without a
 * changelog and without a shared cache, and says so when logging or caching was asked for.
 */
@Internal
public interface StoreTaskContext {

    /**
     * Appends one change to the store's changelog topic, in the task's output (and, with exactly-once, in
     * its transaction). The runtime chooses the topic ({@code <application.id>-<store>-changelog}), the
     * partition (the task's) and the timestamp (the record being processed).
     *
     * @param storeName the store that changed
     * @param key the serialized key
     * @param value the serialized value; {@code null} for a deletion
     */
    void logChange(String storeName, Bytes key, byte[] value);

    /** @return the timestamp of the record being processed, or the stream time inside a punctuation */
    long currentRecordTimestamp();

    /**
     * Runs a store write as if the record with this timestamp were being processed: a cache writing back
     * entries it held uses this, so that the changelog records the timestamp of the record that made each
     * change, not that of the record being processed when the cache flushed.
     *
     * @param timestamp the timestamp, in epoch milliseconds, of the record that made the change
     * @param write the write
     */
    void withRecordTimestamp(long timestamp, Runnable write);

    /** @return the task's record cache, shared by all its caching stores and bounded in bytes */
    StoreCache cache();

    /** @return objects shared by every store of the application, such as RocksDB's memory budget */
    ApplicationResources applicationResources();
}
