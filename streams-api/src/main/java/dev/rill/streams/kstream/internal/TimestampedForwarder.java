package dev.rill.streams.kstream.internal;

import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.internal.CachedStateStore;

/**
 * Forwards the updates of a table operator that keeps a timestamped store. With the record cache in
 * front of the store, updates are forwarded when the cache writes them through (so repeated updates
 * of a key between commits come out once, with the latest value); without it, at once.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TimestampedForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final boolean sendOldValues;
    private final boolean cached;

    @SuppressWarnings("unchecked")
    TimestampedForwarder(StateStore store, ProcessorContext<K, Change<V>> context, boolean sendOldValues) {
        this.context = context;
        this.sendOldValues = sendOldValues;
        if (store instanceof CachedStateStore<?, ?> cachedStore) {
            CachedStateStore<K, ValueAndTimestamp<V>> typed = (CachedStateStore<K, ValueAndTimestamp<V>>) cachedStore;
            this.cached = typed.setFlushListener((key, newValue, oldValue, timestamp) -> context.forward(new Record<>(key,
                new Change<>(ValueAndTimestamp.getValueOrNull(newValue), ValueAndTimestamp.getValueOrNull(oldValue)),
                newValue != null ? newValue.timestamp() : timestamp)), sendOldValues);
        } else {
            this.cached = false;
        }
    }

    /**
     * Forwards the update now unless the cache will forward it on flush.
     *
     * @param record the update, with its old value
     */
    void maybeForward(Record<K, Change<V>> record) {
        if (cached) {
            return;
        }
        context.forward(sendOldValues ? record : record.withValue(new Change<>(record.value().newValue(), null)));
    }
}
