package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * Where a sent record was stored.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset in the partition
 * @param timestamp the stored timestamp (the append time for a {@code LogAppendTime} topic), milliseconds
 * @param serializedKeySize key size in bytes, {@code -1} for a {@code null} key
 * @param serializedValueSize value size in bytes, {@code -1} for a {@code null} value
 */
@Evolving
public record RecordMetadata(String topic, int partition, long offset, long timestamp, int serializedKeySize,
                             int serializedValueSize) {
}
