package dev.rill.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.log.CompressionType;
import dev.rill.log.IsolationLevel;
import dev.rill.log.TopicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionStorageTest {
    private static final short EPOCH = 3;

    @TempDir
    Path dir;

    private LogTestSupport support(int segmentBytes) {
        return new LogTestSupport(dir, TopicConfig.builder().segmentBytes(segmentBytes).build());
    }

    private static long txn(LogTestSupport s, long pid, String value) {
        return s.log.append(AppendBatch.transactional(pid, EPOCH, CompressionType.NONE,
            List.of(LogRecord.of(s.clock.get(), LogTestSupport.utf8("k"), LogTestSupport.utf8(value)))));
    }

    private static List<String> values(PartitionLog log, IsolationLevel isolation) {
        return LogTestSupport.readAll(log, isolation).stream().map(r -> LogTestSupport.text(r.value())).toList();
    }

    @Test
    void openTransactionHoldsTheLastStableOffsetUntilItsCommitMarker() {
        LogTestSupport s = support(1 << 20);
        s.append("a", "plain-0");
        long first = txn(s, 7, "t-1");
        s.append("b", "plain-2");
        txn(s, 7, "t-3");
        assertThat(s.log.lastStableOffset()).isEqualTo(first);
        assertThat(s.log.openTransactions()).isEqualTo(Map.of(7L, first));
        assertThat(values(s.log, IsolationLevel.READ_COMMITTED)).containsExactly("plain-0");
        assertThat(values(s.log, IsolationLevel.READ_UNCOMMITTED)).containsExactly("plain-0", "t-1", "plain-2", "t-3");

        long marker = s.log.appendMarker(7, EPOCH, ControlType.COMMIT);
        assertThat(marker).isEqualTo(4);
        assertThat(s.log.lastStableOffset()).isEqualTo(5).isEqualTo(s.log.logEndOffset());
        assertThat(s.log.openTransactions()).isEmpty();
        assertThat(values(s.log, IsolationLevel.READ_COMMITTED)).containsExactly("plain-0", "t-1", "plain-2", "t-3");
        RecordBatch control = s.log.read(4, 100, IsolationLevel.READ_COMMITTED).batches().get(0);
        assertThat(control.control()).isTrue();
        assertThat(control.controlType()).isEqualTo(ControlType.COMMIT);
        assertThat(control.producerId()).isEqualTo(7);
        assertThat(control.producerEpoch()).isEqualTo(EPOCH);
        s.log.close();
    }

    @Test
    void abortedTransactionIsIndexedAndSkippedByReadCommittedReaders() {
        LogTestSupport s = support(1 << 20);
        long a1 = txn(s, 1, "aborted-1");
        long c1 = txn(s, 2, "committed-1");
        s.append("x", "plain");
        txn(s, 1, "aborted-2");
        assertThat(s.log.lastStableOffset()).isEqualTo(a1);
        long abortAt = s.log.appendMarker(1, EPOCH, ControlType.ABORT);
        // Producer 2 is still open: the stable offset moves only to its first offset.
        assertThat(s.log.lastStableOffset()).isEqualTo(c1);
        long commitAt = s.log.appendMarker(2, EPOCH, ControlType.COMMIT);
        assertThat(s.log.lastStableOffset()).isEqualTo(commitAt + 1);

        FetchResult committed = s.log.read(0, 1 << 20, IsolationLevel.READ_COMMITTED);
        assertThat(committed.abortedTransactions()).containsExactly(new AbortedTransaction(1, a1, abortAt, c1));
        assertThat(values(s.log, IsolationLevel.READ_COMMITTED)).containsExactly("committed-1", "plain");
        assertThat(values(s.log, IsolationLevel.READ_UNCOMMITTED))
            .containsExactly("aborted-1", "committed-1", "plain", "aborted-2");
        assertThat(s.log.read(0, 1 << 20, IsolationLevel.READ_UNCOMMITTED).abortedTransactions()).isEmpty();
        s.log.close();
    }

    @Test
    void markerOfAProducerWithoutOpenTransactionChangesNothing() {
        LogTestSupport s = support(1 << 20);
        s.append("a", "v");
        s.log.appendMarker(9, EPOCH, ControlType.ABORT);
        assertThat(s.log.read(0, 1000, IsolationLevel.READ_COMMITTED).abortedTransactions()).isEmpty();
        assertThat(s.log.lastStableOffset()).isEqualTo(2);
        assertThat(values(s.log, IsolationLevel.READ_COMMITTED)).containsExactly("v");
        s.log.close();
    }

    @Test
    void openTransactionsAndAbortedIndexSurviveRestartWithRolledSegments() {
        LogTestSupport s = support(200);
        long open = scenario(s);
        List<AbortedTransaction> abortedBefore = s.log.read(0, 1 << 20, IsolationLevel.READ_COMMITTED).abortedTransactions();
        assertThat(s.log.describe().segments()).hasSizeGreaterThan(3);
        s.restart();
        assertThat(s.log.lastStableOffset()).isEqualTo(open);
        assertThat(s.log.openTransactions()).isEqualTo(Map.of(5L, open));
        assertThat(s.log.read(0, 1 << 20, IsolationLevel.READ_COMMITTED).abortedTransactions()).isEqualTo(abortedBefore);
        assertThat(values(s.log, IsolationLevel.READ_COMMITTED)).containsExactly("c-0", "c-1", "c-2", "p-0");
        s.log.appendMarker(5, EPOCH, ControlType.ABORT);
        assertThat(s.log.lastStableOffset()).isEqualTo(s.log.logEndOffset());
        assertThat(values(s.log, IsolationLevel.READ_COMMITTED)).containsExactly("c-0", "c-1", "c-2", "p-0", "p-1", "p-2", "p-3");
        s.log.close();
    }

    @Test
    void transactionStateIsRebuiltFromTheBatchesWhenSnapshotAndIndexFilesAreLost() throws IOException {
        LogTestSupport s = support(200);
        long open = scenario(s);
        List<AbortedTransaction> abortedBefore = s.log.read(0, 1 << 20, IsolationLevel.READ_COMMITTED).abortedTransactions();
        assertThat(abortedBefore).isNotEmpty();
        s.log.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".snapshot") || name.endsWith(".txnindex")) {
                    Files.delete(p);
                }
            }
        }
        s.log = s.open();
        assertThat(s.log.lastStableOffset()).isEqualTo(open);
        assertThat(s.log.read(0, 1 << 20, IsolationLevel.READ_COMMITTED).abortedTransactions()).isEqualTo(abortedBefore);
        assertThat(values(s.log, IsolationLevel.READ_COMMITTED)).containsExactly("c-0", "c-1", "c-2", "p-0");
        s.log.close();
    }

    /** Committed, aborted, plain and still-open data over several segments; returns the open one's first offset. */
    private static long scenario(LogTestSupport s) {
        List<Long> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            txn(s, 1, "c-" + i);
            txn(s, 2, "a-" + i);
        }
        s.log.appendMarker(1, EPOCH, ControlType.COMMIT);
        s.log.appendMarker(2, EPOCH, ControlType.ABORT);
        s.append("p", "p-0");
        opened.add(txn(s, 5, "o-0"));
        s.append("p", "p-1");
        txn(s, 5, "o-1");
        txn(s, 6, "a6-0");
        s.log.appendMarker(6, EPOCH, ControlType.ABORT);
        s.append("p", "p-2");
        s.append("p", "p-3");
        return opened.get(0);
    }
}
