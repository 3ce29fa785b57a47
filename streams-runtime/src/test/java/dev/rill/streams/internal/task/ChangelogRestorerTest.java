package dev.rill.streams.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.header.Headers;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.topology.TopologyModel;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.internal.ApplicationResources;
import dev.rill.streams.state.internal.OffsetCheckpoint.TopicPartitionKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task restarted on the same state directory with the same changelogs: after a clean stop it replays
 * nothing, after a crash only the tail past its checkpoint, and with no or a damaged checkpoint
 * everything; in every case its stores end up as they were.
 */
class ChangelogRestorerTest {
    private static final String APP = "restore";

    @TempDir
    Path stateDir;

    private final ApplicationResources resources = new ApplicationResources();
    private final List<StreamTask> open = new ArrayList<>();

    /** Changelog partitions in memory: what the task's collector sent, with offsets. */
    private static final class Changelogs implements RecordCollector, ChangelogRestorer.ChangelogReader {
        final Map<String, List<ChangelogRestorer.ChangelogRecord>> topics = new HashMap<>();
        int reads;

        @Override
        public int partitionCount(String topic) {
            return 1;
        }

        @Override
        public void send(String topic, int partition, byte[] key, byte[] value, Headers headers, long timestamp) {
            if (topic.endsWith("-changelog")) {
                List<ChangelogRestorer.ChangelogRecord> log = topics.computeIfAbsent(topic, t -> new ArrayList<>());
                log.add(new ChangelogRestorer.ChangelogRecord(log.size(), key, value, timestamp));
            }
        }

        @Override
        public long startOffset(String topic, int partition) {
            return 0;
        }

        @Override
        public Iterator<ChangelogRestorer.ChangelogRecord> read(String topic, int partition, long fromOffset) {
            List<ChangelogRestorer.ChangelogRecord> log = topics.getOrDefault(topic, List.of());
            List<ChangelogRestorer.ChangelogRecord> tail = log.subList((int) Math.min(fromOffset, log.size()), log.size());
            reads += tail.size();
            return List.copyOf(tail).iterator();
        }

        long end(String topic) {
            return topics.getOrDefault(topic, List.of()).size();
        }
    }

    private final Changelogs changelogs = new Changelogs();

    @AfterEach
    void closeAll() {
        open.forEach(StreamTask::close);
        resources.close();
    }

    private static TopologyModel topology() {
        StreamsBuilder builder = new StreamsBuilder();
        var grouped = builder.<String, String>stream("in").groupByKey();
        grouped.count(Materialized.as("counts"));
        grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windows").withRetention(Duration.ofMillis(100)));
        return builder.build().model();
    }

    private StreamTask newTask() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        TopologyModel model = topology();
        StreamTask task = new StreamTask(new TaskId(0, 0), model, model.nodes(), new StreamsConfig(props), changelogs,
            System::currentTimeMillis, stateDir.resolve("0_0").toFile(), resources);
        task.initialize();
        open.add(task);
        return task;
    }

    private static void pipe(StreamTask task, String key, long timestamp) {
        task.process("in", 0, timestamp, timestamp, key.getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8), new dev.rill.common.header.RecordHeaders());
    }

    private static TimestampedKeyValueStore<String, Long> counts(StreamTask task) {
        return (TimestampedKeyValueStore<String, Long>) task.store("counts");
    }

    private static TimestampedWindowStore<String, Long> windows(StreamTask task) {
        return (TimestampedWindowStore<String, Long>) task.store("windows");
    }

    private void stop(StreamTask task) {
        task.close();
        open.remove(task);
    }

    private Map<TopicPartitionKey, Long> ends() {
        return Map.of(new TopicPartitionKey(APP + "-counts-changelog", 0), changelogs.end(APP + "-counts-changelog"),
            new TopicPartitionKey(APP + "-windows-changelog", 0), changelogs.end(APP + "-windows-changelog"));
    }

    @Test
    void withoutACheckpointEveryChangelogIsReplayedWithItsTimestamps() {
        StreamTask first = newTask();
        pipe(first, "a", 5);
        pipe(first, "a", 3);
        pipe(first, "b", 12);
        stop(first);
        // Wipe the stores as a lost disk would, keeping the changelogs.
        deleteRecursively(stateDir.resolve("0_0"));

        StreamTask second = newTask();
        ChangelogRestorer.Result result = new ChangelogRestorer(second, changelogs, 2).restore();

        assertThat(counts(second).get("a")).isEqualTo(ValueAndTimestamp.make(2L, 5L));
        assertThat(counts(second).get("b")).isEqualTo(ValueAndTimestamp.make(1L, 12L));
        assertThat(windows(second).fetch("a", 0)).isEqualTo(ValueAndTimestamp.make(2L, 5L));
        assertThat(windows(second).fetch("b", 10)).isEqualTo(ValueAndTimestamp.make(1L, 12L));
        assertThat(result.restoredRecords()).containsEntry("counts", 3L).containsEntry("windows", 3L);
        assertThat(result.nextOffsets()).isEqualTo(ends());
    }

    @Test
    void aCleanRestartReplaysNothingAndACrashReplaysOnlyTheTail() {
        StreamTask first = newTask();
        pipe(first, "a", 1);
        pipe(first, "b", 2);
        ChangelogRestorer restorer = new ChangelogRestorer(first, changelogs, 100);
        first.flushStores();
        restorer.checkpoint(ends());
        stop(first);

        StreamTask clean = newTask();
        ChangelogRestorer.Result nothing = new ChangelogRestorer(clean, changelogs, 100).restore();
        assertThat(nothing.restoredRecords().values()).containsOnly(0L);
        assertThat(counts(clean).get("a").value()).isEqualTo(1L);

        // After the checkpoint, more work reaches the changelog, then the process dies without a checkpoint.
        pipe(clean, "a", 3);
        pipe(clean, "c", 4);
        stop(clean);
        changelogs.reads = 0;

        StreamTask afterCrash = newTask();
        ChangelogRestorer.Result tail = new ChangelogRestorer(afterCrash, changelogs, 100).restore();
        assertThat(tail.restoredRecords()).containsEntry("counts", 2L).containsEntry("windows", 2L);
        assertThat(changelogs.reads).isEqualTo(4);
        assertThat(counts(afterCrash).get("a")).isEqualTo(ValueAndTimestamp.make(2L, 3L));
        assertThat(counts(afterCrash).get("c")).isEqualTo(ValueAndTimestamp.make(1L, 4L));
    }

    @Test
    void aDamagedCheckpointMeansAFullReplay() throws IOException {
        StreamTask first = newTask();
        pipe(first, "a", 1);
        ChangelogRestorer restorer = new ChangelogRestorer(first, changelogs, 10);
        restorer.checkpoint(ends());
        stop(first);
        try (RandomAccessFile file = new RandomAccessFile(restorer.checkpointFile(), "rw")) {
            file.seek(file.length() - 1);
            file.write(file.read() ^ 0xFF);
        }

        StreamTask second = newTask();
        ChangelogRestorer.Result result = new ChangelogRestorer(second, changelogs, 10).restore();
        assertThat(result.restoredRecords()).containsEntry("counts", 1L);
        assertThat(counts(second).get("a").value()).isEqualTo(1L);
    }

    @Test
    void aRecordTheStoreCannotTakeIsReportedWithStoreAndOffset() {
        StreamTask first = newTask();
        pipe(first, "a", 1);
        stop(first);
        deleteRecursively(stateDir.resolve("0_0"));
        // A value too short to hold a count: the store's serde will fail on it when read, but restore
        // of a window key without its suffix fails at once.
        changelogs.topics.get(APP + "-windows-changelog").add(new ChangelogRestorer.ChangelogRecord(1, new byte[] {1}, new byte[] {2}, 9));

        StreamTask second = newTask();
        assertThatThrownBy(() -> new ChangelogRestorer(second, changelogs, 1).restore())
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("windows").hasMessageContaining("offset 1");
    }

    @Test
    void storesAreRebuiltFromChangelogsInTheBuiltInLogSkippingAbortedTransactions() throws Exception {
        StreamTask first = newTask();
        pipe(first, "a", 5);
        pipe(first, "a", 3);
        pipe(first, "b", 12);
        stop(first);
        deleteRecursively(stateDir.resolve("0_0"));

        Path logDir = stateDir.resolve("log");
        try (dev.rill.log.EmbeddedLog log = dev.rill.log.EmbeddedLog.open(logDir)) {
            dev.rill.common.serialization.ByteArraySerializer bytes = new dev.rill.common.serialization.ByteArraySerializer();
            try (dev.rill.log.Producer<byte[], byte[]> producer = log.producer(
                    dev.rill.log.ProducerConfig.builder().transactionalId("restore-test").build(), bytes, bytes)) {
                producer.initTransactions();
                for (Map.Entry<String, List<ChangelogRestorer.ChangelogRecord>> topic : changelogs.topics.entrySet()) {
                    log.createTopic(topic.getKey(), dev.rill.log.TopicConfig.builder().retentionMs(-1).build());
                    producer.beginTransaction();
                    for (ChangelogRestorer.ChangelogRecord r : topic.getValue()) {
                        producer.send(new dev.rill.log.ProducerRecord<>(topic.getKey(), 0, r.timestamp(), r.key(), r.value(), null));
                    }
                    producer.commitTransaction();
                }
                // A transaction that never committed must not reach the stores.
                producer.beginTransaction();
                producer.send(new dev.rill.log.ProducerRecord<>(APP + "-counts-changelog", 0, 99L,
                    "a".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 0, 0, 0, 42}, null));
                producer.flush();
                producer.abortTransaction();
            }

            StreamTask second = newTask();
            ChangelogRestorer.Result result = new ChangelogRestorer(second, new LogChangelogReader(log), 2).restore();

            assertThat(counts(second).get("a")).isEqualTo(ValueAndTimestamp.make(2L, 5L));
            assertThat(counts(second).get("b")).isEqualTo(ValueAndTimestamp.make(1L, 12L));
            assertThat(windows(second).fetch("b", 10)).isEqualTo(ValueAndTimestamp.make(1L, 12L));
            assertThat(result.restoredRecords()).containsEntry("counts", 3L).containsEntry("windows", 3L);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
