package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueStore;
import java.util.List;

/**
 * The changelog layer: every write goes to the store below and then, as the same change, to the store's
 * changelog topic through {@link StoreTaskContext#logChange}, so the task can rebuild the store by
 * replaying the topic. Writing the store first means a write the store rejects is never logged. Reads
 * pass through unchanged.
 */
final class ChangeLoggingKeyValueStore extends WrappedKeyValueBytesStore {
    private final boolean timestampedValues;
    private StoreTaskContext taskContext;

    /**
     * @param inner the store the changes are applied to
     */
    ChangeLoggingKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
        this(inner, false);
    }

    /**
     * @param inner the store the changes are applied to
     * @param timestampedValues whether values start with an 8-byte timestamp ({@link ValueAndTimestampSerde}):
     *     such a value is logged as the plain value with its timestamp as the changelog record's timestamp,
     *     the layout Kafka Streams' changelogs of timestamped stores have
     */
    ChangeLoggingKeyValueStore(KeyValueStore<Bytes, byte[]> inner, boolean timestampedValues) {
        super(inner);
        this.timestampedValues = timestampedValues;
    }

    /**
     * Checks that the context can write a changelog, then opens the store below.
     *
     * @throws IllegalStateException if the context is not a {@link StoreTaskContext}
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (!(context instanceof StoreTaskContext stc)) {
            // Silently dropping the changelog would lose data on the next restart; refuse instead.
            throw new IllegalStateException("state store '" + name() + "': logging is enabled but the store's context"
                + " cannot write a changelog; disable logging with withLoggingDisabled()");
        }
        taskContext = stc;
        super.init(context, root);
    }

    /** Writes, then logs the change. */
    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, value);
        log(key, value);
    }

    /** Writes and logs only if the key was absent. */
    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] previous = inner.putIfAbsent(key, value);
        if (previous == null) {
            // Only an absent key was written; an existing one is left as is, so there is no change.
            log(key, value);
        }
        return previous;
    }

    /** Writes all, then logs each entry in order. */
    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
        for (KeyValue<Bytes, byte[]> entry : entries) {
            log(entry.key, entry.value);
        }
    }

    /** Deletes, then logs a tombstone. */
    @Override
    public byte[] delete(Bytes key) {
        byte[] previous = inner.delete(key);
        // Logged even if the key was absent: the tombstone is harmless and keeps replay simple.
        log(key, null);
        return previous;
    }

    private void log(Bytes key, byte[] value) {
        if (timestampedValues && value != null) {
            long timestamp = ValueAndTimestampSerde.timestampOf(value);
            byte[] plain = ValueAndTimestampSerde.plainValueOf(value);
            taskContext.withRecordTimestamp(timestamp, () -> taskContext.logChange(name(), key, plain));
        } else {
            taskContext.logChange(name(), key, value);
        }
    }
}
