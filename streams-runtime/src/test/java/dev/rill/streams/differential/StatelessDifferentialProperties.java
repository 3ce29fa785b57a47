package dev.rill.streams.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.header.Header;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.kstream.Branched;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.FixedKeyProcessorContext;
import dev.rill.streams.processor.api.FixedKeyRecord;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential properties: a random stateless topology is built twice from one list of operations, once
 * with Rill's DSL and once with Kafka Streams' DSL, both are run over the same random input through their
 * own {@code TopologyTestDriver}, and everything observable must be identical: every record on every
 * (non-internal) output topic with key, value, timestamp and headers, the order of side effects seen by
 * {@code peek}, and whether the run failed.
 *
 * <p>All user functions are defined once, below, on plain Java types and used by both interpreters. The
 * processors are written twice (the two APIs have different types) with line-for-line identical bodies.
 */
class StatelessDifferentialProperties {
    static {
        // Kafka Streams logs a few INFO lines per driver; keep the test output readable (slf4j-simple).
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.streams.StreamsConfig", "error");
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.InternalTopologyBuilder", "error");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Shared, deterministic user functions
    // ---------------------------------------------------------------------------------------------

    record Pair(String key, String value) {
    }

    static final List<BiPredicate<String, String>> PREDICATES = List.of(
        (k, v) -> v != null && v.length() % 2 == 0,
        (k, v) -> k != null && k.compareTo("b") <= 0,
        (k, v) -> v == null,
        (k, v) -> k == null || (v != null && v.indexOf('a') >= 0),
        (k, v) -> k != null);

    /** Index in {@link #PREDICATES} of the predicate that keeps records with a key. */
    static final int HAS_KEY = 4;

    static final List<Function<String, String>> VALUE_FNS = List.of(
        v -> v == null ? null : v + "!",
        v -> v == null ? "nil" : v.toUpperCase(Locale.ROOT),
        v -> null,
        v -> v == null ? "" : new StringBuilder(v).reverse().toString());

    static final List<BiFunction<String, String, String>> VALUE_WITH_KEY_FNS = List.of(
        (k, v) -> k + "/" + v,
        (k, v) -> k == null ? v : v == null ? k : k + v);

    static final List<BiFunction<String, String, Pair>> KV_FNS = List.of(
        (k, v) -> new Pair(v, k),
        (k, v) -> new Pair(k == null ? "z" : k + k, v),
        (k, v) -> new Pair(null, v == null ? null : String.valueOf(v.length())));

    static final List<BiFunction<String, String, String>> KEY_FNS = List.of(
        (k, v) -> v == null || v.isEmpty() ? null : v.substring(0, 1),
        (k, v) -> "k",
        (k, v) -> null);

    static final List<BiFunction<String, String, List<Pair>>> FLAT_MAP_FNS = List.of(
        (k, v) -> List.of(),
        (k, v) -> Arrays.asList(new Pair(k, v), new Pair(v, k)),
        (k, v) -> {
            if (v == null) {
                return Arrays.asList(new Pair(k, null));
            }
            List<Pair> out = new ArrayList<>();
            for (int i = 0; i < Math.min(3, v.length()); i++) {
                out.add(new Pair(k == null ? null : k + i, String.valueOf(v.charAt(i))));
            }
            return out;
        });

    static final List<Function<String, List<String>>> FLAT_MAP_VALUES_FNS = List.of(
        v -> List.of(),
        v -> Arrays.asList(v, v),
        v -> {
            if (v == null) {
                return Arrays.asList((String) null);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.min(3, v.length()); i++) {
                out.add(String.valueOf(v.charAt(i)));
            }
            return out;
        });

    static final BiFunction<String, String, List<String>> FLAT_MAP_VALUES_WITH_KEY_FN = (k, v) -> Arrays.asList(k, v);

    /**
     * The topic chosen by the dynamic sink, from the value and the record context: its timestamp, its topic
     * ({@code i} for the input topic, {@code r} for a repartition topic, {@code p} for none, i.e. a record
     * forwarded by a punctuator) and how many headers it has.
     */
    static String extractTopic(String value, long contextTimestamp, String contextTopic, int headerCount) {
        String topic = contextTopic == null ? "p" : contextTopic.equals("in") ? "i" : contextTopic.endsWith("-repartition") ? "r" : "?";
        return "ex" + (contextTimestamp % 2) + (value == null ? "n" : "v") + topic + Math.min(headerCount, 2);
    }

    static String tag(String v, String branch) {
        return v + "<" + branch + ">";
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static String reverse(String v) {
        return new StringBuilder(v).reverse().toString();
    }

    static final int STREAM_PUNCTUATE_MS = 10;
    static final int WALL_PUNCTUATE_MS = 7;
    static final long INITIAL_WALL_CLOCK_MS = 1_000L;
    static final int PROCESS_VARIANTS = 8;
    static final int PROCESS_VALUES_VARIANTS = 3;

    // ---------------------------------------------------------------------------------------------
    // Operations and inputs
    // ---------------------------------------------------------------------------------------------

    sealed interface Op permits Filter, FilterNot, MapValues, MapValuesWithKey, MapKV, SelectKey, FlatMap, FlatMapValues,
        FlatMapValuesWithKey, Peek, SplitMerge, SelfMerge, Process, ProcessValues, Repartition, ToMid {
    }

    record Filter(int pred) implements Op {
    }

    record FilterNot(int pred) implements Op {
    }

    record MapValues(int fn) implements Op {
    }

    record MapValuesWithKey(int fn) implements Op {
    }

    record MapKV(int fn) implements Op {
    }

    record SelectKey(int fn) implements Op {
    }

    record FlatMap(int fn) implements Op {
    }

    record FlatMapValues(int fn) implements Op {
    }

    record FlatMapValuesWithKey() implements Op {
    }

    record Peek() implements Op {
    }

    /** split with two predicate branches and a default, optionally chaining a tagging mapValues, merged back. */
    record SplitMerge(int pred1, int pred2, boolean chain) implements Op {
    }

    /** {@code s.merge(s.mapValues(fn))}: every record twice, the mapped copy first. */
    record SelfMerge(int fn) implements Op {
    }

    /**
     * {@code process} with one of the processors below: 0 reverses the value, +1 ms, drops null values; 1 forwards
     * two records derived with {@code withValue} and adds a different header to each in place; 2 changes the key
     * and reads the headers; 3 forwards every record and has a stream-time punctuator; 4 forwards every record
     * and has a wall-clock punctuator; 5 appends the record metadata and stream time; 6 forwards the record at
     * half its timestamp and then a copy with a changed value; 7 forwards them the other way round.
     */
    record Process(int variant) implements Op {
    }

    record ProcessValues(int variant) implements Op {
    }

    record Repartition(boolean named) implements Op {
    }

    /** A sink in the middle of the chain; the chain continues after it. */
    record ToMid(boolean dynamic) implements Op {
    }

    record Hdr(String key, String hex) {
        static Hdr of(String key, byte[] value) {
            return new Hdr(key, value == null ? null : HexFormat.of().formatHex(value));
        }

        byte[] value() {
            return hex == null ? null : HexFormat.of().parseHex(hex);
        }
    }

    sealed interface Event permits Rec, Tick {
    }

    record Rec(String key, String value, long ts, List<Hdr> headers) implements Event {
    }

    /** Advances the driver's wall clock. */
    record Tick(long ms) implements Event {
    }

    record Out(String key, String value, long ts, List<Hdr> headers) {
    }

    /** Everything a run shows: per output topic its records, the peek log, and the failure if any. */
    record Result(Map<String, List<Out>> topics, List<String> log, String failure) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> pred = Arbitraries.integers().between(0, PREDICATES.size() - 1);
        Arbitrary<Op> op = Arbitraries.oneOf(List.of(
            pred.map(Filter::new),
            pred.map(FilterNot::new),
            Arbitraries.integers().between(0, VALUE_FNS.size() - 1).map(MapValues::new),
            Arbitraries.integers().between(0, VALUE_WITH_KEY_FNS.size() - 1).map(MapValuesWithKey::new),
            Arbitraries.integers().between(0, KV_FNS.size() - 1).map(MapKV::new),
            Arbitraries.integers().between(0, KEY_FNS.size() - 1).map(SelectKey::new),
            Arbitraries.integers().between(0, FLAT_MAP_FNS.size() - 1).map(FlatMap::new),
            Arbitraries.integers().between(0, FLAT_MAP_VALUES_FNS.size() - 1).map(FlatMapValues::new),
            Arbitraries.just(new FlatMapValuesWithKey()),
            Arbitraries.just(new Peek()),
            Combinators.combine(pred, pred, Arbitraries.of(true, false)).as(SplitMerge::new),
            Arbitraries.integers().between(0, VALUE_FNS.size() - 1).map(SelfMerge::new),
            Arbitraries.integers().between(0, PROCESS_VARIANTS - 1).map(Process::new),
            Arbitraries.integers().between(0, PROCESS_VALUES_VARIANTS - 1).map(ProcessValues::new),
            Arbitraries.of(true, false).map(Repartition::new),
            Arbitraries.of(true, false).map(ToMid::new)));
        return op.list().ofMinSize(0).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<String> key = Arbitraries.of("a", "b", "c").injectNull(0.25);
        Arbitrary<String> value = Arbitraries.strings().withChars("abcAB").ofMinLength(0).ofMaxLength(4).injectNull(0.15);
        Arbitrary<Long> ts = Arbitraries.longs().between(0, 60);
        Arbitrary<Hdr> header = Combinators.combine(Arbitraries.of("h1", "h2"),
            Arbitraries.strings().withChars("xyz").ofMaxLength(2).injectNull(0.2)).as((k, v) -> Hdr.of(k, bytes(v)));
        Arbitrary<List<Hdr>> headers = header.list().ofMaxSize(2);
        Arbitrary<Event> rec = Combinators.combine(key, value, ts, headers).as(Rec::new);
        Arbitrary<Event> tick = Arbitraries.longs().between(0, 15).map(Tick::new);
        return Arbitraries.frequencyOf(Tuple.of(6, rec), Tuple.of(1, tick)).list().ofMaxSize(20);
    }

    /** Non-decreasing timestamps: the same records with their timestamps sorted. */
    static List<Event> inOrder(List<Event> events) {
        List<Long> sorted = events.stream().filter(e -> e instanceof Rec).map(e -> ((Rec) e).ts()).sorted().toList();
        List<Event> out = new ArrayList<>();
        int i = 0;
        for (Event e : events) {
            out.add(e instanceof Rec r ? new Rec(r.key(), r.value(), sorted.get(i++), r.headers()) : e);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Properties
    // ---------------------------------------------------------------------------------------------

    /**
     * Any generated topology and input: Rill's output must be Kafka Streams' output, on every topic,
     * internal repartition topics included (whose generated names must match too).
     */
    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void rillMatchesKafkaStreams(@ForAll("ops") List<Op> ops, @ForAll("events") List<Event> events, @ForAll boolean monotonic) {
        Result kafka = assertSameAsKafka(ops, monotonic ? inOrder(events) : events, true);
        // The generators must keep producing topologies that output something, or the property proves little.
        Statistics.label("records out").collect(kafka.topics().values().stream().mapToInt(List::size).sum() > 0 ? "some" : "none");
        Statistics.label("records out").coverage(c -> c.check("some").percentage(p -> p >= 40));
    }

    static Result assertSameAsKafka(List<Op> ops, List<Event> input, boolean includeInternal) {
        return assertSameAsKafka(ops, input, includeInternal, false);
    }

    /** Runs both sides and asserts they show the same; returns Kafka Streams' result. */
    static Result assertSameAsKafka(List<Op> ops, List<Event> input, boolean includeInternal, boolean maskGeneratedNumbers) {
        KafkaSide kafkaSide = new KafkaSide();
        kafkaSide.includeInternal = includeInternal;
        kafkaSide.maskGeneratedNumbers = maskGeneratedNumbers;
        RillSide rillSide = new RillSide();
        rillSide.includeInternal = includeInternal;
        rillSide.maskGeneratedNumbers = maskGeneratedNumbers;
        Result kafka = kafkaSide.run(ops, input);
        Result rill = rillSide.run(ops, input);
        assertThat(rill).as("Rill vs Kafka Streams for ops %s and input %s (Kafka failure: %s; Rill failure: %s)",
            ops, input, kafkaSide.failureDetail, rillSide.failureDetail).isEqualTo(kafka);
        return kafka;
    }

    // ---------------------------------------------------------------------------------------------
    // Examples: the harness itself, and one minimal case per difference found
    // ---------------------------------------------------------------------------------------------

    /** The harness sees output, headers and peeks, with values checked by hand, on both sides. */
    @Example
    void harnessReadsEverythingBothSidesProduce() {
        List<Op> ops = List.of(new Peek(), new MapValues(0), new ToMid(false), new ProcessValues(2), new ToMid(true));
        List<Event> input = List.of(new Rec("a", "x", 3, List.of(Hdr.of("h1", bytes("y")))), new Tick(5), new Rec(null, null, 8, List.of()));
        Map<String, List<Out>> expected = new LinkedHashMap<>();
        expected.put("ex0vi1", List.of(new Out(null, "null=null", 8, List.of(Hdr.of("ts", bytes("8"))))));
        expected.put("ex1vi1", List.of(new Out("a", "a=x!", 3, List.of(Hdr.of("ts", bytes("3"))))));
        expected.put("mid2", List.of(new Out("a", "x!", 3, List.of(Hdr.of("h1", bytes("y")))), new Out(null, null, 8, List.of())));
        expected.put("out", List.of(new Out("a", "a=x!", 3, List.of(Hdr.of("ts", bytes("3")))),
            new Out(null, "null=null", 8, List.of(Hdr.of("ts", bytes("8"))))));
        Result want = new Result(expected, List.of("peek0:a=x", "peek0:null=null"), null);
        assertThat(new KafkaSide().run(ops, input)).isEqualTo(want);
        assertThat(new RillSide().run(ops, input)).isEqualTo(want);
    }

    /**
     * Kafka's {@code Record} copies the headers in every {@code withKey/withValue/withTimestamp/withHeaders}
     * (and {@code FixedKeyRecord} likewise), so a header added to one derived record stays on it. A processor
     * forwarding {@code record.withValue(v#1)} with header n=1, then {@code record.withValue(v#2)} with n=2.
     */
    @Example
    void headerAddedToOneDerivedRecordDoesNotLeakIntoItsSibling() {
        assertSameAsKafka(List.of(new Process(1)), List.of(new Rec("a", "x", 4, List.of())), false);
    }

    /** The same through flatMapValues (two records from one) and a fixed-key processor adding a header to each. */
    @Example
    void headerAddedDownstreamOfFlatMapValuesStaysOnItsRecord() {
        assertSameAsKafka(List.of(new FlatMapValues(1), new ProcessValues(0)), List.of(new Rec("a", "x", 4, List.of())), false);
    }

    /** Kafka's {@code repartition()} drops records with a null key before writing the repartition topic. */
    @Example
    void repartitionDropsNullKeys() {
        assertSameAsKafka(List.of(new Repartition(true)),
            List.of(new Rec(null, "x", 4, List.of()), new Rec("a", "y", 5, List.of())), true);
    }

    /**
     * A deliberate difference: inside a punctuation there is no input record, and Rill's
     * {@code recordMetadata()} says so with an empty Optional, while Kafka's returns a placeholder (topic
     * null, partition -1, offset -1). The Kafka interpreter maps that placeholder to "none", so apart from
     * this the outputs must match; this example checks the mapping is the only difference.
     */
    @Example
    void recordMetadataInsidePunctuationIsEmptyInRill() {
        assertSameAsKafka(List.of(new Process(3), new Process(5)), List.of(new Rec("a", "x", 4, List.of())), false);
    }

    /**
     * Kafka's driver processes the records queued on internal topics by lowest head timestamp across topics
     * (the task's partition group), neither in the order they were written nor depth first. Here the second
     * repartition topic's records (timestamps 10, 20) are processed before the first topic's second record
     * (timestamp 40), which was written earlier: write order fails this, depth first passes it.
     */
    @Example
    void internalTopicRecordsAreProcessedInTimestampOrder() {
        assertSameAsKafka(List.of(new Process(6), new Repartition(true), new Peek(), new Process(6), new Repartition(true), new Peek()),
            List.of(new Rec("a", "x", 40, List.of())), false);
    }

    /**
     * Generated names: Kafka's {@code split()} takes a number from the name counter for the splitter and for
     * every branch even when they are named, so the unnamed repartition after it is
     * {@code KSTREAM-REPARTITION-0000000007}, not {@code ...0000000003}.
     */
    @Example
    void splitConsumesGeneratedNameIndicesLikeKafka() {
        assertSameAsKafka(List.of(new SplitMerge(0, 1, false), new Repartition(false)), List.of(new Rec("a", "xy", 4, List.of())), true);
    }

    /**
     * Generated names: Kafka's {@code repartition()} takes numbers for its sink, its null-key filter and its
     * source (named or not), so a second, unnamed repartition is {@code KSTREAM-REPARTITION-0000000004}, not
     * {@code ...0000000001}.
     */
    @Example
    void repartitionConsumesGeneratedNameIndicesLikeKafka() {
        assertSameAsKafka(List.of(new Repartition(true), new Repartition(false)), List.of(new Rec("a", "x", 4, List.of())), true);
    }

    /**
     * The counterpart of {@link #internalTopicRecordsAreProcessedInTimestampOrder}, which depth-first
     * processing passes and this one fails. The first repartition topic gets x' (timestamp 40), then x (20).
     * Processing x' writes x'' (40) and x' (20) to the second topic. Kafka next takes x (20, the lowest head
     * timestamp) from the first topic; depth first would process the second topic's x'' and x' before it.
     * Kafka's peek log: peek2 x', peek2 x, peek5 x'', peek5 x', peek5 x', peek5 x.
     */
    @Example
    void internalTopicRecordsAreNotProcessedDepthFirst() {
        assertSameAsKafka(List.of(new Process(7), new Repartition(true), new Peek(), new Process(7), new Repartition(true), new Peek()),
            List.of(new Rec("a", "x", 40, List.of())), false);
    }

    /**
     * A stream-time punctuator behind a repartition fires as soon as the input record moves stream time,
     * before the repartitioned copy of that record reaches it: its record is written to {@code out} first,
     * and each output topic must be read back in the order it was written.
     */
    @Example
    void outputTopicKeepsWriteOrderAcrossRepartitionSteps() {
        assertSameAsKafka(List.of(new Repartition(true), new Process(3)), List.of(new Rec("a", "x", 0, List.of())), false);
    }

    /** Three stream-time punctuators due at the same stream times: they run in Kafka's order. */
    @Example
    void punctuatorsDueTogetherRunInKafkaOrder() {
        assertSameAsKafka(List.of(new Process(3), new Process(3), new Process(3)),
            List.of(new Rec("a", "x", 0, List.of()), new Rec("a", "y", 10, List.of()), new Rec("a", "z", 25, List.of()),
                new Rec("a", "w", 41, List.of()), new Rec("a", "v", 5, List.of()), new Rec("a", "u", 60, List.of())), false);
    }

    static Properties props(String defaultSerdeClass) {
        Properties p = new Properties();
        p.put("application.id", "diff");
        p.put("bootstrap.servers", "dummy:1234");
        p.put("default.key.serde", defaultSerdeClass);
        p.put("default.value.serde", defaultSerdeClass);
        p.put("statestore.cache.max.bytes", "0");
        return p;
    }

    static boolean isInternal(String topic) {
        return topic.startsWith("diff-") && topic.endsWith("-repartition");
    }

    /** Failures are compared by occurrence only: the two libraries word their exceptions differently. */
    static String failureOf(RuntimeException e) {
        return "failed";
    }

    static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return e + (root == e ? "" : " caused by " + root);
    }

    // ---------------------------------------------------------------------------------------------
    // Rill interpreter
    // ---------------------------------------------------------------------------------------------

    static final class RillSide {
        final List<String> log = new ArrayList<>();
        boolean includeInternal;
        boolean maskGeneratedNumbers;
        String failureDetail;

        Result run(List<Op> ops, List<Event> events) {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> s = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
            for (int i = 0; i < ops.size(); i++) {
                s = apply(s, ops.get(i), i);
            }
            s.to("out", Produced.with(Serdes.String(), Serdes.String()));
            Map<String, List<Out>> topics = new LinkedHashMap<>();
            String failure = null;
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                props(Serdes.StringSerde.class.getName()), Instant.ofEpochMilli(INITIAL_WALL_CLOCK_MS))) {
                TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
                try {
                    for (Event e : events) {
                        if (e instanceof Rec r) {
                            RecordHeaders headers = new RecordHeaders();
                            r.headers().forEach(h -> headers.add(h.key(), h.value()));
                            in.pipeInput(new TestRecord<>(r.key(), r.value(), headers, r.ts()));
                        } else {
                            driver.advanceWallClockTime(Duration.ofMillis(((Tick) e).ms()));
                        }
                    }
                } catch (RuntimeException ex) {
                    failure = failureOf(ex);
                    failureDetail = describe(ex);
                }
                for (String topic : new TreeSet<>(driver.producedTopicNames())) {
                    if (isInternal(topic) && !includeInternal) {
                        continue;
                    }
                    TestOutputTopic<String, String> out = driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
                    List<Out> records = new ArrayList<>();
                    for (TestRecord<String, String> r : out.readRecordsToList()) {
                        records.add(new Out(r.key(), r.value(), r.timestamp(), headers(r.headers())));
                    }
                    topics.put(maskGeneratedNumbers ? topic.replaceAll("-\\d{10}-", "-#-") : topic, records);
                }
            }
            return new Result(topics, log, failure);
        }

        static List<Hdr> headers(Headers headers) {
            List<Hdr> out = new ArrayList<>();
            for (Header h : headers) {
                out.add(Hdr.of(h.key(), h.value()));
            }
            return out;
        }

        KStream<String, String> apply(KStream<String, String> s, Op op, int i) {
            if (op instanceof Filter f) {
                BiPredicate<String, String> p = PREDICATES.get(f.pred());
                return s.filter((k, v) -> p.test(k, v));
            } else if (op instanceof FilterNot f) {
                BiPredicate<String, String> p = PREDICATES.get(f.pred());
                return s.filterNot((k, v) -> p.test(k, v));
            } else if (op instanceof MapValues m) {
                Function<String, String> fn = VALUE_FNS.get(m.fn());
                return s.mapValues(v -> fn.apply(v));
            } else if (op instanceof MapValuesWithKey m) {
                BiFunction<String, String, String> fn = VALUE_WITH_KEY_FNS.get(m.fn());
                return s.mapValues((k, v) -> fn.apply(k, v));
            } else if (op instanceof MapKV m) {
                BiFunction<String, String, Pair> fn = KV_FNS.get(m.fn());
                return s.map((k, v) -> {
                    Pair p = fn.apply(k, v);
                    return KeyValue.pair(p.key(), p.value());
                });
            } else if (op instanceof SelectKey m) {
                BiFunction<String, String, String> fn = KEY_FNS.get(m.fn());
                return s.selectKey((k, v) -> fn.apply(k, v));
            } else if (op instanceof FlatMap m) {
                BiFunction<String, String, List<Pair>> fn = FLAT_MAP_FNS.get(m.fn());
                return s.flatMap((k, v) -> {
                    List<KeyValue<String, String>> out = new ArrayList<>();
                    fn.apply(k, v).forEach(p -> out.add(KeyValue.pair(p.key(), p.value())));
                    return out;
                });
            } else if (op instanceof FlatMapValues m) {
                Function<String, List<String>> fn = FLAT_MAP_VALUES_FNS.get(m.fn());
                return s.flatMapValues(v -> fn.apply(v));
            } else if (op instanceof FlatMapValuesWithKey) {
                return s.flatMapValues((k, v) -> FLAT_MAP_VALUES_WITH_KEY_FN.apply(k, v));
            } else if (op instanceof Peek) {
                return s.peek((k, v) -> log.add("peek" + i + ":" + k + "=" + v));
            } else if (op instanceof SplitMerge m) {
                BiPredicate<String, String> p1 = PREDICATES.get(m.pred1());
                BiPredicate<String, String> p2 = PREDICATES.get(m.pred2());
                String prefix = "sp" + i + "-";
                Map<String, KStream<String, String>> branches = s.split(Named.as(prefix))
                    .branch((k, v) -> p1.test(k, v), m.chain()
                        ? Branched.withFunction(b -> b.mapValues(v -> tag(v, "a")), "a") : Branched.as("a"))
                    .branch((k, v) -> p2.test(k, v), m.chain()
                        ? Branched.withFunction(b -> b.mapValues(v -> tag(v, "b")), "b") : Branched.as("b"))
                    .defaultBranch(m.chain()
                        ? Branched.withFunction(b -> b.mapValues(v -> tag(v, "d")), "d") : Branched.as("d"));
                return branches.get(prefix + "a").merge(branches.get(prefix + "b")).merge(branches.get(prefix + "d"));
            } else if (op instanceof SelfMerge m) {
                Function<String, String> fn = VALUE_FNS.get(m.fn());
                return s.merge(s.mapValues(v -> fn.apply(v)));
            } else if (op instanceof Process p) {
                return s.process(() -> new RillProcessor(p.variant(), i));
            } else if (op instanceof ProcessValues p) {
                return s.processValues(() -> new RillFixedKeyProcessor(p.variant()));
            } else if (op instanceof Repartition r) {
                Repartitioned<String, String> rep = Repartitioned.with(Serdes.String(), Serdes.String());
                return s.repartition(r.named() ? rep.withName("rp" + i) : rep);
            } else if (op instanceof ToMid t) {
                if (t.dynamic()) {
                    s.to((k, v, ctx) -> extractTopic(v, ctx.timestamp(), ctx.topic(), ctx.headers().toArray().length), Produced.with(Serdes.String(), Serdes.String()));
                } else {
                    s.to("mid" + i, Produced.with(Serdes.String(), Serdes.String()));
                }
                return s;
            }
            throw new AssertionError(op);
        }
    }

    /** Rill processor; the body is identical to {@link KafkaProcessor}'s. */
    static final class RillProcessor implements Processor<String, String, String, String> {
        private final int variant;
        private final int id;
        private ProcessorContext<String, String> context;
        private int count;

        RillProcessor(int variant, int id) {
            this.variant = variant;
            this.id = id;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            if (variant == 3) {
                context.schedule(Duration.ofMillis(STREAM_PUNCTUATE_MS), PunctuationType.STREAM_TIME,
                    t -> context.forward(new Record<>("st", "st" + id + "@" + t + "#" + count, t)));
            } else if (variant == 4) {
                context.schedule(Duration.ofMillis(WALL_PUNCTUATE_MS), PunctuationType.WALL_CLOCK_TIME,
                    t -> context.forward(new Record<>("wc", "wc" + id + "@" + t + " stream=" + context.currentStreamTimeMs() + "#" + count,
                        context.currentStreamTimeMs() < 0 ? 0 : context.currentStreamTimeMs())));
            }
        }

        @Override
        public void process(Record<String, String> record) {
            count++;
            String k = record.key();
            String v = record.value();
            long ts = record.timestamp();
            switch (variant) {
                case 0 -> {
                    if (v != null) {
                        context.forward(record.withValue(reverse(v)).withTimestamp(ts + 1));
                    }
                }
                case 1 -> {
                    Record<String, String> r1 = record.withValue(v + "#1");
                    r1.headers().add("n", bytes("1"));
                    context.forward(r1);
                    Record<String, String> r2 = record.withValue(v + "#2").withTimestamp(ts / 2);
                    r2.headers().add("n", bytes("2"));
                    context.forward(r2);
                }
                case 2 -> {
                    Header h1 = record.headers().lastHeader("h1");
                    int n = record.headers().toArray().length;
                    context.forward(record.withKey(k == null ? "nk" : k + "x")
                        .withValue(v + "|h" + n + "=" + (h1 == null ? "-" : str(h1.value())))
                        .withTimestamp(ts + 3));
                }
                case 5 -> {
                    String where = context.recordMetadata()
                        .map(m -> (m.topic() != null && m.topic().endsWith("-repartition") ? "rep" : m.topic()) + "/" + m.partition() + "/" + m.offset())
                        .orElse("none");
                    context.forward(record.withValue(v + "@" + where + " st=" + context.currentStreamTimeMs()));
                }
                case 6 -> {
                    context.forward(record.withTimestamp(ts / 2));
                    context.forward(record.withValue(v + "'"));
                }
                case 7 -> {
                    context.forward(record.withValue(v + "'"));
                    context.forward(record.withTimestamp(ts / 2));
                }
                default -> context.forward(record);
            }
        }
    }

    /** Rill fixed-key processor; the body is identical to {@link KafkaFixedKeyProcessor}'s. */
    static final class RillFixedKeyProcessor implements FixedKeyProcessor<String, String, String> {
        private final int variant;
        private FixedKeyProcessorContext<String, String> context;

        RillFixedKeyProcessor(int variant) {
            this.variant = variant;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, String> record) {
            String v = record.value();
            long ts = record.timestamp();
            switch (variant) {
                case 0 -> {
                    FixedKeyRecord<String, String> r = record.withValue(v + "~");
                    r.headers().add("pv", bytes(v));
                    context.forward(r);
                }
                case 1 -> {
                    int n = v == null ? 0 : v.length() % 3;
                    for (int i = 0; i < n; i++) {
                        context.forward(record.withValue(v + ":" + i).withTimestamp(ts + i));
                    }
                }
                default -> {
                    RecordHeaders fresh = new RecordHeaders();
                    fresh.add("ts", bytes(Long.toString(ts)));
                    context.forward(record.withHeaders(fresh).withValue(record.key() + "=" + v));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Kafka Streams interpreter (same structure, fully qualified Kafka types)
    // ---------------------------------------------------------------------------------------------

    static final class KafkaSide {
        final List<String> log = new ArrayList<>();
        boolean includeInternal;
        boolean maskGeneratedNumbers;
        String failureDetail;

        Result run(List<Op> ops, List<Event> events) {
            org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
            org.apache.kafka.streams.kstream.KStream<String, String> s = builder.stream("in",
                org.apache.kafka.streams.kstream.Consumed.with(org.apache.kafka.common.serialization.Serdes.String(),
                    org.apache.kafka.common.serialization.Serdes.String()));
            for (int i = 0; i < ops.size(); i++) {
                s = apply(s, ops.get(i), i);
            }
            s.to("out", org.apache.kafka.streams.kstream.Produced.with(org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.String()));
            Map<String, List<Out>> topics = new LinkedHashMap<>();
            String failure = null;
            try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(),
                props(org.apache.kafka.common.serialization.Serdes.StringSerde.class.getName()), Instant.ofEpochMilli(INITIAL_WALL_CLOCK_MS))) {
                org.apache.kafka.streams.TestInputTopic<String, String> in = driver.createInputTopic("in",
                    new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer());
                try {
                    for (Event e : events) {
                        if (e instanceof Rec r) {
                            org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
                            r.headers().forEach(h -> headers.add(h.key(), h.value()));
                            in.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(r.key(), r.value(), headers, r.ts()));
                        } else {
                            driver.advanceWallClockTime(Duration.ofMillis(((Tick) e).ms()));
                        }
                    }
                } catch (RuntimeException ex) {
                    failure = failureOf(ex);
                    failureDetail = describe(ex);
                }
                for (String topic : new TreeSet<>(driver.producedTopicNames())) {
                    if (isInternal(topic) && !includeInternal) {
                        continue;
                    }
                    org.apache.kafka.streams.TestOutputTopic<String, String> out = driver.createOutputTopic(topic,
                        new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer());
                    List<Out> records = new ArrayList<>();
                    for (org.apache.kafka.streams.test.TestRecord<String, String> r : out.readRecordsToList()) {
                        records.add(new Out(r.key(), r.value(), r.timestamp(), headers(r.headers())));
                    }
                    topics.put(maskGeneratedNumbers ? topic.replaceAll("-\\d{10}-", "-#-") : topic, records);
                }
            }
            return new Result(topics, log, failure);
        }

        static List<Hdr> headers(org.apache.kafka.common.header.Headers headers) {
            List<Hdr> out = new ArrayList<>();
            for (org.apache.kafka.common.header.Header h : headers) {
                out.add(Hdr.of(h.key(), h.value()));
            }
            return out;
        }

        org.apache.kafka.streams.kstream.KStream<String, String> apply(org.apache.kafka.streams.kstream.KStream<String, String> s, Op op, int i) {
            if (op instanceof Filter f) {
                BiPredicate<String, String> p = PREDICATES.get(f.pred());
                return s.filter((k, v) -> p.test(k, v));
            } else if (op instanceof FilterNot f) {
                BiPredicate<String, String> p = PREDICATES.get(f.pred());
                return s.filterNot((k, v) -> p.test(k, v));
            } else if (op instanceof MapValues m) {
                Function<String, String> fn = VALUE_FNS.get(m.fn());
                return s.mapValues(v -> fn.apply(v));
            } else if (op instanceof MapValuesWithKey m) {
                BiFunction<String, String, String> fn = VALUE_WITH_KEY_FNS.get(m.fn());
                return s.mapValues((k, v) -> fn.apply(k, v));
            } else if (op instanceof MapKV m) {
                BiFunction<String, String, Pair> fn = KV_FNS.get(m.fn());
                return s.map((k, v) -> {
                    Pair p = fn.apply(k, v);
                    return org.apache.kafka.streams.KeyValue.pair(p.key(), p.value());
                });
            } else if (op instanceof SelectKey m) {
                BiFunction<String, String, String> fn = KEY_FNS.get(m.fn());
                return s.selectKey((k, v) -> fn.apply(k, v));
            } else if (op instanceof FlatMap m) {
                BiFunction<String, String, List<Pair>> fn = FLAT_MAP_FNS.get(m.fn());
                return s.flatMap((k, v) -> {
                    List<org.apache.kafka.streams.KeyValue<String, String>> out = new ArrayList<>();
                    fn.apply(k, v).forEach(p -> out.add(org.apache.kafka.streams.KeyValue.pair(p.key(), p.value())));
                    return out;
                });
            } else if (op instanceof FlatMapValues m) {
                Function<String, List<String>> fn = FLAT_MAP_VALUES_FNS.get(m.fn());
                return s.flatMapValues(v -> fn.apply(v));
            } else if (op instanceof FlatMapValuesWithKey) {
                return s.flatMapValues((k, v) -> FLAT_MAP_VALUES_WITH_KEY_FN.apply(k, v));
            } else if (op instanceof Peek) {
                return s.peek((k, v) -> log.add("peek" + i + ":" + k + "=" + v));
            } else if (op instanceof SplitMerge m) {
                BiPredicate<String, String> p1 = PREDICATES.get(m.pred1());
                BiPredicate<String, String> p2 = PREDICATES.get(m.pred2());
                String prefix = "sp" + i + "-";
                Map<String, org.apache.kafka.streams.kstream.KStream<String, String>> branches = s
                    .split(org.apache.kafka.streams.kstream.Named.as(prefix))
                    .branch((k, v) -> p1.test(k, v), m.chain()
                        ? org.apache.kafka.streams.kstream.Branched.withFunction(b -> b.mapValues(v -> tag(v, "a")), "a")
                        : org.apache.kafka.streams.kstream.Branched.as("a"))
                    .branch((k, v) -> p2.test(k, v), m.chain()
                        ? org.apache.kafka.streams.kstream.Branched.withFunction(b -> b.mapValues(v -> tag(v, "b")), "b")
                        : org.apache.kafka.streams.kstream.Branched.as("b"))
                    .defaultBranch(m.chain()
                        ? org.apache.kafka.streams.kstream.Branched.withFunction(b -> b.mapValues(v -> tag(v, "d")), "d")
                        : org.apache.kafka.streams.kstream.Branched.as("d"));
                return branches.get(prefix + "a").merge(branches.get(prefix + "b")).merge(branches.get(prefix + "d"));
            } else if (op instanceof SelfMerge m) {
                Function<String, String> fn = VALUE_FNS.get(m.fn());
                return s.merge(s.mapValues(v -> fn.apply(v)));
            } else if (op instanceof Process p) {
                return s.process(() -> new KafkaProcessor(p.variant(), i));
            } else if (op instanceof ProcessValues p) {
                return s.processValues(() -> new KafkaFixedKeyProcessor(p.variant()));
            } else if (op instanceof Repartition r) {
                org.apache.kafka.streams.kstream.Repartitioned<String, String> rep = org.apache.kafka.streams.kstream.Repartitioned.with(
                    org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.String());
                return s.repartition(r.named() ? rep.withName("rp" + i) : rep);
            } else if (op instanceof ToMid t) {
                if (t.dynamic()) {
                    s.to((k, v, ctx) -> extractTopic(v, ctx.timestamp(), ctx.topic(), ctx.headers().toArray().length), org.apache.kafka.streams.kstream.Produced.with(
                        org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.String()));
                } else {
                    s.to("mid" + i, org.apache.kafka.streams.kstream.Produced.with(
                        org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.String()));
                }
                return s;
            }
            throw new AssertionError(op);
        }
    }

    /** Kafka processor; the body is identical to {@link RillProcessor}'s. */
    static final class KafkaProcessor implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private final int variant;
        private final int id;
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context;
        private int count;

        KafkaProcessor(int variant, int id) {
            this.variant = variant;
            this.id = id;
        }

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context) {
            this.context = context;
            if (variant == 3) {
                context.schedule(Duration.ofMillis(STREAM_PUNCTUATE_MS), org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME,
                    t -> context.forward(new org.apache.kafka.streams.processor.api.Record<>("st", "st" + id + "@" + t + "#" + count, t)));
            } else if (variant == 4) {
                context.schedule(Duration.ofMillis(WALL_PUNCTUATE_MS), org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME,
                    t -> context.forward(new org.apache.kafka.streams.processor.api.Record<>("wc", "wc" + id + "@" + t + " stream=" + context.currentStreamTimeMs() + "#" + count,
                        context.currentStreamTimeMs() < 0 ? 0 : context.currentStreamTimeMs())));
            }
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> record) {
            count++;
            String k = record.key();
            String v = record.value();
            long ts = record.timestamp();
            switch (variant) {
                case 0 -> {
                    if (v != null) {
                        context.forward(record.withValue(reverse(v)).withTimestamp(ts + 1));
                    }
                }
                case 1 -> {
                    org.apache.kafka.streams.processor.api.Record<String, String> r1 = record.withValue(v + "#1");
                    r1.headers().add("n", bytes("1"));
                    context.forward(r1);
                    org.apache.kafka.streams.processor.api.Record<String, String> r2 = record.withValue(v + "#2").withTimestamp(ts / 2);
                    r2.headers().add("n", bytes("2"));
                    context.forward(r2);
                }
                case 2 -> {
                    org.apache.kafka.common.header.Header h1 = record.headers().lastHeader("h1");
                    int n = record.headers().toArray().length;
                    context.forward(record.withKey(k == null ? "nk" : k + "x")
                        .withValue(v + "|h" + n + "=" + (h1 == null ? "-" : str(h1.value())))
                        .withTimestamp(ts + 3));
                }
                case 5 -> {
                    String where = context.recordMetadata()
                        // Kafka fills a placeholder (topic null, -1, -1) where Rill gives no metadata, by design.
                        .filter(m -> m.topic() != null)
                        .map(m -> (m.topic() != null && m.topic().endsWith("-repartition") ? "rep" : m.topic()) + "/" + m.partition() + "/" + m.offset())
                        .orElse("none");
                    context.forward(record.withValue(v + "@" + where + " st=" + context.currentStreamTimeMs()));
                }
                case 6 -> {
                    context.forward(record.withTimestamp(ts / 2));
                    context.forward(record.withValue(v + "'"));
                }
                case 7 -> {
                    context.forward(record.withValue(v + "'"));
                    context.forward(record.withTimestamp(ts / 2));
                }
                default -> context.forward(record);
            }
        }
    }

    /** Kafka fixed-key processor; the body is identical to {@link RillFixedKeyProcessor}'s. */
    static final class KafkaFixedKeyProcessor implements org.apache.kafka.streams.processor.api.FixedKeyProcessor<String, String, String> {
        private final int variant;
        private org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> context;

        KafkaFixedKeyProcessor(int variant) {
            this.variant = variant;
        }

        @Override
        public void init(org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.FixedKeyRecord<String, String> record) {
            String v = record.value();
            long ts = record.timestamp();
            switch (variant) {
                case 0 -> {
                    org.apache.kafka.streams.processor.api.FixedKeyRecord<String, String> r = record.withValue(v + "~");
                    r.headers().add("pv", bytes(v));
                    context.forward(r);
                }
                case 1 -> {
                    int n = v == null ? 0 : v.length() % 3;
                    for (int i = 0; i < n; i++) {
                        context.forward(record.withValue(v + ":" + i).withTimestamp(ts + i));
                    }
                }
                default -> {
                    org.apache.kafka.common.header.internals.RecordHeaders fresh = new org.apache.kafka.common.header.internals.RecordHeaders();
                    fresh.add("ts", bytes(Long.toString(ts)));
                    context.forward(record.withHeaders(fresh).withValue(record.key() + "=" + v));
                }
            }
        }
    }
}
