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
import dev.rill.streams.state.SessionStoreContractTest.SessionConfiguration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
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
 * Model-based properties of session stores: random puts and removes (direct, or by the processor and
 * committed) and reads (fetchSession, findSessions of one key or a key range, fetch, end-time scans,
 * forward and backward) over session ends that move the stream time past the retention, against a
 * {@code TreeMap} model expiring by the same rule and ordering as the store kind documents. With logging
 * on, replaying the changelog must give the content.
 */
class SessionStoreModelProperties {
    private static final int TRIES = 12;
    private static final long RETENTION = SessionStoreContractTest.RETENTION.toMillis();
    private static final long SEGMENT = SessionStoreContractTest.SEGMENT;
    static final List<String> KEYS = List.of("", "a", "ab", "b", "é", "z");
    static final List<Long> ENDS = List.of(0L, 10_000L, 59_999L, 60_000L, 100_000L, 130_000L, 180_000L, 250_000L, 300_000L);
    static final List<Long> LENGTHS = List.of(0L, 5_000L, 30_000L, 70_000L);

    private static Path baseDir;

    @BeforeContainer
    static void createBaseDir() throws IOException {
        baseDir = Files.createTempDirectory("session-model-properties-");
    }

    @AfterContainer
    static void deleteBaseDir() throws IOException {
        try (Stream<Path> paths = Files.walk(baseDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = TRIES)
    void rocksDbCachedLogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new SessionConfiguration(StoreKind.ROCKSDB, true, true), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbUncachedLogged(@ForAll("operations") List<Op> ops, @ForAll("heapBudgets") long heapBytes) {
        check(new SessionConfiguration(StoreKind.ROCKSDB, false, true), 0, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbCachedUnlogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new SessionConfiguration(StoreKind.ROCKSDB, true, false), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbUncachedUnlogged(@ForAll("operations") List<Op> ops, @ForAll("heapBudgets") long heapBytes) {
        check(new SessionConfiguration(StoreKind.ROCKSDB, false, false), 0, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void inMemoryCachedLogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new SessionConfiguration(StoreKind.IN_MEMORY, true, true), cacheBytes, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryUncachedLogged(@ForAll("operations") List<Op> ops) {
        check(new SessionConfiguration(StoreKind.IN_MEMORY, false, true), 0, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryCachedUnlogged(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new SessionConfiguration(StoreKind.IN_MEMORY, true, false), cacheBytes, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryUncachedUnlogged(@ForAll("operations") List<Op> ops) {
        check(new SessionConfiguration(StoreKind.IN_MEMORY, false, false), 0, -1, ops);
    }

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

    private static void check(SessionConfiguration config, long cacheBytes, long heapBytes, List<Op> ops) {
        Properties extra = new Properties();
        extra.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        if (heapBytes >= 0) {
            extra.put(StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, heapBytes);
        }
        try (TopologyTestDriver driver = SessionStoreContractTest.newDriver(config, baseDir, extra)) {
            SessionStore<String, String> store = driver.getSessionStore(SessionStoreContractTest.STORE);
            TestInputTopic<String, String> in = driver.createInputTopic(SessionStoreContractTest.INPUT, new StringSerializer(), new StringSerializer());
            Model model = new Model(config.kind(), config.caching());
            int step = 0;
            for (Op op : ops) {
                op.apply(store, in, model, "step " + step++ + " " + op + " on " + config);
            }
            String end = "after " + ops.size() + " operations on " + config + " with a cache of " + cacheBytes + " bytes";
            List<KeyValue<Windowed<String>, String>> content = model.find(null, null, e -> true);
            assertThat(SessionStoreContractTest.drain(store.fetch(null, null))).as(end).isEqualTo(content);
            in.pipeInput("script", "");
            if (config.logging()) {
                Model replay = new Model(config.kind(), false);
                for (KeyValue<byte[], byte[]> kv : driver.createOutputTopic(SessionStoreContractTest.CHANGELOG,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readKeyValuesToList()) {
                    ByteBuffer b = ByteBuffer.wrap(kv.key);
                    replay.put(new String(kv.key, 0, kv.key.length - 16, StandardCharsets.UTF_8), b.getLong(kv.key.length - 8),
                        b.getLong(kv.key.length - 16), kv.value == null ? null : new String(kv.value, StandardCharsets.UTF_8));
                }
                assertThat(replay.find(null, null, e -> true)).as(end + ": the changelog replays to the content").isEqualTo(content);
            }
        }
    }

    /** Sessions by store key [key][end][start], expiring by end, listed in the kind's order. */
    static final class Model {
        private final StoreKind kind;
        /**
         * Whether the store is cached: then, as in Kafka Streams, a search for one key's sessions also finds
         * sessions that have expired while still held in the cache, which the model does not predict.
         */
        private final boolean cached;
        private final TreeMap<Bytes, String> sessions = new TreeMap<>();
        private long streamTime = -1;

        Model(StoreKind kind, boolean cached) {
            this.kind = kind;
            this.cached = cached;
        }

        static Bytes storeKey(String key, long start, long end) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            return Bytes.wrap(ByteBuffer.allocate(k.length + 16).put(k).putLong(end).putLong(start).array());
        }

        long minLive() {
            return streamTime < 0 ? 0 : Math.max(0, streamTime - RETENTION + 1);
        }

        void put(String key, long start, long end, String value) {
            streamTime = Math.max(streamTime, end);
            if (end < minLive()) {
                return;
            }
            if (value == null) {
                sessions.remove(storeKey(key, start, end));
            } else {
                sessions.put(storeKey(key, start, end), value);
            }
        }

        String fetchSession(String key, long start, long end) {
            return end < minLive() ? null : sessions.get(storeKey(key, start, end));
        }

        private static long end(Bytes k) {
            return ByteBuffer.wrap(k.get()).getLong(k.get().length - 16);
        }

        private static long start(Bytes k) {
            return ByteBuffer.wrap(k.get()).getLong(k.get().length - 8);
        }

        private static Bytes key(Bytes k) {
            return Bytes.wrap(Arrays.copyOf(k.get(), k.get().length - 16));
        }

        /** Live sessions of keys in [keyFrom, keyTo] (null open) that {@code condition} accepts, in the kind's order. */
        List<KeyValue<Windowed<String>, String>> find(String keyFrom, String keyTo, Predicate<Bytes> condition) {
            List<Bytes> hits = new ArrayList<>();
            for (Bytes k : sessions.keySet()) {
                Bytes key = key(k);
                if ((keyFrom == null || key.compareTo(utf8(keyFrom)) >= 0) && (keyTo == null || key.compareTo(utf8(keyTo)) <= 0)
                    && end(k) >= minLive() && condition.test(k)) {
                    hits.add(k);
                }
            }
            hits.sort(kind == StoreKind.ROCKSDB
                ? Comparator.comparingLong((Bytes k) -> end(k) / SEGMENT).thenComparing(k -> k)
                : Comparator.comparingLong(Model::end).thenComparing(Model::key).thenComparingLong(Model::start));
            List<KeyValue<Windowed<String>, String>> out = new ArrayList<>();
            for (Bytes k : hits) {
                out.add(SessionStoreContractTest.kv(new String(key(k).get(), StandardCharsets.UTF_8), start(k), end(k), sessions.get(k)));
            }
            return out;
        }

        private static Bytes utf8(String s) {
            return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    sealed interface Op permits Put, ProcessorPut, FetchSession, Find, FindRange, EndScan {
        void apply(SessionStore<String, String> store, TestInputTopic<String, String> in, Model model, String where);
    }

    private static <T> List<T> maybeReversed(List<T> list, boolean forward) {
        List<T> copy = new ArrayList<>(list);
        if (!forward) {
            Collections.reverse(copy);
        }
        return copy;
    }

    record Put(String key, long end, long length, String value) implements Op {
        @Override
        public void apply(SessionStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            long start = Math.max(0, end - length);
            if (value == null) {
                store.remove(SessionStoreContractTest.s(key, start, end));
            } else {
                store.put(SessionStoreContractTest.s(key, start, end), value);
            }
            model.put(key, start, end, value);
        }
    }

    record ProcessorPut(String key, long end, long length, String value) implements Op {
        @Override
        public void apply(SessionStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            long start = Math.max(0, end - length);
            in.pipeInput("script", key + "@" + start + "-" + end + "=" + (value == null ? "∅" : value));
            model.put(key, start, end, value);
        }
    }

    record FetchSession(String key, long end, long length) implements Op {
        @Override
        public void apply(SessionStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            long start = Math.max(0, end - length);
            assertThat(store.fetchSession(key, start, end)).as(where).isEqualTo(model.fetchSession(key, start, end));
        }
    }

    record Find(String key, long earliestEnd, long latestStart, boolean forward) implements Op {
        @Override
        public void apply(SessionStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            List<KeyValue<Windowed<String>, String>> expected = maybeReversed(
                model.find(key, key, k -> Model.end(k) >= earliestEnd && Model.start(k) <= latestStart), forward);
            List<KeyValue<Windowed<String>, String>> found = SessionStoreContractTest.drain(forward
                ? store.findSessions(key, earliestEnd, latestStart) : store.backwardFindSessions(key, earliestEnd, latestStart));
            if (model.cached) {
                long minLive = model.minLive();
                found = found.stream().filter(e -> e.key.window().end() >= minLive).toList();
            }
            assertThat(found).as(where).isEqualTo(expected);
        }
    }

    record FindRange(String keyFrom, String keyTo, long earliestEnd, long latestStart, boolean forward) implements Op {
        @Override
        public void apply(SessionStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            List<KeyValue<Windowed<String>, String>> expected = maybeReversed(
                model.find(keyFrom, keyTo, k -> Model.end(k) >= earliestEnd && Model.start(k) <= latestStart), forward);
            assertThat(SessionStoreContractTest.drain(forward ? store.findSessions(keyFrom, keyTo, earliestEnd, latestStart)
                : store.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart))).as(where).isEqualTo(expected);
        }
    }

    record EndScan(long earliestEnd, long latestEnd) implements Op {
        @Override
        public void apply(SessionStore<String, String> store, TestInputTopic<String, String> in, Model model, String where) {
            assertThat(SessionStoreContractTest.drain(store.findSessions(earliestEnd, latestEnd))).as(where)
                .isEqualTo(model.find(null, null, k -> Model.end(k) >= earliestEnd && Model.end(k) <= latestEnd));
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<String> bound = key.injectNull(0.2);
        Arbitrary<Long> end = Arbitraries.of(ENDS);
        Arbitrary<Long> length = Arbitraries.of(LENGTHS);
        Arbitrary<String> value = Arbitraries.of("v0", "v1", "").injectNull(0.15);
        Arbitrary<Boolean> forward = Arbitraries.of(true, false);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
            Tuple.of(8, Combinators.combine(key, end, length, value).as(Put::new)),
            Tuple.of(4, Combinators.combine(key, end, length, value).as(ProcessorPut::new)),
            Tuple.of(3, Combinators.combine(key, end, length).as(FetchSession::new)),
            Tuple.of(3, Combinators.combine(key, end, end, forward).as(Find::new)),
            Tuple.of(3, Combinators.combine(bound, bound, end, end, forward).as(FindRange::new)),
            Tuple.of(2, Combinators.combine(end, end).as(EndScan::new)));
        return op.list().ofMinSize(5).ofMaxSize(50);
    }
}
