package dev.rill.streams.state;

import static dev.rill.streams.KeyValue.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key-value store contract, one body per behaviour, run against every store configuration:
 * {RocksDB, in-memory} x {caching on, off} x {logging on, off}. Each configuration is a real topology
 * in a {@link TopologyTestDriver}: the store is added with {@code StreamsBuilder.addStateStore}, connected
 * to a processor that executes small write scripts carried by piped records, and reached by the test
 * with {@code driver.getKeyValueStore}.
 *
 * <p>Script format (the value of a record piped to {@code in}): operations separated by {@code ';'};
 * {@code k=v} puts {@code v} at {@code k}, {@code k=∅} puts {@code null} at {@code k}, {@code -k}
 * deletes {@code k}, {@code dst<src} copies the value of {@code src} to {@code dst}; an empty script
 * writes nothing (but the driver still commits after it).
 *
 * <p>After every test that leaves the store open, cheap invariants are checked: {@code all()} is
 * strictly ascending in unsigned byte order, equals {@code range(null, null)} and {@code reverseAll()}
 * reversed, every entry is found by {@code get}, and an uncached in-memory store's count is exact.
 */
class KeyValueStoreContractTest {

    static final String APP_ID = "kv-contract";
    static final String STORE = "contract-store";
    static final String CHANGELOG = APP_ID + "-" + STORE + "-changelog";
    static final String INPUT = "in";
    static final String NULL_TOKEN = "∅";
    static final Instant WALL_START = Instant.ofEpochMilli(1_700_000_000_000L);

    /**
     * Keys in ascending order of their UTF-8 bytes compared unsigned. A signed comparison would put every
     * non-ASCII key first; Java's String order (UTF-16) would put the emoji before U+FFFD.
     */
    static final List<String> KEYS_IN_BYTE_ORDER = List.of(
        "A", "Z", "a", "z", "~", "\u007F", "\u0080", "é", "éa", "ÿ", "€", "\uFFFD", "😀");

    enum StoreKind { ROCKSDB, IN_MEMORY }

    /** One store configuration; its string form names the parameterized test invocation. */
    record StoreConfiguration(StoreKind kind, boolean caching, boolean logging) {

        static Stream<StoreConfiguration> all() {
            List<StoreConfiguration> all = new ArrayList<>();
            for (StoreKind kind : StoreKind.values()) {
                for (boolean caching : new boolean[] {true, false}) {
                    for (boolean logging : new boolean[] {true, false}) {
                        all.add(new StoreConfiguration(kind, caching, logging));
                    }
                }
            }
            return all.stream();
        }

        KeyValueBytesStoreSupplier supplier(String name) {
            return kind == StoreKind.ROCKSDB ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        }

        StoreBuilder<KeyValueStore<String, String>> builder(String name) {
            StoreBuilder<KeyValueStore<String, String>> b = Stores.keyValueStoreBuilder(supplier(name), Serdes.String(), Serdes.String());
            b = caching ? b.withCachingEnabled() : b.withCachingDisabled();
            b = logging ? b.withLoggingEnabled(Map.of()) : b.withLoggingDisabled();
            return b;
        }

        /** @return whether approximateNumEntries is documented to be exact (in-memory stores) */
        boolean exactCount() {
            return kind == StoreKind.IN_MEMORY;
        }

        @Override
        public String toString() {
            return (kind == StoreKind.ROCKSDB ? "rocksdb" : "in-memory")
                + (caching ? ", cached" : ", uncached")
                + (logging ? ", logged" : ", unlogged");
        }
    }

    /** Runs the annotated test once per store configuration. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dev.rill.streams.state.KeyValueStoreContractTest#configurations")
    @interface EveryConfiguration {
    }

    static Stream<StoreConfiguration> configurations() {
        return StoreConfiguration.all();
    }

    // ================================================================ shared fixture (also used by the properties)

    /**
     * @param config the store configuration
     * @param stateDir the state directory
     * @return a driver over "in" -> script processor writing {@value #STORE}
     */
    static TopologyTestDriver newDriver(StoreConfiguration config, Path stateDir) {
        return newDriver(config, stateDir, new Properties());
    }

    /**
     * @param config the store configuration
     * @param stateDir the state directory
     * @param extra further settings (e.g. the cache budget)
     * @return a driver over "in" -> script processor writing {@value #STORE}
     */
    static TopologyTestDriver newDriver(StoreConfiguration config, Path stateDir, Properties extra) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(config.builder(STORE));
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())).process(ScriptProcessor::new, STORE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(extra);
        return new TopologyTestDriver(builder.build(), props, WALL_START);
    }

    /** Executes the write script carried by each record's value against the store. */
    static final class ScriptProcessor implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String op : record.value().split(";", -1)) {
                if (op.isEmpty()) {
                    continue;
                }
                if (op.startsWith("-")) {
                    store.delete(op.substring(1));
                } else if (op.contains("<")) {
                    int i = op.indexOf('<');
                    store.put(op.substring(0, i), store.get(op.substring(i + 1)));
                } else {
                    int i = op.indexOf('=');
                    String value = op.substring(i + 1);
                    store.put(op.substring(0, i), NULL_TOKEN.equals(value) ? null : value);
                }
            }
        }
    }

    /**
     * Reads an iterator to the end, checking on every step that {@code peekNextKey} names the key
     * {@code next} then returns, and closes it.
     */
    static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> iterator) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                K peeked = iterator.peekNextKey();
                KeyValue<K, V> next = iterator.next();
                assertThat(next.key).as("peekNextKey() before next()").isEqualTo(peeked);
                out.add(next);
            }
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static <V> List<KeyValue<String, V>> reversed(List<KeyValue<String, V>> list) {
        List<KeyValue<String, V>> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    // ================================================================ per-test state

    @TempDir
    Path stateDir;

    private StoreConfiguration config;
    private TopologyTestDriver driver;
    private KeyValueStore<String, String> store;
    private TestInputTopic<String, String> in;
    private boolean closedByTest;

    private KeyValueStore<String, String> open(StoreConfiguration configuration) {
        return open(configuration, new Properties());
    }

    private KeyValueStore<String, String> open(StoreConfiguration configuration, Properties extra) {
        config = configuration;
        driver = newDriver(configuration, stateDir, extra);
        in = driver.createInputTopic(INPUT, new StringSerializer(), new StringSerializer());
        store = driver.getKeyValueStore(STORE);
        assertThat(store).as("driver.getKeyValueStore(%s)", STORE).isNotNull();
        return store;
    }

    /** Pipes one record whose script the processor executes (one record = one commit). */
    private void process(String script) {
        in.pipeInput("script", script);
    }

    private List<KeyValue<String, String>> changelog() {
        return driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer()).readKeyValuesToList();
    }

    /** @return the content a store rebuilt from these changelog records would have, ascending */
    static List<KeyValue<String, String>> replay(List<KeyValue<String, String>> log) {
        TreeMap<Bytes, KeyValue<String, String>> replay = new TreeMap<>();
        for (KeyValue<String, String> kv : log) {
            if (kv.value == null) {
                replay.remove(Bytes.wrap(utf8(kv.key)));
            } else {
                replay.put(Bytes.wrap(utf8(kv.key)), kv);
            }
        }
        return new ArrayList<>(replay.values());
    }

    private List<KeyValue<String, String>> all() {
        return drain(store.all());
    }

    @AfterEach
    void checkInvariantsAndClose() {
        if (driver == null) {
            return;
        }
        try {
            if (!closedByTest) {
                List<KeyValue<String, String>> all = drain(store.all());
                for (int i = 1; i < all.size(); i++) {
                    assertThat(Arrays.compareUnsigned(utf8(all.get(i - 1).key), utf8(all.get(i).key)))
                        .as("invariant: all() strictly ascending in unsigned byte order: %s", all).isNegative();
                }
                assertThat(reversed(drain(store.reverseAll()))).as("invariant: reverseAll() reversed equals all()").isEqualTo(all);
                assertThat(drain(store.range(null, null))).as("invariant: range(null, null) equals all()").isEqualTo(all);
                for (KeyValue<String, String> kv : all) {
                    assertThat(store.get(kv.key)).as("invariant: get(%s) agrees with all()", kv.key).isEqualTo(kv.value);
                }
                if (config.exactCount() && !config.caching()) {
                    assertThat(store.approximateNumEntries()).as("invariant: in-memory uncached approximateNumEntries() is exact").isEqualTo(all.size());
                } else {
                    assertThat(store.approximateNumEntries()).as("invariant: approximateNumEntries() >= 0").isGreaterThanOrEqualTo(0);
                }
            }
        } finally {
            driver.close();
        }
    }

    // ================================================================ point operations

    @EveryConfiguration
    void getReturnsNullForAnAbsentKeyAndTheValueAfterPut(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        assertThat(s.get("a")).isNull();
        s.put("a", "1");
        assertThat(s.get("a")).isEqualTo("1");
        assertThat(s.get("b")).isNull();
    }

    @EveryConfiguration
    void putOverwritesTheValueOfAnExistingKey(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        s.put("a", "1");
        s.put("a", "2");
        assertThat(s.get("a")).isEqualTo("2");
        process("a=3");
        s.put("a", "4");
        assertThat(s.get("a")).isEqualTo("4");
        assertThat(all()).containsExactly(pair("a", "4"));
    }

    @EveryConfiguration
    void deleteReturnsThePreviousValueAndRemovesTheKey(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        assertThat(s.delete("a")).as("delete of an absent key").isNull();
        s.put("a", "1");
        s.put("b", "2");
        assertThat(s.delete("a")).isEqualTo("1");
        assertThat(s.get("a")).isNull();
        assertThat(s.delete("a")).as("second delete").isNull();
        process("c=3");                       // committed: no longer only in a cache
        assertThat(s.delete("c")).isEqualTo("3");
        assertThat(s.get("c")).isNull();
        assertThat(all()).containsExactly(pair("b", "2"));
    }

    @EveryConfiguration
    void putWithNullValueDeletesTheKey(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        s.put("a", "1");
        s.put("b", "2");
        s.put("a", null);
        assertThat(s.get("a")).isNull();
        process("c=3");
        s.put("c", null);
        assertThat(s.get("c")).isNull();
        s.put("never", null);
        assertThat(s.get("never")).isNull();
        assertThat(all()).containsExactly(pair("b", "2"));
    }

    @EveryConfiguration
    void emptyKeyAndEmptyValueAreOrdinaryEntries(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        s.put("a", "");
        s.put("", "empty-key");
        assertThat(s.get("a")).as("an empty value is a value, not a deletion").isEqualTo("");
        assertThat(s.get("")).isEqualTo("empty-key");
        assertThat(all()).containsExactly(pair("", "empty-key"), pair("a", ""));
        process("b=");
        assertThat(s.get("b")).isEqualTo("");
        assertThat(all()).containsExactly(pair("", "empty-key"), pair("a", ""), pair("b", ""));
    }

    @EveryConfiguration
    void putIfAbsentStoresOnlyWhenAbsentAndReturnsTheExistingValue(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        assertThat(s.putIfAbsent("a", "1")).as("absent key: returns null").isNull();
        assertThat(s.get("a")).isEqualTo("1");
        assertThat(s.putIfAbsent("a", "2")).as("present key: returns the existing value").isEqualTo("1");
        assertThat(s.get("a")).as("present key: not overwritten").isEqualTo("1");

        process("b=committed");
        assertThat(s.putIfAbsent("b", "x")).isEqualTo("committed");
        assertThat(s.get("b")).isEqualTo("committed");

        s.delete("b");
        assertThat(s.putIfAbsent("b", "after-delete")).as("a deleted key is absent").isNull();
        assertThat(s.get("b")).isEqualTo("after-delete");
        assertThat(all()).containsExactly(pair("a", "1"), pair("b", "after-delete"));
    }

    @EveryConfiguration
    void putAllStoresEveryEntryInOrderSoTheLaterEntryForAKeyWins(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("d=4");
        s.putAll(List.of(pair("a", "1"), pair("b", "2"), pair("a", "3"), pair("c", "5"), pair("d", null)));
        assertThat(s.get("a")).isEqualTo("3");
        assertThat(s.get("d")).as("a null value in putAll deletes").isNull();
        assertThat(all()).containsExactly(pair("a", "3"), pair("b", "2"), pair("c", "5"));
        s.putAll(List.of());
        assertThat(all()).as("putAll of nothing changes nothing").containsExactly(pair("a", "3"), pair("b", "2"), pair("c", "5"));
        s.putAll(List.of(pair("e", "6"), pair("e", null)));
        assertThat(s.get("e")).as("put then delete in one putAll").isNull();
    }

    // ================================================================ scans

    private KeyValueStore<String, String> openWithABCDE(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("b=2;d=4");          // committed
        s.put("a", "1");             // direct writes: with caching, not yet flushed
        s.put("c", "3");
        s.put("e", "5");
        return s;
    }

    @EveryConfiguration
    void rangeIsInclusiveOnBothBoundsAndAscending(StoreConfiguration c) {
        KeyValueStore<String, String> s = openWithABCDE(c);
        assertThat(drain(s.range("b", "d"))).containsExactly(pair("b", "2"), pair("c", "3"), pair("d", "4"));
        assertThat(drain(s.range("c", "c"))).containsExactly(pair("c", "3"));
        assertThat(drain(s.range("bb", "dd"))).as("bounds that are not keys").containsExactly(pair("c", "3"), pair("d", "4"));
        assertThat(drain(s.range("a", "e"))).hasSize(5);
    }

    @EveryConfiguration
    void rangeWithANullBoundIsOpenOnThatSide(StoreConfiguration c) {
        KeyValueStore<String, String> s = openWithABCDE(c);
        assertThat(drain(s.range(null, "b"))).containsExactly(pair("a", "1"), pair("b", "2"));
        assertThat(drain(s.range("d", null))).containsExactly(pair("d", "4"), pair("e", "5"));
        assertThat(drain(s.range(null, null))).containsExactly(
            pair("a", "1"), pair("b", "2"), pair("c", "3"), pair("d", "4"), pair("e", "5"));
        assertThat(drain(s.reverseRange(null, "b"))).containsExactly(pair("b", "2"), pair("a", "1"));
        assertThat(drain(s.reverseRange("d", null))).containsExactly(pair("e", "5"), pair("d", "4"));
    }

    @EveryConfiguration
    void rangeWithFromAfterToIsEmpty(StoreConfiguration c) {
        KeyValueStore<String, String> s = openWithABCDE(c);
        assertThat(drain(s.range("d", "b"))).isEmpty();
        assertThat(drain(s.reverseRange("d", "b"))).isEmpty();
        assertThat(drain(s.range("é", "z"))).as("from after to in unsigned byte order").isEmpty();
        assertThat(drain(s.range("x", "y"))).as("no key in range").isEmpty();
    }

    @EveryConfiguration
    void reverseRangeReturnsTheInclusiveRangeDescending(StoreConfiguration c) {
        KeyValueStore<String, String> s = openWithABCDE(c);
        assertThat(drain(s.reverseRange("b", "d"))).containsExactly(pair("d", "4"), pair("c", "3"), pair("b", "2"));
        assertThat(drain(s.reverseRange("c", "c"))).containsExactly(pair("c", "3"));
        assertThat(drain(s.reverseRange("bb", "dd"))).containsExactly(pair("d", "4"), pair("c", "3"));
    }

    @EveryConfiguration
    void allIsAscendingAndReverseAllDescending(StoreConfiguration c) {
        KeyValueStore<String, String> s = openWithABCDE(c);
        List<KeyValue<String, String>> expected = List.of(pair("a", "1"), pair("b", "2"), pair("c", "3"), pair("d", "4"), pair("e", "5"));
        assertThat(drain(s.all())).isEqualTo(expected);
        assertThat(drain(s.reverseAll())).isEqualTo(reversed(expected));
    }

    @EveryConfiguration
    void scansOfAnEmptyStoreAreEmpty(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        assertThat(drain(s.all())).isEmpty();
        assertThat(drain(s.reverseAll())).isEmpty();
        assertThat(drain(s.range(null, null))).isEmpty();
        assertThat(drain(s.prefixScan("", new StringSerializer()))).isEmpty();
        s.put("a", "1");
        s.delete("a");
        assertThat(drain(s.all())).as("after put and delete").isEmpty();
        assertThat(drain(s.reverseAll())).as("after put and delete").isEmpty();
    }

    @EveryConfiguration
    void scansSeeWritesAndDeletesNotYetCommitted(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("a=1;b=2;c=3;d=4");  // committed
        s.delete("b");
        s.put("c", "C");
        s.put("bb", "new");
        s.put("e", "5");
        assertThat(s.get("b")).isNull();
        assertThat(drain(s.all())).containsExactly(pair("a", "1"), pair("bb", "new"), pair("c", "C"), pair("d", "4"), pair("e", "5"));
        assertThat(drain(s.reverseAll())).containsExactly(pair("e", "5"), pair("d", "4"), pair("c", "C"), pair("bb", "new"), pair("a", "1"));
        assertThat(drain(s.range("b", "d"))).containsExactly(pair("bb", "new"), pair("c", "C"), pair("d", "4"));
        assertThat(drain(s.reverseRange("b", "d"))).containsExactly(pair("d", "4"), pair("c", "C"), pair("bb", "new"));
        assertThat(drain(s.prefixScan("b", new StringSerializer()))).containsExactly(pair("bb", "new"));
    }

    @EveryConfiguration
    void prefixScanReturnsTheKeysStartingWithTheSerializedPrefixAscending(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("a=1;ab=2;abd=4;b=6");   // committed
        s.put("abc", "3");
        s.put("ac", "5");
        s.put("é", "7");
        s.put("éa", "8");
        s.put("ê", "9");
        StringSerializer ser = new StringSerializer();
        assertThat(drain(s.prefixScan("ab", ser))).containsExactly(pair("ab", "2"), pair("abc", "3"), pair("abd", "4"));
        assertThat(drain(s.prefixScan("a", ser))).containsExactly(
            pair("a", "1"), pair("ab", "2"), pair("abc", "3"), pair("abd", "4"), pair("ac", "5"));
        assertThat(drain(s.prefixScan("é", ser))).as("non-ASCII prefix").containsExactly(pair("é", "7"), pair("éa", "8"));
        assertThat(drain(s.prefixScan("abcd", ser))).as("prefix longer than every key").isEmpty();
        assertThat(drain(s.prefixScan("x", ser))).as("no match").isEmpty();
        assertThat(drain(s.prefixScan("", ser))).as("empty prefix matches every key").isEqualTo(all());
    }

    @EveryConfiguration
    void keysAreOrderedByTheirUtf8BytesComparedUnsigned(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        // self-check of the expectation
        List<String> sorted = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        sorted.sort((x, y) -> Arrays.compareUnsigned(utf8(x), utf8(y)));
        assertThat(sorted).isEqualTo(KEYS_IN_BYTE_ORDER);

        List<String> scrambled = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        Collections.shuffle(scrambled, new java.util.Random(42));
        int half = scrambled.size() / 2;
        for (String k : scrambled.subList(0, half)) {
            process(k + "=v" + KEYS_IN_BYTE_ORDER.indexOf(k));    // written by the processor, committed
        }
        for (String k : scrambled.subList(half, scrambled.size())) {
            s.put(k, "v" + KEYS_IN_BYTE_ORDER.indexOf(k));        // written directly
        }
        List<KeyValue<String, String>> expected = new ArrayList<>();
        for (int i = 0; i < KEYS_IN_BYTE_ORDER.size(); i++) {
            expected.add(pair(KEYS_IN_BYTE_ORDER.get(i), "v" + i));
        }
        assertThat(drain(s.all())).isEqualTo(expected);
        assertThat(drain(s.reverseAll())).isEqualTo(reversed(expected));
        assertThat(drain(s.range("z", "é")).stream().map(kv -> kv.key))
            .as("range across 0x7F/0x80").containsExactly("z", "~", "\u007F", "\u0080", "é");
        assertThat(drain(s.reverseRange("\uFFFD", "😀")).stream().map(kv -> kv.key))
            .as("U+FFFD sorts before U+1F600 in UTF-8 (not in UTF-16)").containsExactly("😀", "\uFFFD");
        assertThat(drain(s.range("😀", "\uFFFD"))).as("from after to in byte order").isEmpty();
    }

    @EveryConfiguration
    void approximateNumEntriesIsPlausibleAndExactInMemory(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        assertThat(s.approximateNumEntries()).isGreaterThanOrEqualTo(0);
        process("a=1;b=2;c=3;d=4");
        process("-d");
        process("a=11");
        if (c.exactCount()) {
            assertThat(s.approximateNumEntries()).as("in-memory, after commits").isEqualTo(3);
        } else {
            assertThat(s.approximateNumEntries()).isGreaterThanOrEqualTo(0);
        }
        if (c.exactCount() && !c.caching()) {
            s.put("e", "5");
            s.put("a", "111");
            s.delete("b");
            s.delete("zz");
            assertThat(s.approximateNumEntries()).as("in-memory uncached, direct writes").isEqualTo(3);
        }
    }

    // ================================================================ iterators

    @EveryConfiguration
    void iteratorsPeekWithoutMovingAndThrowWhenExhausted(StoreConfiguration c) {
        KeyValueStore<String, String> s = openWithABCDE(c);
        KeyValueIterator<String, String> escaped;
        try (KeyValueIterator<String, String> it = s.range("b", "c")) {
            escaped = it;
            assertThat(it.hasNext()).isTrue();
            assertThat(it.peekNextKey()).isEqualTo("b");
            assertThat(it.peekNextKey()).as("peek twice").isEqualTo("b");
            assertThat(it.next()).isEqualTo(pair("b", "2"));
            assertThat(it.peekNextKey()).isEqualTo("c");
            assertThat(it.next()).isEqualTo(pair("c", "3"));
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::peekNextKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
        escaped.close();   // a second close is safe

        try (KeyValueIterator<String, String> it = s.reverseAll()) {
            assertThat(it.peekNextKey()).isEqualTo("e");
            assertThat(it.next()).isEqualTo(pair("e", "5"));
        }   // closed before the end
        try (KeyValueIterator<String, String> it = s.range("x", "y")) {
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::peekNextKey).isInstanceOf(NoSuchElementException.class);
        }
        try (KeyValueIterator<String, String> it = s.prefixScan("d", new StringSerializer())) {
            assertThat(it.peekNextKey()).isEqualTo("d");
            assertThat(it.next()).isEqualTo(pair("d", "4"));
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    // ================================================================ the store in a topology

    @EveryConfiguration
    void processorWritesAreVisibleThroughTheDriverAfterPipeInput(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("a=1");
        assertThat(s.get("a")).isEqualTo("1");
        process("b=2;a=3");
        assertThat(s.get("a")).isEqualTo("3");
        assertThat(driver.<String, String>getKeyValueStore(STORE).get("b")).as("a fresh getKeyValueStore()").isEqualTo("2");
        process("-a");
        assertThat(s.get("a")).isNull();
        assertThat(all()).containsExactly(pair("b", "2"));
    }

    @EveryConfiguration
    void storePrePopulatedThroughTheDriverIsSeenByTheProcessor(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        s.put("src", "seed");
        process("dst<src");
        assertThat(s.get("dst")).isEqualTo("seed");
        s.delete("src");
        process("gone<src");
        assertThat(s.get("gone")).as("the processor sees the delete: copies null, which deletes").isNull();
        assertThat(all()).containsExactly(pair("dst", "seed"));
    }

    @EveryConfiguration
    void storeReportsItsNameAndWhetherItIsPersistent(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        assertThat(s.name()).isEqualTo(STORE);
        assertThat(s.persistent()).isEqualTo(c.kind() == StoreKind.ROCKSDB);
        assertThat(s.isOpen()).isTrue();
        assertThat(driver.getStateStore(STORE)).isNotNull();
        assertThat(driver.getStateStore(STORE).name()).isEqualTo(STORE);
    }

    // ================================================================ changelog

    @EveryConfiguration
    void changelogReceivesEveryChangeWhenLoggingIsOnAndDoesNotExistWhenOff(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        for (String script : List.of("a=1", "b=2", "a=3", "-b", "é=x", "c=1", "c=∅", "a=")) {
            process(script);
        }
        if (!c.logging()) {
            assertThat(driver.producedTopicNames()).as("no changelog without logging").doesNotContain(CHANGELOG)
                .noneMatch(t -> t.endsWith("-changelog"));
            return;
        }
        assertThat(driver.producedTopicNames()).contains(CHANGELOG);
        List<KeyValue<String, String>> log = changelog();
        assertThat(log).containsExactly(
            pair("a", "1"), pair("b", "2"), pair("a", "3"), pair("b", null), pair("é", "x"), pair("c", "1"), pair("c", null), pair("a", ""));
        assertThat(replay(log)).as("replaying the changelog rebuilds the store's content").isEqualTo(all());
        assertThat(s.get("a")).isEqualTo("");
    }

    @EveryConfiguration
    void twoUpdatesOfOneKeyInOneRecordAreLoggedOnceWithCachingAndTwiceWithout(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("k=v1;k=v2");
        assertThat(s.get("k")).isEqualTo("v2");
        if (!c.logging()) {
            assertThat(driver.producedTopicNames()).doesNotContain(CHANGELOG);
            return;
        }
        if (c.caching()) {
            assertThat(changelog()).as("only the latest value at the commit").containsExactly(pair("k", "v2"));
        } else {
            assertThat(changelog()).as("every change").containsExactly(pair("k", "v1"), pair("k", "v2"));
        }
        process("k=v3;-k");
        assertThat(s.get("k")).isNull();
        if (c.caching()) {
            assertThat(changelog()).as("put then delete of an existing key: the tombstone only").containsExactly(pair("k", null));
        } else {
            assertThat(changelog()).containsExactly(pair("k", "v3"), pair("k", null));
        }
    }

    @EveryConfiguration
    void updatesOfSeveralKeysInOneRecordLogTheLatestValueOfEachKey(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("x=1;y=1;x=2;y=2;x=3;z=1");
        assertThat(all()).containsExactly(pair("x", "3"), pair("y", "2"), pair("z", "1"));
        if (!c.logging()) {
            assertThat(driver.producedTopicNames()).doesNotContain(CHANGELOG);
            return;
        }
        List<KeyValue<String, String>> log = changelog();
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        log.forEach(kv -> byKey.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(kv.value));
        if (c.caching()) {
            assertThat(byKey).isEqualTo(Map.of("x", List.of("3"), "y", List.of("2"), "z", List.of("1")));
        } else {
            assertThat(log).containsExactly(pair("x", "1"), pair("y", "1"), pair("x", "2"), pair("y", "2"), pair("x", "3"), pair("z", "1"));
        }
    }

    @EveryConfiguration
    void changelogRecordsCarryTheTimestampOfTheRecordThatMadeTheChange(StoreConfiguration c) {
        open(c);
        in.pipeInput("script", "a=1", 5_000L);
        in.pipeInput("script", "b=2", 1_000L);       // out of order: behind stream time
        in.pipeInput("script", "a=3;-b", 7_000L);
        if (!c.logging()) {
            assertThat(driver.producedTopicNames()).doesNotContain(CHANGELOG);
            return;
        }
        List<String> records = driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer())
            .readRecordsToList().stream().map(r -> r.key() + "=" + r.value() + "@" + r.timestamp()).toList();
        assertThat(records).containsExactlyInAnyOrder("a=1@5000", "b=2@1000", "a=3@7000", "b=null@7000");
    }

    @EveryConfiguration
    void writesMadeThroughTheDriverAreLoggedByTheNextCommitAtTheLatest(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("x=0");
        s.put("a", "1");
        s.putAll(List.of(pair("b", "2"), pair("a", "11")));
        s.putIfAbsent("c", "3");
        s.putIfAbsent("b", "not-written");             // no change, so nothing to log
        s.delete("x");
        process("");                                   // commits, writes nothing
        if (!c.logging()) {
            assertThat(driver.producedTopicNames()).doesNotContain(CHANGELOG);
            return;
        }
        List<KeyValue<String, String>> log = changelog();
        assertThat(log).as("all changes since the start").startsWith(pair("x", "0"));
        assertThat(replay(log)).as("the changelog replays to the store's content").isEqualTo(all())
            .containsExactly(pair("a", "11"), pair("b", "2"), pair("c", "3"));
        if (c.caching()) {
            assertThat(log.subList(1, log.size())).as("one record per key at the commit")
                .containsExactlyInAnyOrder(pair("a", "11"), pair("b", "2"), pair("c", "3"), pair("x", null));
        } else {
            assertThat(log).containsExactly(
                pair("x", "0"), pair("a", "1"), pair("b", "2"), pair("a", "11"), pair("c", "3"), pair("x", null));
        }
    }

    @EveryConfiguration
    void aCacheTooSmallForTheWritesLosesNothing(StoreConfiguration c) {
        Properties tinyCache = new Properties();
        tinyCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1_000L);   // room for about 3 entries
        KeyValueStore<String, String> s = open(c, tinyCache);
        StringBuilder script = new StringBuilder();
        List<KeyValue<String, String>> expected = new ArrayList<>();
        for (int i = 10; i < 40; i++) {
            script.append("k").append(i).append("=old;");
        }
        for (int i = 10; i < 40; i++) {
            script.append(i % 3 == 0 ? "-k" + i : "k" + i + "=v" + i).append(';');
            if (i % 3 != 0) {
                expected.add(pair("k" + i, "v" + i));
            }
        }
        process(script.toString());
        for (int i = 40; i < 50; i++) {
            s.put("k" + i, "direct" + i);                 // direct writes, evicted as more arrive
            expected.add(pair("k" + i, "direct" + i));
        }
        assertThat(all()).isEqualTo(expected);
        assertThat(s.get("k12")).isNull();
        assertThat(s.get("k11")).isEqualTo("v11");
        assertThat(drain(s.range("k20", "k22"))).containsExactly(pair("k20", "v20"), pair("k22", "v22"));
        process("");
        if (c.logging()) {
            assertThat(replay(changelog())).as("the changelog replays to the store's content").isEqualTo(expected);
        }
    }

    @EveryConfiguration
    void writingWhileIteratingIsSafeAndTheIteratorStaysOrdered(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("b=1;d=2;f=3");
        s.put("h", "4");
        List<KeyValue<String, String>> before = all();
        List<KeyValue<String, String>> seen = new ArrayList<>();
        try (KeyValueIterator<String, String> it = s.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                seen.add(kv);
                s.delete(kv.key);                      // the entry just read
                s.put(kv.key + "x", "new");            // a key after it
                if (kv.key.equals("d")) {
                    process("z=9;-f");                 // a commit (cache flush) in the middle
                }
            }
        }
        for (int i = 1; i < seen.size(); i++) {
            assertThat(Arrays.compareUnsigned(utf8(seen.get(i - 1).key), utf8(seen.get(i).key)))
                .as("ascending, no repeats: %s", seen).isNegative();
        }
        assertThat(seen).as("entries present when the iterator was created and not deleted before it reached them")
            .contains(pair("b", "1"), pair("d", "2"));
        assertThat(seen).as("every entry seen existed at the start or was written during the iteration")
            .allMatch(kv -> before.contains(kv) || kv.value.equals("new") || kv.key.equals("z"));
        assertThat(s.get("b")).isNull();
        assertThat(s.get("bx")).isEqualTo("new");
        assertThat(s.get("z")).isEqualTo("9");
        assertThat(s.get("f")).isNull();
    }

    @EveryConfiguration
    void anIteratorLeftOpenWhenTheDriverClosesThrowsInvalidStateStoreException(StoreConfiguration c) {
        KeyValueStore<String, String> s = openWithABCDE(c);
        KeyValueIterator<String, String> untouched = s.all();
        KeyValueIterator<String, String> started = s.range("a", "e");
        assertThat(started.next()).isEqualTo(pair("a", "1"));
        driver.close();
        closedByTest = true;
        assertThatThrownBy(untouched::hasNext).as("hasNext() of an untouched iterator after close")
            .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining(STORE);
        assertThatThrownBy(started::next).as("next() of a started iterator after close")
            .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining(STORE);
        untouched.close();                              // closing after the store closed is safe
        started.close();
    }

    // ================================================================ misuse

    @EveryConfiguration
    void usingTheStoreAfterTheDriverClosesThrowsInvalidStateStoreExceptionNamingTheStore(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        process("a=1");
        s.put("b", "2");
        driver.close();
        closedByTest = true;
        assertThat(s.isOpen()).isFalse();
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("get", () -> s.get("a"));
        calls.put("put", () -> s.put("a", "2"));
        calls.put("putIfAbsent", () -> s.putIfAbsent("c", "3"));
        calls.put("putAll", () -> s.putAll(List.of(pair("c", "3"))));
        calls.put("delete", () -> s.delete("a"));
        calls.put("range", () -> s.range("a", "b").close());
        calls.put("reverseRange", () -> s.reverseRange("a", "b").close());
        calls.put("all", () -> s.all().close());
        calls.put("reverseAll", () -> s.reverseAll().close());
        calls.put("prefixScan", () -> s.prefixScan("a", new StringSerializer()).close());
        calls.put("approximateNumEntries", s::approximateNumEntries);
        calls.forEach((name, call) -> assertThatThrownBy(call).as(name + " on a closed store")
            .isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining(STORE));
    }

    @EveryConfiguration
    void aNullKeyThrowsNullPointerException(StoreConfiguration c) {
        KeyValueStore<String, String> s = open(c);
        s.put("a", "1");
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("get", () -> s.get(null));
        calls.put("put", () -> s.put(null, "v"));
        calls.put("put null value", () -> s.put(null, null));
        calls.put("putIfAbsent", () -> s.putIfAbsent(null, "v"));
        calls.put("delete", () -> s.delete(null));
        calls.put("putAll", () -> s.putAll(List.of(pair(null, "v"))));
        calls.forEach((name, call) -> assertThatThrownBy(call).as(name + "(null)").isInstanceOf(NullPointerException.class));
        assertThat(s.get("a")).isEqualTo("1");
    }

    // ================================================================ builder defaults (per kind)

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreKind.class)
    void buildersDefaultToLoggingOnAndCachingOff(StoreKind kind) {
        StoreConfiguration probe = new StoreConfiguration(kind, false, true);
        StoreBuilder<KeyValueStore<String, String>> b = Stores.keyValueStoreBuilder(probe.supplier(STORE), Serdes.String(), Serdes.String());
        assertThat(b.name()).isEqualTo(STORE);
        assertThat(b.loggingEnabled()).as("logging on by default").isTrue();
        assertThat(b.withLoggingDisabled().loggingEnabled()).isFalse();
        assertThat(b.withLoggingEnabled(Map.of("retention.ms", "1000")).logConfig()).containsEntry("retention.ms", "1000");

        // caching off by default: two updates in one record are both logged
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(probe.supplier(STORE), Serdes.String(), Serdes.String()));
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())).process(ScriptProcessor::new, STORE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver d = new TopologyTestDriver(builder.build(), props, WALL_START)) {
            d.createInputTopic(INPUT, new StringSerializer(), new StringSerializer()).pipeInput("script", "k=1;k=2");
            assertThat(d.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer()).readKeyValuesToList())
                .containsExactly(pair("k", "1"), pair("k", "2"));
        }
    }
}
