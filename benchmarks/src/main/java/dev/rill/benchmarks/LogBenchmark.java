package dev.rill.benchmarks;

import dev.rill.common.serialization.Serdes;
import dev.rill.log.Consumer;
import dev.rill.log.ConsumerConfig;
import dev.rill.log.ConsumerRecords;
import dev.rill.log.EmbeddedLog;
import dev.rill.log.IsolationLevel;
import dev.rill.log.Producer;
import dev.rill.log.ProducerConfig;
import dev.rill.log.ProducerRecord;
import dev.rill.log.TopicConfig;
import dev.rill.log.TopicPartition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Built-in log benchmark: producers append 1 KB records (incompressible values, no key, so each producer
 * fills one partition after another) to a topic of 9 partitions, then one read_uncommitted consumer reads
 * them all back. Runs with 1, 4 and 9 producer threads, each with its own {@code Producer} (batch.size 1 MiB,
 * linger.ms 5), under two flush policies:
 * <ul>
 *   <li>{@code os}: appends stay in the page cache (the log's default);</li>
 *   <li>{@code fsync}: the topic has {@code flush.messages=1024}, so every append of a batch of 1 MiB
 *       (1024 records) is fsynced before it returns.</li>
 * </ul>
 * Append throughput is timed from the first send until every producer's {@code flush()} returned; read
 * throughput from the first poll until every record was returned. Before that, {@code dd} writes 1 GiB
 * into the same temporary directory, once without and once with {@code conv=fdatasync}, for the disk's
 * raw sequential write speed, and two untimed warm-up runs (1 and 9 producers, up to 500,000 records each) let
 * the JIT compile the paths. Prints one row per run, then
 * {@code log append_rps=N read_rps=N fsync_append_mbps=N disk_sync_write_mbps=N disk_ratio=R} where
 * append_rps and read_rps are the best under {@code os}, fsync_append_mbps the best under {@code fsync},
 * and disk_ratio = fsync_append_mbps / disk_sync_write_mbps.
 *
 * <p>Usage: {@code benchmarks/run.sh log [records-per-run] [dir]} (default 1,000,000 records under os,
 * half as many under fsync; the directory defaults to the system's temporary directory).
 */
public final class LogBenchmark {
    private static final int RECORD_BYTES = 1024;
    private static final int PARTITIONS = 9;
    private static final double MB = 1024.0 * 1024;

    private LogBenchmark() {
    }

    private record Result(double appendRps, double readRps) {
    }

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path base = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")),
            "rill-log-bench");
        try {
            double ddPlain = dd(base, false);
            double ddSync = dd(base, true);
            System.out.printf(Locale.ROOT, "disk dd 1 GiB: %.0f MB/s page cache, %.0f MB/s with fdatasync%n", ddPlain, ddSync);
            // Warm-up: the same code paths, untimed, so the measured runs see compiled code.
            for (int producers : new int[] {1, 9}) {
                run(base.resolve("warm-up"), false, producers, Math.min(records, 500_000L) / producers * producers);
            }
            System.out.printf(Locale.ROOT, "%-6s %-9s %14s %10s %14s %10s%n", "policy", "producers", "append rec/s", "MB/s",
                "read rec/s", "MB/s");
            double bestAppend = 0;
            double bestRead = 0;
            double bestFsyncMbps = 0;
            for (String policy : List.of("os", "fsync")) {
                for (int producers : new int[] {1, 4, 9}) {
                    long n = policy.equals("os") ? records : records / 2;
                    n -= n % producers;
                    Result r = run(base.resolve(policy + "-" + producers), policy.equals("fsync"), producers, n);
                    System.out.printf(Locale.ROOT, "%-6s %-9d %,14.0f %10.0f %,14.0f %10.0f%n", policy, producers,
                        r.appendRps(), r.appendRps() * RECORD_BYTES / MB, r.readRps(), r.readRps() * RECORD_BYTES / MB);
                    if (policy.equals("os")) {
                        bestAppend = Math.max(bestAppend, r.appendRps());
                        bestRead = Math.max(bestRead, r.readRps());
                    } else {
                        bestFsyncMbps = Math.max(bestFsyncMbps, r.appendRps() * RECORD_BYTES / MB);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "log append_rps=%.0f read_rps=%.0f fsync_append_mbps=%.0f disk_sync_write_mbps=%.0f "
                + "disk_ratio=%.2f%n", bestAppend, bestRead, bestFsyncMbps, ddSync, bestFsyncMbps / ddSync);
        } finally {
            delete(base);
        }
    }

    private static Result run(Path dir, boolean fsync, int producers, long records) throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            TopicConfig.Builder topic = TopicConfig.builder().partitions(PARTITIONS).retentionMs(-1);
            if (fsync) {
                topic.flushMessages(1024);
            }
            log.createTopic("bench", topic.build());
            ProducerConfig config = ProducerConfig.builder().batchSize(1 << 20).lingerMs(5)
                .maxRequestSize(2 << 20).bufferMemory(64L << 20).build();
            long perProducer = records / producers;
            List<Thread> threads = new ArrayList<>();
            List<Producer<byte[], byte[]>> clients = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                Producer<byte[], byte[]> p = log.producer(config.toBuilder().clientId("bench-" + i).build(),
                    Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
                clients.add(p);
                byte[] value = new byte[RECORD_BYTES];
                new SplittableRandom(i).nextBytes(value);
                int partition = i % PARTITIONS;
                threads.add(new Thread(() -> {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("bench", partition, null, value);
                    for (long r = 0; r < perProducer; r++) {
                        p.send(record);
                    }
                    p.flush();
                }, "bench-producer-" + i));
            }
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            double appendSeconds = (System.nanoTime() - start) / 1e9;
            clients.forEach(Producer::close);

            ConsumerConfig consumerConfig = ConsumerConfig.builder().isolationLevel(IsolationLevel.READ_UNCOMMITTED)
                .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST).maxPollRecords(10_000)
                .maxPartitionFetchBytes(4 << 20).build();
            long read = 0;
            long checksum = 0;
            start = System.nanoTime();
            try (Consumer<byte[], byte[]> c = log.consumer(consumerConfig, Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer())) {
                List<TopicPartition> parts = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    parts.add(new TopicPartition("bench", p));
                }
                c.assign(parts);
                while (read < records) {
                    ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofSeconds(1));
                    if (batch.isEmpty()) {
                        throw new IllegalStateException("read only " + read + " of " + records + " records");
                    }
                    for (var r : batch) {
                        checksum += r.value()[r.value().length - 1];
                        read++;
                    }
                }
            }
            double readSeconds = (System.nanoTime() - start) / 1e9;
            if (checksum == Long.MIN_VALUE) {
                System.out.println("unreachable: keeps the reads from being optimised away");
            }
            return new Result(records / appendSeconds, records / readSeconds);
        } finally {
            delete(dir);
        }
    }

    /** @return MB/s of writing 1 GiB of zeros with dd, with or without fdatasync before it reports */
    private static double dd(Path dir, boolean sync) throws IOException, InterruptedException {
        Path file = dir.resolve("dd.bin");
        List<String> cmd = new ArrayList<>(List.of("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=1024"));
        if (sync) {
            cmd.add("conv=fdatasync");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("dd failed: " + out);
        }
        Files.deleteIfExists(file);
        Matcher m = Pattern.compile("(\\d+) bytes .* copied, ([0-9.,]+) s").matcher(out);
        if (!m.find()) {
            throw new IOException("cannot read dd's output: " + out);
        }
        return Long.parseLong(m.group(1)) / Double.parseDouble(m.group(2).replace(',', '.')) / MB;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
