package dev.rill.log.internal;

import dev.rill.annotation.Internal;

/**
 * A transaction aborted in one partition: a read_committed reader drops this producer's transactional
 * records with offsets from {@code firstOffset} up to {@code lastOffset}.
 *
 * @param producerId the producer whose transaction was aborted
 * @param firstOffset offset of the transaction's first batch in this partition
 * @param lastOffset offset of the ABORT marker
 * @param lastStableOffset the partition's last stable offset right after the abort
 */
@Internal
public record AbortedTransaction(long producerId, long firstOffset, long lastOffset, long lastStableOffset) {
    static final int ENTRY_SIZE = 32;
}
