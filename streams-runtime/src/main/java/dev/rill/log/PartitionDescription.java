package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.util.List;

/**
 * The state of one partition at the moment {@link EmbeddedLog#describe(String)} was called.
 *
 * @param topic the topic
 * @param partition the partition number
 * @param logStartOffset the first offset still stored (older ones were deleted by retention)
 * @param logEndOffset the offset the next appended record gets; on a single node also the high watermark
 * @param lastStableOffset below the first open transaction, else the log end offset; read_committed
 *        readers stop here
 * @param sizeInBytes the bytes of all segments
 * @param openTransactions number of producers with an open transaction in this partition
 * @param retentionMs the topic's {@code retention.ms}
 * @param retentionBytes the topic's {@code retention.bytes}
 * @param segments the segments, oldest first; the last one is active
 */
@Evolving
public record PartitionDescription(
    String topic,
    int partition,
    long logStartOffset,
    long logEndOffset,
    long lastStableOffset,
    long sizeInBytes,
    int openTransactions,
    long retentionMs,
    long retentionBytes,
    List<SegmentDescription> segments) {

    /** Copies the segment list. */
    public PartitionDescription {
        segments = List.copyOf(segments);
    }

    /** @return the high watermark: the log end offset, since the log lives on one node */
    public long highWatermark() {
        return logEndOffset;
    }
}
