package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.log.internal.FetchResult;
import dev.rill.log.internal.LogRecord;
import dev.rill.log.internal.PartitionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends and flushes continually and prints each acknowledged batch; it is killed with
 * SIGKILL in the middle of writing. Every acknowledged record must be there after reopening, with dense,
 * increasing offsets, and the log must take appends again.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesAKillInTheMiddleOfWriting() throws Exception {
        long acknowledgedEnd = 0;
        for (int round = 0; round < 2; round++) {
            try (ChildJvm child = new ChildJvm("append", dir)) {
                int acks = 0;
                String line;
                while (acks < 300 + round * 100 && (line = child.out.readLine()) != null) {
                    String[] parts = line.split(" ");
                    long base = Long.parseLong(parts[1]);
                    assertThat(base).as("offsets continue after the previous crash").isEqualTo(acknowledgedEnd);
                    acknowledgedEnd = base + Long.parseLong(parts[2]);
                    acks++;
                }
                assertThat(acks).as("child acknowledged appends").isGreaterThan(0);
            }
            // The child may have written more than it acknowledged; what it acknowledged must all be there.
            try (EmbeddedLog log = EmbeddedLog.open(dir)) {
                PartitionLog p = log.partition("crash", 0);
                assertThat(p.logEndOffset()).isGreaterThanOrEqualTo(acknowledgedEnd);
                List<LogRecord> all = readAll(p);
                assertThat(all).hasSize((int) p.logEndOffset());
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i).offset()).isEqualTo(i);
                    String value = new String(all.get(i).value(), StandardCharsets.UTF_8);
                    assertThat(value).startsWith("value-" + all.get(i).timestamp() + "-");
                }
                acknowledgedEnd = p.logEndOffset();
            }
        }
    }

    private static List<LogRecord> readAll(PartitionLog p) {
        List<LogRecord> out = new ArrayList<>();
        long offset = 0;
        while (offset < p.logEndOffset()) {
            FetchResult r = p.read(offset, 1 << 16, IsolationLevel.READ_UNCOMMITTED);
            out.addAll(r.visibleRecords(offset, IsolationLevel.READ_UNCOMMITTED));
            offset = r.batches().get(r.batches().size() - 1).nextOffset();
        }
        return out;
    }
}
