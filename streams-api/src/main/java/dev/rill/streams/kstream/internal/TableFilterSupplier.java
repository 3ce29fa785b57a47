package dev.rill.streams.kstream.internal;

import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Set;

/**
 * {@code KTable.filter} and {@code filterNot}: a row that fails the test becomes a deletion. When the
 * parent sends old values, a change that is a deletion before and after is not forwarded; otherwise
 * every filtered-out update goes downstream as a deletion, as in Kafka Streams.
 */
final class TableFilterSupplier<K, V> implements TableProcessorSupplier<K, Change<V>, K, V> {
    private final KTableImpl<K, ?, V> parent;
    private final Predicate<? super K, ? super V> predicate;
    private final boolean filterNot;
    private final DslStoreBuilder store;
    private boolean sendOldValues;

    TableFilterSupplier(KTableImpl<K, ?, V> parent, Predicate<? super K, ? super V> predicate, boolean filterNot, DslStoreBuilder store) {
        this.parent = parent;
        this.predicate = predicate;
        this.filterNot = filterNot;
        this.store = store;
        // With a materialized parent, old values come for free and spare downstream needless deletions.
        this.sendOldValues = parent.enableSendingOldValues(false);
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

    private V filtered(K key, V value) {
        return value != null && (filterNot ^ predicate.test(key, value)) ? value : null;
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        boolean oldValues = sendOldValues;
        return new Processor<>() {
            private ProcessorContext<K, Change<V>> context;
            private TimestampedKeyValueStore<K, V> table;
            private TimestampedForwarder<K, V> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                this.context = context;
                if (store != null) {
                    table = context.getStateStore(store.name());
                    forwarder = new TimestampedForwarder<>(table, context, oldValues);
                }
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                K key = record.key();
                V newValue = filtered(key, record.value().newValue());
                V oldValue = null;
                if (oldValues) {
                    oldValue = table != null ? ValueAndTimestamp.getValueOrNull(table.get(key)) : filtered(key, record.value().oldValue());
                    if (oldValue == null && newValue == null) {
                        return;
                    }
                }
                Record<K, Change<V>> out = record.withValue(new Change<>(newValue, oldValue));
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
