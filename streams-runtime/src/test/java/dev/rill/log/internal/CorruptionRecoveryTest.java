package dev.rill.log.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.log.CompressionType;
import dev.rill.log.CorruptRecordException;
import dev.rill.log.IsolationLevel;
import dev.rill.log.TopicConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages a closed partition's files everywhere (a flipped byte at every region of the active segment,
 * truncation at every length, damaged batches of inactive segments, damaged or stale index files) and
 * checks what reopening gives: a damaged tail is cut at the last valid batch, everything before it is
 * intact, a damaged inactive batch fails its CRC when read, and indexes are rebuilt.
 */
class CorruptionRecoveryTest {
    private static final TopicConfig CONFIG = TopicConfig.builder().segmentBytes(700).indexIntervalBytes(120).build();

    @TempDir
    Path root;
    private Path pristine;
    private List<LogRecord> written;
    private long activeBase;
    /** Start positions of the active segment's batches, and its size at the end. */
    private final List<Integer> activeBatchStarts = new ArrayList<>();
    private final List<Long> activeBatchBases = new ArrayList<>();

    @BeforeEach
    void writeLog() throws IOException {
        pristine = root.resolve("pristine");
        LogTestSupport s = new LogTestSupport(pristine, CONFIG);
        for (int i = 0; i < 40; i++) {
            s.clock.addAndGet(10);
            s.appendMany(1 + i % 4, "b" + i, i % 3 == 0 ? CompressionType.GZIP : CompressionType.NONE);
        }
        written = LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED);
        List<Segment> segments = s.log.segments();
        assertThat(segments).hasSizeGreaterThan(3);
        activeBase = segments.get(segments.size() - 1).baseOffset();
        s.log.close();
        ByteBuffer active = ByteBuffer.wrap(Files.readAllBytes(segmentFile(pristine, activeBase)));
        int position = 0;
        while (position < active.limit()) {
            BatchHeader h = BatchCodec.readHeader(active.duplicate().position(position));
            activeBatchStarts.add(position);
            activeBatchBases.add(h.baseOffset());
            position += h.sizeInBytes();
        }
        activeBatchStarts.add(position);
        assertThat(activeBatchStarts).hasSizeGreaterThan(3);
    }

    @Test
    void flippedByteAnywhereInTheActiveSegmentCutsTheLogAtTheBatchHoldingIt() throws IOException {
        for (int at : positionsInEveryRegion(new int[] {0, 7, 8, 11, 12, 13, 16, 17, 19, 23, 31, 39, 47, 49, 53, 57}, 1)) {
            PartitionLog log = openDamaged(dir -> flip(segmentFile(dir, activeBase), at));
            long expectedEnd = activeBatchBases.get(batchIndexAt(at));
            assertThat(log.logEndOffset()).as("log end after flipping the byte at %d", at).isEqualTo(expectedEnd);
            assertIntactUpTo(log, expectedEnd);
            assertThat(log.append(AppendBatch.of(CompressionType.NONE, List.of(LogRecord.of(1, null, new byte[] {1})))))
                .isEqualTo(expectedEnd);
            log.close();
        }
    }

    @Test
    void truncatedActiveSegmentKeepsEveryCompleteBatch() throws IOException {
        List<Integer> cuts = positionsInEveryRegion(new int[] {0, 1, 12, 56, 57}, 1);
        cuts.add(activeBatchStarts.get(activeBatchStarts.size() - 1));
        for (int cut : cuts) {
            PartitionLog log = openDamaged(dir -> truncate(segmentFile(dir, activeBase), cut));
            int complete = 0;
            while (complete + 1 < activeBatchStarts.size() && activeBatchStarts.get(complete + 1) <= cut) {
                complete++;
            }
            long expectedEnd = complete < activeBatchBases.size() ? activeBatchBases.get(complete) : written.size();
            assertThat(log.logEndOffset()).as("log end after truncating to %d bytes", cut).isEqualTo(expectedEnd);
            assertIntactUpTo(log, expectedEnd);
            assertThat(Files.size(segmentFile(log.directory(), activeBase))).isEqualTo((long) activeBatchStarts.get(complete));
            log.close();
        }
    }

    @Test
    void damagedBatchOfAnInactiveSegmentFailsItsCrcWhenReadAndLeavesTheOthersReadable() throws IOException {
        Path file = segmentFile(pristine, 0);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        BatchHeader first = BatchCodec.readHeader(bytes);
        BatchHeader second = BatchCodec.readHeader(bytes.duplicate().position(first.sizeInBytes()));
        PartitionLog log = openDamaged(dir -> flip(segmentFile(dir, 0), first.sizeInBytes() + 30));
        assertThat(log.logEndOffset()).isEqualTo(written.size());
        assertThat(log.read(0, 1, IsolationLevel.READ_UNCOMMITTED).visibleRecords(0, IsolationLevel.READ_UNCOMMITTED))
            .extracting(LogRecord::offset).hasSize((int) first.nextOffset()).startsWith(0L);
        assertThatThrownBy(() -> log.read(second.baseOffset(), 1, IsolationLevel.READ_UNCOMMITTED))
            .isInstanceOf(CorruptRecordException.class)
            .hasMessageContaining(segmentFile(log.directory(), 0).toString())
            .hasMessageContaining("position " + first.sizeInBytes())
            .hasMessageContaining("CRC32C");
        long after = second.nextOffset();
        assertThat(log.read(after, 1 << 20, IsolationLevel.READ_UNCOMMITTED).visibleRecords(after, IsolationLevel.READ_UNCOMMITTED))
            .extracting(LogRecord::offset).first().isEqualTo(after);
        log.close();
    }

    @Test
    void missingDamagedOrStaleIndexFilesAreRebuilt() throws IOException {
        List<Consumer<Path>> damages = new ArrayList<>();
        for (String suffix : List.of(Segment.INDEX_SUFFIX, Segment.TIME_INDEX_SUFFIX, Segment.TXN_INDEX_SUFFIX)) {
            damages.add(dir -> delete(dir.resolve(Segment.fileName(0, suffix))));
            damages.add(dir -> flip(dir.resolve(Segment.fileName(0, suffix)), 2));
            damages.add(dir -> truncate(dir.resolve(Segment.fileName(0, suffix)), 3));
        }
        List<Long> bases = segmentBases(pristine);
        damages.add(dir -> copy(dir.resolve(Segment.fileName(bases.get(0), Segment.INDEX_SUFFIX)),
            dir.resolve(Segment.fileName(bases.get(1), Segment.INDEX_SUFFIX))));
        damages.add(dir -> copy(dir.resolve(Segment.fileName(bases.get(1), Segment.INDEX_SUFFIX)),
            dir.resolve(Segment.fileName(bases.get(0), Segment.INDEX_SUFFIX))));
        damages.add(dir -> delete(dir.resolve(Segment.fileName(activeBase, Segment.INDEX_SUFFIX))));
        for (Consumer<Path> damage : damages) {
            PartitionLog log = openDamaged(damage);
            assertThat(log.logEndOffset()).isEqualTo(written.size());
            assertIntactUpTo(log, written.size());
            for (LogRecord r : written) {
                assertThat(log.read(r.offset(), 1, IsolationLevel.READ_UNCOMMITTED).visibleRecords(r.offset(),
                    IsolationLevel.READ_UNCOMMITTED).get(0).offset()).isEqualTo(r.offset());
                assertThat(log.offsetForTimestamp(r.timestamp()).orElseThrow().timestamp()).isEqualTo(r.timestamp());
            }
            Path dir = log.directory();
            log.close();
            assertThat(OffsetIndex.load(dir.resolve(Segment.fileName(0, Segment.INDEX_SUFFIX)), 0, 100,
                (int) Files.size(segmentFile(dir, 0)))).as("index rewritten").isNotNull();
        }
    }

    private void assertIntactUpTo(PartitionLog log, long end) {
        List<LogRecord> now = LogTestSupport.readAll(log, IsolationLevel.READ_UNCOMMITTED);
        List<LogRecord> expected = written.stream().filter(r -> r.offset() < end).toList();
        assertThat(now).hasSameSizeAs(expected);
        for (int i = 0; i < now.size(); i++) {
            assertThat(now.get(i).offset()).isEqualTo(expected.get(i).offset());
            assertThat(now.get(i).key()).isEqualTo(expected.get(i).key());
            assertThat(now.get(i).value()).isEqualTo(expected.get(i).value());
            assertThat(now.get(i).timestamp()).isEqualTo(expected.get(i).timestamp());
            assertThat(now.get(i).headers()).isEqualTo(expected.get(i).headers());
        }
    }

    /**
     * @return for every batch of the active segment, the positions at these offsets into its header, and
     *         positions in its records part and at its last byte
     */
    private List<Integer> positionsInEveryRegion(int[] headerOffsets, int fromEnd) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i + 1 < activeBatchStarts.size(); i++) {
            int start = activeBatchStarts.get(i);
            int end = activeBatchStarts.get(i + 1);
            for (int offset : headerOffsets) {
                positions.add(start + offset);
            }
            positions.add((start + BatchCodec.HEADER_SIZE + end) / 2);
            positions.add(end - fromEnd);
        }
        return positions;
    }

    private int batchIndexAt(int position) {
        int i = 0;
        while (activeBatchStarts.get(i + 1) <= position) {
            i++;
        }
        return i;
    }

    private int copies;

    private PartitionLog openDamaged(Consumer<Path> damage) throws IOException {
        Path dir = root.resolve("copy-" + copies++);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(pristine)) {
            for (Path p : files.toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        damage.accept(dir);
        PartitionLog log = PartitionLog.open("t", 0, dir, CONFIG, () -> 1_800_000_000_000L);
        if (copies > 1) {
            deleteRecursively(root.resolve("copy-" + (copies - 2)));
        }
        return log;
    }

    private static Path segmentFile(Path dir, long base) {
        return dir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX));
    }

    private static List<Long> segmentBases(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(Segment.LOG_SUFFIX))
                .map(n -> Long.parseLong(n.substring(0, 20))).sorted().toList();
        }
    }

    private static void flip(Path file, int position) {
        try {
            byte[] b = Files.readAllBytes(file);
            b[position] ^= (byte) 0x5A;
            Files.write(file, b);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void truncate(Path file, int length) {
        try {
            byte[] b = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(b, Math.min(length, b.length)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
