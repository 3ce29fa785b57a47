package dev.rill.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.log.CompressionType;
import dev.rill.log.IsolationLevel;
import dev.rill.log.TopicConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several writers and readers on one partition: offsets stay dense and readers only see whole batches. */
class ConcurrentAppendTest {
    @TempDir
    Path dir;

    @Test
    void concurrentAppendsGetDenseOffsetsAndReadersSeeOnlyCompleteBatches() throws Exception {
        LogTestSupport s = new LogTestSupport(dir, TopicConfig.builder().segmentBytes(2048).indexIntervalBytes(64).build());
        int writers = 4;
        int batchesPerWriter = 150;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                for (int b = 0; b < batchesPerWriter; b++) {
                    List<LogRecord> records = new ArrayList<>();
                    for (int r = 0; r < 3; r++) {
                        records.add(LogRecord.of(b, LogTestSupport.utf8("w" + writer), LogTestSupport.utf8(b + "/" + r)));
                    }
                    s.log.append(AppendBatch.of(b % 2 == 0 ? CompressionType.GZIP : CompressionType.NONE, records));
                }
            }));
        }
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    long end = s.log.logEndOffset();
                    for (RecordBatch batch : s.log.read(0, 1 << 20, IsolationLevel.READ_UNCOMMITTED).batches()) {
                        assertThat(batch.records()).hasSize(3);
                        assertThat(batch.lastOffset()).isLessThan(Math.max(end, s.log.logEndOffset()));
                    }
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        reader.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        done.set(true);
        reader.join();
        assertThat(failures).isEmpty();
        List<LogRecord> all = LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED);
        assertThat(all).hasSize(writers * batchesPerWriter * 3);
        Map<String, Integer> nextBatchOfWriter = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            LogRecord r = all.get(i);
            assertThat(r.offset()).isEqualTo(i);
            String writer = LogTestSupport.text(r.key());
            String[] parts = LogTestSupport.text(r.value()).split("/");
            int expectedBatch = nextBatchOfWriter.getOrDefault(writer, 0);
            assertThat(Integer.parseInt(parts[0])).as("batches of %s in order", writer).isEqualTo(expectedBatch);
            if (parts[1].equals("2")) {
                nextBatchOfWriter.put(writer, expectedBatch + 1);
            }
        }
        s.log.close();
    }
}
