package dev.rill.streams.kstream.internal;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.Merger;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.internal.DroppedRecordsRecorder;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session-window aggregation: a record joins (and merges) every session of its key within the
 * inactivity gap. Sessions it absorbs are removed and emitted as deletions before the merged session
 * is emitted, unless the only session found is exactly the record's own point. A record whose merged
 * session would end before stream time minus grace minus gap is dropped and counted. Output
 * timestamps are session ends.
 */
final class SessionWindowAggregateSupplier<K, V, VAgg> implements TableProcessorSupplier<K, V, Windowed<K>, VAgg> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionWindowAggregateSupplier.class);

    private final DslStoreBuilder store;
    private final EmitStrategy emitStrategy;
    private final SessionWindows windows;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;
    private final Merger<? super K, VAgg> merger;
    private boolean sendOldValues;
    private boolean taskStreamTime;

    SessionWindowAggregateSupplier(DslStoreBuilder store, EmitStrategy emitStrategy, SessionWindows windows, Initializer<VAgg> initializer,
                                   Aggregator<? super K, ? super V, VAgg> aggregator, Merger<? super K, VAgg> merger) {
        this.store = store;
        this.emitStrategy = emitStrategy;
        this.windows = windows;
        this.initializer = initializer;
        this.aggregator = aggregator;
        this.merger = merger;
    }

    /**
     * Makes lateness follow the task's stream time rather than the largest timestamp this operator has
     * seen, so that the processors of a cogroup, one per input over one store, agree on which sessions
     * are closed.
     */
    void useTaskStreamTime() {
        taskStreamTime = true;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        sendOldValues = true;
        return true;
    }

    @Override
    public long windowCloseGraceMs() {
        return windows.gracePeriodMs() + windows.inactivityGap();
    }

    @Override
    public String queryableStoreName() {
        return store.name();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store);
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        boolean oldValues = sendOldValues;
        boolean emitFinal = emitStrategy.type() == EmitStrategy.StrategyType.ON_WINDOW_CLOSE;
        long gap = windows.inactivityGap();
        long grace = windows.gracePeriodMs();
        boolean sharedTime = taskStreamTime;
        return new Processor<>() {
            private ProcessorContext<Windowed<K>, Change<VAgg>> context;
            private SessionStore<K, VAgg> sessions;
            private TimestampedForwarder<Windowed<K>, VAgg> forwarder;
            private long observedStreamTime = -1L;
            private long lastEmitCloseTime = -1L;

            @Override
            public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
                this.context = context;
                sessions = context.getStateStore(store.name());
                forwarder = TimestampedForwarder.forSessions(emitFinal ? null : sessions, context, oldValues);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    LOG.warn("Skipping a record with a null key for session store {}: {}", store.name(), DslLog.position(context));
                    DroppedRecordsRecorder.recordDropped(context);
                    return;
                }
                long ts = record.timestamp();
                observedStreamTime = Math.max(observedStreamTime, ts);
                if (sharedTime) {
                    observedStreamTime = Math.max(observedStreamTime, context.currentStreamTimeMs());
                }
                long closeTime = observedStreamTime - grace - gap;
                if (emitFinal) {
                    emitClosedSessions(record, closeTime);
                }
                List<KeyValue<Windowed<K>, VAgg>> merged = new ArrayList<>();
                SessionWindow own = new SessionWindow(ts, ts);
                long start = ts;
                long end = ts;
                VAgg aggregate = initializer.apply();
                try (KeyValueIterator<Windowed<K>, VAgg> found = sessions.findSessions(record.key(), ts - gap, ts + gap)) {
                    while (found.hasNext()) {
                        KeyValue<Windowed<K>, VAgg> next = found.next();
                        merged.add(next);
                        aggregate = merger.apply(record.key(), aggregate, next.value);
                        start = Math.min(start, next.key.window().start());
                        end = Math.max(end, next.key.window().end());
                    }
                }
                SessionWindow window = new SessionWindow(start, end);
                if (end < closeTime) {
                    LOG.debug("Dropping a late record for expired session [{},{}] of store {}: timestamp {}, close time {}, stream time {}, {}",
                        start, end, store.name(), ts, closeTime, observedStreamTime, DslLog.position(context));
                    DroppedRecordsRecorder.recordDropped(context);
                    return;
                }
                if (!window.equals(own)) {
                    for (KeyValue<Windowed<K>, VAgg> session : merged) {
                        sessions.remove(session.key);
                        forwardUpdate(session.key, session.value, null);
                    }
                }
                aggregate = aggregator.apply(record.key(), record.value(), aggregate);
                Windowed<K> key = new Windowed<>(record.key(), window);
                sessions.put(key, aggregate);
                forwardUpdate(key, null, aggregate);
                if (emitFinal && end <= closeTime) {
                    // Accepted at exactly the close time, the session is already closed, and reads of the
                    // store no longer see it: emit it now or never (suppress(untilWindowCloses) emits it now too).
                    context.forward(new Record<>(key, new Change<>(aggregate, null), end, record.headers()));
                }
            }

            private void forwardUpdate(Windowed<K> key, VAgg oldAggregate, VAgg newAggregate) {
                if (emitFinal) {
                    return;
                }
                forwarder.maybeForward(new Record<>(key, new Change<>(newAggregate, oldValues ? oldAggregate : null), key.window().end()));
            }

            private void emitClosedSessions(Record<K, V> record, long closeTime) {
                if (lastEmitCloseTime != -1L && closeTime <= lastEmitCloseTime) {
                    return;
                }
                // A session is closed once its end reaches the close time, as suppress(untilWindowCloses)
                // has it. The store still shows every session ending after the previous close time,
                // since the record that moves stream time is stored only after this.
                long lower = lastEmitCloseTime == -1L ? 0L : lastEmitCloseTime + 1;
                if (closeTime < 0 || closeTime < lower) {
                    return;
                }
                List<KeyValue<Windowed<K>, VAgg>> closed = new ArrayList<>();
                try (KeyValueIterator<Windowed<K>, VAgg> ended = sessions.findSessions(lower, closeTime)) {
                    ended.forEachRemaining(session -> {
                        if (session.key.window().end() <= closeTime) {
                            closed.add(session);
                        }
                    });
                }
                // Session end, then start, then key (the store returns one end's sessions in key order), as
                // Kafka Streams' time-ordered session store does.
                closed.sort(Comparator.<KeyValue<Windowed<K>, VAgg>>comparingLong(kv -> kv.key.window().end())
                    .thenComparingLong(kv -> kv.key.window().start()));
                for (KeyValue<Windowed<K>, VAgg> session : closed) {
                    context.forward(new Record<>(session.key, new Change<>(session.value, null), session.key.window().end(), record.headers()));
                }
                lastEmitCloseTime = closeTime;
            }
        };
    }
}
