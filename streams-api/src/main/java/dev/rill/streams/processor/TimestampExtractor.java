package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import dev.rill.clients.consumer.ConsumerRecord;

/**
 * Decides the event time of each record read from a source topic. Event time drives windowing,
 * grace periods, punctuation in stream time and the ordering of records across input partitions.
 *
 * <p>The application-wide extractor is chosen with
 * {@link dev.rill.streams.StreamsConfig#DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG default.timestamp.extractor}
 * (default {@link FailOnInvalidTimestamp}); a source can override it. Implementations named by class in
 * the configuration need a public no-argument constructor. The runtime calls an extractor from a single
 * stream thread per task, but one instance may be shared by several tasks, so implementations should keep
 * no per-record state.
 *
 * <p>Built-in implementations: {@link FailOnInvalidTimestamp}, {@link LogAndSkipOnInvalidTimestamp},
 * {@link UsePartitionTimeOnInvalidTimestamp} and {@link WallclockTimestampExtractor}.
 */
@Stable
@FunctionalInterface
public interface TimestampExtractor {

    /**
     * Returns the timestamp to use for {@code record}.
     *
     * @param record the record as read from its topic partition
     * @param partitionTime the highest timestamp extracted so far for the record's partition, in epoch
     *     milliseconds, or {@code -1} if no valid timestamp has been seen on that partition yet
     * @return the record's timestamp in epoch milliseconds. A negative result marks the record as invalid:
     *     the runtime then skips it (it counts and logs skipped records) rather
     *     than processing it. To stop processing instead, throw.
     */
    long extract(ConsumerRecord<Object, Object> record, long partitionTime);
}
