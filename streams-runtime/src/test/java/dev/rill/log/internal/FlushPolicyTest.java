package dev.rill.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.log.CompressionType;
import dev.rill.log.TopicConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the log fsyncs: on request, on transaction markers, and as flush.messages and flush.ms say. */
class FlushPolicyTest {
    @TempDir
    Path dir;
    private final AtomicInteger fsyncs = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(10_000);

    private PartitionLog open(TopicConfig config) {
        return PartitionLog.open("t", 0, dir, config, clock::get,
            (file, create) -> new FailingChannel(SegmentChannels.FILES.open(file, create), new AtomicBoolean(), fsyncs));
    }

    private static void append(PartitionLog log, int records) {
        List<LogRecord> batch = new java.util.ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(LogRecord.of(1, null, new byte[] {(byte) i}));
        }
        log.append(AppendBatch.of(CompressionType.NONE, batch));
    }

    @Test
    void byDefaultOnlyExplicitFlushesAndTransactionMarkersFsync() {
        PartitionLog log = open(TopicConfig.defaults());
        for (int i = 0; i < 50; i++) {
            append(log, 3);
        }
        log.flushIfDue(clock.addAndGet(1_000_000));
        assertThat(fsyncs).hasValue(0);
        log.flush();
        assertThat(fsyncs).hasValue(1);
        log.append(AppendBatch.transactional(1, (short) 0, CompressionType.NONE, List.of(LogRecord.of(1, null, null))));
        assertThat(fsyncs).hasValue(1);
        log.appendMarker(1, (short) 0, ControlType.COMMIT);
        assertThat(fsyncs).hasValue(2);
        log.close();
    }

    @Test
    void flushMessagesCountsRecordsAndFlushMsCountsAgeOfTheOldestUnflushedAppend() {
        PartitionLog log = open(TopicConfig.builder().flushMessages(5).build());
        append(log, 2);
        append(log, 2);
        assertThat(fsyncs).hasValue(0);
        append(log, 1);
        assertThat(fsyncs).hasValue(1);
        append(log, 4);
        assertThat(fsyncs).hasValue(1);
        log.close();

        fsyncs.set(0);
        PartitionLog timed = open(TopicConfig.builder().flushMs(100).build());
        fsyncs.set(0);
        timed.flushIfDue(clock.get());
        append(timed, 1);
        clock.addAndGet(60);
        append(timed, 1);
        timed.flushIfDue(clock.addAndGet(39));
        assertThat(fsyncs).hasValue(0);
        timed.flushIfDue(clock.addAndGet(1));
        assertThat(fsyncs).hasValue(1);
        timed.flushIfDue(clock.addAndGet(1000));
        assertThat(fsyncs).as("nothing new to flush").hasValue(1);
        timed.close();
    }
}
