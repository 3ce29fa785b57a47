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
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
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
 * The session store contract, run against {RocksDB, in-memory} x {caching on, off} x {logging on, off},
 * each in a {@link TopologyTestDriver} and reached with {@code driver.getSessionStore}. A processor
 * executes scripts: {@code k@s-e=v} puts {@code v} for the session {@code [s, e]} of {@code k},
 * {@code k@s-e=∅} removes it. The store keeps sessions 120 s after they end (RocksDB segments of 60 s).
 * After each test that leaves the store open: {@code fetch(null, null)} equals
 * {@code findSessions(null, null, 0, MAX)} and {@code backwardFetch(null, null)} reversed, and every
 * session is found by {@code fetchSession}.
 */
class SessionStoreContractTest {
    static final String APP_ID = "session-contract";
    static final String STORE = "session-store";
    static final String CHANGELOG = APP_ID + "-" + STORE + "-changelog";
    static final String INPUT = "in";
    static final Duration RETENTION = Duration.ofSeconds(120);
    static final long SEGMENT = 60_000L;

    record SessionConfiguration(StoreKind kind, boolean caching, boolean logging) {
        static Stream<SessionConfiguration> all() {
            List<SessionConfiguration> all = new ArrayList<>();
            for (StoreKind kind : StoreKind.values()) {
                for (boolean caching : new boolean[] {true, false}) {
                    for (boolean logging : new boolean[] {true, false}) {
                        all.add(new SessionConfiguration(kind, caching, logging));
                    }
                }
            }
            return all.stream();
        }

        StoreBuilder<SessionStore<String, String>> builder() {
            SessionBytesStoreSupplier supplier = kind == StoreKind.ROCKSDB
                ? Stores.persistentSessionStore(STORE, RETENTION) : Stores.inMemorySessionStore(STORE, RETENTION);
            StoreBuilder<SessionStore<String, String>> b = Stores.sessionStoreBuilder(supplier, Serdes.String(), Serdes.String());
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
    @MethodSource("dev.rill.streams.state.SessionStoreContractTest#configurations")
    @interface EveryConfiguration {
    }

    static Stream<SessionConfiguration> configurations() {
        return SessionConfiguration.all();
    }

    static TopologyTestDriver newDriver(SessionConfiguration config, Path stateDir, Properties extra) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(config.builder());
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())).process(ScriptProcessor::new, STORE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(extra);
        return new TopologyTestDriver(builder.build(), props, Instant.EPOCH);
    }

    static final class ScriptProcessor implements Processor<String, String, Void, Void> {
        private SessionStore<String, String> store;

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
                int dash = op.indexOf('-', at);
                int eq = op.indexOf('=');
                Windowed<String> session = s(op.substring(0, at), Long.parseLong(op.substring(at + 1, dash)),
                    Long.parseLong(op.substring(dash + 1, eq)));
                String value = op.substring(eq + 1);
                if (value.equals("∅")) {
                    store.remove(session);
                } else {
                    store.put(session, value);
                }
            }
        }
    }

    static Windowed<String> s(String key, long start, long end) {
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    static KeyValue<Windowed<String>, String> kv(String key, long start, long end, String value) {
        return pair(s(key, start, end), value);
    }

    static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> it) {
        return KeyValueStoreContractTest.drain(it);
    }

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private SessionStore<String, String> store;
    private TestInputTopic<String, String> in;
    private boolean closedByTest;

    private SessionStore<String, String> open(SessionConfiguration c) {
        driver = newDriver(c, stateDir, new Properties());
        in = driver.createInputTopic(INPUT, new StringSerializer(), new StringSerializer());
        store = driver.getSessionStore(STORE);
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
                List<KeyValue<Windowed<String>, String>> all = drain(store.fetch(null, null));
                assertThat(drain(store.findSessions(null, null, 0, Long.MAX_VALUE))).isEqualTo(all);
                List<KeyValue<Windowed<String>, String>> backward = new ArrayList<>(drain(store.backwardFetch(null, null)));
                Collections.reverse(backward);
                assertThat(backward).as("invariant: backwardFetch(null, null) reversed").isEqualTo(all);
                for (KeyValue<Windowed<String>, String> e : all) {
                    assertThat(store.fetchSession(e.key.key(), e.key.window().start(), e.key.window().end())).isEqualTo(e.value);
                }
            }
        } finally {
            driver.close();
        }
    }

    @EveryConfiguration
    void fetchSessionFindsExactlyThatSessionAndRemoveDeletesIt(SessionConfiguration c) {
        SessionStore<String, String> st = open(c);
        st.put(s("a", 0, 10), "1");
        process("a@20-30=2;b@0-0=3");
        assertThat(st.fetchSession("a", 0, 10)).isEqualTo("1");
        assertThat(st.fetchSession("a", 20, 30)).isEqualTo("2");
        assertThat(st.fetchSession("a", 0, 30)).isNull();
        assertThat(st.fetchSession("b", 0, 0)).isEqualTo("3");
        assertThat(st.fetchSession("b", Instant.EPOCH, Instant.EPOCH)).isEqualTo("3");
        st.put(s("a", 0, 10), "1b");
        assertThat(st.fetchSession("a", 0, 10)).isEqualTo("1b");
        st.remove(s("a", 0, 10));
        process("b@0-0=∅");
        assertThat(st.fetchSession("a", 0, 10)).isNull();
        assertThat(st.fetchSession("b", 0, 0)).isNull();
        st.put(s("a", 20, 30), null);
        assertThat(st.fetchSession("a", 20, 30)).as("a null aggregate removes").isNull();
    }

    @EveryConfiguration
    void findSessionsReturnsSessionsEndingAtOrAfterAndStartingAtOrBeforeByEndThenStart(SessionConfiguration c) {
        SessionStore<String, String> st = open(c);
        process("k@0-10=a;k@15-20=b;k@30-40=c;k@5-40=d;k@50-70=e;j@0-100=x");
        assertThat(drain(st.findSessions("k", 20, 30))).as("end >= 20 and start <= 30, by end then start")
            .containsExactly(kv("k", 15, 20, "b"), kv("k", 5, 40, "d"), kv("k", 30, 40, "c"));
        assertThat(drain(st.backwardFindSessions("k", 20, 30)))
            .containsExactly(kv("k", 30, 40, "c"), kv("k", 5, 40, "d"), kv("k", 15, 20, "b"));
        assertThat(drain(st.findSessions("k", Instant.ofEpochMilli(11), Instant.ofEpochMilli(14)))).as("none touches [11, 14]")
            .containsExactly(kv("k", 5, 40, "d"));
        assertThat(drain(st.fetch("k"))).hasSize(5);
        assertThat(drain(st.backwardFetch("k")).get(0)).isEqualTo(kv("k", 50, 70, "e"));
        assertThat(drain(st.findSessions("absent", 0, Long.MAX_VALUE))).isEmpty();
    }

    @EveryConfiguration
    void rangeFindsFollowTheStoreKindsOrder(SessionConfiguration c) {
        SessionStore<String, String> st = open(c);
        process("b@0-10=b10;a@20-30=a30;b@60000-70000=b70;a@0-65000=a65;c@0-5=c5");
        List<KeyValue<Windowed<String>, String>> expected = c.kind() == StoreKind.ROCKSDB
            // by segment of the end, then key, then end, then start
            ? List.of(kv("a", 20, 30, "a30"), kv("b", 0, 10, "b10"), kv("a", 0, 65_000, "a65"), kv("b", 60_000, 70_000, "b70"))
            // by end, then key, then start
            : List.of(kv("b", 0, 10, "b10"), kv("a", 20, 30, "a30"), kv("a", 0, 65_000, "a65"), kv("b", 60_000, 70_000, "b70"));
        assertThat(drain(st.findSessions("a", "b", 0, Long.MAX_VALUE))).isEqualTo(expected);
        assertThat(drain(st.fetch("a", "b"))).isEqualTo(expected);
        List<KeyValue<Windowed<String>, String>> reverse = new ArrayList<>(expected);
        Collections.reverse(reverse);
        assertThat(drain(st.backwardFindSessions("a", "b", 0, Long.MAX_VALUE))).isEqualTo(reverse);
        assertThat(drain(st.fetch("c", null))).containsExactly(kv("c", 0, 5, "c5"));
        assertThat(drain(st.findSessions("b", "a", 0, Long.MAX_VALUE))).as("keyFrom after keyTo").isEmpty();
        assertThat(drain(st.findSessions(5, 30)).stream().map(e -> e.value).toList()).as("by end in [5, 30]")
            .containsExactlyInAnyOrder("b10", "a30", "c5");
    }

    @EveryConfiguration
    void sessionsExpireByTheirEndAndLatePutsAreDroppedAndCounted(SessionConfiguration c) {
        SessionStore<String, String> st = open(c);
        process("k@0-10000=old;k@5000-20000=edge");
        // Stream time 200 s: reads hide sessions ending at or before 80 s; writes are dropped by whole
        // expired segments (RocksDB: 60 s segments, so ends before 60 s), exactly (in memory).
        process("k@190000-200000=new");
        assertThat(st.fetchSession("k", 0, 10_000)).isNull();
        assertThat(st.fetchSession("k", 5_000, 20_000)).as("20000 <= 200000 - 120000").isNull();
        if (c.caching()) {
            // As in Kafka Streams, a cached store's search for one key still finds expired sessions it caches.
            assertThat(drain(st.fetch("k"))).contains(kv("k", 190_000, 200_000, "new"))
                .allMatch(e -> e.value.equals("new") || e.key.window().end() <= 80_000);
        } else {
            assertThat(drain(st.fetch("k"))).containsExactly(kv("k", 190_000, 200_000, "new"));
        }
        long before = ((ExpiringStore) st).droppedExpiredRecords();
        st.put(s("k", 0, 19_000), "late");
        process("j@1000-2000=late");
        assertThat(((ExpiringStore) st).droppedExpiredRecords()).isEqualTo(before + 2);
        st.put(s("k", 0, 80_001), "live");
        assertThat(st.fetchSession("k", 0, 80_001)).isEqualTo("live");
    }

    @EveryConfiguration
    void changelogKeysAreKeyEndStartAndCachingLogsTheLatestAggregateOnly(SessionConfiguration c) {
        open(c);
        process("k@10-20=v1;k@10-20=v2;j@0-5=x;j@0-5=∅");
        if (!c.logging()) {
            assertThat(driver.producedTopicNames()).doesNotContain(CHANGELOG);
            return;
        }
        List<String> log = new ArrayList<>();
        driver.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new StringDeserializer()).readKeyValuesToList()
            .forEach(e -> {
                ByteBuffer b = ByteBuffer.wrap(e.key);
                log.add(new String(e.key, 0, e.key.length - 16, StandardCharsets.UTF_8) + "@end" + b.getLong(e.key.length - 16)
                    + "/start" + b.getLong(e.key.length - 8) + "=" + e.value);
            });
        if (c.caching()) {
            assertThat(log).containsExactlyInAnyOrder("k@end20/start10=v2", "j@end5/start0=null");
        } else {
            assertThat(log).containsExactly("k@end20/start10=v1", "k@end20/start10=v2", "j@end5/start0=x", "j@end5/start0=null");
        }
    }

    @EveryConfiguration
    void usingTheStoreAfterTheDriverClosesThrowsInvalidStateStoreExceptionNamingTheStore(SessionConfiguration c) {
        SessionStore<String, String> st = open(c);
        process("a@0-1=1");
        driver.close();
        closedByTest = true;
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("put", () -> st.put(s("a", 0, 1), "x"));
        calls.put("remove", () -> st.remove(s("a", 0, 1)));
        calls.put("fetchSession", () -> st.fetchSession("a", 0, 1));
        calls.put("findSessions", () -> st.findSessions("a", 0, 1).close());
        calls.put("findSessions range", () -> st.findSessions("a", "b", 0, 1).close());
        calls.put("fetch", () -> st.fetch("a").close());
        calls.put("backwardFetch", () -> st.backwardFetch("a", "b").close());
        calls.forEach((name, call) -> assertThatThrownBy(call).as(name + " on a closed store")
            .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining(STORE));
    }

    @EveryConfiguration
    void nullKeysAreRejectedAndChangeNothing(SessionConfiguration c) {
        SessionStore<String, String> st = open(c);
        st.put(s("a", 0, 1), "1");
        assertThatThrownBy(() -> st.put(null, "v")).isInstanceOf(NullPointerException.class).hasMessageContaining("sessionKey");
        assertThatThrownBy(() -> st.put(s(null, 0, 1), "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> st.remove(s(null, 0, 1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> st.fetch((String) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> st.findSessions(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> st.fetchSession(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThat(drain(st.fetch(null, null))).containsExactly(kv("a", 0, 1, "1"));
    }

    @Test
    void factoriesValidateLikeKafkaStreams() {
        assertThatThrownBy(() -> Stores.persistentSessionStore("s", Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionPeriod");
        assertThatThrownBy(() -> Stores.inMemorySessionStore("s", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Stores.sessionStoreBuilder(null, Serdes.String(), Serdes.String())).isInstanceOf(NullPointerException.class);
        assertThat(Stores.persistentSessionStore("s", Duration.ofMinutes(10)).segmentIntervalMs()).isEqualTo(300_000L);
        assertThat(Stores.persistentSessionStore("s", Duration.ofSeconds(10)).segmentIntervalMs()).isEqualTo(60_000L);
        assertThat(Stores.inMemorySessionStore("s", Duration.ofSeconds(10)).retentionPeriod()).isEqualTo(10_000L);
        assertThat(Stores.sessionStoreBuilder(Stores.inMemorySessionStore("s", Duration.ofSeconds(10)), null, null).loggingEnabled()).isTrue();
    }
}
