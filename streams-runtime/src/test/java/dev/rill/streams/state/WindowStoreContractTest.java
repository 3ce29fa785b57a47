package dev.rill.streams.state;

import static dev.rill.streams.KeyValue.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.ByteArrayDeserializer;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.internal.TimeWindow;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.test.TestRecord;
import dev.rill.streams.state.KeyValueStoreContractTest.StoreKind;
import dev.rill.streams.state.internal.ExpiringStore;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window store contract, one body per behaviour, run against every store configuration:
 * {RocksDB, in-memory} x {caching on, off} x {logging on, off}, each in a real topology in a
 * {@link TopologyTestDriver}, reached with {@code driver.getWindowStore}. A processor executes write
 * scripts carried by piped records: operations separated by {@code ';'}, {@code k@t=v} puts {@code v} in
 * the window of {@code k} starting at {@code t}, {@code k@t=∅} puts {@code null}.
 *
 * <p>The store keeps 120 s (segments of 60 s for RocksDB) of 10 s windows. After every test that leaves
 * the store open: {@code all()} equals {@code fetchAll(0, MAX)} and {@code backwardAll()} reversed, and
 * every entry is found by {@code fetch(key, start)}.
 */
class WindowStoreContractTest {
    static final String APP_ID = "window-contract";
    static final String STORE = "window-store";
    static final String CHANGELOG = APP_ID + "-" + STORE + "-changelog";
    static final String INPUT = "in";
    static final String NULL_TOKEN = "∅";
    static final Duration RETENTION = Duration.ofSeconds(120);
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final long SEGMENT = 60_000L;

    /** One store configuration; its string form names the parameterized test invocation. */
    record WindowConfiguration(StoreKind kind, boolean caching, boolean logging) {
        static Stream<WindowConfiguration> all() {
            List<WindowConfiguration> all = new ArrayList<>();
            for (StoreKind kind : StoreKind.values()) {
                for (boolean caching : new boolean[] {true, false}) {
                    for (boolean logging : new boolean[] {true, false}) {
                        all.add(new WindowConfiguration(kind, caching, logging));
                    }
                }
            }
            return all.stream();
        }

        WindowBytesStoreSupplier supplier(String name, boolean retainDuplicates) {
            return kind == StoreKind.ROCKSDB
                ? Stores.persistentWindowStore(name, RETENTION, WINDOW, retainDuplicates)
                : Stores.inMemoryWindowStore(name, RETENTION, WINDOW, retainDuplicates);
        }

        <T extends dev.rill.streams.processor.StateStore> StoreBuilder<T> configure(StoreBuilder<T> b) {
            b = caching ? b.withCachingEnabled() : b.withCachingDisabled();
            return logging ? b.withLoggingEnabled(Map.of()) : b.withLoggingDisabled();
        }

        @Override
        public String toString() {
            return (kind == StoreKind.ROCKSDB ? "rocksdb" : "in-memory") + (caching ? ", cached" : ", uncached")
                + (logging ? ", logged" : ", unlogged");
        }
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dev.rill.streams.state.WindowStoreContractTest#configurations")
    @interface EveryConfiguration {
    }

    static Stream<WindowConfiguration> configurations() {
        return WindowConfiguration.all();
    }

    static TopologyTestDriver newDriver(WindowConfiguration config, Path stateDir, boolean retainDuplicates, Properties extra) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(config.configure(
            Stores.windowStoreBuilder(config.supplier(STORE, retainDuplicates), Serdes.String(), Serdes.String())));
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())).process(ScriptProcessor::new, STORE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(extra);
        return new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0));
    }

    /** Executes the write script carried by each record's value against the window store. */
    static final class ScriptProcessor implements Processor<String, String, Void, Void> {
        private WindowStore<String, String> store;

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
                int at = op.indexOf('@');
                int eq = op.indexOf('=');
                String value = op.substring(eq + 1);
                store.put(op.substring(0, at), NULL_TOKEN.equals(value) ? null : value, Long.parseLong(op.substring(at + 1, eq)));
            }
        }
    }

    static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> iterator) {
        return KeyValueStoreContractTest.drain(iterator);
    }

    static KeyValue<Windowed<String>, String> w(String key, long start, String value) {
        return pair(new Windowed<>(key, new TimeWindow(start, start + WINDOW.toMillis())), value);
    }

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private WindowStore<String, String> store;
    private TestInputTopic<String, String> in;
    private boolean closedByTest;
    private boolean duplicates;

    private WindowStore<String, String> open(WindowConfiguration c) {
        return open(c, false);
    }

    private WindowStore<String, String> open(WindowConfiguration c, boolean retainDuplicates) {
        duplicates = retainDuplicates;
        driver = newDriver(c, stateDir, retainDuplicates, new Properties());
        in = driver.createInputTopic(INPUT, new StringSerializer(), new StringSerializer());
        store = driver.getWindowStore(STORE);
        assertThat(store).isNotNull();
        return store;
    }

    private void process(String script) {
        in.pipeInput("script", script);
    }

    @AfterEach
    void checkInvariantsAndClose() {
        if (driver == null) {
            return;
        }
        try {
            if (!closedByTest) {
                List<KeyValue<Windowed<String>, String>> all = drain(store.all());
                assertThat(drain(store.fetchAll(0, Long.MAX_VALUE))).as("invariant: fetchAll(0, MAX) equals all()").isEqualTo(all);
                List<KeyValue<Windowed<String>, String>> backward = new ArrayList<>(drain(store.backwardAll()));
                Collections.reverse(backward);
                assertThat(backward).as("invariant: backwardAll() reversed equals all()").isEqualTo(all);
                for (KeyValue<Windowed<String>, String> kv : duplicates ? List.<KeyValue<Windowed<String>, String>>of() : all) {
                    assertThat(store.fetch(kv.key.key(), kv.key.window().start())).as("invariant: fetch(%s)", kv.key).isEqualTo(kv.value);
                }
            }
        } finally {
            driver.close();
        }
    }

    // ================================================================ point and key fetches

    @EveryConfiguration
    void fetchReturnsTheValueOfExactlyThatWindowAndNullOtherwise(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        s.put("a", "1", 0);
        s.put("a", "2", 10_000);
        process("b@0=3");
        assertThat(s.fetch("a", 0)).isEqualTo("1");
        assertThat(s.fetch("a", 10_000)).isEqualTo("2");
        assertThat(s.fetch("a", 5_000)).as("no window starts there").isNull();
        assertThat(s.fetch("b", 0)).isEqualTo("3");
        assertThat(s.fetch("c", 0)).isNull();
        s.put("a", "1b", 0);
        assertThat(s.fetch("a", 0)).as("a put overwrites").isEqualTo("1b");
        s.put("a", null, 10_000);
        process("b@0=∅");
        assertThat(s.fetch("a", 10_000)).as("a null put deletes").isNull();
        assertThat(s.fetch("b", 0)).isNull();
    }

    @EveryConfiguration
    void fetchOfOneKeyIsByStartAscendingWithInclusiveBoundsAndBackwardIsDescending(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        process("k@70000=d;k@0=a;other@10000=x");
        s.put("k", "b", 10_000);
        s.put("k", "c", 60_000);
        try (WindowStoreIterator<String> it = s.fetch("k", 0, 70_000)) {
            assertThat(it.peekNextKey()).isEqualTo(0L);
            List<KeyValue<Long, String>> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            assertThat(all).containsExactly(pair(0L, "a"), pair(10_000L, "b"), pair(60_000L, "c"), pair(70_000L, "d"));
        }
        assertThat(drain(s.fetch("k", 10_000, 60_000))).as("both bounds inclusive").containsExactly(pair(10_000L, "b"), pair(60_000L, "c"));
        assertThat(drain(s.fetch("k", Instant.ofEpochMilli(1), Instant.ofEpochMilli(59_999)))).containsExactly(pair(10_000L, "b"));
        assertThat(drain(s.backwardFetch("k", 0, 70_000)))
            .containsExactly(pair(70_000L, "d"), pair(60_000L, "c"), pair(10_000L, "b"), pair(0L, "a"));
        assertThat(drain(s.backwardFetch("k", Instant.ofEpochMilli(0), Instant.ofEpochMilli(10_000))))
            .containsExactly(pair(10_000L, "b"), pair(0L, "a"));
        assertThat(drain(s.fetch("k", 70_001, 70_000))).as("from after to").isEmpty();
        assertThat(drain(s.fetch("absent", 0, Long.MAX_VALUE))).isEmpty();
    }

    // ================================================================ range fetches

    @EveryConfiguration
    void rangeFetchesFollowTheStoreKindsOrderAndBackwardIsTheExactReverse(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        // Two segments of RocksDB: [0, 60000) and [60000, 120000).
        process("b@0=b0;a@10000=a10;b@70000=b70;a@60000=a60;c@0=c0");
        s.put("a", "a0", 0);
        List<KeyValue<Windowed<String>, String>> expected = c.kind() == StoreKind.ROCKSDB
            // by segment, then key bytes, then start
            ? List.of(w("a", 0, "a0"), w("a", 10_000, "a10"), w("b", 0, "b0"), w("a", 60_000, "a60"), w("b", 70_000, "b70"))
            // by start, then key
            : List.of(w("a", 0, "a0"), w("b", 0, "b0"), w("a", 10_000, "a10"), w("a", 60_000, "a60"), w("b", 70_000, "b70"));
        assertThat(drain(s.fetch("a", "b", 0, 70_000))).isEqualTo(expected);
        List<KeyValue<Windowed<String>, String>> reverse = new ArrayList<>(expected);
        Collections.reverse(reverse);
        assertThat(drain(s.backwardFetch("a", "b", 0, 70_000))).isEqualTo(reverse);
        assertThat(drain(s.fetch("a", "b", Instant.ofEpochMilli(0), Instant.ofEpochMilli(70_000)))).isEqualTo(expected);
        assertThat(drain(s.fetch(null, "a", 0, 10_000))).as("open lower key bound")
            .containsExactly(w("a", 0, "a0"), w("a", 10_000, "a10"));
        assertThat(drain(s.fetch("c", null, 0, 70_000))).as("open upper key bound").containsExactly(w("c", 0, "c0"));
        assertThat(drain(s.fetch("b", "a", 0, 70_000))).as("keyFrom after keyTo").isEmpty();
        assertThat(drain(s.fetchAll(10_000, 60_000))).as("fetchAll bounds inclusive")
            .containsExactly(w("a", 10_000, "a10"), w("a", 60_000, "a60"));
        List<KeyValue<Windowed<String>, String>> all = drain(s.all());
        assertThat(all).hasSize(6);
        assertThat(all.get(0).key.window()).as("windows span the window size").isEqualTo(new TimeWindow(0, 10_000));
    }

    @EveryConfiguration
    void keysAreComparedAsUnsignedBytesInRanges(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        for (String k : List.of("a", "ab", "é", "z", "~", "\u0080")) {
            s.put(k, k, 0);
        }
        assertThat(drain(s.fetch("a", "z", 0, 0)).stream().map(kv -> kv.key.key()).toList()).containsExactly("a", "ab", "z");
        assertThat(drain(s.fetch("~", "é", 0, 0)).stream().map(kv -> kv.key.key()).toList()).containsExactly("~", "\u0080", "é");
    }

    // ================================================================ expiry

    @EveryConfiguration
    void windowsExpireByStreamTimeAndLatePutsAreDroppedAndCounted(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        process("k@0=old;k@10000=kept;j@0=old");
        // Stream time 190 s: reads hide windows starting at or before 70 s; writes are dropped by whole
        // expired segments (RocksDB: 60 s segments, so starts before 60 s), exactly (in memory).
        process("k@190000=new");
        assertThat(s.fetch("k", 0)).as("expired window").isNull();
        assertThat(s.fetch("k", 10_000)).as("10000 <= 190000 - 120000: expired").isNull();
        assertThat(drain(s.fetch("k", 0, Long.MAX_VALUE))).containsExactly(pair(190_000L, "new"));
        assertThat(drain(s.fetchAll(0, Long.MAX_VALUE))).containsExactly(w("k", 190_000, "new"));
        long droppedBefore = ((ExpiringStore) s).droppedExpiredRecords();
        process("k@10000=late");
        s.put("k", "late", 5_000);
        assertThat(((ExpiringStore) s).droppedExpiredRecords()).as("two late puts dropped").isEqualTo(droppedBefore + 2);
        assertThat(s.fetch("k", 10_000)).isNull();
        s.put("k", "edge", 70_001);
        assertThat(s.fetch("k", 70_001)).as("70001 > 190000 - 120000: live").isEqualTo("edge");
        process("");
        if (c.logging()) {
            List<KeyValue<byte[], byte[]>> log = driver.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readKeyValuesToList();
            assertThat(log).as("dropped puts are not logged").noneMatch(kv -> kv.value != null && new String(kv.value, StandardCharsets.UTF_8).equals("late"));
        }
    }

    // ================================================================ changelog

    @EveryConfiguration
    void changelogKeysAreKeyStartAndSequenceNumberAndCachingLogsTheLatestValueOnly(WindowConfiguration c) {
        open(c);
        process("k@10000=v1;k@10000=v2;j@0=x");
        if (!c.logging()) {
            assertThat(driver.producedTopicNames()).doesNotContain(CHANGELOG);
            return;
        }
        List<String> log = new ArrayList<>();
        driver.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new StringDeserializer()).readKeyValuesToList()
            .forEach(kv -> log.add(decodeWindowKey(kv.key) + "=" + kv.value));
        if (c.caching()) {
            assertThat(log).containsExactlyInAnyOrder("k@10000#0=v2", "j@0#0=x");
        } else {
            assertThat(log).containsExactly("k@10000#0=v1", "k@10000#0=v2", "j@0#0=x");
        }
    }

    /** @return {@code key@start#seq} of a changelog key {@code [key][start 8][seq 4]} */
    static String decodeWindowKey(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        String k = new String(key, 0, key.length - 12, StandardCharsets.UTF_8);
        return k + "@" + b.getLong(key.length - 12) + "#" + b.getInt(key.length - 4);
    }

    @EveryConfiguration
    void retainDuplicatesKeepsEveryPutInPutOrder(WindowConfiguration c) {
        WindowStore<String, String> s = open(c, true);
        process("k@0=a;k@0=b");
        s.put("k", "c", 0);
        s.put("k", null, 0);                            // nothing to delete: every put is its own entry
        assertThat(drain(s.fetch("k", 0, 0))).containsExactly(pair(0L, "a"), pair(0L, "b"), pair(0L, "c"));
        if (c.logging()) {
            process("");
            List<String> log = new ArrayList<>();
            driver.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new StringDeserializer()).readKeyValuesToList()
                .forEach(kv -> log.add(decodeWindowKey(kv.key) + "=" + kv.value));
            assertThat(log).containsExactly("k@0#1=a", "k@0#2=b", "k@0#3=c");
        }
    }

    // ================================================================ in the topology

    @EveryConfiguration
    void processorAndTestSeeEachOthersWrites(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        s.put("seed", "s", 0);
        process("k@0=1");
        assertThat(s.fetch("k", 0)).isEqualTo("1");
        assertThat(driver.<String, String>getWindowStore(STORE).fetch("seed", 0)).isEqualTo("s");
        assertThat(driver.getAllStateStores()).containsKey(STORE);
        assertThat(s.persistent()).isEqualTo(c.kind() == StoreKind.ROCKSDB);
        assertThat(s.name()).isEqualTo(STORE);
    }

    // ================================================================ misuse

    @EveryConfiguration
    void usingTheStoreAfterTheDriverClosesThrowsInvalidStateStoreExceptionNamingTheStore(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        process("a@0=1");
        KeyValueIterator<Windowed<String>, String> open = s.all();
        driver.close();
        closedByTest = true;
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("put", () -> s.put("a", "2", 0));
        calls.put("fetch", () -> s.fetch("a", 0));
        calls.put("fetch range", () -> s.fetch("a", 0, 10).close());
        calls.put("fetch keys", () -> s.fetch("a", "b", 0, 10).close());
        calls.put("backwardFetch", () -> s.backwardFetch("a", 0, 10).close());
        calls.put("all", () -> s.all().close());
        calls.put("backwardAll", () -> s.backwardAll().close());
        calls.put("fetchAll", () -> s.fetchAll(0, 10).close());
        calls.put("open iterator", open::hasNext);
        calls.forEach((name, call) -> assertThatThrownBy(call).as(name + " on a closed store")
            .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining(STORE));
        open.close();
    }

    @EveryConfiguration
    void aNullKeyOrNegativeStartIsRejectedAndChangesNothing(WindowConfiguration c) {
        WindowStore<String, String> s = open(c);
        s.put("a", "1", 0);
        assertThatThrownBy(() -> s.put(null, "v", 0)).isInstanceOf(NullPointerException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> s.fetch(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.fetch(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.backwardFetch(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.fetch("a", null, Instant.EPOCH)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.put("a", "v", -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(STORE);
        assertThat(drain(s.all())).containsExactly(w("a", 0, "1"));
    }

    // ================================================================ factory validation and timestamped stores

    @Test
    void retentionShorterThanTheWindowSizeOrNegativeDurationsAreRejected() {
        assertThatThrownBy(() -> Stores.persistentWindowStore("w", Duration.ofSeconds(1), Duration.ofSeconds(2), false))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w'").hasMessageContaining("window size");
        assertThatThrownBy(() -> Stores.inMemoryWindowStore("w", Duration.ofSeconds(1), Duration.ofSeconds(2), false))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stores.persistentWindowStore("w", Duration.ofSeconds(-1), Duration.ZERO, false))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionPeriod");
        assertThatThrownBy(() -> Stores.persistentWindowStore(null, Duration.ofSeconds(1), Duration.ZERO, false))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Stores.windowStoreBuilder(null, Serdes.String(), Serdes.String())).isInstanceOf(NullPointerException.class);
        WindowBytesStoreSupplier s = Stores.persistentWindowStore("w", Duration.ofMinutes(10), Duration.ofMinutes(1), true);
        assertThat(s.segmentIntervalMs()).as("max(retention / 2, 60 s)").isEqualTo(300_000L);
        assertThat(Stores.persistentWindowStore("w", Duration.ofSeconds(10), Duration.ofSeconds(1), false).segmentIntervalMs()).isEqualTo(60_000L);
        assertThat(s.retentionPeriod()).isEqualTo(600_000L);
        assertThat(s.windowSize()).isEqualTo(60_000L);
        assertThat(s.retainDuplicates()).isTrue();
        StoreBuilder<WindowStore<String, String>> b = Stores.windowStoreBuilder(s, Serdes.String(), Serdes.String());
        assertThat(b.loggingEnabled()).as("logging on by default").isTrue();
        assertThat(b.name()).isEqualTo("w");
    }

    @ParameterizedTest
    @MethodSource("dev.rill.streams.state.WindowStoreContractTest#configurations")
    void timestampedStoreKeepsTimestampsLogsThemAsRecordTimestampsAndTheDriverOffersAPlainView(WindowConfiguration c) {
        WindowBytesStoreSupplier supplier = c.kind() == StoreKind.ROCKSDB
            ? Stores.persistentTimestampedWindowStore(STORE, RETENTION, WINDOW, false)
            : Stores.inMemoryWindowStore(STORE, RETENTION, WINDOW, false);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(c.configure(Stores.timestampedWindowStoreBuilder(supplier, Serdes.String(), Serdes.String())));
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())).process(() -> new Processor<String, String, Void, Void>() {
            private TimestampedWindowStore<String, String> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, String> record) {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()), 0);
            }
        }, STORE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver d = new TopologyTestDriver(builder.build(), props, Instant.EPOCH)) {
            d.createInputTopic(INPUT, new StringSerializer(), new StringSerializer()).pipeInput("k", "v", 42L);
            WindowStore<String, ValueAndTimestamp<String>> timestamped = d.getTimestampedWindowStore(STORE);
            assertThat(timestamped.fetch("k", 0)).isEqualTo(ValueAndTimestamp.make("v", 42L));
            WindowStore<String, String> plain = d.getWindowStore(STORE);
            assertThat(plain.fetch("k", 0)).isEqualTo("v");
            plain.put("p", "w", 0);
            assertThat(timestamped.fetch("p", 0)).as("a plain put has no timestamp").isEqualTo(ValueAndTimestamp.make("w", -1L));
            if (c.logging()) {
                List<TestRecord<byte[], byte[]>> log = d.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
                assertThat(log).isNotEmpty();
                // As in Kafka Streams: the changelog holds the plain value, its timestamp is the record's.
                assertThat(new String(log.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("v");
                assertThat(log.get(0).timestamp()).isEqualTo(42L);
            }
        }
        try (TopologyTestDriver d = newDriver(c, stateDir, false, new Properties())) {
            assertThat(d.<String, String>getTimestampedWindowStore(STORE)).as("a plain window store is not timestamped").isNull();
            assertThat(d.<String, String>getWindowStore("no-such-store")).isNull();
        }
    }
}
