package dev.rill.log.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells, for batches fed in offset order, which belong to an aborted transaction: a transactional batch of
 * producer P is aborted if an aborted transaction of P starts at or before it and P's ABORT marker has not
 * been passed yet.
 */
final class AbortedBatchFilter {
    private final List<AbortedTransaction> pending;
    private final Set<Long> abortedProducers = new HashSet<>();
    private int next;

    AbortedBatchFilter(List<AbortedTransaction> aborted) {
        pending = new ArrayList<>(aborted);
        pending.sort(Comparator.comparingLong(AbortedTransaction::firstOffset));
    }

    boolean isAborted(RecordBatch batch) {
        while (next < pending.size() && pending.get(next).firstOffset() <= batch.lastOffset()) {
            abortedProducers.add(pending.get(next).producerId());
            next++;
        }
        if (!batch.transactional()) {
            return false;
        }
        if (batch.control()) {
            if (batch.controlType() == ControlType.ABORT) {
                abortedProducers.remove(batch.producerId());
            }
            return false;
        }
        return abortedProducers.contains(batch.producerId());
    }
}
