package dev.rill.log.internal;

import dev.rill.log.CorruptRecordException;
import dev.rill.log.IsolationLevel;
import dev.rill.log.TopicConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a partition of a compacted topic: keeps, per key, only the record with the highest offset.
 *
 * <p>What is cleaned: the oldest inactive segments, as long as each ends below the last stable offset
 * (open transactions are never touched) and its newest record is at least {@code min.compaction.lag.ms}
 * old. The active segment is never cleaned, but its records count when deciding which record of a key is
 * the latest. Offsets are kept: a record keeps its offset and compaction leaves gaps. A tombstone (a
 * record with a {@code null} value) that is the latest of its key is removed once its timestamp is older
 * than {@code delete.retention.ms}. Records of aborted transactions are removed; transaction markers stay.
 *
 * <p>Crash safety: consecutive segments are merged into one output no larger than {@code segment.bytes},
 * written to {@code <base>.log.cleaned} and fsynced, renamed to {@code <base>.log.<last member base>.swap}
 * (the point of no return), then the old segments are deleted and the swap file becomes {@code <base>.log}.
 * Recovery deletes a {@code .cleaned} file and completes a {@code .swap}: the name says which segments it
 * replaces, even those that compaction emptied.
 *
 * <p>Memory: while a partition is cleaned, every distinct key of it is held in a map to the offset of its
 * latest record; the records themselves are streamed.
 *
 * <p>Runs on the log's maintenance thread, one partition at a time.
 */
final class LogCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);
    private static final int READ_BYTES = 1 << 20;

    private LogCleaner() {
    }

    /** Cleans if segments became cleanable since the last cleaning. */
    static void cleanIfDirty(PartitionLog log, long nowMs) throws IOException {
        List<Segment> cleanable = cleanable(log, nowMs);
        if (!cleanable.isEmpty() && cleanable.get(cleanable.size() - 1).nextOffset() > log.cleanedUpTo()) {
            clean(log, nowMs);
        }
    }

    /**
     * Compacts the cleanable segments of the partition now.
     *
     * @return the number of records removed
     */
    static long clean(PartitionLog log, long nowMs) throws IOException {
        TopicConfig config = log.config();
        List<Segment> cleanable = cleanable(log, nowMs);
        if (cleanable.isEmpty()) {
            return 0;
        }
        Map<ByteBuffer, Long> latest = new HashMap<>();
        Set<Long> abortedBatches = new HashSet<>();
        latestOffsets(log, latest, abortedBatches);
        long removed = 0;
        List<Segment> group = new ArrayList<>();
        long groupBytes = 0;
        for (Segment s : cleanable) {
            if (!group.isEmpty() && (groupBytes + s.size() > config.segmentBytes()
                || s.nextOffset() - group.get(0).baseOffset() > Integer.MAX_VALUE)) {
                removed += cleanGroup(log, group, latest, abortedBatches, nowMs);
                group = new ArrayList<>();
                groupBytes = 0;
            }
            group.add(s);
            groupBytes += s.size();
        }
        removed += cleanGroup(log, group, latest, abortedBatches, nowMs);
        log.cleanedUpTo(cleanable.get(cleanable.size() - 1).nextOffset());
        LOG.debug("Compacted {}-{}: {} records removed", log.topic(), log.partition(), removed);
        return removed;
    }

    private static List<Segment> cleanable(PartitionLog log, long nowMs) {
        TopicConfig config = log.config();
        List<Segment> all = log.segments();
        long lso = log.lastStableOffset();
        List<Segment> out = new ArrayList<>();
        if (!config.cleanupPolicy().compacts()) {
            return out;
        }
        for (Segment s : all.subList(0, all.size() - 1)) {
            if (s.nextOffset() > lso || s.largestTimestamp() > nowMs - config.minCompactionLagMs()) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Fills the highest offset of every key among committed records up to the last stable offset, and the
     * base offsets of batches of aborted transactions. Reads batch by batch; only the map stays in memory.
     */
    private static void latestOffsets(PartitionLog log, Map<ByteBuffer, Long> latest, Set<Long> abortedBatches) {
        long offset = log.logStartOffset();
        long end = log.lastStableOffset();
        AbortedBatchFilter filter = new AbortedBatchFilter(log.abortedTransactions());
        while (offset < end) {
            FetchResult r = log.read(offset, READ_BYTES, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch b : r.batches()) {
                if (b.baseOffset() >= end) {
                    return;
                }
                if (filter.isAborted(b)) {
                    abortedBatches.add(b.baseOffset());
                } else if (!b.control()) {
                    for (LogRecord rec : b.records()) {
                        if (rec.key() != null) {
                            latest.put(ByteBuffer.wrap(rec.key()), rec.offset());
                        }
                    }
                }
                offset = b.nextOffset();
            }
            if (r.batches().isEmpty()) {
                return;
            }
        }
    }

    private static long cleanGroup(PartitionLog log, List<Segment> group, Map<ByteBuffer, Long> latest,
                                   Set<Long> abortedBatches, long nowMs) throws IOException {
        TopicConfig config = log.config();
        Path dir = log.directory();
        long base = group.get(0).baseOffset();
        Path cleaned = dir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX + SegmentLoader.CLEANED_SUFFIX));
        Path swap = dir.resolve(SegmentLoader.swapFileName(base, group.get(group.size() - 1).baseOffset()));
        long removed = 0;
        List<AbortedTransaction> aborted = new ArrayList<>();
        try (FileChannel out = FileChannel.open(cleaned, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Segment s : group) {
                aborted.addAll(s.abortedTransactions());
                int position = 0;
                while (position < s.size()) {
                    BatchHeader h = s.headerAt(position);
                    RecordBatch batch;
                    try {
                        batch = s.batchAt(position, h.sizeInBytes());
                    } catch (CorruptBatchException e) {
                        throw new CorruptRecordException("cannot compact topic " + log.topic() + " partition "
                            + log.partition() + ": corrupt batch in " + e.getMessage(), e);
                    }
                    List<LogRecord> kept = abortedBatches.contains(batch.baseOffset()) ? List.of()
                        : batch.records().stream().filter(r -> keep(batch, r, latest, nowMs - config.deleteRetentionMs())).toList();
                    removed += batch.records().size() - kept.size();
                    ByteBuffer bytes = kept.size() == batch.records().size() ? s.readFully(position, h.sizeInBytes())
                        : kept.isEmpty() ? null : reencode(batch, kept);
                    while (bytes != null && bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    position += h.sizeInBytes();
                }
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(cleaned);
            throw e;
        }
        Files.move(cleaned, swap, StandardCopyOption.ATOMIC_MOVE);
        ChecksummedFile.syncDirectory(dir);
        log.replaceSegments(group, swap, aborted);
        return removed;
    }

    private static boolean keep(RecordBatch batch, LogRecord r, Map<ByteBuffer, Long> latest, long tombstoneHorizon) {
        if (batch.control()) {
            return true;
        }
        if (r.key() == null) {
            return true;
        }
        Long newest = latest.get(ByteBuffer.wrap(r.key()));
        if (newest != null && newest > r.offset()) {
            return false;
        }
        return r.value() != null || r.timestamp() >= tombstoneHorizon;
    }

    /** The batch with only {@code kept} of its records. */
    private static ByteBuffer reencode(RecordBatch batch, List<LogRecord> kept) {
        // Base offset and last offset delta stay as written, so the batch still covers the same offsets. Decoded
        // LogAppendTime records already carry the append time, which the batch keeps as its max timestamp.
        return BatchCodec.encode(batch.baseOffset(), batch.lastOffsetDelta(), batch.compression(), batch.timestampType(),
            batch.transactional(), false, batch.producerId(), batch.producerEpoch(), batch.baseSequence(), kept);
    }
}
