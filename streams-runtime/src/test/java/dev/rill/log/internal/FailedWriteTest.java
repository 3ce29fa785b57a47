package dev.rill.log.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.log.CompressionType;
import dev.rill.log.IsolationLevel;
import dev.rill.log.LogStorageException;
import dev.rill.log.TopicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fails in the middle of a write: the partition is cut back and stays readable and writable. */
class FailedWriteTest {
    @TempDir
    Path dir;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean failOpen = new AtomicBoolean();

    private PartitionLog open(TopicConfig config) {
        return PartitionLog.open("t", 0, dir, config, () -> 1_000L, (file, create) -> {
            if (failOpen.get()) {
                throw new IOException("Too many open files");
            }
            return new FailingChannel(SegmentChannels.FILES.open(file, create), failing);
        });
    }

    private static long append(PartitionLog log, String value) {
        return log.append(AppendBatch.of(CompressionType.NONE, List.of(LogRecord.of(5, null, LogTestSupport.utf8(value)))));
    }

    @Test
    void failedWriteIsCutBackAndTheLogStaysReadableAndWritable() throws IOException {
        PartitionLog log = open(TopicConfig.defaults());
        append(log, "a");
        append(log, "b");
        long sizeBefore = Files.size(dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX)));
        failing.set(true);
        assertThatThrownBy(() -> append(log, "c".repeat(100)))
            .isInstanceOf(LogStorageException.class)
            .hasMessageContaining("topic t partition 0 at offset 2")
            .hasMessageContaining("No space left on device")
            .hasMessageContaining("cut back to offset 2");
        assertThatThrownBy(log::flush).isInstanceOf(LogStorageException.class).hasMessageContaining("fsync");
        assertThat(Files.size(dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX)))).isEqualTo(sizeBefore);
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(LogTestSupport.readAll(log, IsolationLevel.READ_UNCOMMITTED)).extracting(r -> LogTestSupport.text(r.value()))
            .containsExactly("a", "b");
        failing.set(false);
        assertThat(append(log, "c")).isEqualTo(2);
        log.close();
        PartitionLog reopened = open(TopicConfig.defaults());
        assertThat(LogTestSupport.readAll(reopened, IsolationLevel.READ_UNCOMMITTED))
            .extracting(r -> LogTestSupport.text(r.value())).containsExactly("a", "b", "c");
        reopened.close();
    }

    @Test
    void segmentThatCannotBeCreatedAtRollLosesNothing() {
        PartitionLog log = open(TopicConfig.builder().segmentBytes(100).build());
        append(log, "a".repeat(30));
        failOpen.set(true);
        assertThatThrownBy(() -> append(log, "b".repeat(30)))
            .isInstanceOf(LogStorageException.class)
            .hasMessageContaining("cannot start a new segment").hasMessageContaining("Nothing was written");
        failOpen.set(false);
        assertThat(append(log, "c")).isEqualTo(1);
        assertThat(LogTestSupport.readAll(log, IsolationLevel.READ_UNCOMMITTED)).hasSize(2);
        log.close();
    }
}
