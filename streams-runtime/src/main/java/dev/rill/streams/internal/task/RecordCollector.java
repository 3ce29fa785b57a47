package dev.rill.streams.internal.task;

import dev.rill.annotation.Internal;
import dev.rill.common.header.Headers;

/**
 * Where a task's sinks put serialized records. The test driver keeps them in per-topic queues; the
 * engine will append them to the partition log inside the task's transaction.
 */
@Internal
public interface RecordCollector {

    /**
     * @param topic the full topic name (internal topics already carry the application id)
     * @return the topic's partition count, or 1 when the topic is not known yet
     */
    int partitionCount(String topic);

    /**
     * Accepts one record. The headers are made read-only by the caller.
     *
     * @param topic the full topic name
     * @param partition the partition chosen by a partitioner, or -1 to hash the key
     * @param key the serialized key, may be {@code null}
     * @param value the serialized value, may be {@code null}
     * @param headers the headers
     * @param timestamp epoch milliseconds
     */
    void send(String topic, int partition, byte[] key, byte[] value, Headers headers, long timestamp);
}
