package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.streams.errors.StreamsException;

/**
 * The default {@link TimestampExtractor}: uses the timestamp stored in the record (producer create
 * time or log append time) and stops processing with a {@link StreamsException} when that timestamp is
 * negative, which usually means the producer never set one.
 *
 * <p>To tolerate such records instead, configure
 * {@link LogAndSkipOnInvalidTimestamp} (drop them) or {@link UsePartitionTimeOnInvalidTimestamp} (give them
 * the partition's current time) as {@code default.timestamp.extractor}.
 */
@Stable
public final class FailOnInvalidTimestamp implements TimestampExtractor {

    /** Creates the extractor. It holds no state. */
    public FailOnInvalidTimestamp() {
    }

    /**
     * Returns {@code record.timestamp()}.
     *
     * @param record the record
     * @param partitionTime ignored
     * @return the record's own timestamp in epoch milliseconds, never negative
     * @throws StreamsException if the record's timestamp is negative; the message names the topic,
     *     partition, offset and timestamp
     */
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        if (timestamp < 0) {
            throw new StreamsException("Record at topic '" + record.topic() + "', partition "
                + record.partition() + ", offset " + record.offset() + " has an invalid (negative) timestamp "
                + timestamp + " (timestamp type " + record.timestampType() + "), so "
                + FailOnInvalidTimestamp.class.getSimpleName() + " stops processing. This usually means the "
                + "producer did not set a timestamp. To keep going, set 'default.timestamp.extractor' to "
                + LogAndSkipOnInvalidTimestamp.class.getName() + " (skip such records) or "
                + UsePartitionTimeOnInvalidTimestamp.class.getName()
                + " (use the partition's highest timestamp so far)");
        }
        return timestamp;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
