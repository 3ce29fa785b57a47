package dev.rill.log.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment of a partition: a file of batches {@code <baseOffset>.log} (base offset zero-padded to 20
 * digits), its sparse offset and time indexes ({@code .index}, {@code .timeindex}) and the transactions
 * aborted by markers in it ({@code .txnindex}). Only the partition's active (last) segment is appended to.
 * {@link #size()} counts complete batches only, so a reader never sees a batch being written. Mutations are
 * guarded by the partition's lock; reads use positional I/O and need only the partition's read lock.
 */
final class Segment {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String TXN_INDEX_SUFFIX = ".txnindex";

    private final Path dir;
    private final long baseOffset;
    private final FileChannel channel;
    private final int indexIntervalBytes;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final List<AbortedTransaction> aborted;
    private volatile int size;
    private long nextOffset;
    private long largestTimestamp;
    private int bytesSinceIndexEntry;
    private final long createdAtMs;

    private Segment(Path dir, long baseOffset, FileChannel channel, int indexIntervalBytes, OffsetIndex offsetIndex,
                    TimeIndex timeIndex, List<AbortedTransaction> aborted, int size, long nextOffset,
                    long largestTimestamp, long createdAtMs) {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.indexIntervalBytes = indexIntervalBytes;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.aborted = aborted;
        this.size = size;
        this.nextOffset = nextOffset;
        this.largestTimestamp = largestTimestamp;
        this.createdAtMs = createdAtMs;
    }

    static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** Creates a new empty segment file, replacing any leftover of the same name. */
    static Segment create(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexEntries, long nowMs,
                          SegmentChannels channels) throws IOException {
        Path file = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
        for (String suffix : List.of(INDEX_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(fileName(baseOffset, suffix)));
        }
        FileChannel ch = channels.open(file, true);
        try {
            // Without this, data later fsynced into the new file could vanish with its directory entry.
            ChecksummedFile.syncDirectory(dir);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new Segment(dir, baseOffset, ch, indexIntervalBytes, new OffsetIndex(baseOffset, maxIndexEntries),
            new TimeIndex(baseOffset), new ArrayList<>(), 0, baseOffset, -1, nowMs);
    }

    /**
     * Opens an existing segment whose valid length, indexes and aborted transactions are known (found by
     * {@link SegmentLoader}).
     */
    static Segment open(Path dir, long baseOffset, FileChannel channel, int indexIntervalBytes, OffsetIndex offsetIndex,
                        TimeIndex timeIndex, List<AbortedTransaction> aborted, int size, long nextOffset,
                        long largestTimestamp, long createdAtMs) {
        return new Segment(dir, baseOffset, channel, indexIntervalBytes, offsetIndex, timeIndex,
            new ArrayList<>(aborted), size, nextOffset, largestTimestamp, createdAtMs);
    }

    long baseOffset() {
        return baseOffset;
    }

    int size() {
        return size;
    }

    long nextOffset() {
        return nextOffset;
    }

    long largestTimestamp() {
        return largestTimestamp;
    }

    long createdAtMs() {
        return createdAtMs;
    }

    boolean indexFull() {
        return offsetIndex.isFull();
    }

    Path logFile() {
        return dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    }

    List<AbortedTransaction> abortedTransactions() {
        return aborted;
    }

    /**
     * Writes one encoded batch at the end. If the write fails, the file is cut back to its previous length
     * and the segment is unchanged.
     */
    void append(ByteBuffer batch, BatchHeader header) throws IOException {
        int position = size;
        try {
            ByteBuffer b = batch.duplicate();
            long at = position;
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(position);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        index(header, position);
        size = position + header.sizeInBytes();
    }

    /** Records a batch already in the file (during recovery) or just written, in the indexes. */
    void index(BatchHeader header, int position) {
        largestTimestamp = Math.max(largestTimestamp, header.maxTimestamp());
        if (indexIntervalBytes == 0 || (position > 0 && bytesSinceIndexEntry >= indexIntervalBytes)) {
            offsetIndex.append(header.baseOffset(), position);
            timeIndex.maybeAppend(largestTimestamp, header.baseOffset());
            bytesSinceIndexEntry = 0;
        }
        bytesSinceIndexEntry += header.sizeInBytes();
        nextOffset = header.nextOffset();
    }

    void addAborted(AbortedTransaction txn) {
        aborted.add(txn);
    }

    /** @return the header at {@code position}, which must be the start of a complete batch */
    BatchHeader headerAt(int position) throws IOException {
        return BatchCodec.readHeader(readFully(position, BatchCodec.HEADER_SIZE));
    }

    ByteBuffer readFully(long position, int length) throws IOException {
        return readFully(position, length, null);
    }

    /** Reads into {@code scratch} if it is large enough (its content is replaced), else into a new buffer. */
    ByteBuffer readFully(long position, int length, ByteBuffer scratch) throws IOException {
        ByteBuffer b = scratch != null && scratch.capacity() >= length ? scratch.clear().limit(length).slice()
            : ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException("end of " + logFile() + " at position " + (position + b.position()));
            }
        }
        return b.flip();
    }

    /** @return the decoded batch at {@code position}, checking its CRC */
    RecordBatch batchAt(int position, int sizeInBytes) throws IOException, CorruptBatchException {
        return batchAt(position, sizeInBytes, null);
    }

    /** As {@link #batchAt(int, int)}, reading through {@code scratch} if it is large enough. */
    RecordBatch batchAt(int position, int sizeInBytes, ByteBuffer scratch) throws IOException, CorruptBatchException {
        return BatchCodec.decode(readFully(position, sizeInBytes, scratch), logFile() + " position " + position);
    }

    /**
     * @return the position of the first batch whose last offset is at least {@code offset}, or
     *         {@link #size()} if there is none
     */
    int positionOf(long offset) throws IOException {
        int position = offsetIndex.floorPosition(offset);
        int end = size;
        while (position < end) {
            BatchHeader h = headerAt(position);
            if (h.lastOffset() >= offset) {
                return position;
            }
            position += h.sizeInBytes();
        }
        return end;
    }

    /** @return the offset of the batch to begin a search for {@code timestamp} at */
    long timeSearchStart(long timestamp) {
        return timeIndex.searchStart(timestamp);
    }

    /** Cuts the file back to {@code position} (the start of a batch) after a failed write or in recovery. */
    void truncateTo(int position, long newNextOffset) throws IOException {
        channel.truncate(position);
        size = position;
        offsetIndex.truncateToPosition(position);
        timeIndex.truncateToOffset(newNextOffset);
        nextOffset = newNextOffset;
        aborted.removeIf(t -> t.lastOffset() >= newNextOffset);
    }

    void flush() throws IOException {
        channel.force(false);
    }

    /**
     * Writes the index files from memory. The sparse indexes need no fsync (any prefix of them is correct);
     * the transaction index does when the segment is closed for good: an older complete version of it, left
     * by a power loss, would pass its checksum and hide an abort.
     */
    void writeIndexes(boolean durable) throws IOException {
        offsetIndex.write(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)));
        timeIndex.write(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)));
        TransactionIndexFile.write(dir.resolve(fileName(baseOffset, TXN_INDEX_SUFFIX)), aborted, durable);
    }

    void close() throws IOException {
        channel.close();
    }

    /** Closes the segment and deletes its files, indexes first so that no index outlives its log file. */
    void delete() throws IOException {
        channel.close();
        deleteFiles(dir, baseOffset);
    }

    static void deleteFiles(Path dir, long baseOffset) throws IOException {
        for (String suffix : List.of(INDEX_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, LOG_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(fileName(baseOffset, suffix)));
        }
    }

    @Override
    public String toString() {
        return logFile().toString();
    }
}
