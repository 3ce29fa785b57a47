package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.FixedKeyProcessorContext;
import dev.rill.streams.processor.api.FixedKeyRecord;
import dev.rill.streams.processor.api.FixedKeyRecords;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link FixedKeyProcessor} as an ordinary processor node: records are wrapped on the way in, and
 * the processor gets a context that can only forward fixed-key records, so the key cannot change.
 */
final class FixedKeyProcessorAdapter<K, V, VOut> implements Processor<K, V, K, VOut> {
    private final FixedKeyProcessor<K, V, VOut> delegate;

    FixedKeyProcessorAdapter(FixedKeyProcessor<K, V, VOut> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void init(ProcessorContext<K, VOut> context) {
        delegate.init(new FixedKeyContext<>(context));
    }

    @Override
    public void process(Record<K, V> record) {
        delegate.process(FixedKeyRecords.from(record));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record FixedKeyContext<K, V>(ProcessorContext<K, V> inner) implements FixedKeyProcessorContext<K, V> {
        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record) {
            inner.forward(FixedKeyRecords.toRecord(record));
        }

        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record, String childName) {
            inner.forward(FixedKeyRecords.toRecord(record), childName);
        }

        @Override
        public String applicationId() {
            return inner.applicationId();
        }

        @Override
        public TaskId taskId() {
            return inner.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return inner.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return inner.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return inner.valueSerde();
        }

        @Override
        public File stateDir() {
            return inner.stateDir();
        }

        @Override
        public <S extends StateStore> S getStateStore(String name) {
            return inner.getStateStore(name);
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            return inner.schedule(interval, type, callback);
        }

        @Override
        public void commit() {
            inner.commit();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return inner.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return inner.appConfigsWithPrefix(prefix);
        }

        @Override
        public long currentSystemTimeMs() {
            return inner.currentSystemTimeMs();
        }

        @Override
        public long currentStreamTimeMs() {
            return inner.currentStreamTimeMs();
        }
    }
}
