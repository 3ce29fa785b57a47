package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.record.TimestampType;
import dev.rill.log.CorruptRecordException;
import dev.rill.log.InvalidRecordException;
import dev.rill.log.IsolationLevel;
import dev.rill.log.LogClosedException;
import dev.rill.log.LogStorageException;
import dev.rill.log.OffsetOutOfRangeException;
import dev.rill.log.PartitionDescription;
import dev.rill.log.RecordTooLargeException;
import dev.rill.log.SegmentDescription;
import dev.rill.log.TopicConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of the built-in log: an ordered list of segments in a directory {@code <topic>-<partition>},
 * the last of which takes appends. This is the handle producers and consumers use.
 *
 * <p>Thread-safety: appends, control markers, flushes, rolls, retention and compaction swaps take the
 * partition's write lock; reads and searches take its read lock, so they may run in parallel with each
 * other and never see a batch that is only partly written.
 *
 * <p>Durability: an append is in the operating system's cache when it returns. It is on disk after
 * {@link #flush()}, after a COMMIT or ABORT marker (which fsync), or as {@code flush.messages} and
 * {@code flush.ms} say.
 */
@Internal
public final class PartitionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final String topic;
    private final int partition;
    private final Path dir;
    private final TopicConfig config;
    private final LongSupplier clock;
    private final SegmentChannels channels;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<Long, Segment> segments = new TreeMap<>();
    private final TransactionTracker transactions;
    private volatile long logEndOffset;
    private long unflushedRecords;
    private long firstUnflushedAtMs = -1;
    private volatile long cleanedUpTo;
    private boolean closed;

    private PartitionLog(String topic, int partition, Path dir, TopicConfig config, LongSupplier clock,
                         SegmentChannels channels, SegmentLoader.Loaded loaded) {
        this.channels = channels;
        this.topic = topic;
        this.partition = partition;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        for (Segment s : loaded.segments()) {
            segments.put(s.baseOffset(), s);
        }
        this.transactions = loaded.transactions();
        this.logEndOffset = segments.lastEntry().getValue().nextOffset();
    }

    /**
     * Opens (creating if needed) and recovers the partition in {@code dir}.
     *
     * @param topic the topic name
     * @param partition the partition number
     * @param dir the partition's directory
     * @param config the topic's settings
     * @param clock wall-clock milliseconds
     * @return the open partition
     * @throws LogStorageException if the directory cannot be read or repaired
     */
    public static PartitionLog open(String topic, int partition, Path dir, TopicConfig config, LongSupplier clock) {
        return open(topic, partition, dir, config, clock, SegmentChannels.FILES);
    }

    static PartitionLog open(String topic, int partition, Path dir, TopicConfig config, LongSupplier clock,
                             SegmentChannels channels) {
        try {
            SegmentLoader.Loaded loaded = new SegmentLoader(dir, config.indexIntervalBytes(),
                config.segmentIndexBytes() / OffsetIndex.ENTRY_SIZE, clock.getAsLong(), channels).load();
            return new PartitionLog(topic, partition, dir, config, clock, channels, loaded);
        } catch (IOException e) {
            throw new LogStorageException("cannot open partition " + topic + "-" + partition + " in " + dir + ": " + e, e);
        }
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** @return the partition number */
    public int partition() {
        return partition;
    }

    /** @return the topic's settings */
    public TopicConfig config() {
        return config;
    }

    /** @return the partition's directory */
    public Path directory() {
        return dir;
    }

    /**
     * Appends records as one batch and assigns them consecutive offsets. The batch is checked and encoded
     * before anything is written; a batch that is refused leaves the partition unchanged.
     *
     * @param batch the records and producer fields
     * @return the offset of the first record
     * @throws RecordTooLargeException if the encoded batch exceeds {@code max.message.bytes}
     * @throws InvalidRecordException if the topic is compacted and a record has no key
     * @throws LogStorageException if the write fails; the partition is cut back to its previous end
     * @throws LogClosedException if the partition is closed
     */
    public long append(AppendBatch batch) {
        return append(batch, null);
    }

    /**
     * Like {@link #append(AppendBatch)}, encoding the batch into {@code scratch} when it fits: a caller that
     * appends from one thread can keep one direct buffer for all its batches, so nothing is allocated and
     * the write needs no copy to a temporary direct buffer.
     *
     * @param batch the records and producer fields
     * @param scratch a buffer owned by the calling thread whose content may be replaced, or {@code null}
     * @return the offset of the first record
     * @throws RecordTooLargeException if the encoded batch exceeds {@code max.message.bytes}
     * @throws InvalidRecordException if the topic is compacted and a record has no key
     * @throws LogStorageException if the write fails; the partition is cut back to its previous end
     * @throws LogClosedException if the partition is closed
     */
    public long append(AppendBatch batch, ByteBuffer scratch) {
        boolean logAppendTime = config.timestampType() == TimestampType.LOG_APPEND_TIME;
        long now = clock.getAsLong();
        List<LogRecord> records = batch.records();
        if (config.cleanupPolicy().compacts()) {
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).key() == null) {
                    throw new InvalidRecordException("topic " + topic + " partition " + partition + " is compacted ("
                        + TopicConfig.CLEANUP_POLICY + "=" + config.cleanupPolicy().configValue() + ") and record " + i
                        + " of the batch has no key; give every record a key. Nothing of the batch was written");
                }
            }
        }
        ByteBuffer encoded = BatchCodec.encodeForAppend(batch.compression(),
            logAppendTime ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME, batch.transactional(),
            batch.producerId(), batch.producerEpoch(), batch.baseSequence(), records, logAppendTime ? now : -1, scratch);
        if (encoded.remaining() > config.maxMessageBytes()) {
            throw new RecordTooLargeException("topic " + topic + " partition " + partition + ": a batch of "
                + records.size() + " record(s) is " + encoded.remaining() + " bytes, over the limit "
                + TopicConfig.MAX_MESSAGE_BYTES + "=" + config.maxMessageBytes()
                + "; nothing was written. Send smaller records or raise the topic's limit");
        }
        lock.writeLock().lock();
        try {
            ensureOpen();
            long base = logEndOffset;
            BatchCodec.setBaseOffset(encoded, base);
            write(encoded, null, now);
            unflushedRecords += records.size();
            if (firstUnflushedAtMs < 0) {
                firstUnflushedAtMs = now;
            }
            if (unflushedRecords >= config.flushMessages()) {
                flushLocked();
            }
            return base;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Appends a COMMIT or ABORT marker for a producer's open transaction and forces the partition to disk.
     * An ABORT of an open transaction is added to the aborted-transaction index.
     *
     * @param producerId the producer
     * @param producerEpoch its epoch
     * @param type commit or abort
     * @return the marker's offset
     * @throws LogStorageException if the write or fsync fails
     * @throws LogClosedException if the partition is closed
     */
    public long appendMarker(long producerId, short producerEpoch, ControlType type) {
        long now = clock.getAsLong();
        lock.writeLock().lock();
        try {
            ensureOpen();
            long offset = logEndOffset;
            write(BatchCodec.encodeControl(offset, type, producerId, producerEpoch, now), type, now);
            flushLocked();
            return offset;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void write(ByteBuffer encoded, ControlType marker, long now) {
        BatchHeader header = BatchCodec.readHeader(encoded);
        Segment active = maybeRoll(header, now);
        try {
            active.append(encoded, header);
        } catch (IOException e) {
            throw new LogStorageException("cannot append to topic " + topic + " partition " + partition + " at offset "
                + header.baseOffset() + " (file " + active.logFile() + ", position " + active.size() + "): " + e
                + ". The partition was cut back to offset " + logEndOffset + " and stays readable", e);
        }
        AbortedTransaction aborted = transactions.onBatch(header, marker);
        if (aborted != null) {
            active.addAborted(aborted);
        }
        logEndOffset = header.nextOffset();
    }

    private Segment maybeRoll(BatchHeader next, long now) {
        Segment active = segments.lastEntry().getValue();
        boolean full = active.size() > 0 && (
            (long) active.size() + next.sizeInBytes() > config.segmentBytes()
                || now - active.createdAtMs() >= config.segmentMs()
                || active.indexFull()
                || next.lastOffset() - active.baseOffset() > Integer.MAX_VALUE);
        if (!full) {
            return active;
        }
        try {
            active.flush();
            active.writeIndexes(true);
            // Snapshot first: if it fails no channel is left open; a snapshot without its segment is never read.
            writeSnapshot(logEndOffset);
            Segment fresh = Segment.create(dir, logEndOffset, config.indexIntervalBytes(),
                config.segmentIndexBytes() / OffsetIndex.ENTRY_SIZE, now, channels);
            segments.put(fresh.baseOffset(), fresh);
            LOG.debug("Rolled {}-{} to a new segment at offset {}", topic, partition, logEndOffset);
            return fresh;
        } catch (IOException e) {
            throw new LogStorageException("cannot start a new segment of topic " + topic + " partition " + partition
                + " at offset " + logEndOffset + " in " + dir + ": " + e + ". Nothing was written", e);
        }
    }

    private void writeSnapshot(long base) throws IOException {
        ChecksummedFile.write(dir.resolve(Segment.fileName(base, SegmentLoader.SNAPSHOT_SUFFIX)), transactions.snapshot(), false);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*" + SegmentLoader.SNAPSHOT_SUFFIX)) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(Segment.fileName(base, SegmentLoader.SNAPSHOT_SUFFIX))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Reads whole batches from the one holding {@code fromOffset} (or the next one, if the offset was removed
     * by compaction) up to about {@code maxBytes}; at least one batch is returned if there is any.
     * read_uncommitted reads up to the log end offset, read_committed up to the last stable offset.
     *
     * @param fromOffset the first offset wanted
     * @param maxBytes the soft limit of the batches' stored size
     * @param isolation what the reader may see
     * @return the batches and, for read_committed, the aborted transactions among them
     * @throws OffsetOutOfRangeException if the offset is negative, below the log start or above the log end
     * @throws CorruptRecordException if a batch fails its CRC check
     * @throws LogStorageException if reading fails
     */
    public FetchResult read(long fromOffset, int maxBytes, IsolationLevel isolation) {
        return read(fromOffset, maxBytes, isolation, null);
    }

    /**
     * Like {@link #read(long, int, IsolationLevel)}, reading each batch's bytes through {@code scratch} when it
     * fits, so that a reader on one thread allocates no buffer per batch. The result does not refer to it.
     *
     * @param fromOffset the first offset wanted
     * @param maxBytes the soft limit of the batches' stored size
     * @param isolation what the reader may see
     * @param scratch a buffer owned by the calling thread whose content may be replaced, or {@code null}
     * @return the batches and, for read_committed, the aborted transactions among them
     * @throws OffsetOutOfRangeException if the offset is negative, below the log start or above the log end
     * @throws CorruptRecordException if a batch fails its CRC check
     * @throws LogStorageException if reading fails
     */
    public FetchResult read(long fromOffset, int maxBytes, IsolationLevel isolation, ByteBuffer scratch) {
        lock.readLock().lock();
        try {
            ensureOpen();
            long start = logStartOffset();
            long end = logEndOffset;
            if (fromOffset < start || fromOffset > end) {
                throw new OffsetOutOfRangeException("offset " + fromOffset + " is out of range for topic " + topic
                    + " partition " + partition + ": stored offsets are " + start + " (inclusive) to " + end
                    + " (exclusive)" + (fromOffset < 0 ? "; offsets are never negative" : ""));
            }
            long lso = transactions.lastStableOffset(end);
            long bound = isolation == IsolationLevel.READ_COMMITTED ? lso : end;
            List<RecordBatch> batches = new ArrayList<>();
            long bytes = 0;
            long floor = segments.floorKey(fromOffset);
            outer:
            for (Segment s : segments.tailMap(floor, true).values()) {
                int position = s.positionOf(fromOffset);
                int size = s.size();
                while (position < size) {
                    BatchHeader h = s.headerAt(position);
                    if (h.baseOffset() >= bound || (!batches.isEmpty() && bytes + h.sizeInBytes() > maxBytes)) {
                        break outer;
                    }
                    batches.add(decode(s, position, h.sizeInBytes(), scratch));
                    bytes += h.sizeInBytes();
                    position += h.sizeInBytes();
                }
            }
            List<AbortedTransaction> aborted = new ArrayList<>();
            if (isolation == IsolationLevel.READ_COMMITTED && !batches.isEmpty()) {
                long last = batches.get(batches.size() - 1).lastOffset();
                for (Segment s : segments.tailMap(floor, true).values()) {
                    for (AbortedTransaction t : s.abortedTransactions()) {
                        if (t.lastOffset() >= fromOffset && t.firstOffset() <= last) {
                            aborted.add(t);
                        }
                    }
                }
            }
            return new FetchResult(List.copyOf(batches), List.copyOf(aborted), end, lso, start);
        } catch (IOException e) {
            throw new LogStorageException("cannot read topic " + topic + " partition " + partition + " from offset "
                + fromOffset + " in " + dir + ": " + e, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private RecordBatch decode(Segment s, int position, int size, ByteBuffer scratch) throws IOException {
        try {
            return s.batchAt(position, size, scratch);
        } catch (CorruptBatchException e) {
            throw new CorruptRecordException("topic " + topic + " partition " + partition + ": corrupt batch in "
                + e.getMessage() + ". Earlier offsets are readable; restore the file from a copy or delete the "
                + "partition's data", e);
        }
    }

    /**
     * Finds the earliest offset whose record has a timestamp at or after {@code timestamp}.
     *
     * @param timestamp milliseconds since the epoch
     * @return the offset and its record's timestamp, or empty if every stored record is older
     * @throws CorruptRecordException if a batch searched fails its CRC check
     * @throws LogStorageException if reading fails
     */
    public Optional<TimestampedOffset> offsetForTimestamp(long timestamp) {
        lock.readLock().lock();
        try {
            ensureOpen();
            for (Segment s : segments.values()) {
                if (s.largestTimestamp() < timestamp) {
                    continue;
                }
                int position = s.positionOf(s.timeSearchStart(timestamp));
                int size = s.size();
                while (position < size) {
                    BatchHeader h = s.headerAt(position);
                    if (h.maxTimestamp() >= timestamp && !h.control()) {
                        for (LogRecord r : decode(s, position, h.sizeInBytes(), null).records()) {
                            if (r.timestamp() >= timestamp) {
                                return Optional.of(new TimestampedOffset(r.offset(), r.timestamp()));
                            }
                        }
                    }
                    position += h.sizeInBytes();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new LogStorageException("cannot search topic " + topic + " partition " + partition
                + " for timestamp " + timestamp + ": " + e, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the first offset still stored */
    public long logStartOffset() {
        lock.readLock().lock();
        try {
            return segments.firstKey();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the offset the next record will get */
    public long logEndOffset() {
        return logEndOffset;
    }

    /** @return the high watermark, equal to the log end offset on a single node */
    public long highWatermark() {
        return logEndOffset;
    }

    /** @return the first offset of the earliest open transaction, else the log end offset */
    public long lastStableOffset() {
        lock.readLock().lock();
        try {
            return transactions.lastStableOffset(logEndOffset);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return producer id to the first offset of its open transaction */
    public Map<Long, Long> openTransactions() {
        lock.readLock().lock();
        try {
            return transactions.openTransactions();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Forces everything appended so far to disk.
     *
     * @throws LogStorageException if the fsync fails
     * @throws LogClosedException if the partition is closed
     */
    public void flush() {
        lock.writeLock().lock();
        try {
            ensureOpen();
            flushLocked();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void flushLocked() {
        try {
            segments.lastEntry().getValue().flush();
            unflushedRecords = 0;
            firstUnflushedAtMs = -1;
        } catch (IOException e) {
            throw new LogStorageException("cannot fsync topic " + topic + " partition " + partition + " in " + dir
                + ": " + e + ". Records up to offset " + (logEndOffset - 1) + " are in the log and readable but may not "
                + "survive a crash", e);
        }
    }

    /** Flushes if the oldest unflushed append is older than {@code flush.ms}. */
    void flushIfDue(long nowMs) {
        lock.writeLock().lock();
        try {
            if (!closed && firstUnflushedAtMs >= 0 && nowMs - firstUnflushedAtMs >= config.flushMs()) {
                flushLocked();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Deletes the inactive segments that {@link RetentionPolicy} selects.
     *
     * @return the number of segments deleted
     */
    int deleteExpiredSegments(long nowMs) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return 0;
            }
            List<Segment> expired = RetentionPolicy.expiredSegments(List.copyOf(segments.values()), config, nowMs);
            for (Segment s : expired) {
                segments.remove(s.baseOffset());
                s.delete();
                LOG.info("Deleted segment {} of {}-{} by retention ({}={}, {}={}); the log now starts at offset {}",
                    s.logFile().getFileName(), topic, partition, TopicConfig.RETENTION_MS, config.retentionMs(),
                    TopicConfig.RETENTION_BYTES, config.retentionBytes(), segments.firstKey());
            }
            return expired.size();
        } catch (IOException e) {
            throw new LogStorageException("cannot delete expired segments of topic " + topic + " partition "
                + partition + " in " + dir + ": " + e, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return the segments, oldest first; the last is active. Inactive segments do not change until swapped. */
    List<Segment> segments() {
        lock.readLock().lock();
        try {
            return List.copyOf(segments.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the aborted transactions of every segment, oldest first */
    List<AbortedTransaction> abortedTransactions() {
        lock.readLock().lock();
        try {
            List<AbortedTransaction> all = new ArrayList<>();
            segments.values().forEach(s -> all.addAll(s.abortedTransactions()));
            return all;
        } finally {
            lock.readLock().unlock();
        }
    }

    long cleanedUpTo() {
        return cleanedUpTo;
    }

    void cleanedUpTo(long offset) {
        cleanedUpTo = offset;
    }

    /**
     * Replaces {@code group} by the compacted segment in {@code swapFile} (see {@link SegmentLoader#swapFileName}):
     * deletes the old segments, renames the swap file to the log file, and opens it.
     */
    void replaceSegments(List<Segment> group, Path swapFile, List<AbortedTransaction> aborted) throws IOException {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            long base = group.get(0).baseOffset();
            for (Segment s : group) {
                segments.remove(s.baseOffset());
                s.delete();
            }
            Files.move(swapFile, dir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX)),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            ChecksummedFile.syncDirectory(dir);
            Segment cleaned = new SegmentLoader(dir, config.indexIntervalBytes(),
                config.segmentIndexBytes() / OffsetIndex.ENTRY_SIZE, clock.getAsLong(), channels).openCleaned(base, aborted);
            segments.put(base, cleaned);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return the partition's offsets, size and segments */
    public PartitionDescription describe() {
        lock.readLock().lock();
        try {
            ensureOpen();
            List<SegmentDescription> list = new ArrayList<>();
            long total = 0;
            Segment active = segments.lastEntry().getValue();
            for (Segment s : segments.values()) {
                list.add(new SegmentDescription(s.baseOffset(), s.nextOffset(), s.size(), s.largestTimestamp(), s == active));
                total += s.size();
            }
            return new PartitionDescription(topic, partition, segments.firstKey(), logEndOffset,
                transactions.lastStableOffset(logEndOffset), total, transactions.openTransactions().size(),
                config.retentionMs(), config.retentionBytes(), list);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("topic " + topic + " partition " + partition + " is closed; open the log again");
        }
    }

    /**
     * Flushes, writes the indexes and the transaction snapshot, and closes the files. Idempotent.
     *
     * @throws LogStorageException if a file cannot be written or closed
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Segment active = segments.lastEntry().getValue();
            IOException failure = null;
            try {
                active.flush();
                active.writeIndexes(false);
            } catch (IOException e) {
                failure = e;
            }
            for (Segment s : segments.values()) {
                try {
                    s.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw new LogStorageException("cannot close topic " + topic + " partition " + partition + " in " + dir
                    + ": " + failure + ". The next open recovers it", failure);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
