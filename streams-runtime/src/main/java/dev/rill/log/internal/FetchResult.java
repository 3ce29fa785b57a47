package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.log.IsolationLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * What one read of a partition returns: whole batches (the first may start before the requested offset,
 * the caller skips those records), the aborted transactions a read_committed reader must skip, and the
 * partition's offsets at the time of the read.
 *
 * @param batches decoded batches in offset order, control batches included
 * @param abortedTransactions for read_committed reads, the aborted transactions overlapping the batches;
 *        empty for read_uncommitted
 * @param highWatermark the log end offset
 * @param lastStableOffset the last stable offset
 * @param logStartOffset the log start offset
 */
@Internal
public record FetchResult(List<RecordBatch> batches, List<AbortedTransaction> abortedTransactions, long highWatermark,
                          long lastStableOffset, long logStartOffset) {

    /**
     * The records a consumer delivers: from {@code fromOffset} on, without control records, and for
     * read_committed without records of aborted transactions.
     *
     * @param fromOffset the first offset wanted
     * @param isolation the reader's isolation level
     * @return the records in offset order
     */
    public List<LogRecord> visibleRecords(long fromOffset, IsolationLevel isolation) {
        AbortedBatchFilter filter = new AbortedBatchFilter(
            isolation == IsolationLevel.READ_COMMITTED ? abortedTransactions : List.of());
        List<LogRecord> out = new ArrayList<>();
        for (RecordBatch b : batches) {
            if (filter.isAborted(b) || b.control()) {
                continue;
            }
            for (LogRecord r : b.records()) {
                if (r.offset() >= fromOffset) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
