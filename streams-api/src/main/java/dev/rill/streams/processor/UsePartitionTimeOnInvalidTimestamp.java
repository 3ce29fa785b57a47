package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.streams.errors.StreamsException;

/**
 * A {@link TimestampExtractor} that uses the timestamp stored in the record and, when that timestamp is
 * negative, substitutes the partition time: the highest timestamp seen so far on the record's partition.
 * Such a record is processed as if it arrived "now" in stream time, so it never counts as late.
 *
 * <p>If the very first records of a partition have no valid timestamp there is no partition time to
 * substitute yet; processing then stops with a {@link StreamsException}.
 */
@Stable
public final class UsePartitionTimeOnInvalidTimestamp implements TimestampExtractor {

    /** Creates the extractor. It holds no state. */
    public UsePartitionTimeOnInvalidTimestamp() {
    }

    /**
     * Returns {@code record.timestamp()}, or {@code partitionTime} if the record's timestamp is negative.
     *
     * @param record the record
     * @param partitionTime the highest timestamp seen so far on the record's partition, or {@code -1}
     * @return a non-negative timestamp in epoch milliseconds
     * @throws StreamsException if both the record's timestamp and {@code partitionTime} are negative; the
     *     message names the topic, partition and offset
     */
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        if (timestamp >= 0) {
            return timestamp;
        }
        if (partitionTime >= 0) {
            return partitionTime;
        }
        throw new StreamsException("Record at topic '" + record.topic() + "', partition " + record.partition()
            + ", offset " + record.offset() + " has an invalid (negative) timestamp " + timestamp
            + ", and no valid partition time is known yet (partition time " + partitionTime + "), so "
            + UsePartitionTimeOnInvalidTimestamp.class.getSimpleName() + " has no timestamp to substitute. "
            + "Fix the producer, or set 'default.timestamp.extractor' to "
            + LogAndSkipOnInvalidTimestamp.class.getName() + " to skip such records");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
