package dev.rill.streams.internal.task;

import dev.rill.annotation.Internal;
import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.serialization.ByteArrayDeserializer;
import dev.rill.log.Consumer;
import dev.rill.log.ConsumerConfig;
import dev.rill.log.ConsumerRecords;
import dev.rill.log.EmbeddedLog;
import dev.rill.log.IsolationLevel;
import dev.rill.log.TopicPartition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads changelog partitions from the built-in log for {@link ChangelogRestorer}. Only committed data
 * is read ({@code read_committed}), so a store is never rebuilt from changes of a transaction that did
 * not commit. A changelog topic that does not exist yet reads as empty.
 */
@Internal
public final class LogChangelogReader implements ChangelogRestorer.ChangelogReader {
    private final EmbeddedLog log;

    /**
     * @param log the application's log
     */
    public LogChangelogReader(EmbeddedLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    private Consumer<byte[], byte[]> consumer() {
        ConsumerConfig config = ConsumerConfig.builder().isolationLevel(IsolationLevel.READ_COMMITTED).enableAutoCommit(false)
            .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST).build();
        return log.consumer(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public long startOffset(String topic, int partition) {
        if (!log.topics().contains(topic)) {
            return 0L;
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        try (Consumer<byte[], byte[]> consumer = consumer()) {
            return consumer.beginningOffsets(List.of(tp)).get(tp);
        }
    }

    @Override
    public Iterator<ChangelogRestorer.ChangelogRecord> read(String topic, int partition, long fromOffset) {
        if (!log.topics().contains(topic)) {
            return List.<ChangelogRestorer.ChangelogRecord>of().iterator();
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        Consumer<byte[], byte[]> consumer = consumer();
        consumer.assign(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        consumer.seek(tp, fromOffset);
        return new Iterator<>() {
            private final ArrayDeque<ChangelogRestorer.ChangelogRecord> buffered = new ArrayDeque<>();
            private boolean done = fromOffset >= end;

            @Override
            public boolean hasNext() {
                while (buffered.isEmpty() && !done) {
                    long before = consumer.position(tp);
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ZERO);
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (record.offset() < end) {
                            buffered.add(new ChangelogRestorer.ChangelogRecord(record.offset(), record.key(), record.value(), record.timestamp()));
                        }
                    }
                    long after = consumer.position(tp);
                    // Skipped aborted or compacted data moves the position without records; no move means the end.
                    if (after >= end || (records.isEmpty() && after == before)) {
                        done = true;
                    }
                }
                if (buffered.isEmpty()) {
                    consumer.close();
                }
                return !buffered.isEmpty();
            }

            @Override
            public ChangelogRestorer.ChangelogRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffered.poll();
            }
        };
    }
}
