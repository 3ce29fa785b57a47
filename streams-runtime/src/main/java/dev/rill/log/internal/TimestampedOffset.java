package dev.rill.log.internal;

import dev.rill.annotation.Internal;

/**
 * The answer to a search by timestamp: the earliest offset whose record's timestamp is at or after the
 * target, and that timestamp.
 *
 * @param offset the record's offset
 * @param timestamp the record's timestamp in milliseconds
 */
@Internal
public record TimestampedOffset(long offset, long timestamp) {
}
