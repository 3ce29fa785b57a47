package dev.rill.streams.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.ByteArrayDeserializer;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.test.TestRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code emitStrategy(onWindowClose)} against Kafka Streams, run with its wall-clock throttle of the
 * close check set to 0. Kafka Streams loses a closed window when the record that closes it also
 * expires it from the window store; Rill emits every closed window exactly once. So: where Kafka
 * Streams loses nothing (its output equals its own {@code suppress(untilWindowCloses)} output for the
 * same windows), Rill's output is exactly Kafka Streams'; in every case Rill's output is exactly what
 * Kafka Streams' suppress emits, and Kafka Streams' onWindowClose output is Rill's with some windows
 * missing. For time windows the two orders (window start then key, window end then key) agree.
 */
class EmitStrategyDifferentialProperties {
    static {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.log.dev.rill", "error");
    }

    private static final Path STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"),
        "rill-emit-strategy-differential-" + ProcessHandle.current().pid());
    private static final org.apache.kafka.streams.kstream.EmitStrategy KAFKA_ON_WINDOW_CLOSE =
        org.apache.kafka.streams.kstream.EmitStrategy.onWindowClose();
    /** Kafka Streams' internal wall-clock interval between checks for closed windows. */
    private static final String EMIT_INTERVAL = "__emit.interval.ms.kstreams.windowed.aggregation__";

    record Input(String key, String value, long timestamp) {
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "ab", "ba");
        Arbitrary<String> values = Arbitraries.of("x", "yy", "z");
        Arbitrary<Long> timestamps = Arbitraries.longs().between(0, 300);
        return Combinators.combine(keys, values, timestamps).as(Input::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 40)
    void timeWindowsEmitEveryClosedWindowOnceAndOtherwiseAsKafkaStreams(@ForAll boolean hopping, @ForAll boolean cacheOn,
                                                                        @ForAll("inputs") List<Input> input) throws Exception {
        TimeWindows rillWindows = hopping
            ? TimeWindows.ofSizeAndGrace(Duration.ofMillis(30), Duration.ofMillis(5)).advanceBy(Duration.ofMillis(10))
            : TimeWindows.ofSizeAndGrace(Duration.ofMillis(20), Duration.ofMillis(10));
        org.apache.kafka.streams.kstream.TimeWindows kafkaWindows = hopping
            ? org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(Duration.ofMillis(30), Duration.ofMillis(5))
                .advanceBy(Duration.ofMillis(10))
            : org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(Duration.ofMillis(20), Duration.ofMillis(10));
        List<String> rill = rillCounts(g -> g.windowedBy(rillWindows).emitStrategy(EmitStrategy.onWindowClose()).count(), cacheOn, input);
        List<String> kafkaOnClose = kafkaCounts(g -> g.windowedBy(kafkaWindows).emitStrategy(KAFKA_ON_WINDOW_CLOSE).count(), cacheOn, input);
        List<String> kafkaSuppressed = kafkaCounts(g -> suppressed(g.windowedBy(kafkaWindows).count()), false, input);
        assertEveryClosedWindowOnce(rill, kafkaOnClose, kafkaSuppressed);
    }

    @Property(tries = 40)
    void slidingWindowsEmitEveryClosedWindowOnceAndOtherwiseAsKafkaStreams(@ForAll boolean cacheOn,
                                                                          @ForAll("inputs") List<Input> input) throws Exception {
        SlidingWindows rillWindows = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(15), Duration.ofMillis(10));
        org.apache.kafka.streams.kstream.SlidingWindows kafkaWindows =
            org.apache.kafka.streams.kstream.SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(15), Duration.ofMillis(10));
        List<String> rill = rillCounts(g -> g.windowedBy(rillWindows).emitStrategy(EmitStrategy.onWindowClose()).count(), cacheOn, input);
        List<String> kafkaOnClose = kafkaCounts(g -> g.windowedBy(kafkaWindows).emitStrategy(KAFKA_ON_WINDOW_CLOSE).count(), cacheOn, input);
        List<String> kafkaSuppressed = kafkaCounts(g -> suppressed(g.windowedBy(kafkaWindows).count()), false, input);
        assertEveryClosedWindowOnce(rill, kafkaOnClose, kafkaSuppressed);
    }

    @Property(tries = 60)
    void sessionWindowsEmitEveryClosedSessionOnce(@ForAll boolean cacheOn, @ForAll("inputs") List<Input> input) throws Exception {
        SessionWindows rillWindows = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(6), Duration.ofMillis(8));
        org.apache.kafka.streams.kstream.SessionWindows kafkaWindows =
            org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(6), Duration.ofMillis(8));
        List<String> rill = rillCounts(g -> g.windowedBy(rillWindows).emitStrategy(EmitStrategy.onWindowClose()).count(), cacheOn, input);
        List<String> kafkaOnClose = kafkaCounts(g -> g.windowedBy(kafkaWindows).emitStrategy(KAFKA_ON_WINDOW_CLOSE).count(), cacheOn, input);
        List<String> kafkaSuppressed = kafkaCounts(g -> suppressed(g.windowedBy(kafkaWindows).count()), false, input);
        if (kafkaOnClose.equals(kafkaSuppressed)) {
            assertThat(rill).as("Kafka Streams lost no session, so Rill emits exactly what it emits").isEqualTo(kafkaOnClose);
        }
        // As a multiset: a session accepted at exactly its close time is emitted at once, as by Kafka Streams'
        // suppress, while Kafka Streams' emitStrategy emits it with the next sessions that close, in end, start,
        // key order; the order is checked against suppress below.
        assertThat(isSubMultiset(kafkaOnClose, rill)).as("Kafka Streams only loses sessions: %s is within %s", kafkaOnClose, rill)
            .isTrue();
        // Also as a multiset: sessions ending at the same time come out by start (as from Kafka Streams'
        // emitStrategy), while suppress orders them by key.
        assertThat(isSubMultiset(rill, kafkaSuppressed)).as("Rill emits final sessions, as Kafka Streams' suppress: %s is within %s",
            rill, kafkaSuppressed).isTrue();
    }

    /**
     * Suppress until windows close, over an aggregation run without a record cache (callers pass
     * {@code cacheOn = false}): the store of an emitStrategy(onWindowClose) aggregation has none, and a
     * cache would let Kafka Streams merge sessions its store has already expired.
     */
    private static org.apache.kafka.streams.kstream.KTable<org.apache.kafka.streams.kstream.Windowed<String>, Long> suppressed(
            org.apache.kafka.streams.kstream.KTable<org.apache.kafka.streams.kstream.Windowed<String>, Long> counts) {
        return counts.suppress(org.apache.kafka.streams.kstream.Suppressed.untilWindowCloses(
            org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()));
    }

    /** Rill's windowed count of the input grouped by key, each output record as a line. */
    private static List<String> rillCounts(Function<KGroupedStream<String, String>, KTable<Windowed<String>, Long>> windowedCount,
                                           boolean cacheOn, List<Input> input) {
        return runRill(b -> windowedCount.apply(b.<String, String>stream("in").groupByKey(Grouped.with(Serdes.String(), Serdes.String())))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), String.valueOf(v)))
            .to("out"), cacheOn, input);
    }

    /** Kafka Streams' windowed count of the input grouped by key, each output record as a line. */
    private static List<String> kafkaCounts(
            Function<org.apache.kafka.streams.kstream.KGroupedStream<String, String>,
                org.apache.kafka.streams.kstream.KTable<org.apache.kafka.streams.kstream.Windowed<String>, Long>> windowedCount,
            boolean cacheOn, List<Input> input) {
        return runKafka(b -> windowedCount.apply(b.<String, String>stream("in")
                .groupByKey(org.apache.kafka.streams.kstream.Grouped.with(org.apache.kafka.common.serialization.Serdes.String(),
                    org.apache.kafka.common.serialization.Serdes.String())))
            .toStream().map((w, v) -> org.apache.kafka.streams.KeyValue.pair(
                w.key() + "@" + w.window().start() + "/" + w.window().end(), String.valueOf(v)))
            .to("out"), cacheOn, input);
    }

    private static void assertEveryClosedWindowOnce(List<String> rill, List<String> kafkaOnClose, List<String> kafkaSuppressed) {
        if (kafkaOnClose.equals(kafkaSuppressed)) {
            assertThat(rill).as("Kafka Streams lost no window, so Rill emits exactly what it emits").isEqualTo(kafkaOnClose);
        }
        assertThat(rill).as("every closed window exactly once, as Kafka Streams' suppress emits them").isEqualTo(kafkaSuppressed);
        assertThat(isSubsequence(kafkaOnClose, rill)).as("Kafka Streams only loses windows: %s is within %s", kafkaOnClose, rill)
            .isTrue();
    }

    private static boolean isSubMultiset(List<String> part, List<String> whole) {
        List<String> left = new ArrayList<>(whole);
        for (String line : part) {
            if (!left.remove(line)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int i = 0;
        for (String line : whole) {
            if (i < part.size() && part.get(i).equals(line)) {
                i++;
            }
        }
        return i == part.size();
    }

    private static Properties props(boolean cacheOn, String stringSerdeClass) {
        Properties p = new Properties();
        p.put("application.id", "emit");
        p.put("bootstrap.servers", "dummy:1234");
        p.put("default.key.serde", stringSerdeClass);
        p.put("default.value.serde", stringSerdeClass);
        p.put("statestore.cache.max.bytes", cacheOn ? "10485760" : "0");
        p.put("state.dir", STATE_DIR.resolve(java.util.UUID.randomUUID().toString()).toString());
        return p;
    }

    private static String line(byte[] key, byte[] value, Long timestamp) {
        HexFormat hex = HexFormat.of();
        return new String(key) + "|" + (value == null ? "null" : hex.formatHex(value)) + "@" + timestamp;
    }

    private static List<String> runRill(Consumer<StreamsBuilder> topology, boolean cacheOn, List<Input> input) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        List<String> records = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props(cacheOn, Serdes.StringSerde.class.getName()))) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (Input i : input) {
                in.pipeInput(new TestRecord<>(i.key(), i.value(), null, i.timestamp()));
            }
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
                records.add(line(r.key(), r.value(), r.timestamp()));
            }
        }
        return records;
    }

    private static List<String> runKafka(Consumer<org.apache.kafka.streams.StreamsBuilder> topology, boolean cacheOn, List<Input> input) {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        topology.accept(builder);
        Properties props = props(cacheOn, org.apache.kafka.common.serialization.Serdes.StringSerde.class.getName());
        props.put(EMIT_INTERVAL, 0L);
        List<String> records = new ArrayList<>();
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(), props)) {
            org.apache.kafka.streams.TestInputTopic<String, String> in = driver.createInputTopic("in",
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer());
            for (Input i : input) {
                in.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(i.key(), i.value(), null, i.timestamp()));
            }
            org.apache.kafka.streams.TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out",
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            for (org.apache.kafka.streams.test.TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
                records.add(line(r.key(), r.value(), r.timestamp()));
            }
        }
        return records;
    }
}
