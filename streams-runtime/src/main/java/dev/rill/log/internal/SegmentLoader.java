package dev.rill.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of one partition directory and recovers it: finishes or discards an interrupted
 * compaction swap, validates the active segment batch by batch (length and CRC) and truncates a torn or
 * corrupt tail, loads the indexes of inactive segments or rebuilds those that are missing or do not fit,
 * and rebuilds the open transactions and aborted-transaction lists. The open transactions at the active
 * segment's start come from its {@code .snapshot}; without a valid one, or when a {@code .txnindex} is
 * damaged, every segment's batch headers are rescanned.
 */
final class SegmentLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentLoader.class);
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    static final String CLEANED_SUFFIX = ".cleaned";
    static final String SWAP_SUFFIX = ".swap";

    /** The result of loading: segments in offset order (the last is active) and the open transactions. */
    record Loaded(List<Segment> segments, TransactionTracker transactions) {
    }

    private final Path dir;
    private final int indexIntervalBytes;
    private final int maxIndexEntries;
    private final long nowMs;
    private final SegmentChannels channels;

    SegmentLoader(Path dir, int indexIntervalBytes, int maxIndexEntries, long nowMs, SegmentChannels channels) {
        this.channels = channels;
        this.dir = dir;
        this.indexIntervalBytes = indexIntervalBytes;
        this.maxIndexEntries = maxIndexEntries;
        this.nowMs = nowMs;
    }

    Loaded load() throws IOException {
        Files.createDirectories(dir);
        finishInterruptedSwaps();
        TreeMap<Long, Path> logs = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + Segment.LOG_SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String digits = name.substring(0, name.length() - Segment.LOG_SUFFIX.length());
                if (digits.length() == 20 && digits.chars().allMatch(Character::isDigit)) {
                    logs.put(Long.parseLong(digits), f);
                }
            }
        }
        List<Segment> segments = new ArrayList<>();
        if (logs.isEmpty()) {
            segments.add(Segment.create(dir, 0, indexIntervalBytes, maxIndexEntries, nowMs, channels));
            return new Loaded(segments, new TransactionTracker());
        }
        long activeBase = logs.lastKey();
        boolean allValid = true;
        for (long base : logs.headMap(activeBase).keySet()) {
            Segment s = openInactive(base);
            if (s == null) {
                allValid = false;
                break;
            }
            segments.add(s);
        }
        TransactionTracker tracker = null;
        if (allValid) {
            tracker = readSnapshot(activeBase);
            if (tracker == null && segments.isEmpty()) {
                // Nothing before the active segment: no transaction can have started earlier.
                tracker = new TransactionTracker();
            }
        }
        if (tracker == null) {
            LOG.info("Rebuilding the indexes and transaction state of {} from the batches of all its segments", dir);
            for (Segment s : segments) {
                s.close();
            }
            segments.clear();
            tracker = new TransactionTracker();
            for (long base : logs.headMap(activeBase).keySet()) {
                segments.add(rebuild(base, false, tracker, null));
            }
        }
        segments.add(rebuild(activeBase, true, tracker, createdAt(logs.get(activeBase))));
        return new Loaded(segments, tracker);
    }

    /** Opens a segment just written by compaction, rebuilding its indexes; its aborted transactions are given. */
    Segment openCleaned(long base, List<AbortedTransaction> aborted) throws IOException {
        Segment s = rebuild(base, false, null, null);
        aborted.forEach(s::addAborted);
        s.writeIndexes(true);
        return s;
    }

    private long createdAt(Path file) throws IOException {
        // The wall-clock age of the active segment survives a restart through the file's own birth time;
        // file systems without one report the last modification time instead.
        return Files.readAttributes(file, BasicFileAttributes.class).creationTime().toMillis();
    }

    private TransactionTracker readSnapshot(long activeBase) throws IOException {
        ByteBuffer b = ChecksummedFile.read(dir.resolve(Segment.fileName(activeBase, SNAPSHOT_SUFFIX)));
        return b == null ? null : TransactionTracker.fromSnapshot(b);
    }

    /** @return the segment from its index files, or {@code null} if one of them is missing or damaged */
    private Segment openInactive(long base) throws IOException {
        List<AbortedTransaction> aborted = TransactionIndexFile.read(dir.resolve(Segment.fileName(base, Segment.TXN_INDEX_SUFFIX)));
        if (aborted == null) {
            return null;
        }
        Path file = dir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX));
        FileChannel ch = channels.open(file, false);
        boolean ok = false;
        try {
            int fileSize = (int) Math.min(Integer.MAX_VALUE, ch.size());
            OffsetIndex offsets = OffsetIndex.load(dir.resolve(Segment.fileName(base, Segment.INDEX_SUFFIX)), base,
                maxIndexEntries, fileSize);
            if (offsets == null) {
                return null;
            }
            // The tail after the last index entry gives the segment's end and newest timestamp; it also proves
            // that the last entry points at a batch that starts with the indexed offset.
            int position = offsets.lastPosition();
            long next = base;
            long largest = -1;
            while (position < fileSize) {
                if (fileSize - position < BatchCodec.HEADER_SIZE) {
                    return null;
                }
                ByteBuffer hb = readAt(ch, position, BatchCodec.HEADER_SIZE);
                if (BatchCodec.headerProblem(hb) != null) {
                    return null;
                }
                BatchHeader h = BatchCodec.readHeader(hb);
                if ((position == offsets.lastPosition() && offsets.entries() > 0 && h.baseOffset() != offsets.lastOffset())
                    || h.sizeInBytes() > fileSize - position || h.baseOffset() < next) {
                    return null;
                }
                next = h.nextOffset();
                largest = Math.max(largest, h.maxTimestamp());
                position += h.sizeInBytes();
            }
            TimeIndex times = TimeIndex.load(dir.resolve(Segment.fileName(base, Segment.TIME_INDEX_SUFFIX)), base, next);
            if (times == null) {
                return null;
            }
            largest = Math.max(largest, times.lastTimestamp());
            ok = true;
            return Segment.open(dir, base, ch, indexIntervalBytes, offsets, times, aborted, fileSize, next, largest, nowMs);
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    /**
     * Scans a segment batch by batch and rebuilds its indexes. A batch that does not fit (and, with
     * {@code checkCrc}, one whose CRC is wrong) ends the segment: the file is cut there with a warning.
     *
     * @param tracker if not {@code null}, fed every batch, and the aborted transactions are collected
     */
    private Segment rebuild(long base, boolean checkCrc, TransactionTracker tracker, Long createdAtMs) throws IOException {
        Path file = dir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX));
        FileChannel ch = channels.open(file, false);
        long fileSize = ch.size();
        Segment segment = Segment.open(dir, base, ch, indexIntervalBytes, new OffsetIndex(base, maxIndexEntries),
            new TimeIndex(base), List.of(), 0, base, -1, createdAtMs == null ? nowMs : createdAtMs);
        int position = 0;
        long next = base;
        String problem = null;
        while (position < fileSize) {
            if (fileSize - position < BatchCodec.HEADER_SIZE) {
                problem = "incomplete batch header";
                break;
            }
            ByteBuffer hb = readAt(ch, position, BatchCodec.HEADER_SIZE);
            problem = BatchCodec.headerProblem(hb);
            if (problem != null) {
                break;
            }
            BatchHeader h = BatchCodec.readHeader(hb);
            if (h.sizeInBytes() > fileSize - position) {
                problem = "batch of " + h.sizeInBytes() + " bytes runs past the end of the file";
                break;
            }
            // The active segment is never compacted, so its offsets are dense; elsewhere compaction leaves gaps.
            if ((checkCrc ? h.baseOffset() != next : h.baseOffset() < next) || h.lastOffset() - base > Integer.MAX_VALUE) {
                problem = "batch offset " + h.baseOffset() + " does not follow offset " + (next - 1);
                break;
            }
            ControlType marker = null;
            if (checkCrc || h.control()) {
                ByteBuffer whole = readAt(ch, position, h.sizeInBytes());
                if (!BatchCodec.crcMatches(whole)) {
                    if (checkCrc) {
                        problem = "CRC32C mismatch";
                        break;
                    }
                } else if (h.control()) {
                    try {
                        marker = BatchCodec.decode(whole, file + " position " + position).controlType();
                    } catch (CorruptBatchException e) {
                        problem = e.getMessage();
                        break;
                    }
                }
            }
            segment.index(h, position);
            if (tracker != null) {
                AbortedTransaction t = tracker.onBatch(h, marker);
                if (t != null) {
                    segment.addAborted(t);
                }
            }
            next = h.nextOffset();
            position += h.sizeInBytes();
        }
        if (problem != null) {
            LOG.warn("Truncating {} at position {}: {}; dropping {} bytes after the last valid batch (offset {} is the "
                + "next to be written)", file, position, problem, fileSize - position, next);
        }
        segment.truncateTo(position, next);
        segment.writeIndexes(!checkCrc);
        return segment;
    }

    private void finishInterruptedSwaps() throws IOException {
        List<Path> swaps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(CLEANED_SUFFIX) || name.endsWith(".tmp")) {
                    Files.delete(f);
                } else if (name.endsWith(SWAP_SUFFIX)) {
                    swaps.add(f);
                }
            }
        }
        for (Path swap : swaps) {
            long base = Long.parseLong(swap.getFileName().toString().substring(0, 20));
            long lastMember = lastMemberOf(swap);
            // The swap file was complete when it was renamed from .cleaned: it replaces every old segment of
            // its group, from its own base offset to the last member's, named in the swap file's name.
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + Segment.LOG_SUFFIX)) {
                for (Path f : files) {
                    long b = Long.parseLong(f.getFileName().toString().substring(0, 20));
                    if (b >= base && b <= lastMember) {
                        Segment.deleteFiles(dir, b);
                    }
                }
            }
            Segment.deleteFiles(dir, base);
            Files.move(swap, dir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX)), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Finished an interrupted compaction of {}: {} replaced the segments from offset {} to segment {}",
                dir, swap.getFileName(), base, lastMember);
        }
        if (!swaps.isEmpty()) {
            ChecksummedFile.syncDirectory(dir);
        }
    }

    /** The name of the swap file replacing the group of segments from {@code base} to {@code lastMemberBase}. */
    static String swapFileName(long base, long lastMemberBase) {
        return Segment.fileName(base, Segment.LOG_SUFFIX + "." + Segment.fileName(lastMemberBase, SWAP_SUFFIX));
    }

    private static long lastMemberOf(Path swap) throws IOException {
        String name = swap.getFileName().toString();
        String digits = name.substring(20 + Segment.LOG_SUFFIX.length() + 1, name.length() - SWAP_SUFFIX.length());
        if (digits.length() != 20 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IOException("unexpected compaction swap file " + swap + "; move it away and open the log again");
        }
        return Long.parseLong(digits);
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                break;
            }
        }
        return b.flip();
    }
}
