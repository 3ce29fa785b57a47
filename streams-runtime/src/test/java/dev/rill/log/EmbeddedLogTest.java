package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeader;
import dev.rill.common.serialization.Serdes;
import dev.rill.log.internal.AppendBatch;
import dev.rill.log.internal.ControlType;
import dev.rill.log.internal.LogRecord;
import dev.rill.log.internal.PartitionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLogTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void topicsAndTheirSettingsSurviveARestart() {
        TopicConfig orders = TopicConfig.builder().partitions(3).retentionMs(60_000).segmentBytes(1024).build();
        TopicConfig table = TopicConfig.fromMap(java.util.Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "5"));
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            TopicDescription created = log.createTopic("orders", orders);
            assertThat(created.partitions()).hasSize(3);
            log.createTopic("table", table);
            log.partition("orders", 2).append(AppendBatch.of(CompressionType.NONE, List.of(LogRecord.of(1, null, utf8("v")))));
        }
        assertThat(dir.resolve("orders-0")).isDirectory();
        assertThat(dir.resolve("topics/orders.properties")).isRegularFile();
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            assertThat(log.topics()).containsExactly("orders", "table");
            TopicDescription d = log.describe("orders");
            assertThat(d.config()).isEqualTo(orders);
            assertThat(log.describe("table").config()).isEqualTo(table);
            PartitionDescription p2 = d.partitions().get(2);
            assertThat(p2.logEndOffset()).isEqualTo(1);
            assertThat(p2.highWatermark()).isEqualTo(1);
            assertThat(p2.lastStableOffset()).isEqualTo(1);
            assertThat(p2.retentionMs()).isEqualTo(60_000);
            assertThat(p2.segments()).singleElement().satisfies(s -> {
                assertThat(s.active()).isTrue();
                assertThat(s.sizeInBytes()).isEqualTo(p2.sizeInBytes()).isPositive();
            });
        }
    }

    @Test
    void unknownTopicBadPartitionDuplicateAndInvalidNamesAndClosedLogGiveClearErrors() {
        EmbeddedLog log = EmbeddedLog.open(dir);
        log.createTopic("a", TopicConfig.builder().partitions(2).build());
        assertThatThrownBy(() -> log.describe("nope")).isInstanceOf(UnknownTopicException.class)
            .hasMessageContaining("topic nope does not exist").hasMessageContaining("[a]");
        assertThatThrownBy(() -> log.partition("a", 2)).isInstanceOf(UnknownPartitionException.class)
            .hasMessageContaining("partitions 0 to 1").hasMessageContaining("partition 2");
        assertThatThrownBy(() -> log.dump("a", -1, 0, 10)).isInstanceOf(UnknownPartitionException.class);
        assertThatThrownBy(() -> log.createTopic("a", TopicConfig.defaults())).isInstanceOf(TopicExistsException.class)
            .hasMessageContaining("topic a already exists");
        for (String bad : List.of("", ".", "..", "a/b", "ä", "x".repeat(250))) {
            assertThatThrownBy(() -> log.createTopic(bad, TopicConfig.defaults())).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("'" + bad + "'");
        }
        PartitionLog p = log.partition("a", 0);
        log.close();
        assertThatThrownBy(log::topics).isInstanceOf(LogClosedException.class).hasMessageContaining(dir.getFileName().toString());
        assertThatThrownBy(() -> p.read(0, 10, IsolationLevel.READ_UNCOMMITTED)).isInstanceOf(LogClosedException.class);
        log.close();
    }

    @Test
    void dumpShowsBatchBoundariesRecordsHeadersAndMarkers() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("d", TopicConfig.builder().retentionMs(-1).build());
            PartitionLog p = log.partition("d", 0);
            p.append(AppendBatch.of(CompressionType.GZIP, List.of(
                LogRecord.of(1000, utf8("k\"1"), utf8("line\nbreak"), new Header[] {new RecordHeader("trace", utf8("abc"))}),
                LogRecord.of(1001, new byte[] {0, (byte) 0xFF}, null))));
            p.append(AppendBatch.transactional(42, (short) 7, CompressionType.NONE, List.of(LogRecord.of(1002, utf8("t"), utf8("x")))));
            p.appendMarker(42, (short) 7, ControlType.ABORT);
            p.append(AppendBatch.of(CompressionType.NONE, List.of(LogRecord.of(1003, Serdes.Integer().serializer().serialize("d", 7),
                Serdes.Long().serializer().serialize("d", 99L)))));

            String text = log.dump("d", 0, 0, 100);
            assertThat(text)
                .contains("batch base=0 last=1 records=2")
                .contains("compression=gzip")
                .contains("offset=0 timestamp=1000 (CreateTime) key=\"k\\\"1\" value=\"line\\nbreak\" headers=[trace=\"abc\"]")
                .contains("offset=1 timestamp=1001 (CreateTime) key=0x00ff value=null headers=[]")
                .contains("batch base=2 last=2 records=1")
                .contains("producerId=42 epoch=7")
                .contains("transactional=true")
                .contains("batch base=3 last=3 records=1").contains("control=ABORT")
                .containsPattern("crc=[0-9a-f]{8}");
            assertThat(log.dump("d", 0, 4, 5, Serdes.Integer().deserializer(), Serdes.Long().deserializer()))
                .contains("offset=4 timestamp=1003 (CreateTime) key=7 value=99")
                .doesNotContain("offset=0");
        }
    }

    @Test
    void backgroundMaintenanceCompactsAndAppliesRetention() {
        AtomicLong clock = new AtomicLong(1_000_000);
        try (EmbeddedLog log = EmbeddedLog.open(dir, LogConfig.defaults(), clock::get)) {
            log.createTopic("c", TopicConfig.builder().segmentBytes(128).cleanupPolicy(TopicConfig.CleanupPolicy.COMPACT).build());
            log.createTopic("r", TopicConfig.builder().segmentBytes(128).retentionMs(100).build());
            for (int i = 0; i < 20; i++) {
                log.partition("c", 0).append(AppendBatch.of(CompressionType.NONE,
                    List.of(LogRecord.of(clock.get(), utf8("same-key"), utf8("v" + i)))));
                log.partition("r", 0).append(AppendBatch.of(CompressionType.NONE,
                    List.of(LogRecord.of(clock.get(), utf8("k"), utf8("v" + i)))));
            }
            long compactedBefore = log.describe("c").partitions().get(0).sizeInBytes();
            clock.addAndGet(1000);
            log.runMaintenance();
            PartitionDescription c = log.describe("c").partitions().get(0);
            assertThat(c.sizeInBytes()).isLessThan(compactedBefore);
            assertThat(c.logEndOffset()).isEqualTo(20);
            PartitionDescription r = log.describe("r").partitions().get(0);
            assertThat(r.segments()).hasSize(1);
            assertThat(r.logStartOffset()).isEqualTo(r.segments().get(0).baseOffset()).isPositive();
        }
    }

    @Test
    void topicSettingsFileIsCheckedOnOpen() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("x", TopicConfig.builder().retentionMs(5).build());
        }
        Path file = dir.resolve("topics/x.properties");
        Files.writeString(file, Files.readString(file).replace("retention.ms=5", "retention.ms=6"));
        assertThatThrownBy(() -> EmbeddedLog.open(dir)).isInstanceOf(LogStorageException.class)
            .hasMessageContaining("x.properties").hasMessageContaining("checksum mismatch");
        // A failed open releases the lock.
        Files.delete(file);
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            assertThat(log.topics()).isEmpty();
        }
    }

    @Test
    void warnsAboutDefaultRetentionAndAboutATruncatedTail() throws Exception {
        String output = capturingStandardError(() -> {
            try (EmbeddedLog log = EmbeddedLog.open(dir)) {
                log.createTopic("defaults", TopicConfig.defaults());
                log.createTopic("explicit", TopicConfig.builder().retentionMs(1000).build());
                log.partition("defaults", 0).append(AppendBatch.of(CompressionType.NONE,
                    List.of(LogRecord.of(1, null, utf8("v")), LogRecord.of(2, null, utf8("w")))));
            }
            Path segment = dir.resolve("defaults-0/00000000000000000000.log");
            try {
                Files.write(segment, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            EmbeddedLog.open(dir).close();
        });
        assertThat(output).containsPattern("WARN .*Topic defaults is created without explicit retention: retention.ms=604800000"
            + " .* retention.bytes=-1");
        assertThat(output).doesNotContain("Topic explicit is created");
        assertThat(output).containsPattern("WARN .*Truncating .*defaults-0/00000000000000000000.log at position \\d+: "
            + "incomplete batch header; dropping 3 bytes");
    }

    private static String capturingStandardError(Runnable body) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
