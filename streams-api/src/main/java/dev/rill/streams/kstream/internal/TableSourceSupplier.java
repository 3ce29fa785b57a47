package dev.rill.streams.kstream.internal;

import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.internal.DroppedRecordsRecorder;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records into table updates ({@code builder.table}, {@code KStream.toTable}). The table keeps
 * a store only if the user named it or a downstream operator needs old values or lookups; without a
 * store it cannot know what an update replaces.
 */
final class TableSourceSupplier<K, V> implements TableProcessorSupplier<K, V, K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(TableSourceSupplier.class);

    private final DslStoreBuilder store;
    private String queryableName;
    private boolean sendOldValues;

    TableSourceSupplier(DslStoreSpec storeSpec, boolean queryable) {
        this.store = new DslStoreBuilder(storeSpec);
        this.queryableName = queryable ? storeSpec.name() : null;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        if (queryableName == null && !forceMaterialization) {
            return false;
        }
        queryableName = store.name();
        sendOldValues = true;
        return true;
    }

    /** Keeps a store, for lookups by downstream operators. */
    void materialize() {
        queryableName = store.name();
    }

    @Override
    public String queryableStoreName() {
        return queryableName;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return queryableName == null ? null : Set.of(store);
    }

    @Override
    public Processor<K, V, K, Change<V>> get() {
        String storeName = queryableName;
        boolean oldValues = sendOldValues;
        return new Processor<>() {
            private ProcessorContext<K, Change<V>> context;
            private TimestampedKeyValueStore<K, V> table;
            private TimestampedForwarder<K, V> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                this.context = context;
                if (storeName != null) {
                    table = context.getStateStore(storeName);
                    forwarder = new TimestampedForwarder<>(table, context, oldValues);
                }
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    LOG.warn("Skipping a record with a null key for table {}: {}", store.name(), DslLog.position(context));
                    DroppedRecordsRecorder.recordDropped(context);
                    return;
                }
                if (table == null) {
                    context.forward(record.withValue(new Change<>(record.value(), null)));
                    return;
                }
                ValueAndTimestamp<V> old = table.get(record.key());
                if (old != null && record.timestamp() < old.timestamp()) {
                    LOG.debug("Out-of-order update of table {}: stored timestamp {}, new timestamp {}", storeName,
                        old.timestamp(), record.timestamp());
                }
                table.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
                forwarder.maybeForward(record.withValue(new Change<>(record.value(), ValueAndTimestamp.getValueOrNull(old))));
            }
        };
    }
}
