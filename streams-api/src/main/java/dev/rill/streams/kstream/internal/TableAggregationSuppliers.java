package dev.rill.streams.kstream.internal;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.ValueAndTimestamp;

/**
 * The aggregations of a grouped table ({@code count}, {@code aggregate}, {@code reduce}): each update
 * first takes the row's old value out of its group's aggregate (subtractor), then adds the new value
 * (adder). A count that falls to 0 stays 0; it does not become a deletion.
 */
final class TableAggregationSuppliers {
    private TableAggregationSuppliers() {
    }

    private static boolean requireKey(Record<?, ?> record, String storeName) {
        if (record.key() == null) {
            throw new StreamsException("a table aggregation with store '" + storeName + "' received an update with a null key");
        }
        return true;
    }

    /** {@code aggregate} and {@code count} with adder and subtractor. */
    static final class Aggregate<K, V, VAgg> extends AggregationSupplier<K, Change<V>, VAgg> {
        private final Initializer<VAgg> initializer;
        private final Aggregator<? super K, ? super V, VAgg> adder;
        private final Aggregator<? super K, ? super V, VAgg> subtractor;

        Aggregate(DslStoreBuilder store, Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> adder,
                  Aggregator<? super K, ? super V, VAgg> subtractor) {
            super(store);
            this.initializer = initializer;
            this.adder = adder;
            this.subtractor = subtractor;
        }

        @Override
        boolean accept(Record<K, Change<V>> record, ProcessorContext<?, ?> context) {
            return requireKey(record, store.name());
        }

        @Override
        Update<VAgg> update(Record<K, Change<V>> record, ValueAndTimestamp<VAgg> old) {
            VAgg previous = ValueAndTimestamp.getValueOrNull(old);
            VAgg aggregate = previous;
            long timestamp = record.timestamp();
            Change<V> change = record.value();
            if (change.oldValue() != null && aggregate != null) {
                aggregate = subtractor.apply(record.key(), change.oldValue(), aggregate);
                timestamp = maxTimestamp(record.timestamp(), old);
            }
            if (change.newValue() != null) {
                aggregate = adder.apply(record.key(), change.newValue(), aggregate == null ? initializer.apply() : aggregate);
                timestamp = maxTimestamp(record.timestamp(), old);
            }
            return new Update<>(aggregate, timestamp, previous);
        }
    }

    /** {@code reduce} with adder and subtractor: the first value of a group is its aggregate. */
    static final class Reduce<K, V> extends AggregationSupplier<K, Change<V>, V> {
        private final Reducer<V> adder;
        private final Reducer<V> subtractor;

        Reduce(DslStoreBuilder store, Reducer<V> adder, Reducer<V> subtractor) {
            super(store);
            this.adder = adder;
            this.subtractor = subtractor;
        }

        @Override
        boolean accept(Record<K, Change<V>> record, ProcessorContext<?, ?> context) {
            return requireKey(record, store.name());
        }

        @Override
        Update<V> update(Record<K, Change<V>> record, ValueAndTimestamp<V> old) {
            V previous = ValueAndTimestamp.getValueOrNull(old);
            V aggregate = previous;
            long timestamp = record.timestamp();
            Change<V> change = record.value();
            if (change.oldValue() != null && aggregate != null) {
                aggregate = subtractor.apply(aggregate, change.oldValue());
                timestamp = maxTimestamp(record.timestamp(), old);
            }
            if (change.newValue() != null) {
                if (aggregate == null) {
                    aggregate = change.newValue();
                } else {
                    aggregate = adder.apply(aggregate, change.newValue());
                    timestamp = maxTimestamp(record.timestamp(), old);
                }
            }
            return new Update<>(aggregate, timestamp, previous);
        }
    }
}
