package dev.rill.streams.kstream.internal;

import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Set;

/**
 * The common part of every non-windowed aggregation: it always keeps a timestamped store, so it can
 * always send old values. Subclasses compute the new aggregate of one record.
 *
 * @param <K> key type
 * @param <VIn> input value type
 * @param <VAgg> aggregate type
 */
abstract class AggregationSupplier<K, VIn, VAgg> implements TableProcessorSupplier<K, VIn, K, VAgg> {
    final DslStoreBuilder store;
    private boolean sendOldValues;

    AggregationSupplier(DslStoreBuilder store) {
        this.store = store;
    }

    @Override
    public final boolean enableSendingOldValues(boolean forceMaterialization) {
        sendOldValues = true;
        return true;
    }

    @Override
    public final String queryableStoreName() {
        return store.name();
    }

    @Override
    public final Set<StoreBuilder<?>> stores() {
        return Set.of(store);
    }

    @Override
    public final Processor<K, VIn, K, Change<VAgg>> get() {
        boolean oldValues = sendOldValues;
        return new Processor<>() {
            private ProcessorContext<K, Change<VAgg>> context;
            private TimestampedKeyValueStore<K, VAgg> table;
            private TimestampedForwarder<K, VAgg> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<VAgg>> context) {
                this.context = context;
                table = context.getStateStore(store.name());
                forwarder = new TimestampedForwarder<>(table, context, oldValues);
            }

            @Override
            public void process(Record<K, VIn> record) {
                if (!accept(record, context)) {
                    return;
                }
                ValueAndTimestamp<VAgg> old = table.get(record.key());
                Update<VAgg> updated = update(record, old);
                table.put(record.key(), ValueAndTimestamp.make(updated.value(), updated.timestamp()));
                forwarder.maybeForward(new Record<>(record.key(), new Change<>(updated.value(), updated.previous()),
                    updated.timestamp(), record.headers()));
            }
        };
    }

    /**
     * @param record the input record
     * @param context the processor's context, to count a dropped record
     * @return whether to aggregate the record
     */
    abstract boolean accept(Record<K, VIn> record, ProcessorContext<?, ?> context);

    /**
     * @param record the input record
     * @param old the aggregate so far with its timestamp, or {@code null}
     * @return the new aggregate ({@code null} deletes the row) and its timestamp
     */
    abstract Update<VAgg> update(Record<K, VIn> record, ValueAndTimestamp<VAgg> old);

    /**
     * A new aggregate and how it is forwarded.
     *
     * @param value the aggregate, or {@code null} to delete the row
     * @param timestamp in milliseconds
     * @param previous the old value sent downstream (when old values are asked for)
     */
    record Update<VAgg>(VAgg value, long timestamp, VAgg previous) {
    }

    /** The output timestamp of an aggregate: the largest timestamp of the records in it. */
    static long maxTimestamp(long recordTimestamp, ValueAndTimestamp<?> old) {
        return old == null ? recordTimestamp : Math.max(recordTimestamp, old.timestamp());
    }
}
