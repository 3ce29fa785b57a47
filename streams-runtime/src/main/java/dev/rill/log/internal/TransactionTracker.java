package dev.rill.log.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The open transactions of one partition: for each producer with an open transaction, the offset of its
 * first transactional batch. The earliest of those is the last stable offset. Fed every batch in offset
 * order, at append and during recovery. Not thread-safe: guarded by the partition's lock.
 */
final class TransactionTracker {
    private final Map<Long, Long> firstOffsetByProducer = new HashMap<>();
    private final TreeMap<Long, Long> producerByFirstOffset = new TreeMap<>();

    /**
     * Applies one appended batch.
     *
     * @param marker the marker type if the batch is a control batch, else {@code null}
     * @return the aborted transaction if the batch is an ABORT marker that ended an open transaction
     */
    AbortedTransaction onBatch(BatchHeader batch, ControlType marker) {
        long pid = batch.producerId();
        if (!batch.transactional() || pid < 0) {
            return null;
        }
        if (!batch.control()) {
            if (!firstOffsetByProducer.containsKey(pid)) {
                firstOffsetByProducer.put(pid, batch.baseOffset());
                producerByFirstOffset.put(batch.baseOffset(), pid);
            }
            return null;
        }
        Long first = firstOffsetByProducer.remove(pid);
        if (first == null) {
            return null;
        }
        producerByFirstOffset.remove(first);
        if (marker != ControlType.ABORT) {
            return null;
        }
        return new AbortedTransaction(pid, first, batch.lastOffset(), lastStableOffset(batch.nextOffset()));
    }

    long lastStableOffset(long logEndOffset) {
        return producerByFirstOffset.isEmpty() ? logEndOffset : producerByFirstOffset.firstKey();
    }

    /** @return producer id to first offset of its open transaction, a copy */
    Map<Long, Long> openTransactions() {
        return Map.copyOf(firstOffsetByProducer);
    }

    ByteBuffer snapshot() {
        ByteBuffer b = ByteBuffer.allocate(4 + 16 * firstOffsetByProducer.size());
        b.putInt(firstOffsetByProducer.size());
        for (Map.Entry<Long, Long> e : firstOffsetByProducer.entrySet()) {
            b.putLong(e.getKey()).putLong(e.getValue());
        }
        return b.flip();
    }

    /** @return the tracker saved by {@link #snapshot()}, or {@code null} if the content is malformed */
    static TransactionTracker fromSnapshot(ByteBuffer b) {
        if (b.remaining() < 4) {
            return null;
        }
        int n = b.getInt();
        if (n < 0 || b.remaining() != 16L * n) {
            return null;
        }
        TransactionTracker t = new TransactionTracker();
        for (int i = 0; i < n; i++) {
            long pid = b.getLong();
            long first = b.getLong();
            t.firstOffsetByProducer.put(pid, first);
            t.producerByFirstOffset.put(first, pid);
        }
        return t;
    }
}
