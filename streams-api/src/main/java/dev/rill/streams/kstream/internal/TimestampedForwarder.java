package dev.rill.streams.kstream.internal;

import dev.rill.streams.kstream.Windowed;
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

    /**
     * For stores whose values carry timestamps: a flushed update is forwarded with its value's timestamp.
     *
     * @param store the operator's store, or {@code null} to forward every update at once
     */
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

    private TimestampedForwarder(ProcessorContext<K, Change<V>> context, boolean sendOldValues, boolean cached) {
        this.context = context;
        this.sendOldValues = sendOldValues;
        this.cached = cached;
    }

    /**
     * For session stores, whose values are plain aggregates: a flushed update is forwarded with its
     * session's end as timestamp.
     *
     * @param store the session store, or {@code null} to forward every update at once
     */
    @SuppressWarnings("unchecked")
    static <KS, V> TimestampedForwarder<Windowed<KS>, V> forSessions(StateStore store, ProcessorContext<Windowed<KS>, Change<V>> context,
                                                                   boolean sendOldValues) {
        boolean cached = false;
        if (store instanceof CachedStateStore<?, ?> cachedStore) {
            CachedStateStore<Windowed<KS>, V> typed = (CachedStateStore<Windowed<KS>, V>) cachedStore;
            cached = typed.setFlushListener((key, newValue, oldValue, timestamp) ->
                context.forward(new Record<>(key, new Change<>(newValue, oldValue), key.window().end())), sendOldValues);
        }
        return new TimestampedForwarder<>(context, sendOldValues, cached);
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
