package dev.rill.streams.kstream.internal;

import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.StoreBuilder;
import java.util.List;
import java.util.Set;

/**
 * The node joining the per-input aggregating processors of a cogroup into one table. It forwards
 * their updates unchanged; the store belongs to the aggregating processors, so asking this table for
 * old values asks each of them.
 *
 * @param <K> key type of the table
 * @param <V> value type of the table
 */
final class CogroupMergeSupplier<K, V> implements TableProcessorSupplier<K, Change<V>, K, V> {
    private final List<TableProcessorSupplier<?, ?, K, V>> inputs;
    private final String storeName;

    CogroupMergeSupplier(List<TableProcessorSupplier<?, ?, K, V>> inputs, String storeName) {
        this.inputs = List.copyOf(inputs);
        this.storeName = storeName;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        for (TableProcessorSupplier<?, ?, K, V> input : inputs) {
            input.enableSendingOldValues(forceMaterialization);
        }
        return true;
    }

    @Override
    public String queryableStoreName() {
        return storeName;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of();
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new Processor<>() {
            private ProcessorContext<K, Change<V>> context;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                this.context = context;
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                context.forward(record);
            }
        };
    }
}
