package dev.rill.streams.internal.task;

import dev.rill.annotation.Internal;
import dev.rill.common.header.Headers;
import dev.rill.log.TopicPartition;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The records waiting for one task: a FIFO queue per input partition, and the choice of which record is
 * next, which is the head with the smallest timestamp across partitions. Within a partition, order is
 * kept whatever the timestamps. This is how a task merges its inputs in (roughly) event-time order, and
 * it decides the order in which records that a topology writes to its own internal topics come back.
 *
 * <p>Ties between partitions are broken by a binary heap, as Kafka Streams does, so that a topology
 * processes records in the same order in both.
 */
@Internal
public final class PartitionQueues {
    // Keyed by TopicPartition rather than a "topic-partition" string: no string is built per record.
    private final Map<TopicPartition, ArrayDeque<QueuedRecord>> queues = new HashMap<>();
    private final PriorityQueue<ArrayDeque<QueuedRecord>> nonEmptyByHeadTime =
        new PriorityQueue<>(Comparator.comparingLong((ArrayDeque<QueuedRecord> q) -> q.peekFirst().timestamp()));
    private int size;

    /**
     * A record waiting to be processed.
     *
     * @param topic the topic, as named in the log
     * @param partition the partition
     * @param offset the offset
     * @param timestamp the record timestamp in epoch milliseconds
     * @param key the serialized key
     * @param value the serialized value
     * @param headers the headers
     */
    public record QueuedRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {
    }

    /**
     * Appends a record to its partition's queue.
     *
     * @param record the record
     */
    public void add(QueuedRecord record) {
        ArrayDeque<QueuedRecord> queue = queues.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
            k -> new ArrayDeque<>());
        queue.addLast(record);
        if (queue.size() == 1) {
            nonEmptyByHeadTime.add(queue);
        }
        size++;
    }

    /** @return the record to process next, or {@code null} when every queue is empty */
    public QueuedRecord poll() {
        ArrayDeque<QueuedRecord> queue = nonEmptyByHeadTime.poll();
        if (queue == null) {
            return null;
        }
        QueuedRecord record = queue.pollFirst();
        if (!queue.isEmpty()) {
            nonEmptyByHeadTime.add(queue);
        }
        size--;
        return record;
    }

    /** @return whether no record is waiting */
    public boolean isEmpty() {
        return size == 0;
    }
}
