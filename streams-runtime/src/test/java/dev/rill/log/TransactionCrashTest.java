package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.log.internal.FetchResult;
import dev.rill.log.internal.PartitionLog;
import dev.rill.log.internal.RecordBatch;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs transactions over two topics in a loop and is killed with SIGKILL at some point, most
 * likely in the middle of one. After reopening, a read_committed consumer must see every acknowledged
 * commit exactly once, nothing of aborted transactions, and the in-flight one wholly or not at all.
 */
class TransactionCrashTest {
    @TempDir
    Path dir;

    @Test
    void committedTransactionsSurviveAKillAndOpenOnesAreAborted() throws Exception {
        Map<Long, Integer> committed = new HashMap<>();
        Set<Long> aborted = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            try (ChildJvm child = new ChildJvm("transactions", dir)) {
                String line;
                int seen = 0;
                // Killed right after the child reports a transaction open with its records in the log, a
                // different number of transactions in each round.
                while ((line = child.out.readLine()) != null) {
                    record(line, committed, aborted);
                    if (!line.startsWith("open ")) {
                        seen++;
                    } else if (seen >= 20 + round * 7) {
                        break;
                    }
                }
                assertThat(seen).as("transactions the child finished").isPositive();
                child.process.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it keeps the output readable
                child.process.waitFor();
                // What the child printed before it died was acknowledged too.
                while ((line = child.out.readLine()) != null) {
                    record(line, committed, aborted);
                }
            }
            try (EmbeddedLog log = EmbeddedLog.open(dir)) {
                for (String topic : List.of("tx-a", "tx-b")) {
                    Map<Long, Integer> counts = new HashMap<>();
                    Set<String> values = new HashSet<>();
                    for (ConsumerRecord<String, String> r : ProducerTest.readAll(log, topic, IsolationLevel.READ_COMMITTED)) {
                        assertThat(values.add(r.value())).as("record %s appears once", r.value()).isTrue();
                        counts.merge(Long.parseLong(r.value().split("-")[0]), 1, Integer::sum);
                    }
                    committed.forEach((txn, n) -> assertThat(counts.get(txn)).as("txn %d in %s", txn, topic).isEqualTo(n));
                    aborted.forEach(txn -> assertThat(counts).as("aborted txn %d in %s", txn, topic).doesNotContainKey(txn));
                    counts.forEach((txn, n) -> assertThat(n).as("txn %d is whole in %s", txn, topic).isEqualTo(1 + (int) (txn % 5)));
                    assertThat(counts.keySet().stream().filter(t -> !committed.containsKey(t)).count())
                        .as("at most the in-flight transaction was committed unacknowledged").isLessThanOrEqualTo(1);
                    if (topic.equals("tx-b")) {
                        // The in-flight transaction, if it made it, is committed for the next round's checks.
                        counts.forEach(committed::putIfAbsent);
                    }
                    for (PartitionDescription d : log.describe(topic).partitions()) {
                        assertThat(d.openTransactions()).isZero();
                        assertThat(d.lastStableOffset()).isEqualTo(d.logEndOffset());
                        assertDenseAndIncreasing(log.partition(topic, d.partition()));
                    }
                }
            }
        }
    }

    private static void record(String line, Map<Long, Integer> committed, Set<Long> aborted) {
        String[] parts = line.split(" ");
        if (parts[0].equals("committed") && parts.length == 3) {
            committed.put(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        } else if (parts[0].equals("aborted") && parts.length == 2) {
            aborted.add(Long.parseLong(parts[1]));
        }
    }

    private static void assertDenseAndIncreasing(PartitionLog p) {
        long expected = p.logStartOffset();
        while (expected < p.logEndOffset()) {
            FetchResult r = p.read(expected, 1 << 16, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch b : r.batches()) {
                assertThat(b.baseOffset()).as("batch of %s-%d", p.topic(), p.partition()).isEqualTo(expected);
                for (int i = 0; i < b.records().size(); i++) {
                    assertThat(b.records().get(i).offset()).isEqualTo(expected + i);
                }
                expected = b.nextOffset();
            }
        }
        assertThat(expected).isEqualTo(p.logEndOffset());
    }
}
