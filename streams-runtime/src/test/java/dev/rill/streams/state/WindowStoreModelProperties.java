package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.ByteArrayDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.state.KeyValueStoreContractTest.StoreKind;
import dev.rill.streams.state.WindowStoreContractTest.WindowConfiguration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Model-based properties of window stores: random sequences of puts (direct, or by the topology's
 * processor followed by a commit) and reads (point, one key, key ranges, all, fetchAll, forward and
 * backward) over times that move the stream time past the retention, applied to a store in a
 * {@link TopologyTestDriver} and to a {@code TreeMap} model that expires by the same rule and orders as the
 * store kind documents. At the end, with logging on, replaying the changelog must give the content.
 */
class WindowStoreModelProperties {
    private static final int TRIES = 12;
    private static final long RETENTION = WindowStoreContractTest.RETENTION.toMillis();
    private static final long SEGMENT = WindowStoreContractTest.SEGMENT;
    private static final long WINDOW = WindowStoreContractTest.WINDOW.toMillis();
    static final List<String> KEYS = List.of("", "a", "ab", "b", "é", "\u0080", "z");
    static final List<Long> TIMES = List.of(0L, 5_000L, 10_000L, 59_999L, 60_000L, 70_000L, 119_999L, 120_000L, 130_000L,
        180_000L, 200_000L, 250_000L, 300_000L);

    private static Path baseDir;

    @BeforeContainer
    static void createBaseDir() throws IOException {
        baseDir = Files.createTempDirectory("window-model-properties-");
    }

    @AfterContainer
    static void deleteBaseDir() throws IOException {
        try (Stream<Path> paths = Files.walk(baseDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = TRIES)
    void rocksDbCachedLogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new WindowConfiguration(StoreKind.ROCKSDB, true, true), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbCachedUnlogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new WindowConfiguration(StoreKind.ROCKSDB, true, false), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbUncachedLogged(@ForAll("operations") List<Op> ops, @ForAll("heapBudgets") long heapBytes) {
        check(new WindowConfiguration(StoreKind.ROCKSDB, false, true), 0, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbUncachedUnlogged(@ForAll("operations") List<Op> ops, @ForAll("heapBudgets") long heapBytes) {
        check(new WindowConfiguration(StoreKind.ROCKSDB, false, false), 0, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void inMemoryCachedLogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new WindowConfiguration(StoreKind.IN_MEMORY, true, true), cacheBytes, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryCachedUnlogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new WindowConfiguration(StoreKind.IN_MEMORY, true, false), cacheBytes, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryUncachedLogged(@ForAll("operations") List<Op> ops) {
        check(new WindowConfiguration(StoreKind.IN_MEMORY, false, true), 0, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryUncachedUnlogged(@ForAll("operations") List<Op> ops) {
        check(new WindowConfiguration(StoreKind.IN_MEMORY, false, false), 0, -1, ops);
    }

    /** The default task cache (no evictions), one of about 3 entries (evictions mid-sequence), and 0. */
    /**
     * RocksDB's heap copies: the default budget (kept throughout), none, and one of a few entries (dropped
     * part way, their pending writes going to RocksDB).
     */
    @Provide
    Arbitrary<Long> heapBudgets() {
        return Arbitraries.of(32L * 1024 * 1024, 0L, 1_000L);
    }

    @Provide
    Arbitrary<Long> cacheBudgets() {
        return Arbitraries.of(10L * 1024 * 1024, 1_000L, 0L);
    }

    private static void check(WindowConfiguration config, long cacheBytes, long heapBytes, List<Op> ops) {
        Properties extra = new Properties();
        extra.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        if (heapBytes >= 0) {
            extra.put(StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, heapBytes);
        }
        try (TopologyTestDriver driver = WindowStoreContractTest.newDriver(config, baseDir, false, extra)) {
            WindowStore<String, String> store = driver.getWindowStore(WindowStoreContractTest.STORE);
            TestInputTopic<String, String> in = driver.createInputTopic(WindowStoreContractTest.INPUT, new StringSerializer(), new StringSerializer());
            Model model = new Model(config.kind());
            int step = 0;
            for (Op op : ops) {
                op.apply(store, in, model, "step " + step++ + " " + op + " on " + config);
            }
            String end = "after " + ops.size() + " operations on " + config + " with a cache of " + cacheBytes + " bytes";
            assertThat(WindowStoreContractTest.drain(store.all())).as(end + ": all()").isEqualTo(model.range(null, null, 0, Long.MAX_VALUE));
            in.pipeInput("script", "");
            if (config.logging()) {
                Model replay = new Model(config.kind());
                for (KeyValue<byte[], byte[]> kv : driver.createOutputTopic(WindowStoreContractTest.CHANGELOG,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readKeyValuesToList()) {
                    String key = new String(kv.key, 0, kv.key.length - 12, StandardCharsets.UTF_8);
                    long start = ByteBuffer.wrap(kv.key).getLong(kv.key.length - 12);
                    replay.put(key, start, kv.value == null ? null : new String(kv.value, StandardCharsets.UTF_8));
                }
                assertThat(replay.range(null, null, 0, Long.MAX_VALUE)).as(end + ": the changelog replays to the content")
                    .isEqualTo(model.range(null, null, 0, Long.MAX_VALUE));
            }
        }
    }

    /** The reference: windows by (key bytes, start), expiring by the store's rule, listed in the kind's order. */
    static final class Model {
        private final StoreKind kind;
        private final TreeMap<Bytes, String> windows = new TreeMap<>();   // key = store key [key][start][0000]
        private long streamTime = -1;

        Model(StoreKind kind) {
            this.kind = kind;
        }

        static Bytes storeKey(String key, long start) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            return Bytes.wrap(ByteBuffer.allocate(k.length + 12).put(k).putLong(start).putInt(0).array());
        }

        long minLive() {
            return streamTime < 0 ? 0 : Math.max(0, streamTime - RETENTION + 1);
        }

        void put(String key, long start, String value) {
            streamTime = Math.max(streamTime, start);
            if (start < minLive()) {
                return;
            }
            if (value == null) {
                windows.remove(storeKey(key, start));
            } else {
                windows.put(storeKey(key, start), value);
            }
        }

        String fetch(String key, long start) {
            return start < minLive() ? null : windows.get(storeKey(key, start));
        }

        List<KeyValue<Windowed<String>, String>> range(String keyFrom, String keyTo, long from, long to) {
            List<Map.Entry<Bytes, String>> hits = new ArrayList<>();
            for (Map.Entry<Bytes, String> e : windows.entrySet()) {
                byte[] k = e.getKey().get();
                Bytes key = Bytes.wrap(java.util.Arrays.copyOf(k, k.length - 12));
                long start = ByteBuffer.wrap(k).getLong(k.length - 12);
                boolean inKeys = (keyFrom == null || key.compareTo(utf8(keyFrom)) >= 0) && (keyTo == null || key.compareTo(utf8(keyTo)) <= 0);
                if (inKeys && start >= Math.max(from, minLive()) && start <= to) {
                    hits.add(e);
                }
            }
            Comparator<Map.Entry<Bytes, String>> order = kind == StoreKind.ROCKSDB
                ? Comparator.comparingLong((Map.Entry<Bytes, String> e) -> start(e) / SEGMENT).thenComparing(Map.Entry::getKey)
                : Comparator.comparingLong((Map.Entry<Bytes, String> e) -> start(e))
                    .thenComparing(e -> Bytes.wrap(java.util.Arrays.copyOf(e.getKey().get(), e.getKey().get().length - 12)));
            hits.sort(order);
            List<KeyValue<Windowed<String>, String>> out = new ArrayList<>();
            for (Map.Entry<Bytes, String> e : hits) {
                byte[] k = e.getKey().get();
                out.add(WindowStoreContractTest.w(new String(k, 0, k.length - 12, StandardCharsets.UTF_8), start(e), e.getValue()));
            }
            return out;
        }

        private static long start(Map.Entry<Bytes, String> e) {
            byte[] k = e.getKey().get();
            return ByteBuffer.wrap(k).getLong(k.length - 12);
        }

        private static Bytes utf8(String s) {
            return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    sealed interface Op permits Put, ProcessorPut, Fetch, FetchKey, FetchRange, FetchAll {
        void apply(WindowStore<String, String> store, TestInputTopic<String, String> in, Model model, String where);
    }

    record Put(String key, long start, String value) implements Op {
        @Override
        public void apply(WindowStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            store.put(key, value, start);
            model.put(key, start, value);
        }
    }

    record ProcessorPut(String key, long start, String value) implements Op {
        @Override
        public void apply(WindowStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            in.pipeInput("script", key + "@" + start + "=" + (value == null ? WindowStoreContractTest.NULL_TOKEN : value));
            model.put(key, start, value);
        }
    }

    record Fetch(String key, long start) implements Op {
        @Override
        public void apply(WindowStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            assertThat(store.fetch(key, start)).as(where).isEqualTo(model.fetch(key, start));
        }
    }

    record FetchKey(String key, long from, long to, boolean forward) implements Op {
        @Override
        public void apply(WindowStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            List<KeyValue<Long, String>> expected = new ArrayList<>();
            model.range(key, key, from, to).forEach(kv -> expected.add(KeyValue.pair(kv.key.window().start(), kv.value)));
            if (!forward) {
                Collections.reverse(expected);
            }
            assertThat(WindowStoreContractTest.drain(forward ? store.fetch(key, from, to) : store.backwardFetch(key, from, to)))
                .as(where).isEqualTo(expected);
        }
    }

    record FetchRange(String keyFrom, String keyTo, long from, long to, boolean forward) implements Op {
        @Override
        public void apply(WindowStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            List<KeyValue<Windowed<String>, String>> expected = new ArrayList<>(model.range(keyFrom, keyTo, from, to));
            if (!forward) {
                Collections.reverse(expected);
            }
            assertThat(WindowStoreContractTest.drain(forward ? store.fetch(keyFrom, keyTo, from, to)
                : store.backwardFetch(keyFrom, keyTo, from, to))).as(where).isEqualTo(expected);
        }
    }

    record FetchAll(long from, long to, boolean forward, boolean everything) implements Op {
        @Override
        public void apply(WindowStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            List<KeyValue<Windowed<String>, String>> expected = new ArrayList<>(
                model.range(null, null, everything ? 0 : from, everything ? Long.MAX_VALUE : to));
            if (!forward) {
                Collections.reverse(expected);
            }
            KeyValueIterator<Windowed<String>, String> actual = everything
                ? (forward ? store.all() : store.backwardAll())
                : (forward ? store.fetchAll(from, to) : store.backwardFetchAll(from, to));
            assertThat(WindowStoreContractTest.drain(actual)).as(where).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<String> bound = key.injectNull(0.2);
        Arbitrary<Long> time = Arbitraries.of(TIMES);
        Arbitrary<String> value = Arbitraries.of("v0", "v1", "v2", "").injectNull(0.15);
        Arbitrary<Boolean> forward = Arbitraries.of(true, false);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
            Tuple.of(8, Combinators.combine(key, time, value).as(Put::new)),
            Tuple.of(4, Combinators.combine(key, time, value).as(ProcessorPut::new)),
            Tuple.of(3, Combinators.combine(key, time).as(Fetch::new)),
            Tuple.of(3, Combinators.combine(key, time, time, forward).as(FetchKey::new)),
            Tuple.of(3, Combinators.combine(bound, bound, time, time, forward).as(FetchRange::new)),
            Tuple.of(2, Combinators.combine(time, time, forward, Arbitraries.of(true, false)).as(FetchAll::new)));
        return op.list().ofMinSize(5).ofMaxSize(50);
    }
}
