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
 * {@code opened} and holds the log until it is killed or its stdin closes. {@code transactions <dir>}: runs transactions over topics
 * {@code tx-a} (3 partitions) and {@code tx-b} (1 partition) for ever, each writing {@code n} records
 * {@code <txn>-<i>} to each topic and committing, or every fourth aborting; it prints {@code open <txn>}
 * once a transaction's records are in the log and {@code committed <txn> <n>} or {@code aborted <txn>}
 * once the commit or abort has returned.
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
            // Holds the log until killed, or until the parent goes away and its end of stdin closes.
            while (System.in.read() != -1) {
                // Nothing is sent on stdin; only its end matters.
            }
            return;
        }
        if (args[0].equals("transactions")) {
            runTransactions(log);
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

    private static void runTransactions(EmbeddedLog log) {
        if (!log.topics().contains("tx-a")) {
            log.createTopic("tx-a", TopicConfig.builder().partitions(3).retentionMs(-1).segmentBytes(8192).build());
            log.createTopic("tx-b", TopicConfig.builder().partitions(1).retentionMs(-1).build());
        }
        Producer<String, String> producer = log.producer(ProducerConfig.builder().transactionalId("crash-tx")
            .lingerMs(0).build(), dev.rill.common.serialization.Serdes.String().serializer(),
            dev.rill.common.serialization.Serdes.String().serializer());
        producer.initTransactions();
        long start = System.nanoTime();
        for (long txn = start; ; txn++) {
            int n = 1 + (int) (txn % 5);
            producer.beginTransaction();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>("tx-a", "k" + i, txn + "-" + i));
                producer.send(new ProducerRecord<>("tx-b", "k" + i, txn + "-" + i));
            }
            producer.flush();
            System.out.println("open " + txn);
            System.out.flush();
            if (txn % 4 == 3) {
                producer.abortTransaction();
                System.out.println("aborted " + txn);
            } else {
                producer.commitTransaction();
                System.out.println("committed " + txn + " " + n);
            }
            System.out.flush();
        }
    }
}
