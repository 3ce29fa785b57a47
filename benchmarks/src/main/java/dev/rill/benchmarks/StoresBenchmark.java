package dev.rill.benchmarks;

import dev.rill.common.serialization.Serdes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.Stores;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Storage benchmark: the RocksDB key-value store as applications get it,
 * {@code Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.ByteArray(), Serdes.ByteArray())}
 * with logging disabled (a benchmark has no changelog to write), so the typed layer over RocksDB, opened
 * standalone with a {@link BenchmarkStoreContext} (default RocksDB memory budget of 128 MiB).
 *
 * <p>Keys are the numbers {@code 0..N-1} as 8-byte big-endian longs, so byte order is numeric order; the
 * order they are written and read in comes from a fixed-seed pseudo-random permutation (a multiplicative
 * hash with cycle walking, so no array of N keys is kept on the heap). Values are 100 bytes: the key, then
 * 92 pseudo-random bytes derived from it (incompressible, and checked by the reads). Phases, each timed:
 * <ol>
 *   <li>put all N keys in permuted order: {@code put_rps};</li>
 *   <li>flush (memtables to table files);</li>
 *   <li>get N uniformly random existing keys: {@code get_rps};</li>
 *   <li>100,000 range scans of 100 consecutive keys from random start keys: {@code range_rps}, counted
 *       in entries returned per second;</li>
 *   <li>a fresh store with caching enabled (task cache 10 MiB): N/10 puts, 90% of them to 1% of the keys,
 *       with a commit ({@code flush()}) every 10,000 writes: {@code cached_put_rps};</li>
 *   <li>the RocksDB window store over N/10 keys ({@link WindowStorePhases}): put, point fetch and per-key
 *       range fetch, printed as {@code window keys=N windows=N put_rps=N fetch_rps=N range_rps=N} just
 *       before the final line.</li>
 * </ol>
 * A daemon thread samples heap use every 100 ms; peak RSS is the kernel's {@code VmHWM}. The store's
 * data lives off-heap (RocksDB's block cache, memtables and files), so the heap is expected to stay small
 * whatever N is; run with a small {@code -Xmx} to check it. Prints one table row per phase, then
 * {@code stores keys=N put_rps=N get_rps=N range_rps=N cached_put_rps=N heap_max_mb=N rss_peak_mb=N}.
 *
 * <p>Usage: {@code benchmarks/run.sh stores [keys]} (default 10,000,000).
 */
public final class StoresBenchmark {
    private static final long DEFAULT_KEYS = 10_000_000L;
    private static final int VALUE_BYTES = 100;
    private static final int RANGE_SCANS = 100_000;
    private static final int RANGE_LENGTH = 100;
    static final int COMMIT_INTERVAL = 10_000;
    private static final long MB = 1024L * 1024;

    private static final long PUT_SEED = 0x5EED_0001L;
    private static final long GET_SEED = 0x5EED_0002L;
    private static final long RANGE_SEED = 0x5EED_0003L;
    private static final long HOT_SEED = 0x5EED_0004L;

    private StoresBenchmark() {
    }

    /**
     * @param args optional number of distinct keys (underscores allowed: {@code 1_000_000})
     * @throws Exception if a phase fails; the store and its files are cleaned up anyway
     */
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : DEFAULT_KEYS;
        if (n < 1) {
            throw new IllegalArgumentException("the number of keys must be at least 1, got " + n);
        }
        HeapSampler heap = HeapSampler.start();
        Permutation order = new Permutation(n, PUT_SEED);
        double putRps;
        double getRps;
        double rangeRps;
        double cachedPutRps;
        WindowStorePhases.Rates window;
        try (BenchmarkStoreContext context = new BenchmarkStoreContext("rill-bench-stores")) {
            System.out.printf(Locale.ROOT, "Rill stores benchmark: %,d keys, %d-byte values, RocksDB state in %s%n",
                n, VALUE_BYTES, context.root());
            Table table = new Table(heap, context);

            KeyValueStore<byte[], byte[]> store = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore("bench-kv"), Serdes.ByteArray(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
            store.init(context, store);
            try {
                // (a) put every key once, in permuted order.
                heap.phase();
                long start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    long k = order.apply(i);
                    store.put(key(k), value(k));
                }
                putRps = table.row("put", n, start, "writes");

                // (b) flush the memtables.
                heap.phase();
                start = System.nanoTime();
                store.flush();
                table.row("flush", 0, start, "");

                // (c) point reads of random existing keys.
                heap.phase();
                SplittableRandom random = new SplittableRandom(GET_SEED);
                long bad = 0;
                start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    long k = random.nextLong(n);
                    if (!matches(k, store.get(key(k)))) {
                        bad++;
                    }
                }
                getRps = table.row("get", n, start, "reads");
                check(bad == 0, bad + " of " + n + " reads returned no value or a wrong one");

                // (d) range scans of RANGE_LENGTH consecutive keys.
                heap.phase();
                random = new SplittableRandom(RANGE_SEED);
                int length = (int) Math.min(RANGE_LENGTH, n);
                long entries = 0;
                bad = 0;
                start = System.nanoTime();
                for (int i = 0; i < RANGE_SCANS; i++) {
                    long from = random.nextLong(n - length + 1);
                    long expected = from;
                    try (KeyValueIterator<byte[], byte[]> it = store.range(key(from), key(from + length - 1))) {
                        while (it.hasNext()) {
                            KeyValue<byte[], byte[]> entry = it.next();
                            if (decode(entry.key) != expected++ || !matches(decode(entry.key), entry.value)) {
                                bad++;
                            }
                            entries++;
                        }
                    }
                    if (expected != from + length) {
                        bad++;
                    }
                }
                rangeRps = table.row("range", entries, start, "entries (" + RANGE_SCANS + " scans)");
                check(bad == 0, bad + " range scans or entries were wrong");
            } finally {
                store.close();
            }

            // (e) a fresh store behind the task cache, hot keys, a commit every COMMIT_INTERVAL writes.
            KeyValueStore<byte[], byte[]> cached = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore("bench-kv-cached"), Serdes.ByteArray(), Serdes.ByteArray())
                .withLoggingDisabled()
                .withCachingEnabled()
                .build();
            cached.init(context, cached);
            try {
                heap.phase();
                long writes = Math.max(1, n / 10);
                long hot = Math.max(1, n / 100);
                SplittableRandom random = new SplittableRandom(HOT_SEED);
                long start = System.nanoTime();
                for (long i = 1; i <= writes; i++) {
                    // 90% of writes go to the first 1% of the permuted order, the rest to the other 99%.
                    long rank = hot == n || random.nextInt(10) < 9 ? random.nextLong(hot) : hot + random.nextLong(n - hot);
                    long k = order.apply(rank);
                    cached.put(key(k), value(k));
                    if (i % COMMIT_INTERVAL == 0) {
                        cached.flush();
                    }
                }
                cached.flush();
                cachedPutRps = table.row("cached put", writes, start,
                    "writes (90% to " + hot + " hot keys; commit every " + COMMIT_INTERVAL + ")");
                long probe = order.apply(0);
                check(matches(probe, cached.get(key(probe))), "the cached store lost hot key " + probe);
            } finally {
                cached.close();
            }

            // (f) the RocksDB window store: put, point fetch and per-key time range fetch.
            window = WindowStorePhases.run(context, table, heap, n);
        }
        heap.stop();
        long heapMaxMb = Math.round(heap.max() / (double) MB);
        long rssPeakMb = Math.round(procStatusKb("VmHWM") / 1024.0);
        System.out.printf(Locale.ROOT, "heap: max used %d MB (sampled every 100 ms), max live after GC %d MB, limit %d MB; "
                + "RSS peak %d MB%n", heapMaxMb, Math.round(heap.maxLive() / (double) MB),
            Math.round(Runtime.getRuntime().maxMemory() / (double) MB), rssPeakMb);
        System.out.printf(Locale.ROOT, "window keys=%d windows=%d put_rps=%d fetch_rps=%d range_rps=%d cached_put_rps=%d%n",
            window.keys(), window.keys() * WindowStorePhases.WINDOWS, Math.round(window.putRps()), Math.round(window.fetchRps()),
            Math.round(window.rangeRps()), Math.round(window.cachedPutRps()));
        System.out.printf(Locale.ROOT, "stores keys=%d put_rps=%d get_rps=%d range_rps=%d cached_put_rps=%d heap_max_mb=%d "
                + "rss_peak_mb=%d%n", n, Math.round(putRps), Math.round(getRps), Math.round(rangeRps),
            Math.round(cachedPutRps), heapMaxMb, rssPeakMb);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** @return {@code k} as 8 big-endian bytes */
    static byte[] key(long k) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) k;
            k >>>= 8;
        }
        return b;
    }

    /** @return the long in the first 8 bytes, big-endian */
    static long decode(byte[] b) {
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (b[i] & 0xFF);
        }
        return k;
    }

    /** @return the value of key {@code k}: the key's 8 bytes, then pseudo-random bytes seeded by the key */
    static byte[] value(long k) {
        byte[] v = new byte[VALUE_BYTES];
        long x = k;
        for (int i = 7; i >= 0; i--) {
            v[i] = (byte) x;
            x >>>= 8;
        }
        long state = k;
        for (int i = 8; i < VALUE_BYTES; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            long r = mix64(state);
            for (int j = i; j < Math.min(i + 8, VALUE_BYTES); j++) {
                v[j] = (byte) r;
                r >>>= 8;
            }
        }
        return v;
    }

    /** @return whether {@code v} is the value written for key {@code k} (the key prefix and the length) */
    private static boolean matches(long k, byte[] v) {
        return v != null && v.length == VALUE_BYTES && decode(v) == k;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a field of {@code /proc/self/status} in kB, or -1 where there is no such file (not Linux) */
    private static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format.
        }
        return -1;
    }

    /**
     * A fixed-seed pseudo-random permutation of {@code [0, n)}, computed per index: a bijection of the
     * {@code b}-bit integers ({@code 2^b} the smallest power of two not below {@code n}) made of a seed
     * XOR, multiplications by odd constants modulo {@code 2^b} and xor-shifts, applied again while the result
     * is {@code >= n} (cycle walking, fewer than two steps on average), which keeps it a bijection of
     * {@code [0, n)}.
     */
    static final class Permutation {
        private final long n;
        private final long mask;
        private final int shift;
        private final long seed;

        Permutation(long n, long seed) {
            this.n = n;
            int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1));
            this.mask = bits == 64 ? -1L : (1L << bits) - 1;
            this.shift = Math.max(1, (bits + 1) / 2);
            this.seed = mix64(seed) & mask;
        }

        long apply(long i) {
            long x = i;
            do {
                x = round(x);
            } while (x >= n);
            return x;
        }

        private long round(long x) {
            x ^= seed;
            x = (x * 0x9E3779B97F4A7C15L) & mask;
            x ^= x >>> shift;
            x = (x * 0xBF58476D1CE4E5B9L) & mask;
            x ^= x >>> shift;
            return x;
        }
    }

    /** Samples heap use every 100 ms on a daemon thread, and the live heap after a GC at each phase start. */
    static final class HeapSampler implements Runnable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final Thread thread = new Thread(this, "rill-bench-heap-sampler");
        private volatile long max;
        private volatile long phaseMax;
        private volatile boolean running = true;
        private long maxLive;

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void sample() {
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used > max) {
                max = used;
            }
            if (used > phaseMax) {
                phaseMax = used;
            }
        }

        /**
         * Starts a phase: collects garbage (outside the timed part) to record the live heap, and resets the
         * phase's peak.
         */
        synchronized void phase() {
            sample();
            System.gc();
            maxLive = Math.max(maxLive, memory.getHeapMemoryUsage().getUsed());
            phaseMax = 0;
        }

        /** @return the peak heap use since the last {@link #phase()}, in bytes */
        long phaseMax() {
            sample();
            return phaseMax;
        }

        /** @return the peak heap use seen, in bytes */
        long max() {
            return max;
        }

        /** @return the largest heap use right after a GC at a phase boundary, in bytes */
        long maxLive() {
            return maxLive;
        }

        void stop() {
            sample();
            running = false;
            thread.interrupt();
        }
    }

    /** Prints one row per phase, as it ends. */
    static final class Table {
        private final HeapSampler heap;
        private final BenchmarkStoreContext context;

        Table(HeapSampler heap, BenchmarkStoreContext context) {
            this.heap = heap;
            this.context = context;
            System.out.printf(Locale.ROOT, "%-17s %12s %9s %12s %9s %8s %10s %9s  %s%n",
                "phase", "ops", "seconds", "ops/s", "heap MB", "RSS MB", "rocks MB", "disk MB", "counted");
        }

        /** @return operations per second since {@code startNanos} */
        double row(String phase, long ops, long startNanos, String counted) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double rate = ops / seconds;
            System.out.printf(Locale.ROOT, "%-17s %12s %9.2f %12s %9d %8d %10d %9d  %s%n",
                phase, ops == 0 ? "-" : String.format(Locale.ROOT, "%,d", ops), seconds,
                ops == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", rate), heap.phaseMax() / MB, procStatusKb("VmRSS") / 1024,
                context.rocksDbCacheUsageBytes() / MB, context.diskUsageBytes() / MB, counted);
            return rate;
        }
    }
}
