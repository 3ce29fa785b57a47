package dev.rill.streams.kstream.internal;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.internal.DroppedRecordsRecorder;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common part of time-window and sliding-window aggregations: the window store, stream time as
 * this operator has seen it, dropping late records, forwarding updates, and emitting final results
 * when windows close ({@link EmitStrategy#onWindowClose()}).
 *
 * <p>Final results are emitted before the record that closes the windows is stored. Storing it first
 * (as Kafka Streams does) can advance the store's time far enough to expire closed windows before they
 * are read, losing them; this way every closed window is emitted exactly once.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <VAgg> aggregate type
 */
abstract class WindowAggregateSupplier<K, V, VAgg> implements TableProcessorSupplier<K, V, Windowed<K>, VAgg> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowAggregateSupplier.class);

    final DslStoreBuilder store;
    final EmitStrategy emitStrategy;
    private boolean sendOldValues;
    private boolean taskStreamTime;

    WindowAggregateSupplier(DslStoreBuilder store, EmitStrategy emitStrategy) {
        this.store = store;
        this.emitStrategy = emitStrategy;
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

    /**
     * Makes lateness follow the task's stream time (the largest timestamp of any of its inputs) rather
     * than the largest timestamp this operator has seen. A cogroup runs one processor per input over one
     * store; with a time per processor, one input could add to a window another input already closed.
     */
    final void useTaskStreamTime() {
        taskStreamTime = true;
    }

    @Override
    public final Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return newProcessor(sendOldValues, emitStrategy.type() == EmitStrategy.StrategyType.ON_WINDOW_CLOSE);
    }

    abstract WindowAggregateProcessor newProcessor(boolean sendOldValues, boolean emitFinal);

    /** One task's instance of the aggregation. */
    abstract class WindowAggregateProcessor implements Processor<K, V, Windowed<K>, Change<VAgg>> {
        final boolean sendOldValues;
        final boolean emitFinal;
        ProcessorContext<Windowed<K>, Change<VAgg>> context;
        TimestampedWindowStore<K, VAgg> windowStore;
        private TimestampedForwarder<Windowed<K>, VAgg> forwarder;
        long observedStreamTime = -1L;
        private long lastEmitCloseTime = -1L;

        WindowAggregateProcessor(boolean sendOldValues, boolean emitFinal) {
            this.sendOldValues = sendOldValues;
            this.emitFinal = emitFinal;
        }

        @Override
        public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
            this.context = context;
            windowStore = context.getStateStore(store.name());
            // Final results are read back from the store, so the cache must not hold them back.
            forwarder = new TimestampedForwarder<>(emitFinal ? null : windowStore, context, sendOldValues);
        }

        @Override
        public final void process(Record<K, V> record) {
            if (record.key() == null || !acceptValue(record)) {
                LOG.warn("Skipping a record with a null {} for windowed aggregation store {}: {}",
                    record.key() == null ? "key" : "value", store.name(), DslLog.position(context));
                DroppedRecordsRecorder.recordDropped(context);
                return;
            }
            observedStreamTime = Math.max(observedStreamTime, record.timestamp());
            if (taskStreamTime) {
                observedStreamTime = Math.max(observedStreamTime, context.currentStreamTimeMs());
            }
            long closeTime = observedStreamTime - gracePeriodMs();
            if (emitFinal) {
                emitClosedWindows(record, closeTime);
            }
            aggregate(record, closeTime);
        }

        /** @return whether a record with this value is aggregated ({@code null} values are for some kinds) */
        abstract boolean acceptValue(Record<K, V> record);

        abstract long gracePeriodMs();

        /** Adds the record to its windows that are still open. */
        abstract void aggregate(Record<K, V> record, long closeTime);

        /** @return the first window start not yet emitted, given the close time of the previous emission */
        abstract long emitLowerBound(long lastCloseTime);

        /** @return the last window start that is closed at {@code closeTime} */
        abstract long emitUpperBound(long closeTime);

        void forwardUpdate(Record<K, V> record, Window window, VAgg oldAgg, VAgg newAgg, long timestamp) {
            if (emitFinal) {
                return;
            }
            forwarder.maybeForward(new Record<>(new Windowed<>(record.key(), window), new Change<>(newAgg, sendOldValues ? oldAgg : null),
                timestamp, record.headers()));
        }

        /**
         * Emits a window's final result at once if it is already closed: a window accepted at exactly the
         * close time (sliding windows accept it, since only windows ending before the close time are late)
         * is closed, and the emission of closed windows has already passed it. Suppress emits it then too.
         */
        void emitIfClosed(Record<K, V> record, Window window, VAgg aggregate, long timestamp, long closeTime) {
            if (emitFinal && window.end() <= closeTime) {
                context.forward(new Record<>(new Windowed<>(record.key(), window), new Change<>(aggregate, null), timestamp,
                    record.headers()));
            }
        }

        void recordLate(Record<K, V> record, String window, long closeTime) {
            LOG.debug("Dropping a late record for expired window {} of store {}: timestamp {}, close time {}, stream time {}, {}",
                window, store.name(), record.timestamp(), closeTime, observedStreamTime, DslLog.position(context));
            DroppedRecordsRecorder.recordDropped(context);
        }

        private void emitClosedWindows(Record<K, V> record, long closeTime) {
            if (lastEmitCloseTime != -1L && closeTime <= lastEmitCloseTime) {
                return;
            }
            long upper = emitUpperBound(closeTime);
            if (upper < 0) {
                return;
            }
            long lower = lastEmitCloseTime == -1L ? 0L : emitLowerBound(lastEmitCloseTime);
            List<KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>>> closed = new ArrayList<>();
            if (lower <= upper) {
                try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> windows = windowStore.fetchAll(lower, upper)) {
                    windows.forEachRemaining(closed::add);
                }
            }
            // Window start, then key; the sort is stable and stores return one start's keys in key order.
            closed.sort(Comparator.comparingLong(kv -> kv.key.window().start()));
            for (KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> window : closed) {
                context.forward(new Record<>(window.key, new Change<>(window.value.value(), null), window.value.timestamp(), record.headers()));
            }
            lastEmitCloseTime = closeTime;
        }
    }
}
