package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.IntegerDeserializer;
import dev.rill.common.serialization.LongDeserializer;
import dev.rill.common.serialization.LongSerializer;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.DriverTestSupport;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.FixedKeyProcessorContext;
import dev.rill.streams.processor.api.FixedKeyRecord;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stateless {@link KStream} operator, run through the {@link TopologyTestDriver} and checked by what
 * a user sees on the output topics: keys, values, timestamps and headers.
 *
 * <p>Unless a test says otherwise the driver runs with String default serdes, so a test that needs other
 * types passes serdes explicitly.
 */
class KStreamOperatorsTest extends DriverTestSupport {
    private static final String APP_ID = "ops-test";
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private Properties props() {
        return stringProps(APP_ID);
    }

    private TopologyTestDriver start(StreamsBuilder builder) {
        driver = new TopologyTestDriver(builder.build(), props(), T0);
        return driver;
    }

    private TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    private TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    private static KeyValue<String, String> kv(String k, String v) {
        return KeyValue.pair(k, v);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String headerValue(TestRecord<?, ?> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------
    // Table-driven: each operator's effect on keys and values.
    // ---------------------------------------------------------------------------------------------------

    private static final List<KeyValue<String, String>> FRUITS = List.of(kv("k1", "apple"), kv("k2", "banana"), kv("k3", "avocado"));

    private static Arguments op(String description, UnaryOperator<KStream<String, String>> operator,
                                List<KeyValue<String, String>> in, List<KeyValue<String, String>> expected) {
        return Arguments.of(description, operator, in, expected);
    }

    static Stream<Arguments> keyValueTransformations() {
        return Stream.of(
            op("filter keeps the records whose value passes", s -> s.filter((k, v) -> v.startsWith("a")),
                FRUITS, List.of(kv("k1", "apple"), kv("k3", "avocado"))),
            op("filter sees the key", s -> s.filter((k, v) -> k.equals("k2")),
                FRUITS, List.of(kv("k2", "banana"))),
            op("filter that passes nothing outputs nothing", s -> s.filter((k, v) -> false),
                FRUITS, List.of()),
            op("filterNot drops the records that pass", s -> s.filterNot((k, v) -> v.startsWith("a")),
                FRUITS, List.of(kv("k2", "banana"))),
            op("filterNot with a named operator", s -> s.filterNot((k, v) -> k.equals("k1"), Named.as("not-k1")),
                FRUITS, List.of(kv("k2", "banana"), kv("k3", "avocado"))),
            op("map replaces key and value", s -> s.map((k, v) -> KeyValue.pair(v, k.toUpperCase())),
                FRUITS, List.of(kv("apple", "K1"), kv("banana", "K2"), kv("avocado", "K3"))),
            op("mapValues(ValueMapper) replaces the value and keeps the key", s -> s.mapValues(v -> v.toUpperCase()),
                FRUITS, List.of(kv("k1", "APPLE"), kv("k2", "BANANA"), kv("k3", "AVOCADO"))),
            op("mapValues(ValueMapperWithKey) sees the key", s -> s.mapValues((k, v) -> k + "=" + v),
                FRUITS, List.of(kv("k1", "k1=apple"), kv("k2", "k2=banana"), kv("k3", "k3=avocado"))),
            op("flatMap emits zero or more pairs per record, in order",
                s -> s.flatMap((k, v) -> v.startsWith("a")
                    ? List.of(KeyValue.pair(v, k), KeyValue.pair(v + "#len", String.valueOf(v.length())))
                    : List.<KeyValue<String, String>>of()),
                FRUITS, List.of(kv("apple", "k1"), kv("apple#len", "5"), kv("avocado", "k3"), kv("avocado#len", "7"))),
            op("flatMapValues(ValueMapper) emits one record per element; an empty iterable drops the record",
                s -> s.flatMapValues(v -> v.isEmpty() ? List.<String>of() : Arrays.asList(v.split(","))),
                List.of(kv("a", "x,y,z"), kv("b", ""), kv("c", "w")),
                List.of(kv("a", "x"), kv("a", "y"), kv("a", "z"), kv("c", "w"))),
            op("flatMapValues(ValueMapperWithKey) sees the key and keeps it",
                s -> s.flatMapValues((k, v) -> k.equals("k2") ? List.<String>of() : List.of(k + ":" + v, v.substring(0, 2))),
                FRUITS, List.of(kv("k1", "k1:apple"), kv("k1", "ap"), kv("k3", "k3:avocado"), kv("k3", "av"))),
            op("selectKey replaces the key and keeps the value", s -> s.selectKey((k, v) -> v.substring(0, 1) + k),
                FRUITS, List.of(kv("ak1", "apple"), kv("bk2", "banana"), kv("ak3", "avocado"))),
            op("peek passes every record on unchanged", s -> s.peek((k, v) -> { }),
                FRUITS, FRUITS),
            op("processValues with a FixedKeyProcessor changes values, not keys",
                s -> s.processValues(UpperCaseWithLength::new),
                FRUITS, List.of(kv("k1", "APPLE/5"), kv("k2", "BANANA/6"), kv("k3", "AVOCADO/7"))),
            op("operators chain", s -> s.filter((k, v) -> !v.equals("banana")).mapValues(v -> v.length() + "").selectKey((k, v) -> k + v),
                FRUITS, List.of(kv("k15", "5"), kv("k37", "7")))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyValueTransformations")
    void operatorProducesTheExpectedKeysAndValues(String description, UnaryOperator<KStream<String, String>> operator,
                                                  List<KeyValue<String, String>> in, List<KeyValue<String, String>> expected) {
        StreamsBuilder builder = new StreamsBuilder();
        operator.apply(builder.<String, String>stream("in")).to("out");
        start(builder);

        input("in").pipeKeyValueList(in);

        assertThat(output("out").readKeyValuesToList()).containsExactlyElementsOf(expected);
    }

    /** Upper-cases the value and appends its length. */
    static final class UpperCaseWithLength implements FixedKeyProcessor<String, String, String> {
        private FixedKeyProcessorContext<String, String> context;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, String> record) {
            context.forward(record.withValue(record.value().toUpperCase() + "/" + record.value().length()));
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Generated: every operator that forwards the input record keeps its timestamp and headers, and passes
    // null keys through.
    // ---------------------------------------------------------------------------------------------------

    /** Operators that emit at least one record for the input value "a,b". */
    static Stream<Arguments> recordPreservingOperators() {
        Map<String, UnaryOperator<KStream<String, String>>> ops = new java.util.LinkedHashMap<>();
        ops.put("filter", s -> s.filter((k, v) -> v.contains(",")));
        ops.put("filterNot", s -> s.filterNot((k, v) -> v.isEmpty()));
        ops.put("map", s -> s.map((k, v) -> KeyValue.pair("new-key", v + "!")));
        ops.put("mapValues(ValueMapper)", s -> s.mapValues(v -> v + "!"));
        ops.put("mapValues(ValueMapperWithKey)", s -> s.mapValues((k, v) -> k + v));
        ops.put("flatMap", s -> s.flatMap((k, v) -> List.of(KeyValue.pair("x", v), KeyValue.pair("y", v))));
        ops.put("flatMapValues(ValueMapper)", s -> s.flatMapValues(v -> Arrays.asList(v.split(","))));
        ops.put("flatMapValues(ValueMapperWithKey)", s -> s.flatMapValues((k, v) -> Arrays.asList(v.split(","))));
        ops.put("selectKey", s -> s.selectKey((k, v) -> "sel"));
        ops.put("peek", s -> s.peek((k, v) -> { }));
        ops.put("split branch", s -> s.split(Named.as("sp-")).branch((k, v) -> true, Branched.as("all")).noDefaultBranch().get("sp-all"));
        ops.put("split default branch", s -> s.split(Named.as("sp-")).branch((k, v) -> false, Branched.as("none")).defaultBranch().get("sp-0"));
        ops.put("merge", s -> s.merge(s.filter((k, v) -> false)));
        ops.put("repartition", s -> s.repartition(Repartitioned.as("rp")));
        ops.put("processValues", s -> s.processValues(UpperCaseWithLength::new));
        ops.put("process", s -> s.process(() -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, String> record) {
                context.forward(record.withValue(record.value() + "?"));
            }
        }));
        return ops.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordPreservingOperators")
    void outputRecordsCarryTheInputTimestampAndHeaders(String name, UnaryOperator<KStream<String, String>> operator) {
        StreamsBuilder builder = new StreamsBuilder();
        operator.apply(builder.<String, String>stream("in")).to("out");
        start(builder);
        Instant ts = T0.plusSeconds(42);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", bytes("t-1"));

        input("in").pipeInput(new TestRecord<>("key", "a,b", headers, ts));

        List<TestRecord<String, String>> records = output("out").readRecordsToList();
        assertThat(records).isNotEmpty();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getRecordTime()).isEqualTo(ts);
            assertThat(headerValue(r, "trace-id")).isEqualTo("t-1");
        });
    }

    /** Stateless operators that do not compute a new key: a null key must reach the output as null. */
    static Stream<Arguments> keyPreservingOperators() {
        Map<String, UnaryOperator<KStream<String, String>>> ops = new java.util.LinkedHashMap<>();
        ops.put("filter", s -> s.filter((k, v) -> k == null));
        ops.put("filterNot", s -> s.filterNot((k, v) -> k != null));
        ops.put("mapValues(ValueMapper)", s -> s.mapValues(v -> v + "!"));
        ops.put("mapValues(ValueMapperWithKey)", s -> s.mapValues((k, v) -> k + "|" + v));
        ops.put("flatMapValues(ValueMapper)", s -> s.flatMapValues(v -> List.of(v, v)));
        ops.put("flatMapValues(ValueMapperWithKey)", s -> s.flatMapValues((k, v) -> List.of(String.valueOf(k))));
        ops.put("peek", s -> s.peek((k, v) -> { }));
        ops.put("split", s -> s.split(Named.as("sp-")).branch((k, v) -> k == null, Branched.as("nokey")).noDefaultBranch().get("sp-nokey"));
        ops.put("merge", s -> s.merge(s.filter((k, v) -> false)));
        ops.put("processValues", s -> s.processValues(UpperCaseWithLength::new));
        ops.put("map to a null key", s -> s.map((k, v) -> KeyValue.pair(null, v)));
        ops.put("selectKey to a null key", s -> s.selectKey((k, v) -> null));
        return ops.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyPreservingOperators")
    void nullKeysPassThroughStatelessOperators(String name, UnaryOperator<KStream<String, String>> operator) {
        StreamsBuilder builder = new StreamsBuilder();
        operator.apply(builder.<String, String>stream("in")).to("out");
        start(builder);

        input("in").pipeInput("hello"); // null key

        List<KeyValue<String, String>> out = output("out").readKeyValuesToList();
        assertThat(out).isNotEmpty();
        assertThat(out).allSatisfy(r -> assertThat(r.key).isNull());
    }

    @Test
    void nullKeyIsVisibleToTheFunctionsOfStatelessOperators() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").mapValues((k, v) -> "key was " + k).to("out");
        start(builder);

        input("in").pipeInput("v");

        assertThat(output("out").readKeyValue()).isEqualTo(kv(null, "key was null"));
    }

    @Test
    void nullValuesPassThroughFilterAndMapValues() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").filter((k, v) -> v == null).mapValues(v -> v).to("out");
        start(builder);

        input("in").pipeInput(new TestRecord<>("k", (String) null));
        input("in").pipeInput("k", "not null");

        assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k", null));
    }

    /**
     * Operators that do not change the value type keep the value serde they were given, so a sink without
     * {@code Produced} still writes Longs although the default value serde is String.
     */
    static Stream<Arguments> valueSerdePreservingOperators() {
        Map<String, UnaryOperator<KStream<String, Long>>> ops = new java.util.LinkedHashMap<>();
        ops.put("filter", s -> s.filter((k, v) -> v > 0));
        ops.put("filterNot", s -> s.filterNot((k, v) -> v < 0));
        ops.put("selectKey", s -> s.selectKey((k, v) -> k + "!"));
        ops.put("peek", s -> s.peek((k, v) -> { }));
        ops.put("split branch", s -> s.split(Named.as("sp-")).branch((k, v) -> true, Branched.as("b")).noDefaultBranch().get("sp-b"));
        ops.put("split default branch", s -> s.split(Named.as("sp-")).branch((k, v) -> false).defaultBranch().get("sp-0"));
        ops.put("merge", s -> s.merge(s.filter((k, v) -> false)));
        ops.put("repartition()", s -> s.repartition());
        ops.put("repartition(Repartitioned.as)", s -> s.repartition(Repartitioned.as("named")));
        return ops.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSerdePreservingOperators")
    void sinkWithoutProducedUsesTheValueSerdeCarriedThroughTheOperator(String name, UnaryOperator<KStream<String, Long>> operator) {
        StreamsBuilder builder = new StreamsBuilder();
        operator.apply(builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))).to("out");
        start(builder);

        driver.createInputTopic("in", new StringSerializer(), new LongSerializer()).pipeInput("k", 42L);

        List<Long> values = driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer()).readValuesToList();
        assertThat(values).isNotEmpty().containsOnly(42L);
    }

    // ---------------------------------------------------------------------------------------------------
    // Side effects: peek and foreach.
    // ---------------------------------------------------------------------------------------------------

    @Nested
    class PeekAndForeach {

        @Test
        void peekSeesEveryRecordAndPassesItOnUnchanged() {
            List<KeyValue<String, String>> seen = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").peek((k, v) -> seen.add(KeyValue.pair(k, v)), Named.as("spy")).to("out");
            start(builder);

            input("in").pipeInput("k1", "v1", T0.plusMillis(5));
            input("in").pipeInput("k2", "v2", T0.plusMillis(9));

            assertThat(seen).containsExactly(kv("k1", "v1"), kv("k2", "v2"));
            List<TestRecord<String, String>> out = output("out").readRecordsToList();
            assertThat(out).extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                    org.assertj.core.groups.Tuple.tuple("k1", "v1", T0.plusMillis(5)),
                    org.assertj.core.groups.Tuple.tuple("k2", "v2", T0.plusMillis(9)));
        }

        @Test
        void peekRunsBeforeTheDownstreamOperator() {
            List<String> events = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .peek((k, v) -> events.add("peek " + v))
                .foreach((k, v) -> events.add("foreach " + v));
            start(builder);

            input("in").pipeValueList(List.of("a", "b"));

            assertThat(events).containsExactly("peek a", "foreach a", "peek b", "foreach b");
        }

        @Test
        void foreachSeesEveryRecordAndSendsNothingDownstream() {
            List<KeyValue<String, String>> seen = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> in = builder.stream("in");
            in.foreach((k, v) -> seen.add(KeyValue.pair(k, v)));
            start(builder);

            input("in").pipeInput("k1", "v1");
            input("in").pipeInput(null, "v2");

            assertThat(seen).containsExactly(kv("k1", "v1"), kv(null, "v2"));
            assertThat(driver.producedTopicNames()).isEmpty();
        }

        @Test
        void foreachWithANameDoesNotAffectSiblingOperators() {
            List<String> seen = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> in = builder.stream("in");
            in.foreach((k, v) -> seen.add(v), Named.as("sink-like"));
            in.mapValues(v -> v + "!").to("out");
            start(builder);

            input("in").pipeInput("k", "v");

            assertThat(seen).containsExactly("v");
            assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k", "v!"));
            assertThat(driver.producedTopicNames()).containsExactly("out");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // split
    // ---------------------------------------------------------------------------------------------------

    @Nested
    class Split {

        @Test
        void namedBranchesAndDefaultBranchAreKeyedByPrefixAndName() {
            StreamsBuilder builder = new StreamsBuilder();
            Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> v.startsWith("a"), Branched.as("a"))
                .branch((k, v) -> v.startsWith("b"), Branched.as("b"))
                .defaultBranch();

            assertThat(branches).containsOnlyKeys("p-a", "p-b", "p-0");
            branches.forEach((name, stream) -> stream.to("out-" + name));
            start(builder);

            input("in").pipeKeyValueList(List.of(kv("1", "apple"), kv("2", "banana"), kv("3", "cherry"), kv("4", "avocado")));

            assertThat(output("out-p-a").readKeyValuesToList()).containsExactly(kv("1", "apple"), kv("4", "avocado"));
            assertThat(output("out-p-b").readKeyValuesToList()).containsExactly(kv("2", "banana"));
            assertThat(output("out-p-0").readKeyValuesToList()).containsExactly(kv("3", "cherry"));
        }

        @Test
        void unnamedBranchesAreKeyedByPositionFromOne() {
            StreamsBuilder builder = new StreamsBuilder();
            Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> v.length() < 5)
                .branch((k, v) -> v.length() < 7)
                .branch((k, v) -> v.length() < 9, Branched.as("named"))
                .defaultBranch();

            assertThat(branches).containsOnlyKeys("p-1", "p-2", "p-named", "p-0");
            branches.forEach((name, stream) -> stream.to("out-" + name));
            start(builder);

            input("in").pipeValueList(List.of("fig", "banana", "avocado", "watermelon"));

            assertThat(output("out-p-1").readValuesToList()).containsExactly("fig");
            assertThat(output("out-p-2").readValuesToList()).containsExactly("banana");
            assertThat(output("out-p-named").readValuesToList()).containsExactly("avocado");
            assertThat(output("out-p-0").readValuesToList()).containsExactly("watermelon");
        }

        @Test
        void firstMatchingBranchWins() {
            StreamsBuilder builder = new StreamsBuilder();
            Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> v.contains("a"), Branched.as("has-a"))
                .branch((k, v) -> v.contains("p"), Branched.as("has-p"))
                .defaultBranch();
            branches.forEach((name, stream) -> stream.to("out-" + name));
            start(builder);

            // "apple" passes both predicates; "plum" only the second; "kiwi" none.
            input("in").pipeValueList(List.of("apple", "plum", "kiwi"));

            assertThat(output("out-p-has-a").readValuesToList()).containsExactly("apple");
            assertThat(output("out-p-has-p").readValuesToList()).containsExactly("plum");
            assertThat(output("out-p-0").readValuesToList()).containsExactly("kiwi");
        }

        @Test
        void withoutDefaultBranchNonMatchingRecordsAreDropped() {
            StreamsBuilder builder = new StreamsBuilder();
            Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> v.startsWith("a"), Branched.as("a"))
                .noDefaultBranch();

            assertThat(branches).containsOnlyKeys("p-a");
            branches.get("p-a").to("out");
            start(builder);

            input("in").pipeValueList(List.of("banana", "apple", "cherry"));

            assertThat(output("out").readValuesToList()).containsExactly("apple");
            assertThat(driver.producedTopicNames()).containsExactly("out");
        }

        @Test
        void withFunctionPutsTheFunctionResultInTheMap() {
            StreamsBuilder builder = new StreamsBuilder();
            Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> v.startsWith("a"), Branched.withFunction(s -> s.mapValues(v -> v.toUpperCase()), "up"))
                .defaultBranch(Branched.withFunction(s -> s.mapValues(v -> "other:" + v)));

            assertThat(branches).containsOnlyKeys("p-up", "p-0");
            branches.get("p-up").to("up");
            branches.get("p-0").to("other");
            start(builder);

            input("in").pipeValueList(List.of("apple", "kiwi"));

            assertThat(output("up").readValuesToList()).containsExactly("APPLE");
            assertThat(output("other").readValuesToList()).containsExactly("other:kiwi");
        }

        @Test
        void withFunctionReturningNullLeavesTheBranchOutOfTheMap() {
            List<String> seen = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> true, Branched.withFunction(s -> {
                    s.foreach((k, v) -> seen.add(v));
                    return null;
                }, "gone"))
                .noDefaultBranch();

            assertThat(branches).doesNotContainKey("p-gone").isEmpty();
            start(builder);
            input("in").pipeInput("x");
            assertThat(seen).containsExactly("x");
        }

        @Test
        void withConsumerBranchIsNotInTheMapButStillReceivesRecords() {
            StreamsBuilder builder = new StreamsBuilder();
            Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> v.startsWith("a"), Branched.withConsumer(s -> s.to("consumed"), "c"))
                .branch((k, v) -> v.startsWith("b"), Branched.withConsumer(s -> s.mapValues(v -> v + "!").to("consumed-2")))
                .defaultBranch();

            assertThat(branches).containsOnlyKeys("p-0");
            branches.get("p-0").to("rest");
            start(builder);

            input("in").pipeValueList(List.of("apple", "banana", "cherry"));

            assertThat(output("consumed").readValuesToList()).containsExactly("apple");
            assertThat(output("consumed-2").readValuesToList()).containsExactly("banana!");
            assertThat(output("rest").readValuesToList()).containsExactly("cherry");
        }

        @Test
        void duplicateBranchNameIsRejected() {
            StreamsBuilder builder = new StreamsBuilder();
            BranchedKStream<String, String> split = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> true, Branched.as("a"));

            assertThatThrownBy(() -> split.branch((k, v) -> false, Branched.as("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p-a");
        }

        @Test
        void branchNamedLikeAPositionClashesWithThatPosition() {
            StreamsBuilder builder = new StreamsBuilder();
            BranchedKStream<String, String> split = builder.<String, String>stream("in")
                .split(Named.as("p-"))
                .branch((k, v) -> true, Branched.as("2"));

            // The second, unnamed branch would also be called "p-2".
            assertThatThrownBy(() -> split.branch((k, v) -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p-2");
        }

        @Test
        void branchingAfterTheSplitIsEndedIsRejected() {
            StreamsBuilder builder = new StreamsBuilder();
            BranchedKStream<String, String> split = builder.<String, String>stream("in").split(Named.as("p-"));
            split.branch((k, v) -> true);
            split.defaultBranch();

            assertThatThrownBy(() -> split.branch((k, v) -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("p-");
            assertThatThrownBy(split::noDefaultBranch).isInstanceOf(IllegalStateException.class);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // merge
    // ---------------------------------------------------------------------------------------------------

    @Test
    void mergeOutputsRecordsFromBothInputsInProcessingOrder() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> a = builder.stream("a");
        KStream<String, String> b = builder.stream("b");
        a.mapValues(v -> "a:" + v).merge(b.mapValues(v -> "b:" + v), Named.as("both")).to("out");
        start(builder);

        input("a").pipeInput("k1", "1");
        input("b").pipeInput("k2", "2");
        input("a").pipeInput("k3", "3");
        input("b").pipeInput("k4", "4");
        input("b").pipeInput("k5", "5");

        assertThat(output("out").readKeyValuesToList())
            .containsExactly(kv("k1", "a:1"), kv("k2", "b:2"), kv("k3", "a:3"), kv("k4", "b:4"), kv("k5", "b:5"));
    }

    @Test
    void mergingAStreamWithItselfEmitsEachRecordTwice() {
        // Kafka Streams treats self-merge as two inputs (see apache/kafka#12608, where the maintainers agreed
        // each record must be duplicated); a ported topology doing this must not fail to build.
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in");
        in.merge(in).to("out");
        start(builder);

        input("in").pipeInput("k", "v");

        assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k", "v"), kv("k", "v"));
    }

    @Test
    void mergeKeepsTheSourceSerdesWhenBothSidesShareThem() {
        // Both sides use the same serde instances. (Merging sides whose serdes are equivalent but distinct
        // instances, e.g. two Serdes.Long() calls, drops the serdes as Kafka Streams does, since the built-in
        // serdes do not define equals.)
        Consumed<String, Long> consumed = Consumed.with(Serdes.String(), Serdes.Long());
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Long> a = builder.stream("a", consumed);
        KStream<String, Long> b = builder.stream("b", consumed);
        a.merge(b).to("out"); // no Produced: the Long serde must be carried over (the default value serde is String)
        start(builder);

        driver.createInputTopic("a", new StringSerializer(), new LongSerializer()).pipeInput("x", 1L);
        driver.createInputTopic("b", new StringSerializer(), new LongSerializer()).pipeInput("y", 2L);

        assertThat(driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer()).readKeyValuesToList())
            .containsExactly(KeyValue.pair("x", 1L), KeyValue.pair("y", 2L));
    }

    // ---------------------------------------------------------------------------------------------------
    // to(...)
    // ---------------------------------------------------------------------------------------------------

    @Nested
    class To {

        @Test
        void toTopicWritesEveryRecord() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to("out");
            start(builder);

            input("in").pipeInput("k", "v", T0.plusSeconds(3));

            TestRecord<String, String> r = output("out").readRecord();
            assertThat(r.key()).isEqualTo("k");
            assertThat(r.value()).isEqualTo("v");
            assertThat(r.getRecordTime()).isEqualTo(T0.plusSeconds(3));
            assertThat(output("out").isEmpty()).isTrue();
        }

        @Test
        void sinkReusesTheSourceSerdesAfterFilter() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))
                .filter((k, v) -> v > 10)
                .to("out"); // the default value serde is String: Long must come from Consumed
            start(builder);

            TestInputTopic<String, Long> in = driver.createInputTopic("in", new StringSerializer(), new LongSerializer());
            in.pipeInput("small", 5L);
            in.pipeInput("big", 50L);

            assertThat(driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer()).readKeyValuesToList())
                .containsExactly(KeyValue.pair("big", 50L));
        }

        @Test
        void topicNameExtractorRoutesByValueAndSeesTheRecordContext() {
            List<String> contextTopics = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to((k, v, ctx) -> {
                contextTopics.add(ctx.topic() + "@" + ctx.offset());
                return ctx.topic() + "-" + (v.startsWith("a") ? "a" : "other");
            });
            start(builder);

            input("in").pipeValueList(List.of("apple", "banana", "apricot"));

            assertThat(contextTopics).containsExactly("in@0", "in@1", "in@2");
            assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder("in-a", "in-other");
            assertThat(output("in-a").readValuesToList()).containsExactly("apple", "apricot");
            assertThat(output("in-other").readValuesToList()).containsExactly("banana");
        }

        @Test
        void topicNameExtractorSeesTheRecordContextTimestampAndHeaders() {
            List<String> seen = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to((k, v, ctx) -> {
                Header h = ctx.headers().lastHeader("route");
                seen.add(ctx.timestamp() + ":" + (h == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
                return h == null ? "unrouted" : new String(h.value(), StandardCharsets.UTF_8);
            });
            start(builder);

            RecordHeaders headers = new RecordHeaders();
            headers.add("route", bytes("special"));
            input("in").pipeInput(new TestRecord<>("k", "v", headers, T0.plusMillis(7)));

            assertThat(seen).containsExactly(T0.plusMillis(7).toEpochMilli() + ":special");
            assertThat(output("special").readKeyValue()).isEqualTo(kv("k", "v"));
        }

        @Test
        void producedWithSerdesDifferentFromTheInput() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .map((k, v) -> KeyValue.pair(Long.parseLong(k), v.length()))
                .to("out", Produced.with(Serdes.Long(), Serdes.Integer()));
            start(builder);

            input("in").pipeInput("7", "seven");
            input("in").pipeInput("12", "twelve");

            TestOutputTopic<Long, Integer> out = driver.createOutputTopic("out", new LongDeserializer(), new IntegerDeserializer());
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair(7L, 5), KeyValue.pair(12L, 6));
        }

        @Test
        void producedValueSerdeOnlyKeepsTheCarriedKeySerde() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.Long(), Serdes.String()))
                .mapValues(v -> v.length())
                .to("out", Produced.valueSerde(Serdes.Integer()));
            start(builder);

            driver.createInputTopic("in", new LongSerializer(), new StringSerializer()).pipeInput(3L, "abcd");

            assertThat(driver.createOutputTopic("out", new LongDeserializer(), new IntegerDeserializer()).readKeyValue())
                .isEqualTo(KeyValue.pair(3L, 4));
        }

        @Test
        void twoSinksOnOneStreamBothReceiveEveryRecord() {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> in = builder.stream("in");
            in.to("one", Produced.as("to-one"));
            in.to("two", Produced.as("to-two"));
            start(builder);

            input("in").pipeInput("k", "v");

            assertThat(output("one").readKeyValuesToList()).containsExactly(kv("k", "v"));
            assertThat(output("two").readKeyValuesToList()).containsExactly(kv("k", "v"));
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // repartition
    // ---------------------------------------------------------------------------------------------------

    @Nested
    class Repartition {

        @Test
        void namedRepartitionWritesThroughTheInternalTopicAndReachesTheSink() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .selectKey((k, v) -> v.substring(0, 1))
                .repartition(Repartitioned.as("x"))
                .mapValues(v -> v.toUpperCase())
                .to("out");
            start(builder);

            input("in").pipeInput("k1", "apple", T0.plusMillis(1));
            input("in").pipeInput("k2", "banana", T0.plusMillis(2));

            assertThat(driver.producedTopicNames()).contains(APP_ID + "-x-repartition", "out");
            List<TestRecord<String, String>> out = output("out").readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("a", "b");
            assertThat(out).extracting(TestRecord::value).containsExactly("APPLE", "BANANA");
            assertThat(out).extracting(TestRecord::getRecordTime).containsExactly(T0.plusMillis(1), T0.plusMillis(2));
        }

        @Test
        void internalTopicHoldsTheRecordsAsWrittenBeforeTheDownstreamOperators() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .repartition(Repartitioned.as("x"))
                .mapValues(v -> v + "!")
                .to("out");
            start(builder);

            input("in").pipeInput("k", "v");

            assertThat(output(APP_ID + "-x-repartition").readKeyValuesToList()).containsExactly(kv("k", "v"));
            assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k", "v!"));
        }

        @Test
        void unnamedRepartitionUsesAGeneratedInternalTopicPrefixedWithTheApplicationId() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").repartition().to("out");
            start(builder);

            input("in").pipeInput("k", "v");

            assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k", "v"));
            assertThat(driver.producedTopicNames())
                .hasSize(2)
                .contains("out")
                .anySatisfy(t -> assertThat(t).matches(APP_ID + "-KSTREAM-REPARTITION-\\d+-repartition"));
        }

        @Test
        void repartitionWithSerdesDifferentFromTheDefaults() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .map((k, v) -> KeyValue.pair(Long.parseLong(k), v.length()))
                .repartition(Repartitioned.<Long, Integer>as("lens").withKeySerde(Serdes.Long()).withValueSerde(Serdes.Integer()))
                .mapValues(len -> "len=" + len)
                .to("out", Produced.with(Serdes.Long(), Serdes.String()));
            start(builder);

            input("in").pipeInput("5", "hello");

            assertThat(driver.createOutputTopic("out", new LongDeserializer(), new StringDeserializer()).readKeyValue())
                .isEqualTo(KeyValue.pair(5L, "len=5"));
            assertThat(driver.createOutputTopic(APP_ID + "-lens-repartition", new LongDeserializer(), new IntegerDeserializer())
                .readKeyValue()).isEqualTo(KeyValue.pair(5L, 5));
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // process / processValues
    // ---------------------------------------------------------------------------------------------------

    /** Splits a sentence into words: one record per word, keyed by the word, valued by the input key. */
    static final class WordSplitter implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            for (String word : record.value().split(" ")) {
                context.forward(record.withKey(word).withValue(record.key()));
            }
        }
    }

    /** Forwards values starting with a vowel to the child "vowels", others to "consonants". */
    static final class VowelRouter implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            String child = "aeiou".indexOf(record.value().charAt(0)) >= 0 ? "vowels" : "consonants";
            context.forward(record, child);
        }
    }

    @Nested
    class ProcessAndProcessValues {

        @Test
        void processorForwardingSeveralRecordsOutputsThemAllInOrder() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(WordSplitter::new).to("out");
            start(builder);

            input("in").pipeInput("s1", "the quick fox", T0.plusSeconds(1));

            List<TestRecord<String, String>> out = output("out").readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("the", "quick", "fox");
            assertThat(out).extracting(TestRecord::value).containsOnly("s1");
            assertThat(out).extracting(TestRecord::getRecordTime).containsOnly(T0.plusSeconds(1));
        }

        @Test
        void processorForwardingToANamedChildReachesOnlyThatChild() {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> routed = builder.<String, String>stream("in").process(VowelRouter::new, Named.as("router"));
            routed.mapValues(v -> "V:" + v, Named.as("vowels")).to("vowels-out");
            routed.mapValues(v -> "C:" + v, Named.as("consonants")).to("consonants-out");
            start(builder);

            input("in").pipeValueList(List.of("apple", "banana", "orange"));

            assertThat(output("vowels-out").readValuesToList()).containsExactly("V:apple", "V:orange");
            assertThat(output("consonants-out").readValuesToList()).containsExactly("C:banana");
        }

        @Test
        void processorCanChangeTheTimestampWithWithTimestamp() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    context.forward(record.withTimestamp(record.timestamp() + 1000));
                }
            }).to("out");
            start(builder);

            input("in").pipeInput("k", "v", T0);

            assertThat(output("out").readRecord().getRecordTime()).isEqualTo(T0.plusSeconds(1));
        }

        @Test
        void fixedKeyProcessorCanChangeTheTimestamp() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").processValues(() -> new FixedKeyProcessor<String, String, String>() {
                private FixedKeyProcessorContext<String, String> context;

                @Override
                public void init(FixedKeyProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(FixedKeyRecord<String, String> record) {
                    context.forward(record.withTimestamp(5L).withValue(record.value() + "@5"));
                }
            }).to("out");
            start(builder);

            input("in").pipeInput("k", "v", T0);

            TestRecord<String, String> r = output("out").readRecord();
            assertThat(r.key()).isEqualTo("k");
            assertThat(r.value()).isEqualTo("v@5");
            assertThat(r.timestamp()).isEqualTo(5L);
        }

        @Test
        void headerAddedUpstreamArrivesAtTheOutputTopic() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .processValues(() -> new FixedKeyProcessor<String, String, String>() {
                    private FixedKeyProcessorContext<String, String> context;

                    @Override
                    public void init(FixedKeyProcessorContext<String, String> context) {
                        this.context = context;
                    }

                    @Override
                    public void process(FixedKeyRecord<String, String> record) {
                        record.headers().add("stage", bytes("enriched"));
                        context.forward(record);
                    }
                })
                .mapValues(v -> v + "!")
                .filter((k, v) -> true)
                .to("out");
            start(builder);

            RecordHeaders headers = new RecordHeaders();
            headers.add("origin", bytes("test"));
            input("in").pipeInput(new TestRecord<>("k", "v", headers));

            TestRecord<String, String> r = output("out").readRecord();
            assertThat(r.value()).isEqualTo("v!");
            assertThat(headerValue(r, "origin")).isEqualTo("test");
            assertThat(headerValue(r, "stage")).isEqualTo("enriched");
        }

        @Test
        void processorCanReplaceTheHeaders() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    RecordHeaders fresh = new RecordHeaders();
                    fresh.add("only", bytes("this"));
                    context.forward(record.withHeaders(fresh));
                }
            }).to("out");
            start(builder);

            RecordHeaders headers = new RecordHeaders();
            headers.add("dropped", bytes("x"));
            input("in").pipeInput(new TestRecord<>("k", "v", headers));

            TestRecord<String, String> r = output("out").readRecord();
            assertThat(r.headers().toArray()).hasSize(1);
            assertThat(headerValue(r, "only")).isEqualTo("this");
            assertThat(r.headers().lastHeader("dropped")).isNull();
        }

        @Test
        void processValuesForwardingSeveralRecordsKeepsTheKey() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").processValues(() -> new FixedKeyProcessor<String, String, String>() {
                private FixedKeyProcessorContext<String, String> context;

                @Override
                public void init(FixedKeyProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(FixedKeyRecord<String, String> record) {
                    for (char c : record.value().toCharArray()) {
                        context.forward(record.withValue(String.valueOf(c)));
                    }
                }
            }, Named.as("chars")).to("out");
            start(builder);

            input("in").pipeInput("k", "abc");

            assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k", "a"), kv("k", "b"), kv("k", "c"));
        }

        @Test
        void processorSeesTheInputRecordMetadata() {
            List<String> seen = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    context.recordMetadata().ifPresent(m -> seen.add(m.topic() + "/" + m.partition() + "/" + m.offset()));
                    context.forward(record);
                }
            }).to("out");
            start(builder);

            input("in").pipeValueList(List.of("a", "b"));

            assertThat(seen).containsExactly("in/0/0", "in/0/1");
            assertThat(output("out").readValuesToList()).containsExactly("a", "b");
        }
    }
}
