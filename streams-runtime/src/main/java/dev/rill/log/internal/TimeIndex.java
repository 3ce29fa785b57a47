package dev.rill.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A segment's sparse time index: pairs of (largest timestamp of the segment up to and including a batch,
 * that batch's offset), added at the same points as offset index entries and only when the largest
 * timestamp grew, so both columns ascend. An entry (T, O) promises that no record before batch O has a
 * timestamp above T: a search for timestamp t may start at the batch of the last entry with T &lt; t.
 * Not thread-safe: guarded by the partition's lock.
 */
final class TimeIndex {
    static final int ENTRY_SIZE = 12;
    private final long baseOffset;
    private long[] timestamps = new long[16];
    private int[] relativeOffsets = new int[16];
    private int count;

    TimeIndex(long baseOffset) {
        this.baseOffset = baseOffset;
    }

    void maybeAppend(long largestTimestamp, long offset) {
        if (count > 0 && largestTimestamp <= timestamps[count - 1]) {
            return;
        }
        if (count == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, count * 2);
            relativeOffsets = Arrays.copyOf(relativeOffsets, count * 2);
        }
        timestamps[count] = largestTimestamp;
        relativeOffsets[count] = (int) (offset - baseOffset);
        count++;
    }

    /** @return the offset of the batch to start a search for {@code timestamp} at, or the base offset */
    long searchStart(long timestamp) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] < timestamp) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? baseOffset : baseOffset + relativeOffsets[found];
    }

    long lastTimestamp() {
        return count == 0 ? -1 : timestamps[count - 1];
    }

    void truncateToOffset(long offset) {
        while (count > 0 && baseOffset + relativeOffsets[count - 1] >= offset) {
            count--;
        }
    }

    void write(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count * ENTRY_SIZE);
        for (int i = 0; i < count; i++) {
            b.putLong(timestamps[i]).putInt(relativeOffsets[i]);
        }
        ChecksummedFile.write(file, b.flip(), false);
    }

    /** @return the index in the file, or {@code null} if missing, damaged or not ascending */
    static TimeIndex load(Path file, long baseOffset, long nextOffset) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer b = ChecksummedFile.read(file);
        if (b == null || b.remaining() % ENTRY_SIZE != 0) {
            return null;
        }
        TimeIndex index = new TimeIndex(baseOffset);
        long prevTs = Long.MIN_VALUE;
        int prevRel = -1;
        while (b.hasRemaining()) {
            long ts = b.getLong();
            int rel = b.getInt();
            if (ts <= prevTs || rel < prevRel || baseOffset + rel >= nextOffset) {
                return null;
            }
            index.maybeAppend(ts, baseOffset + rel);
            prevTs = ts;
            prevRel = rel;
        }
        return index;
    }
}
