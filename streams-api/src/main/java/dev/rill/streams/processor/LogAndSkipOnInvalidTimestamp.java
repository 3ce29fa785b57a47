package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import dev.rill.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TimestampExtractor} that uses the timestamp stored in the record and drops records whose
 * timestamp is negative: it logs a warning naming the record's topic, partition and offset and returns
 * the negative value, which makes the runtime skip the record (and count it as skipped).
 *
 * <p>Use it when a few records without a timestamp are expected and losing them is acceptable.
 */
@Stable
public final class LogAndSkipOnInvalidTimestamp implements TimestampExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(LogAndSkipOnInvalidTimestamp.class);

    /** Creates the extractor. It holds no state. */
    public LogAndSkipOnInvalidTimestamp() {
    }

    /**
     * Returns {@code record.timestamp()}, logging a warning at level WARN first if it is negative.
     *
     * @param record the record
     * @param partitionTime ignored
     * @return the record's own timestamp in epoch milliseconds; negative (so the record is skipped) if the
     *     record has no valid timestamp
     */
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        if (timestamp < 0) {
            LOG.warn("Skipping record at topic '{}', partition {}, offset {}: its timestamp {} is invalid "
                    + "(negative). The record will not be processed.",
                record.topic(), record.partition(), record.offset(), timestamp);
        }
        return timestamp;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
