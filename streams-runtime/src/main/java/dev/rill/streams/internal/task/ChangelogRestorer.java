package dev.rill.streams.internal.task;

import dev.rill.annotation.Internal;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.internal.OffsetCheckpoint;
import dev.rill.streams.state.internal.OffsetCheckpoint.TopicPartitionKey;
import dev.rill.streams.state.internal.ValueAndTimestampSerde;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a task's stores from their changelogs when the task starts, and records how far they got.
 * The task's checkpoint file holds, per changelog partition, the offset of the next record the stores
 * do not yet reflect: a task stopped cleanly checkpoints the end of its changelogs and restores
 * nothing; after a crash only the tail after the last checkpoint is replayed; without a checkpoint (or
 * with a damaged one) every changelog is replayed from its start.
 *
 * <p>Records are handed to each store's restore callback in changelog order, in batches. Timestamped
 * stores log the plain value with the timestamp as the record's timestamp, so their values are rebuilt
 * here from both.
 *
 * <p>Single-threaded, like its task.
 */
@Internal
public final class ChangelogRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogRestorer.class);

    /** One record of a changelog partition. */
    public record ChangelogRecord(long offset, byte[] key, byte[] value, long timestamp) {
    }

    /** Reads changelog partitions; the runtime backs it with the partition log. */
    public interface ChangelogReader {
        /**
         * @param topic the changelog topic
         * @param partition the partition
         * @return the offset of the first record still in the partition (older ones were compacted or deleted)
         */
        long startOffset(String topic, int partition);

        /**
         * @param topic the changelog topic
         * @param partition the partition
         * @param fromOffset the first offset to read
         * @return the records from {@code fromOffset} to the end, in offset order
         */
        Iterator<ChangelogRecord> read(String topic, int partition, long fromOffset);
    }

    /**
     * What a restore did.
     *
     * @param nextOffsets per changelog partition, the offset after the last record restored (or the
     *     checkpointed offset if there was nothing to restore)
     * @param restoredRecords per store, how many records were replayed
     */
    public record Result(Map<TopicPartitionKey, Long> nextOffsets, Map<String, Long> restoredRecords) {
    }

    private final StreamTask task;
    private final ChangelogReader reader;
    private final OffsetCheckpoint checkpoint;
    private final int batchSize;

    /**
     * @param task the task, initialized (its stores open and registered)
     * @param reader reads the changelogs
     * @param batchSize records handed to a batching callback at once, {@code >= 1}
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public ChangelogRestorer(StreamTask task, ChangelogReader reader, int batchSize) {
        this.task = Objects.requireNonNull(task, "task");
        this.reader = Objects.requireNonNull(reader, "reader");
        if (batchSize < 1) {
            throw new IllegalArgumentException("restore batch size must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.checkpoint = OffsetCheckpoint.inDirectory(task.stateDir);
    }

    /** @return the changelog topic of a store of this task */
    private String changelogTopic(String storeName) {
        return task.config.applicationId() + "-" + storeName + "-changelog";
    }

    /**
     * Replays, for every logged store of the task, its changelog from the checkpointed offset.
     *
     * @return the offsets reached and the records replayed
     * @throws StreamsException if a store fails to take a record; the message names store and offset
     */
    public Result restore() {
        Map<TopicPartitionKey, Long> checkpointed = readCheckpoint();
        Map<TopicPartitionKey, Long> next = new LinkedHashMap<>();
        Map<String, Long> restored = new LinkedHashMap<>();
        int partition = task.id.partition();
        for (Map.Entry<String, StateRestoreCallback> entry : task.restoreCallbacks().entrySet()) {
            String store = entry.getKey();
            if (!task.storeLogsChanges(store)) {
                continue;
            }
            String topic = changelogTopic(store);
            TopicPartitionKey key = new TopicPartitionKey(topic, partition);
            long start = reader.startOffset(topic, partition);
            long from = Math.max(start, checkpointed.getOrDefault(key, start));
            boolean timestamped = isTimestamped(task.store(store));
            long[] count = {0};
            long reached = replay(store, entry.getValue(), reader.read(topic, partition, from), from, timestamped, count);
            next.put(key, reached);
            restored.put(store, count[0]);
            LOG.debug("Restored {} records of store {} of task {} from {} (offsets {} to {})", count[0], store, task.id, topic, from, reached);
        }
        return new Result(next, restored);
    }

    private long replay(String store, StateRestoreCallback callback, Iterator<ChangelogRecord> records, long from, boolean timestamped,
                        long[] count) {
        long reached = from;
        List<KeyValue<byte[], byte[]>> batch = new ArrayList<>(batchSize);
        long batchFirstOffset = from;
        while (records.hasNext()) {
            ChangelogRecord record = records.next();
            if (batch.isEmpty()) {
                batchFirstOffset = record.offset();
            }
            byte[] value = timestamped ? ValueAndTimestampSerde.fromChangelog(record.value(), record.timestamp()) : record.value();
            batch.add(KeyValue.pair(record.key(), value));
            reached = record.offset() + 1;
            if (batch.size() == batchSize) {
                apply(store, callback, batch, batchFirstOffset);
                count[0] += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            apply(store, callback, batch, batchFirstOffset);
            count[0] += batch.size();
        }
        return reached;
    }

    private void apply(String store, StateRestoreCallback callback, List<KeyValue<byte[], byte[]>> batch, long firstOffset) {
        try {
            if (callback instanceof BatchingStateRestoreCallback batching) {
                batching.restoreAll(List.copyOf(batch));
            } else {
                for (KeyValue<byte[], byte[]> record : batch) {
                    callback.restore(record.key, record.value);
                }
            }
        } catch (RuntimeException e) {
            throw new StreamsException("restoring state store '" + store + "' of task " + task.id + " failed in the batch of "
                + batch.size() + " changelog records starting at offset " + firstOffset + ": " + e.getMessage(), e);
        }
    }

    private static boolean isTimestamped(StateStore store) {
        return store instanceof TimestampedKeyValueStore<?, ?> || store instanceof TimestampedWindowStore<?, ?>;
    }

    private Map<TopicPartitionKey, Long> readCheckpoint() {
        try {
            return checkpoint.read();
        } catch (OffsetCheckpoint.CorruptCheckpointException e) {
            LOG.warn("The checkpoint {} of task {} is damaged ({}); restoring every store from the start of its changelog",
                e.file(), task.id, e.getMessage());
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint of task " + task.id + " in " + task.stateDir, e);
        }
    }

    /**
     * Records that the stores reflect their changelogs up to these offsets. Call after the stores are
     * flushed and the changelog records are durable, so that a restart replays nothing they hold.
     *
     * @param nextOffsets per changelog partition, the offset of the next record the stores do not hold
     * @throws UncheckedIOException if the checkpoint cannot be written
     */
    public void checkpoint(Map<TopicPartitionKey, Long> nextOffsets) {
        try {
            checkpoint.write(new HashMap<>(nextOffsets));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of task " + task.id + " to " + checkpoint.file(), e);
        }
    }

    /** @return the checkpoint file */
    public File checkpointFile() {
        return checkpoint.file();
    }
}
