package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * One segment of a partition, as shown by {@link EmbeddedLog#describe(String)}.
 *
 * @param baseOffset the offset the segment starts at (its file name)
 * @param nextOffset the offset after its last batch
 * @param sizeInBytes its size on disk in bytes
 * @param largestTimestamp its newest record timestamp in milliseconds, {@code -1} if empty; retention by time
 *        compares this with {@code retention.ms}
 * @param active whether this is the segment appends go to (never deleted or compacted)
 */
@Evolving
public record SegmentDescription(long baseOffset, long nextOffset, long sizeInBytes, long largestTimestamp, boolean active) {
}
