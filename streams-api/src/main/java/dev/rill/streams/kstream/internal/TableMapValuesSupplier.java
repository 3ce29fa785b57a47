package dev.rill.streams.kstream.internal;

import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Set;

/**
 * {@code KTable.mapValues}: maps every row's value; a deletion stays a deletion without calling the
 * mapper, and a mapper returning {@code null} deletes the row.
 */
final class TableMapValuesSupplier<K, V, VR> implements TableProcessorSupplier<K, Change<V>, K, VR> {
    private final KTableImpl<K, ?, V> parent;
    private final ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper;
    private final DslStoreBuilder store;
    private boolean sendOldValues;

    TableMapValuesSupplier(KTableImpl<K, ?, V> parent, ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, DslStoreBuilder store) {
        this.parent = parent;
        this.mapper = mapper;
        this.store = store;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        if (store != null || parent.enableSendingOldValues(forceMaterialization)) {
            sendOldValues = true;
        }
        return sendOldValues;
    }

    @Override
    public String queryableStoreName() {
        return store == null ? null : store.name();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return store == null ? null : Set.of(store);
    }

    private VR mapped(K key, V value) {
        return value == null ? null : mapper.apply(key, value);
    }

    @Override
    public Processor<K, Change<V>, K, Change<VR>> get() {
        boolean oldValues = sendOldValues;
        return new Processor<>() {
            private ProcessorContext<K, Change<VR>> context;
            private TimestampedKeyValueStore<K, VR> table;
            private TimestampedForwarder<K, VR> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                this.context = context;
                if (store != null) {
                    table = context.getStateStore(store.name());
                    forwarder = new TimestampedForwarder<>(table, context, oldValues);
                }
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                K key = record.key();
                VR newValue = mapped(key, record.value().newValue());
                VR oldValue = null;
                if (oldValues) {
                    oldValue = table != null ? ValueAndTimestamp.getValueOrNull(table.get(key)) : mapped(key, record.value().oldValue());
                }
                Record<K, Change<VR>> out = record.withValue(new Change<>(newValue, oldValue));
                if (table != null) {
                    table.put(key, ValueAndTimestamp.make(newValue, record.timestamp()));
                    forwarder.maybeForward(out);
                } else {
                    context.forward(out);
                }
            }
        };
    }

    @Override
    public KTableImpl<?, ?, ?> parentTable() {
        return parent;
    }
}
