package dev.rill.log;

import dev.rill.log.internal.AppendBatch;
import dev.rill.log.internal.LogRecord;
import dev.rill.log.internal.PartitionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of the child JVMs of {@link CrashRecoveryTest} and {@link DirectoryLockTest}.
 * {@code append <dir>}: appends batches to topic {@code crash} for ever, flushing each, and prints
 * {@code ack <base> <count>} once a batch is durable. {@code hold <dir>}: opens the log, prints
 * {@code opened} and waits to be killed.
 */
public final class ChildLogProcess {
    private ChildLogProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        EmbeddedLog log = EmbeddedLog.open(dir, LogConfig.defaults());
        if (args[0].equals("hold")) {
            System.out.println("opened");
            System.out.flush();
            Thread.sleep(60_000);
            return;
        }
        if (!log.topics().contains("crash")) {
            log.createTopic("crash", TopicConfig.builder().segmentBytes(4096).retentionMs(-1).build());
        }
        PartitionLog partition = log.partition("crash", 0);
        for (long i = 0; ; i++) {
            int count = 1 + (int) (i % 5);
            List<LogRecord> records = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                records.add(LogRecord.of(i, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + i + "-" + r + "-" + "x".repeat((int) (i % 97))).getBytes(StandardCharsets.UTF_8)));
            }
            long base = partition.append(AppendBatch.of(i % 2 == 0 ? CompressionType.GZIP : CompressionType.NONE, records));
            partition.flush();
            System.out.println("ack " + base + " " + count);
            System.out.flush();
        }
    }
}
