package dev.rill.streams.kstream.internal;

import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.internal.DroppedRecordsRecorder;
import dev.rill.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregations of a grouped stream ({@code count}, {@code aggregate}, {@code reduce}). Records
 * with a null key or value are dropped, logged and counted, as in Kafka Streams.
 */
final class StreamAggregationSuppliers {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAggregationSuppliers.class);

    private StreamAggregationSuppliers() {
    }

    private static boolean acceptNonNull(Record<?, ?> record, ProcessorContext<?, ?> context, String storeName) {
        if (record.key() == null || record.value() == null) {
            LOG.warn("Skipping a record with a null {} for aggregation store {}: {}", record.key() == null ? "key" : "value",
                storeName, DslLog.position(context));
            DroppedRecordsRecorder.recordDropped(context);
            return false;
        }
        return true;
    }

    /** {@code aggregate} and {@code count}: starts each key from the initializer. */
    static final class Aggregate<K, V, VAgg> extends AggregationSupplier<K, V, VAgg> {
        private final Initializer<VAgg> initializer;
        private final Aggregator<? super K, ? super V, VAgg> aggregator;

        Aggregate(DslStoreBuilder store, Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator) {
            super(store);
            this.initializer = initializer;
            this.aggregator = aggregator;
        }

        @Override
        boolean accept(Record<K, V> record, ProcessorContext<?, ?> context) {
            return acceptNonNull(record, context, store.name());
        }

        @Override
        Update<VAgg> update(Record<K, V> record, ValueAndTimestamp<VAgg> old) {
            VAgg base = old == null ? initializer.apply() : old.value();
            // The old value sent downstream for a key's first record is the initial aggregate, not "none":
            // Kafka Streams does so, and a downstream groupBy then subtracts it from its group.
            return new Update<>(aggregator.apply(record.key(), record.value(), base), maxTimestamp(record.timestamp(), old), base);
        }
    }

    /** {@code reduce}: the first value of a key is its aggregate. */
    static final class Reduce<K, V> extends AggregationSupplier<K, V, V> {
        private final Reducer<V> reducer;

        Reduce(DslStoreBuilder store, Reducer<V> reducer) {
            super(store);
            this.reducer = reducer;
        }

        @Override
        boolean accept(Record<K, V> record, ProcessorContext<?, ?> context) {
            return acceptNonNull(record, context, store.name());
        }

        @Override
        Update<V> update(Record<K, V> record, ValueAndTimestamp<V> old) {
            if (old == null) {
                return new Update<>(record.value(), record.timestamp(), null);
            }
            return new Update<>(reducer.apply(old.value(), record.value()), maxTimestamp(record.timestamp(), old), old.value());
        }
    }
}
