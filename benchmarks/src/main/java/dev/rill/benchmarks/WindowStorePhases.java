package dev.rill.benchmarks;

import dev.rill.common.serialization.Serdes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The window store phases of the stores benchmark: the RocksDB window store as applications get it,
 * {@code Stores.windowStoreBuilder(Stores.persistentWindowStore(name, 10 min, 1 min, false), ...)} with
 * logging disabled. {@code K = max(1, N / 10)} keys, each put into {@value #WINDOWS} one-minute windows
 * two minutes apart (so the windows span two of the store's five-minute segments), in ascending window
 * start as a stream would write them, values of 100 bytes. Phases:
 * <ol>
 *   <li>put all {@code K x WINDOWS} windows: {@code put_rps};</li>
 *   <li>K point fetches {@code fetch(key, start)} of random existing windows: {@code fetch_rps};</li>
 *   <li>{@value #RANGE_SCANS} fetches of all windows of a random key ({@code fetch(key, 0, last start)}),
 *       counted in windows returned per second: {@code range_rps}.</li>
 * </ol>
 */
final class WindowStorePhases {
    static final int WINDOWS = 4;
    private static final long WINDOW_SPACING_MS = 120_000L;
    private static final int RANGE_SCANS = 100_000;
    private static final long FETCH_SEED = 0x5EED_0011L;
    private static final long RANGE_SEED = 0x5EED_0012L;

    /** Rates of the four phases, per second. */
    record Rates(long keys, double putRps, double fetchRps, double rangeRps, double cachedPutRps) {
    }

    private WindowStorePhases() {
    }

    static Rates run(BenchmarkStoreContext context, StoresBenchmark.Table table, StoresBenchmark.HeapSampler heap, long n) {
        long keys = Math.max(1, n / 10);
        StoresBenchmark.Permutation order = new StoresBenchmark.Permutation(keys, FETCH_SEED);
        WindowStore<byte[], byte[]> store = Stores.windowStoreBuilder(
                Stores.persistentWindowStore("bench-window", Duration.ofMinutes(10), Duration.ofMinutes(1), false),
                Serdes.ByteArray(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
        store.init(context, store);
        try {
            heap.phase();
            long start = System.nanoTime();
            for (int w = 0; w < WINDOWS; w++) {
                for (long i = 0; i < keys; i++) {
                    long k = order.apply(i);
                    store.put(StoresBenchmark.key(k), StoresBenchmark.value(k), w * WINDOW_SPACING_MS);
                }
            }
            double putRps = table.row("window put", keys * WINDOWS, start, "windows (" + keys + " keys x " + WINDOWS + ")");

            heap.phase();
            SplittableRandom random = new SplittableRandom(FETCH_SEED);
            long bad = 0;
            start = System.nanoTime();
            for (long i = 0; i < keys; i++) {
                long k = random.nextLong(keys);
                byte[] v = store.fetch(StoresBenchmark.key(k), random.nextInt(WINDOWS) * WINDOW_SPACING_MS);
                if (v == null || StoresBenchmark.decode(v) != k) {
                    bad++;
                }
            }
            double fetchRps = table.row("window get", keys, start, "point fetches");
            check(bad == 0, bad + " of " + keys + " window fetches returned no value or a wrong one");

            heap.phase();
            random = new SplittableRandom(RANGE_SEED);
            long windows = 0;
            bad = 0;
            start = System.nanoTime();
            for (int i = 0; i < RANGE_SCANS; i++) {
                long k = random.nextLong(keys);
                long expectedStart = 0;
                try (WindowStoreIterator<byte[]> it = store.fetch(StoresBenchmark.key(k), 0, (WINDOWS - 1) * WINDOW_SPACING_MS)) {
                    while (it.hasNext()) {
                        KeyValue<Long, byte[]> window = it.next();
                        if (window.key != expectedStart || StoresBenchmark.decode(window.value) != k) {
                            bad++;
                        }
                        expectedStart += WINDOW_SPACING_MS;
                        windows++;
                    }
                }
                if (expectedStart != WINDOWS * WINDOW_SPACING_MS) {
                    bad++;
                }
            }
            double rangeRps = table.row("window scan", windows, start, "windows (" + RANGE_SCANS + " fetches of one key)");
            check(bad == 0, bad + " window range fetches or windows were wrong");
            return new Rates(keys, putRps, fetchRps, rangeRps, cachedPuts(context, table, heap, keys));
        } finally {
            store.close();
        }
    }

    /**
     * A fresh window store behind the task cache: updates of the current windows of hot keys (90% of the
     * writes to 1% of the keys), a commit every {@code StoresBenchmark.COMMIT_INTERVAL} writes, as an
     * aggregation updating its open windows does.
     */
    private static double cachedPuts(BenchmarkStoreContext context, StoresBenchmark.Table table, StoresBenchmark.HeapSampler heap,
                                     long keys) {
        WindowStore<byte[], byte[]> cached = Stores.windowStoreBuilder(
                Stores.persistentWindowStore("bench-window-cached", Duration.ofMinutes(10), Duration.ofMinutes(1), false),
                Serdes.ByteArray(), Serdes.ByteArray())
            .withLoggingDisabled()
            .withCachingEnabled()
            .build();
        cached.init(context, cached);
        try {
            heap.phase();
            long writes = keys * WINDOWS;
            long hot = Math.max(1, keys / 100);
            SplittableRandom random = new SplittableRandom(FETCH_SEED ^ RANGE_SEED);
            long start = System.nanoTime();
            for (long i = 1; i <= writes; i++) {
                long k = hot == keys || random.nextInt(10) < 9 ? random.nextLong(hot) : hot + random.nextLong(keys - hot);
                // Windows advance with the writes, as stream time does: each quarter of the writes is one window.
                long windowStart = (i - 1) * WINDOWS / writes * WINDOW_SPACING_MS;
                cached.put(StoresBenchmark.key(k), StoresBenchmark.value(k), windowStart);
                if (i % StoresBenchmark.COMMIT_INTERVAL == 0) {
                    cached.flush();
                }
            }
            cached.flush();
            double rps = table.row("window cached put", writes, start,
                "writes (90% to " + hot + " hot keys; commit every " + StoresBenchmark.COMMIT_INTERVAL + ")");
            byte[] probe = cached.fetch(StoresBenchmark.key(0), (WINDOWS - 1) * WINDOW_SPACING_MS);
            check(probe != null && StoresBenchmark.decode(probe) == 0, "the cached window store lost hot key 0");
            return rps;
        } finally {
            cached.close();
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
