package dev.rill.streams.kstream.internal;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.HashSet;
import java.util.Set;

/**
 * Aggregation over sliding windows, which are defined by the records themselves: every record has a
 * left window ending at its timestamp and, if some later record is within the time difference, a
 * right window starting just after it. Both bounds are inclusive; windows are stored by start with
 * size = time difference. A record updates the windows of earlier records it falls into, creates its
 * own left window (seeded with the aggregate of the records before it), and the right windows of
 * itself and of the record before it when they are not empty. Records earlier than the time
 * difference go into the window {@code [0, timeDifference]}. Records with a {@code null} value are
 * dropped, as in Kafka Streams.
 */
final class SlidingWindowAggregateSupplier<K, V, VAgg> extends WindowAggregateSupplier<K, V, VAgg> {
    private final SlidingWindows windows;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;

    SlidingWindowAggregateSupplier(DslStoreBuilder store, EmitStrategy emitStrategy, SlidingWindows windows, Initializer<VAgg> initializer,
                                   Aggregator<? super K, ? super V, VAgg> aggregator) {
        super(store, emitStrategy);
        this.windows = windows;
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    @Override
    public long windowCloseGraceMs() {
        return windows.gracePeriodMs();
    }

    @Override
    WindowAggregateProcessor newProcessor(boolean sendOldValues, boolean emitFinal) {
        return new SlidingProcessor(sendOldValues, emitFinal);
    }

    private final class SlidingProcessor extends WindowAggregateProcessor {
        private final long difference = windows.timeDifferenceMs();

        SlidingProcessor(boolean sendOldValues, boolean emitFinal) {
            super(sendOldValues, emitFinal);
        }

        @Override
        boolean acceptValue(Record<K, V> record) {
            return record.value() != null;
        }

        @Override
        long gracePeriodMs() {
            return windows.gracePeriodMs();
        }

        // A sliding window is closed once its end reaches the close time (windows ending before it are late),
        // as suppress(untilWindowCloses) has it.
        @Override
        long emitLowerBound(long lastCloseTime) {
            return Math.max(0L, lastCloseTime - difference + 1);
        }

        @Override
        long emitUpperBound(long closeTime) {
            return closeTime - difference;
        }

        @Override
        void aggregate(Record<K, V> record, long closeTime) {
            long ts = record.timestamp();
            if (ts + difference < closeTime) {
                recordLate(record, "[" + ts + "," + (ts + difference) + "]", closeTime);
                return;
            }
            if (ts < difference) {
                aggregateEarly(record, closeTime);
                return;
            }
            Set<Long> starts = new HashSet<>();
            ValueAndTimestamp<VAgg> leftAggregate = null;
            ValueAndTimestamp<VAgg> rightAggregate = null;
            boolean leftExists = false;
            boolean rightExists = false;
            Long previousTimestamp = null;
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> existing =
                     windowStore.backwardFetch(record.key(), record.key(), Math.max(0, ts - 2 * difference), ts + 1)) {
                while (existing.hasNext()) {
                    KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> next = existing.next();
                    long start = next.key.window().start();
                    starts.add(start);
                    long end = start + difference;
                    long maxTimestamp = next.value.timestamp();
                    if (start == ts + 1) {
                        rightExists = true;
                    } else if (end > ts) {
                        if (rightAggregate == null) {
                            rightAggregate = next.value;
                        }
                        updateAndForward(next.key.window(), next.value, record, closeTime);
                    } else if (end == ts) {
                        leftExists = true;
                        updateAndForward(next.key.window(), next.value, record, closeTime);
                        if (maxTimestamp < ts) {
                            previousTimestamp = maxTimestamp;
                        } else {
                            // A record with this very timestamp was here before: its windows are all in place.
                            return;
                        }
                    } else {
                        leftAggregate = next.value;
                        previousTimestamp = maxTimestamp;
                        break;
                    }
                }
            }
            if (previousTimestamp != null) {
                long previousRightStart = previousTimestamp + 1;
                if (!starts.contains(previousRightStart) && previousRightStart + difference >= ts) {
                    createPreviousRightWindow(previousRightStart, record, closeTime);
                }
            }
            if (!leftExists) {
                boolean leftNotEmpty = previousTimestamp != null && ts - difference <= previousTimestamp;
                VAgg seed = leftNotEmpty ? leftAggregate.value() : initializer.apply();
                updateAndForward(new TimeWindow(ts - difference, ts), ValueAndTimestamp.make(seed, ts), record, closeTime);
            }
            if (!rightExists && rightAggregate != null && rightAggregate.timestamp() > ts) {
                createOwnRightWindow(ts, rightAggregate, record);
            }
        }

        /** A record earlier than the time difference: its left window would start before 0. */
        private void aggregateEarly(Record<K, V> record, long closeTime) {
            long ts = record.timestamp();
            KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> combined = null;
            ValueAndTimestamp<VAgg> rightAggregate = null;
            boolean rightExists = false;
            Set<Long> starts = new HashSet<>();
            Long previousTimestamp = null;
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> existing = windowStore.fetch(record.key(), record.key(), 0, ts + 1)) {
                while (existing.hasNext()) {
                    KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> next = existing.next();
                    long start = next.key.window().start();
                    starts.add(start);
                    if (start == 0) {
                        combined = next;
                        if (next.value.timestamp() < ts) {
                            previousTimestamp = next.value.timestamp();
                        }
                    } else if (start <= ts) {
                        rightAggregate = next.value;
                        updateAndForward(next.key.window(), next.value, record, closeTime);
                    } else {
                        rightExists = true;
                    }
                }
            }
            if (rightAggregate == null && combined != null && combined.value.timestamp() > ts) {
                rightAggregate = combined.value;
            }
            if (!rightExists && rightAggregate != null && rightAggregate.timestamp() > ts) {
                createOwnRightWindow(ts, rightAggregate, record);
            }
            if (previousTimestamp != null && !starts.contains(previousTimestamp + 1)) {
                createPreviousRightWindow(previousTimestamp + 1, record, closeTime);
            }
            if (combined == null) {
                updateAndForward(new TimeWindow(0, difference), ValueAndTimestamp.make(initializer.apply(), ts), record, closeTime);
            } else {
                updateAndForward(combined.key.window(), combined.value, record, closeTime);
            }
        }

        private void createOwnRightWindow(long ts, ValueAndTimestamp<VAgg> rightAggregate, Record<K, V> record) {
            TimeWindow window = new TimeWindow(ts + 1, ts + 1 + difference);
            windowStore.put(record.key(), rightAggregate, window.start());
            forwardUpdate(record, window, null, rightAggregate.value(), rightAggregate.timestamp());
        }

        private void createPreviousRightWindow(long start, Record<K, V> record, long closeTime) {
            TimeWindow window = new TimeWindow(start, start + difference);
            updateAndForward(window, ValueAndTimestamp.make(initializer.apply(), record.timestamp()), record, closeTime);
        }

        private void updateAndForward(Window window, ValueAndTimestamp<VAgg> current, Record<K, V> record, long closeTime) {
            if (window.end() < closeTime) {
                recordLate(record, "[" + window.start() + "," + window.end() + "]", closeTime);
                return;
            }
            VAgg oldAggregate = ValueAndTimestamp.getValueOrNull(current);
            VAgg newAggregate = aggregator.apply(record.key(), record.value(), oldAggregate);
            long timestamp = oldAggregate == null ? record.timestamp() : Math.max(record.timestamp(), current.timestamp());
            windowStore.put(record.key(), ValueAndTimestamp.make(newAggregate, timestamp), window.start());
            forwardUpdate(record, window, oldAggregate, newAggregate, timestamp);
            emitIfClosed(record, window, newAggregate, timestamp, closeTime);
        }
    }
}
