package dev.rill.streams.state;

import static dev.rill.streams.KeyValue.pair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.state.KeyValueStoreContractTest.StoreConfiguration;
import dev.rill.streams.state.KeyValueStoreContractTest.StoreKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
 * Model-based properties: a random sequence of store operations is applied to a key-value store reached
 * through a {@link TopologyTestDriver} (one driver per try) and to a {@code TreeMap<Bytes, String>} keyed
 * by UTF-8 bytes (which orders keys as the stores must: unsigned bytes). Every read must agree with the
 * model. One property per store configuration, so that each of the 8 gets the same number of tries.
 *
 * <p>Writes go to the store directly or, for {@link ProcessorWrite}, through a record the topology's
 * processor executes; the latter also commits, so cached stores flush between direct writes. Each try
 * also draws the task's cache budget (default, tiny, 0), so that evictions write through mid-sequence.
 * At the end, with logging on, replaying the changelog must give the model's content.
 */
class KeyValueStoreModelProperties {

    private static final int TRIES = 40;

    /**
     * Keys, including the empty key, ASCII around 0x7F and multi-byte UTF-8, and for each prefix in
     * {@link #PREFIXES} the first key after all its extensions ("b", "ac", "ê", "{"): where an
     * off-by-one upper bound of a prefix scan would show.
     */
    static final List<String> KEYS = List.of(
        "", "a", "ab", "abc", "ac", "b", "z", "{", "~", "\u007F", "\u0080", "é", "éa", "ê", "€", "\uFFFD", "😀");
    static final List<String> VALUES = List.of("v0", "v1", "v2", "");
    static final List<String> PREFIXES = List.of("", "a", "ab", "é", "€", "z", "q");

    private static Path baseDir;

    @BeforeContainer
    static void createBaseDir() throws IOException {
        baseDir = Files.createTempDirectory("kv-model-properties-");
    }

    @AfterContainer
    static void deleteBaseDir() throws IOException {
        if (baseDir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(baseDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ================================================================ one property per configuration

    @Property(tries = TRIES)
    void rocksDbCachedLoggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new StoreConfiguration(StoreKind.ROCKSDB, true, true), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbCachedUnloggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new StoreConfiguration(StoreKind.ROCKSDB, true, false), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbUncachedLoggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new StoreConfiguration(StoreKind.ROCKSDB, false, true), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void rocksDbUncachedUnloggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes, @ForAll("heapBudgets") long heapBytes) {
        check(new StoreConfiguration(StoreKind.ROCKSDB, false, false), cacheBytes, heapBytes, ops);
    }

    @Property(tries = TRIES)
    void inMemoryCachedLoggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new StoreConfiguration(StoreKind.IN_MEMORY, true, true), cacheBytes, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryCachedUnloggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new StoreConfiguration(StoreKind.IN_MEMORY, true, false), cacheBytes, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryUncachedLoggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new StoreConfiguration(StoreKind.IN_MEMORY, false, true), cacheBytes, -1, ops);
    }

    @Property(tries = TRIES)
    void inMemoryUncachedUnloggedAgreesWithTheModel(@ForAll("operations") List<Op> ops, @ForAll("cacheBudgets") long cacheBytes) {
        check(new StoreConfiguration(StoreKind.IN_MEMORY, false, false), cacheBytes, -1, ops);
    }

    // ================================================================ the check

    /**
     * The task's cache budget: the default (no eviction at this size), one that holds about 3 entries
     * (every few writes evict and write a store's dirty entries through) and 0 (caching disabled at
     * the task: every write goes through). Irrelevant to uncached stores.
     */
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

    private static void check(StoreConfiguration config, long cacheBytes, long heapBytes, List<Op> ops) {
        Properties extra = new Properties();
        extra.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        if (heapBytes >= 0) {
            extra.put(StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, heapBytes);
        }
        try (TopologyTestDriver driver = KeyValueStoreContractTest.newDriver(config, baseDir, extra)) {
            KeyValueStore<String, String> store = driver.getKeyValueStore(KeyValueStoreContractTest.STORE);
            TestInputTopic<String, String> in = driver.createInputTopic(KeyValueStoreContractTest.INPUT, new StringSerializer(), new StringSerializer());
            Model model = new Model();
            int step = 0;
            for (Op op : ops) {
                op.apply(store, in, model, config, "step " + step + " " + op + " on " + config);
                step++;
            }
            String end = "after all " + ops.size() + " operations on " + config + " with a cache of " + cacheBytes + " bytes";
            assertThat(KeyValueStoreContractTest.drain(store.all())).as(end + ": all()").isEqualTo(model.range(null, null));
            assertThat(KeyValueStoreContractTest.drain(store.reverseAll())).as(end + ": reverseAll()").isEqualTo(reverse(model.range(null, null)));
            for (String k : KEYS) {
                assertThat(store.get(k)).as(end + ": get(%s)", k).isEqualTo(model.get(k));
            }
            in.pipeInput("script", "");   // a commit: cached writes reach the changelog
            String changelog = KeyValueStoreContractTest.CHANGELOG;
            if (config.logging()) {
                List<KeyValue<String, String>> log = driver.createOutputTopic(changelog, new StringDeserializer(), new StringDeserializer())
                    .readKeyValuesToList();
                assertThat(KeyValueStoreContractTest.replay(log)).as(end + ": the changelog replays to the content").isEqualTo(model.range(null, null));
            } else {
                assertThat(driver.producedTopicNames()).as(end + ": no changelog").doesNotContain(changelog);
            }
        }
    }

    private static <T> List<T> reverse(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    /** The reference: a sorted map keyed by UTF-8 bytes (Bytes compares unsigned). */
    static final class Model {
        private final TreeMap<Bytes, String> map = new TreeMap<>();

        static Bytes bytes(String key) {
            return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
        }

        static String string(Bytes key) {
            return new String(key.get(), StandardCharsets.UTF_8);
        }

        String get(String key) {
            return map.get(bytes(key));
        }

        String put(String key, String value) {
            return value == null ? map.remove(bytes(key)) : map.put(bytes(key), value);
        }

        int size() {
            return map.size();
        }

        List<KeyValue<String, String>> range(String from, String to) {
            NavigableMap<Bytes, String> view;
            if (from == null && to == null) {
                view = map;
            } else if (from == null) {
                view = map.headMap(bytes(to), true);
            } else if (to == null) {
                view = map.tailMap(bytes(from), true);
            } else if (bytes(from).compareTo(bytes(to)) > 0) {
                return List.of();
            } else {
                view = map.subMap(bytes(from), true, bytes(to), true);
            }
            return view.entrySet().stream().map(e -> pair(string(e.getKey()), e.getValue())).collect(Collectors.toList());
        }

        List<KeyValue<String, String>> prefix(String prefix) {
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            List<KeyValue<String, String>> out = new ArrayList<>();
            for (Map.Entry<Bytes, String> e : map.entrySet()) {
                byte[] k = e.getKey().get();
                if (k.length >= p.length && java.util.Arrays.equals(k, 0, p.length, p, 0, p.length)) {
                    out.add(pair(string(e.getKey()), e.getValue()));
                }
            }
            return out;
        }
    }

    // ================================================================ operations

    /** One step of a generated sequence: applies itself to the store and the model and checks reads. */
    sealed interface Op permits Put, Delete, PutIfAbsent, PutAll, ProcessorWrite, Get, Range, ReverseRange, PrefixScan, All, Count {
        void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where);
    }

    record Put(String key, String value) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            store.put(key, value);
            model.put(key, value);
        }

        @Override
        public String toString() {
            return "put(" + q(key) + ", " + q(value) + ")";
        }
    }

    record Delete(String key) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            String expected = model.put(key, null);
            assertThat(store.delete(key)).as(where + ": returned value").isEqualTo(expected);
        }

        @Override
        public String toString() {
            return "delete(" + q(key) + ")";
        }
    }

    record PutIfAbsent(String key, String value) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            String existing = model.get(key);
            if (existing == null) {
                model.put(key, value);     // a null value writes nothing
            }
            assertThat(store.putIfAbsent(key, value)).as(where + ": returned value").isEqualTo(existing);
        }

        @Override
        public String toString() {
            return "putIfAbsent(" + q(key) + ", " + q(value) + ")";
        }
    }

    record PutAll(List<KeyValue<String, String>> entries) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            store.putAll(entries);
            entries.forEach(kv -> model.put(kv.key, kv.value));
        }

        @Override
        public String toString() {
            return "putAll(" + entries.stream().map(kv -> q(kv.key) + "=" + q(kv.value)).collect(Collectors.joining(", ", "[", "]")) + ")";
        }
    }

    /** A put (or, for a null value, a delete) made by the processor from a piped record; the driver then commits. */
    record ProcessorWrite(String key, String value) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            in.pipeInput("script", value == null ? "-" + key : key + "=" + value);
            model.put(key, value);
        }

        @Override
        public String toString() {
            return "processor " + (value == null ? "delete(" + q(key) + ")" : "put(" + q(key) + ", " + q(value) + ")") + " + commit";
        }
    }

    record Get(String key) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            assertThat(store.get(key)).as(where).isEqualTo(model.get(key));
        }

        @Override
        public String toString() {
            return "get(" + q(key) + ")";
        }
    }

    record Range(String from, String to) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            assertThat(KeyValueStoreContractTest.drain(store.range(from, to))).as(where).isEqualTo(model.range(from, to));
        }

        @Override
        public String toString() {
            return "range(" + q(from) + ", " + q(to) + ")";
        }
    }

    record ReverseRange(String from, String to) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            assertThat(KeyValueStoreContractTest.drain(store.reverseRange(from, to))).as(where).isEqualTo(reverse(model.range(from, to)));
        }

        @Override
        public String toString() {
            return "reverseRange(" + q(from) + ", " + q(to) + ")";
        }
    }

    record PrefixScan(String prefix) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            assertThat(KeyValueStoreContractTest.drain(store.prefixScan(prefix, new StringSerializer()))).as(where).isEqualTo(model.prefix(prefix));
        }

        @Override
        public String toString() {
            return "prefixScan(" + q(prefix) + ")";
        }
    }

    record All(boolean descending) implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            List<KeyValue<String, String>> expected = model.range(null, null);
            if (descending) {
                assertThat(KeyValueStoreContractTest.drain(store.reverseAll())).as(where).isEqualTo(reverse(expected));
            } else {
                assertThat(KeyValueStoreContractTest.drain(store.all())).as(where).isEqualTo(expected);
            }
        }

        @Override
        public String toString() {
            return descending ? "reverseAll()" : "all()";
        }
    }

    /** approximateNumEntries: exact for an in-memory store without a cache, at least 0 otherwise. */
    record Count() implements Op {
        @Override
        public void apply(KeyValueStore<String, String> store, TestInputTopic<String, String> in, Model model, StoreConfiguration config, String where) {
            long n = store.approximateNumEntries();
            if (config.exactCount() && !config.caching()) {
                assertThat(n).as(where).isEqualTo(model.size());
            } else {
                assertThat(n).as(where).isGreaterThanOrEqualTo(0);
            }
        }

        @Override
        public String toString() {
            return "approximateNumEntries()";
        }
    }

    private static String q(String s) {
        return s == null ? "null" : '"' + s + '"';
    }

    // ================================================================ generators

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<String> value = Arbitraries.of(VALUES);
        Arbitrary<String> valueOrNull = value.injectNull(0.2);
        Arbitrary<String> bound = key.injectNull(0.2);
        Arbitrary<KeyValue<String, String>> entry = Combinators.combine(key, valueOrNull).as(KeyValue::pair);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
            Tuple.of(8, Combinators.combine(key, valueOrNull).as(Put::new)),
            Tuple.of(3, key.map(Delete::new)),
            Tuple.of(3, Combinators.combine(key, value.injectNull(0.1)).as(PutIfAbsent::new)),
            Tuple.of(2, entry.list().ofMaxSize(4).map(PutAll::new)),
            Tuple.of(4, Combinators.combine(key, valueOrNull).as(ProcessorWrite::new)),
            Tuple.of(3, key.map(Get::new)),
            Tuple.of(3, Combinators.combine(bound, bound).as(Range::new)),
            Tuple.of(2, Combinators.combine(bound, bound).as(ReverseRange::new)),
            Tuple.of(2, Arbitraries.of(PREFIXES).map(PrefixScan::new)),
            Tuple.of(2, Arbitraries.of(true, false).map(All::new)),
            Tuple.of(1, Arbitraries.just(new Count())));
        return op.list().ofMinSize(5).ofMaxSize(60);
    }
}
