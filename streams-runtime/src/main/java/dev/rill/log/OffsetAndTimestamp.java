package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * The answer of {@link Consumer#offsetsForTimes}: the earliest offset of a partition whose record has a
 * timestamp at or after the one asked for, and that record's timestamp.
 *
 * @param offset the offset
 * @param timestamp the record's timestamp in milliseconds since the epoch
 */
@Evolving
public record OffsetAndTimestamp(long offset, long timestamp) {
}
