package dev.rill.streams.kstream.internal;

import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Map;

/**
 * Aggregation over tumbling or hopping windows: each record is added to every window that contains
 * it and has not closed ({@code end > stream time - grace}); each window it misses counts as one
 * dropped record. {@code null} values are aggregated, as in Kafka Streams.
 */
final class TimeWindowAggregateSupplier<K, V, VAgg, W extends Window> extends WindowAggregateSupplier<K, V, VAgg> {
    private final Windows<W> windows;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;

    TimeWindowAggregateSupplier(DslStoreBuilder store, EmitStrategy emitStrategy, Windows<W> windows, Initializer<VAgg> initializer,
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
        return new WindowAggregateProcessor(sendOldValues, emitFinal) {
            @Override
            boolean acceptValue(Record<K, V> record) {
                return true;
            }

            @Override
            long gracePeriodMs() {
                return windows.gracePeriodMs();
            }

            @Override
            void aggregate(Record<K, V> record, long closeTime) {
                for (Map.Entry<Long, W> entry : windows.windowsFor(record.timestamp()).entrySet()) {
                    W window = entry.getValue();
                    if (window.end() <= closeTime) {
                        recordLate(record, "[" + window.start() + "," + window.end() + ")", closeTime);
                        continue;
                    }
                    ValueAndTimestamp<VAgg> old = windowStore.fetch(record.key(), entry.getKey());
                    VAgg base = old == null ? initializer.apply() : old.value();
                    long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                    VAgg updated = aggregator.apply(record.key(), record.value(), base);
                    windowStore.put(record.key(), ValueAndTimestamp.make(updated, timestamp), entry.getKey());
                    forwardUpdate(record, window, base, updated, timestamp);
                }
            }

            @Override
            long emitLowerBound(long lastCloseTime) {
                return Math.max(0L, lastCloseTime - windows.size()) + 1;
            }

            @Override
            long emitUpperBound(long closeTime) {
                return closeTime - windows.size();
            }
        };
    }
}
