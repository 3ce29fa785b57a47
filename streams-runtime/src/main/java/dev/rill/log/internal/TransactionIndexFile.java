package dev.rill.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .txnindex} file of a segment: the transactions aborted by ABORT markers in the segment, as
 * (producer id, first offset, last offset, last stable offset) entries of four int64. Unlike the sparse
 * indexes, a partial list would be wrong (a read_committed reader would see aborted data), so the file is
 * checksummed as a whole and a damaged one makes recovery rescan the partition.
 */
final class TransactionIndexFile {
    private TransactionIndexFile() {
    }

    static void write(Path file, List<AbortedTransaction> aborted, boolean durable) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(aborted.size() * AbortedTransaction.ENTRY_SIZE);
        for (AbortedTransaction t : aborted) {
            b.putLong(t.producerId()).putLong(t.firstOffset()).putLong(t.lastOffset()).putLong(t.lastStableOffset());
        }
        ChecksummedFile.write(file, b.flip(), durable);
    }

    /** @return the entries, or {@code null} if the file is missing or damaged */
    static List<AbortedTransaction> read(Path file) throws IOException {
        ByteBuffer b = ChecksummedFile.read(file);
        if (b == null || b.remaining() % AbortedTransaction.ENTRY_SIZE != 0) {
            return null;
        }
        List<AbortedTransaction> list = new ArrayList<>();
        while (b.hasRemaining()) {
            list.add(new AbortedTransaction(b.getLong(), b.getLong(), b.getLong(), b.getLong()));
        }
        return list;
    }
}
