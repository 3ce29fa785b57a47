package dev.rill.streams.kstream.internal;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.internal.TimeOrderedChangeBuffer;
import java.util.Optional;
import java.util.Set;

/**
 * {@code KTable.suppress}: holds table updates in a {@link TimeOrderedChangeBuffer} and releases
 * each key's latest update once the operator's own stream time (the largest timestamp it has seen)
 * reaches its buffer time plus the suppression's duration. For final results the buffer time is the
 * window end and the duration the upstream aggregation's grace, so a window comes out once it has
 * closed, and a deleted window not at all; for a time limit it is the update's timestamp and the
 * limit. When the buffer outgrows its limits it either releases its oldest updates early or fails.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TableSuppressSupplier<K, V> implements TableProcessorSupplier<K, Change<V>, K, V> {
    private final KTableImpl<K, ?, V> parent;
    private final String nodeName;
    private final DslStoreBuilder store;
    private final BufferSpec buffer;
    private final long durationMs;
    private final boolean finalResults;

    /**
     * @param parent the suppressed table; asked for old values, which the buffer keeps with each update
     * @param nodeName the operator's name, for errors
     * @param store the buffer's store
     * @param buffer the buffer's limits and full behaviour
     * @param durationMs how long past its buffer time an update is held, in milliseconds
     * @param finalResults whether updates are held until their window closes (keys are windows)
     */
    TableSuppressSupplier(KTableImpl<K, ?, V> parent, String nodeName, DslStoreBuilder store, BufferSpec buffer, long durationMs,
                          boolean finalResults) {
        this.parent = parent;
        this.nodeName = nodeName;
        this.store = store;
        this.buffer = buffer;
        this.durationMs = durationMs;
        this.finalResults = finalResults;
        parent.enableSendingOldValues(true);
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        return parent.enableSendingOldValues(forceMaterialization);
    }

    @Override
    public String queryableStoreName() {
        return null;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store);
    }

    @Override
    public KTableImpl<?, ?, ?> parentTable() {
        return parent;
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new SuppressProcessor();
    }

    private final class SuppressProcessor implements Processor<K, Change<V>, K, Change<V>> {
        private ProcessorContext<K, Change<V>> context;
        private TimeOrderedChangeBuffer<K, V> held;
        private long observedStreamTime = -1L;

        @Override
        public void init(ProcessorContext<K, Change<V>> context) {
            this.context = context;
            held = context.getStateStore(store.name());
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            observedStreamTime = Math.max(observedStreamTime, record.timestamp());
            long time = finalResults ? ((Windowed<?>) record.key()).window().end() : record.timestamp();
            Optional<RecordMetadata> input = context.recordMetadata();
            TimeOrderedChangeBuffer.Origin origin = new TimeOrderedChangeBuffer.Origin(record.timestamp(),
                input.map(RecordMetadata::offset).orElse(-1L), input.map(RecordMetadata::topic).orElse(null),
                input.map(RecordMetadata::partition).orElse(-1), record.headers());
            held.put(time, record.key(), record.value(), origin);
            enforceLimits();
        }

        private void enforceLimits() {
            long expiryTime = observedStreamTime - durationMs;
            held.evictWhile(() -> held.minTimestamp() <= expiryTime, this::emit);
            if (overCapacity()) {
                if (!buffer.shutsDownWhenFull()) {
                    held.evictWhile(this::overCapacity, this::emit);
                    return;
                }
                throw new StreamsException("the buffer of suppression '" + nodeName + "' (store '" + store.name()
                    + "') is full: it holds " + held.numRecords() + " records (limit " + limit(buffer.maxRecords()) + ") and "
                    + held.bufferSize() + " bytes (limit " + limit(buffer.maxBytes()) + "). Raise the limit in Suppressed.BufferConfig,"
                    + " or use emitEarlyWhenFull() if early results are acceptable");
            }
        }

        private boolean overCapacity() {
            return held.numRecords() > buffer.maxRecords() || held.bufferSize() > buffer.maxBytes();
        }

        private void emit(TimeOrderedChangeBuffer.Eviction<K, V> eviction) {
            // A final result that is a deletion (a session merged away) was never a result at all.
            if (finalResults && eviction.change().newValue() == null) {
                return;
            }
            TimeOrderedChangeBuffer.Origin origin = eviction.origin();
            context.forward(new Record<>(eviction.key(), eviction.change(), origin.timestamp(), origin.headers()));
        }
    }

    private static String limit(long limit) {
        return limit == Long.MAX_VALUE ? "none" : Long.toString(limit);
    }
}
