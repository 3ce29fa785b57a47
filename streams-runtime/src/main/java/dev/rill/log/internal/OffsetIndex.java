package dev.rill.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A segment's sparse offset index: pairs of (offset relative to the segment's base, file position of the
 * batch starting there), ascending in both. Any prefix of the entries is a correct index (a lookup only
 * scans further), which is why the file needs no fsync. Kept in memory; the file is rewritten when the
 * segment is rolled, flushed or closed. Not thread-safe: guarded by the partition's lock.
 */
final class OffsetIndex {
    static final int ENTRY_SIZE = 8;
    private final long baseOffset;
    private final int maxEntries;
    private int[] relativeOffsets = new int[16];
    private int[] positions = new int[16];
    private int count;

    OffsetIndex(long baseOffset, int maxEntries) {
        this.baseOffset = baseOffset;
        this.maxEntries = Math.max(1, maxEntries);
    }

    void append(long offset, int position) {
        if (count == relativeOffsets.length) {
            relativeOffsets = Arrays.copyOf(relativeOffsets, count * 2);
            positions = Arrays.copyOf(positions, count * 2);
        }
        relativeOffsets[count] = (int) (offset - baseOffset);
        positions[count] = position;
        count++;
    }

    boolean isFull() {
        return count >= maxEntries;
    }

    int entries() {
        return count;
    }

    /** @return the position of the last indexed batch starting at or before {@code offset}, else 0 */
    int floorPosition(long offset) {
        long rel = offset - baseOffset;
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (relativeOffsets[mid] <= rel) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : positions[found];
    }

    int lastPosition() {
        return count == 0 ? 0 : positions[count - 1];
    }

    long lastOffset() {
        return count == 0 ? baseOffset : baseOffset + relativeOffsets[count - 1];
    }

    /** Drops entries of batches at or after {@code position}. */
    void truncateToPosition(int position) {
        while (count > 0 && positions[count - 1] >= position) {
            count--;
        }
    }

    void write(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count * ENTRY_SIZE);
        for (int i = 0; i < count; i++) {
            b.putInt(relativeOffsets[i]).putInt(positions[i]);
        }
        ChecksummedFile.write(file, b.flip(), false);
    }

    /**
     * @return the index in the file, or {@code null} if it is missing, damaged, or does not fit a segment
     *         of {@code segmentSize} bytes
     */
    static OffsetIndex load(Path file, long baseOffset, int maxEntries, int segmentSize) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer b = ChecksummedFile.read(file);
        if (b == null || b.remaining() % ENTRY_SIZE != 0) {
            return null;
        }
        OffsetIndex index = new OffsetIndex(baseOffset, maxEntries);
        int prevRel = -1;
        int prevPos = -1;
        while (b.hasRemaining()) {
            int rel = b.getInt();
            int pos = b.getInt();
            if (rel <= prevRel || pos <= prevPos || pos >= segmentSize) {
                return null;
            }
            index.append(baseOffset + rel, pos);
            prevRel = rel;
            prevPos = pos;
        }
        return index;
    }
}
