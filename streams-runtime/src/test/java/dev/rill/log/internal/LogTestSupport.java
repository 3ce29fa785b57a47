package dev.rill.log.internal;

import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeader;
import dev.rill.log.CompressionType;
import dev.rill.log.IsolationLevel;
import dev.rill.log.TopicConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Shared set-up of the storage tests: a partition in a directory with a clock the test moves. */
final class LogTestSupport {
    final Path dir;
    final TopicConfig config;
    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    PartitionLog log;

    LogTestSupport(Path dir, TopicConfig config) {
        this.dir = dir;
        this.config = config;
        this.log = open();
    }

    PartitionLog open() {
        return PartitionLog.open("t", 0, dir, config, clock::get);
    }

    void restart() {
        log.close();
        log = open();
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    long append(String key, String value) {
        return log.append(AppendBatch.of(CompressionType.NONE, List.of(LogRecord.of(clock.get(), utf8(key), utf8(value)))));
    }

    long appendMany(int n, String prefix, CompressionType compression) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(LogRecord.of(clock.get(), utf8(prefix + "-k" + i), utf8(prefix + "-v" + i),
                new Header[] {new RecordHeader("h", utf8("x" + i))}));
        }
        return log.append(AppendBatch.of(compression, records));
    }

    /** Every visible record from the log start, read in small steps. */
    static List<LogRecord> readAll(PartitionLog log, IsolationLevel isolation) {
        List<LogRecord> out = new ArrayList<>();
        long offset = log.logStartOffset();
        long end = isolation == IsolationLevel.READ_COMMITTED ? log.lastStableOffset() : log.logEndOffset();
        List<AbortedTransaction> aborted = new ArrayList<>();
        List<RecordBatch> batches = new ArrayList<>();
        while (offset < end) {
            FetchResult r = log.read(offset, 300, isolation);
            if (r.batches().isEmpty()) {
                break;
            }
            r.abortedTransactions().stream().filter(t -> !aborted.contains(t)).forEach(aborted::add);
            batches.addAll(r.batches());
            offset = r.batches().get(r.batches().size() - 1).nextOffset();
        }
        return new FetchResult(batches, aborted, 0, 0, 0).visibleRecords(log.logStartOffset(), isolation);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
