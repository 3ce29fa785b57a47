package dev.rill.log.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.record.TimestampType;
import dev.rill.log.CompressionType;
import dev.rill.log.InvalidRecordException;
import dev.rill.log.IsolationLevel;
import dev.rill.log.LogClosedException;
import dev.rill.log.OffsetOutOfRangeException;
import dev.rill.log.RecordTooLargeException;
import dev.rill.log.TopicConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
    @TempDir
    Path dir;

    @Test
    void appendedRecordsAreReadBackWithOffsetsHeadersAndCompressionAcrossRestartAndRolls() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().segmentBytes(400).indexIntervalBytes(100).build());
        assertThat(s.appendMany(3, "a", CompressionType.NONE)).isZero();
        assertThat(s.appendMany(5, "b", CompressionType.GZIP)).isEqualTo(3);
        assertThat(s.append("k", null)).isEqualTo(8);
        for (int i = 0; i < 20; i++) {
            s.appendMany(2, "c" + i, i % 2 == 0 ? CompressionType.GZIP : CompressionType.NONE);
        }
        assertThat(s.log.describe().segments()).hasSizeGreaterThan(2);
        s.restart();
        List<LogRecord> all = LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED);
        assertThat(all).hasSize(49);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).offset()).isEqualTo(i);
        }
        assertThat(LogTestSupport.text(all.get(4).key())).isEqualTo("b-k1");
        assertThat(LogTestSupport.text(all.get(4).headers()[0].value())).isEqualTo("x1");
        assertThat(all.get(8).value()).isNull();
        assertThat(s.log.logEndOffset()).isEqualTo(49);
        FetchResult mid = s.log.read(30, 1, IsolationLevel.READ_UNCOMMITTED);
        assertThat(mid.batches()).hasSize(1);
        assertThat(mid.visibleRecords(30, IsolationLevel.READ_UNCOMMITTED).get(0).offset()).isEqualTo(30);
        s.log.close();
    }

    @Test
    void offsetForTimestampFindsTheEarliestRecordAtOrAfterTheTarget() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().segmentBytes(200).indexIntervalBytes(0).build());
        long t0 = s.clock.get();
        for (int i = 0; i < 30; i++) {
            s.clock.set(t0 + (i % 3 == 0 ? 10L * i : 10L * i - 25));
            s.append("k" + i, "v" + i);
        }
        assertThat(s.log.offsetForTimestamp(t0 - 1000)).contains(new TimestampedOffset(0, t0));
        assertThat(s.log.offsetForTimestamp(t0 + 90)).contains(new TimestampedOffset(9, t0 + 90));
        assertThat(s.log.offsetForTimestamp(t0 + 86)).contains(new TimestampedOffset(9, t0 + 90));
        assertThat(s.log.offsetForTimestamp(t0 + 101).orElseThrow().offset()).isEqualTo(12);
        assertThat(s.log.offsetForTimestamp(t0 + 10_000)).isEmpty();
        s.log.close();
    }

    @Test
    void logAppendTimeReplacesTheProducersTimestamps() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().timestampType(TimestampType.LOG_APPEND_TIME).build());
        s.log.append(AppendBatch.of(CompressionType.NONE, List.of(LogRecord.of(5, null, LogTestSupport.utf8("v")))));
        RecordBatch b = s.log.read(0, 100, IsolationLevel.READ_UNCOMMITTED).batches().get(0);
        assertThat(b.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(b.records().get(0).timestamp()).isEqualTo(s.clock.get());
        s.log.close();
    }

    @Test
    void batchOverMaxMessageBytesIsRejectedNamingTopicPartitionSizeAndLimitAndNothingIsWritten() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().maxMessageBytes(200).build());
        s.append("a", "1");
        assertThatThrownBy(() -> s.append("big", "x".repeat(300)))
            .isInstanceOf(RecordTooLargeException.class)
            .hasMessageContaining("topic t partition 0").hasMessageContaining("max.message.bytes=200")
            .hasMessageMatching("(?s).*is 3\\d\\d bytes.*");
        assertThat(s.append("b", "2")).isEqualTo(1);
        assertThat(LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED)).hasSize(2);
        s.log.close();
    }

    @Test
    void compactedTopicRefusesRecordsWithoutKey() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().cleanupPolicy(TopicConfig.CleanupPolicy.COMPACT).build());
        assertThatThrownBy(() -> s.append(null, "v")).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("cleanup.policy=compact");
        assertThat(s.log.logEndOffset()).isZero();
        s.log.close();
    }

    @Test
    void negativeAndOutOfRangeOffsetsAndClosedPartitionGiveClearErrors() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.defaults());
        s.append("a", "1");
        assertThatThrownBy(() -> s.log.read(-1, 100, IsolationLevel.READ_UNCOMMITTED))
            .isInstanceOf(OffsetOutOfRangeException.class).hasMessageContaining("offset -1").hasMessageContaining("never negative");
        assertThatThrownBy(() -> s.log.read(2, 100, IsolationLevel.READ_UNCOMMITTED))
            .isInstanceOf(OffsetOutOfRangeException.class).hasMessageContaining("0 (inclusive) to 1 (exclusive)");
        assertThat(s.log.read(1, 100, IsolationLevel.READ_UNCOMMITTED).batches()).isEmpty();
        s.log.close();
        assertThatThrownBy(() -> s.append("b", "2")).isInstanceOf(LogClosedException.class).hasMessageContaining("partition 0");
    }

    @Test
    void retentionDeletesOnlyWholeInactiveSegmentsByTimeAndBySize() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().segmentBytes(200).retentionMs(1000)
            .retentionBytes(-1).build());
        for (int i = 0; i < 20; i++) {
            s.append("k" + i, "value-" + i);
        }
        int segments = s.log.describe().segments().size();
        assertThat(segments).isGreaterThan(3);
        s.clock.addAndGet(999);
        assertThat(s.log.deleteExpiredSegments(s.clock.get())).isZero();
        s.clock.addAndGet(2);
        assertThat(s.log.deleteExpiredSegments(s.clock.get())).isEqualTo(segments - 1);
        assertThat(s.log.logStartOffset()).isEqualTo(s.log.describe().segments().get(0).baseOffset());
        assertThat(s.log.logEndOffset()).isEqualTo(20);
        assertThatThrownBy(() -> s.log.read(0, 100, IsolationLevel.READ_UNCOMMITTED)).isInstanceOf(OffsetOutOfRangeException.class);
        s.log.close();

        Path other = dir.resolve("bytes");
        LogTestSupport b = new LogTestSupport(other, TopicConfig.builder().segmentBytes(200).retentionBytes(400).build());
        for (int i = 0; i < 20; i++) {
            b.append("k" + i, "value-" + i);
        }
        b.log.deleteExpiredSegments(b.clock.get());
        long size = b.log.describe().sizeInBytes();
        assertThat(size).isGreaterThanOrEqualTo(400);
        assertThat(size - b.log.describe().segments().get(0).sizeInBytes()).isLessThan(400);
        b.log.close();
    }

    @Test
    void compactionKeepsTheLatestValuePerKeyPreservesOffsetsAndDropsOldTombstones() throws Exception {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().segmentBytes(300)
            .cleanupPolicy(TopicConfig.CleanupPolicy.COMPACT).deleteRetentionMs(1000).build());
        for (int i = 0; i < 30; i++) {
            s.append("k" + (i % 3), "v" + i);
        }
        s.append("k0", null);
        s.append("k9", "tail");
        s.clock.addAndGet(10);
        LogCleaner.clean(s.log, s.clock.get());
        List<LogRecord> after = LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED);
        assertThat(after).extracting(r -> r.offset()).contains(28L, 29L, 30L, 31L).doesNotContain(0L, 1L, 2L, 27L);
        assertThat(s.log.logEndOffset()).isEqualTo(32);
        s.clock.addAndGet(2000);
        LogCleaner.clean(s.log, s.clock.get());
        List<LogRecord> later = LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED);
        // The tombstone at 30 sits in the active segment or is kept until it is older than delete.retention.ms.
        assertThat(later).extracting(r -> r.offset()).contains(28L, 29L, 31L);
        assertThat(s.log.read(0, 100, IsolationLevel.READ_UNCOMMITTED).batches().get(0).lastOffset()).isGreaterThanOrEqualTo(28);
        s.restart();
        assertThat(LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED)).extracting(r -> r.offset())
            .isEqualTo(later.stream().map(LogRecord::offset).toList());
        try (var files = Files.list(s.dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".cleaned") || n.endsWith(".swap"));
        }
        s.log.close();
    }

    @Test
    void activeSegmentRollsByAgeAndWhenItsOffsetIndexIsFull() {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().segmentMs(1000).build());
        s.append("a", "1");
        s.clock.addAndGet(999);
        s.append("b", "2");
        assertThat(s.log.describe().segments()).hasSize(1);
        s.clock.addAndGet(1);
        s.append("c", "3");
        assertThat(s.log.describe().segments()).extracting(d -> d.baseOffset()).containsExactly(0L, 2L);
        s.log.close();

        LogTestSupport full = new LogTestSupport(dir.resolve("full"), TopicConfig.builder().indexIntervalBytes(0)
            .segmentIndexBytes(16).build());
        for (int i = 0; i < 5; i++) {
            full.append("k", "v" + i);
        }
        assertThat(full.log.describe().segments()).extracting(d -> d.baseOffset()).containsExactly(0L, 2L, 4L);
        full.log.close();
    }

    @Test
    void interruptedCompactionSwapIsCompletedAndLeftoverCleanedFileDiscardedOnOpen() throws Exception {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().segmentBytes(200).build());
        for (int i = 0; i < 12; i++) {
            s.append("k" + i, "value-" + i);
        }
        List<LogRecord> before = LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED);
        List<Segment> segments = s.log.segments();
        assertThat(segments).hasSizeGreaterThan(4);
        s.log.close();
        long first = segments.get(0).baseOffset();
        long second = segments.get(1).baseOffset();
        // A crash after the rename to .swap: the merged output of the first two segments is complete.
        // The third segment belonged to the group but compaction emptied it: only the swap file's name tells.
        long third = segments.get(2).baseOffset();
        Path swap = dir.resolve(SegmentLoader.swapFileName(first, third));
        Files.write(swap, concat(Files.readAllBytes(dir.resolve(Segment.fileName(first, Segment.LOG_SUFFIX))),
            Files.readAllBytes(dir.resolve(Segment.fileName(second, Segment.LOG_SUFFIX)))));
        before = before.stream().filter(r -> r.offset() < third || r.offset() >= segments.get(3).baseOffset()).toList();
        Path cleaned = dir.resolve(Segment.fileName(segments.get(3).baseOffset(), Segment.LOG_SUFFIX + SegmentLoader.CLEANED_SUFFIX));
        Files.write(cleaned, new byte[] {1, 2, 3});
        s.log = s.open();
        assertThat(swap).doesNotExist();
        assertThat(cleaned).doesNotExist();
        assertThat(dir.resolve(Segment.fileName(second, Segment.LOG_SUFFIX))).doesNotExist();
        assertThat(dir.resolve(Segment.fileName(third, Segment.LOG_SUFFIX))).doesNotExist();
        assertThat(s.log.segments()).hasSize(segments.size() - 2);
        List<LogRecord> after = LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED);
        assertThat(after).extracting(LogRecord::offset).isEqualTo(before.stream().map(LogRecord::offset).toList());
        assertThat(after).extracting(r -> LogTestSupport.text(r.value()))
            .isEqualTo(before.stream().map(r -> LogTestSupport.text(r.value())).toList());
        s.log.close();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
