package dev.rill.streams.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.ByteArrayDeserializer;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.test.TestRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential properties for aggregations and tables: each scenario of {@link AggregationScenarios} is
 * built with Rill's DSL and (from {@link AggregationScenariosOracle}) with Kafka Streams' DSL, run over
 * the same random input through both test drivers, and every record written to every topic (outputs,
 * repartition topics and changelogs, compared as bytes with their timestamps) must be the same, in the
 * same order, and the task's dropped-records metric must agree. Inputs have null keys and values,
 * repeated keys and out-of-order timestamps; runs use the record cache off and on.
 */
class AggregationDifferentialProperties {
    static {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.log.dev.rill", "error");
    }

    /**
     * Both drivers make and delete a directory of their own under it for each run. Kafka Streams' driver
     * uses a fixed path below it, so it is per process: test runs sharing a machine must not share it.
     */
    private static final Path KAFKA_STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"),
        "rill-aggregation-differential-" + ProcessHandle.current().pid());
    private static final String NO_TIMESTAMP = "@none";

    record Input(String key, String value, long timestamp) {
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "ab", "ba", "bc").injectNull(0.08);
        Arbitrary<String> values = Arbitraries.of("", "a", "ab", "abc", "b", "bz", "A", "Ab", "xyz", "bcde", "cz")
            .injectNull(0.15);
        Arbitrary<Long> timestamps = Arbitraries.longs().between(0, 200);
        return Combinators.combine(keys, values, timestamps).as(Input::new).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 250)
    void everyScenarioWritesWhatKafkaStreamsWrites(@ForAll @IntRange(min = 0, max = 21) int scenario,
                                                   @ForAll boolean cacheOn, @ForAll("inputs") List<Input> input) throws Exception {
        assertSameOutput(scenario % AggregationScenarios.all().size(), cacheOn, input);
    }

    /** The suppress scenarios (the last seven) again: their output depends on long input histories. */
    @Property(tries = 40)
    void suppressionWritesWhatKafkaStreamsWrites(@ForAll @IntRange(min = 15, max = 21) int scenario,
                                                 @ForAll boolean cacheOn, @ForAll("inputs") List<Input> input) throws Exception {
        assertThat(AggregationScenarios.all().get(scenario).name()).startsWith("suppress");
        assertSameOutput(scenario, cacheOn, input);
    }

    private static void assertSameOutput(int index, boolean cacheOn, List<Input> input) throws Exception {
        AggregationScenarios.Scenario rill = AggregationScenarios.all().get(index);
        AggregationScenariosOracle.Scenario kafka = AggregationScenariosOracle.all().get(index);
        assertThat(rill.name()).isEqualTo(kafka.name());
        if (rill.name().equals("suppressTimeLimitBytes")) {
            // The byte count of a buffered update includes its input topic. Updates that come out of the
            // record cache carry the topic of the record that made them in Kafka Streams, none in Rill,
            // so with the cache on a byte-bounded buffer fills later in Rill: compared without cache only.
            cacheOn = false;
        }
        Map<String, List<String>> kafkaTopics = runKafka(kafka, cacheOn, input);
        assertThat(kafkaTopics).as("Kafka Streams reports the dropped-records metric").containsKey("#dropped-records-total");
        Map<String, List<String>> rillTopics = runRill(rill, cacheOn, input);
        // Kafka Streams' suppression buffer writes its changelog without a record timestamp (the broker
        // would stamp it); Rill stamps stream time. Those topics are compared without timestamps. With
        // the record cache on, Kafka Streams' buffer records the input position of the cached update
        // (Rill's cache does not keep it), so there they are not compared.
        for (String topic : List.copyOf(kafkaTopics.keySet())) {
            if (kafkaTopics.get(topic).stream().anyMatch(line -> line.endsWith(NO_TIMESTAMP)) && rillTopics.containsKey(topic)) {
                if (cacheOn) {
                    kafkaTopics.remove(topic);
                    rillTopics.remove(topic);
                } else {
                    kafkaTopics.put(topic, withoutTimestamps(kafkaTopics.get(topic)));
                    rillTopics.put(topic, withoutTimestamps(rillTopics.get(topic)));
                }
            }
        }
        assertThat(rillTopics).as(rill.name() + (cacheOn ? " with cache" : " without cache")).isEqualTo(kafkaTopics);
    }

    private static List<String> withoutTimestamps(List<String> lines) {
        return lines.stream().map(line -> line.substring(0, line.lastIndexOf('@'))).toList();
    }

    @Property(tries = 30)
    void cogroupsWriteWhatKafkaStreamsWrites(@ForAll @IntRange(min = 0, max = 2) int scenario, @ForAll boolean cacheOn,
                                             @ForAll("inputs") List<Input> input) throws Exception {
        AggregationScenarios.Scenario rill = AggregationScenarios.cogroups().get(scenario);
        AggregationScenariosOracle.Scenario kafka = AggregationScenariosOracle.cogroups().get(scenario);
        assertThat(rill.name()).isEqualTo(kafka.name());
        assertThat(runRill("cogroup", rill, cacheOn, input)).as(rill.name() + (cacheOn ? " with cache" : " without cache"))
            .isEqualTo(runKafka("cogroup", kafka, cacheOn, input));
    }

    /**
     * Windowed cogroups on input in which no record is late. Rill decides lateness on the task's stream time, Kafka
     * Streams on one stream time per input, so a record late for one need not be late for the other; here every
     * timestamp is at least the largest so far minus 5 ms, less than any grace period of these scenarios, so no record
     * is late under either rule, while records still arrive out of order.
     */
    @Property(tries = 36)
    void windowedCogroupsWithoutLateRecordsWriteWhatKafkaStreamsWrites(@ForAll @IntRange(min = 0, max = 2) int scenario,
                                                                       @ForAll boolean cacheOn,
                                                                       @ForAll("inputs") List<Input> input) throws Exception {
        AggregationScenarios.Scenario rill = AggregationScenarios.windowedCogroups().get(scenario);
        AggregationScenariosOracle.Scenario kafka = AggregationScenariosOracle.windowedCogroups().get(scenario);
        assertThat(rill.name()).isEqualTo(kafka.name());
        List<Input> onTime = withinGraceOfLatest(input, 5);
        assertThat(runRill("windowed-cogroup", rill, cacheOn, onTime)).as(rill.name() + (cacheOn ? " with cache" : " without cache"))
            .isEqualTo(runKafka("windowed-cogroup", kafka, cacheOn, onTime));
    }

    /** Raises each timestamp to at least the largest earlier one minus {@code slackMs}. */
    static List<Input> withinGraceOfLatest(List<Input> input, long slackMs) {
        List<Input> onTime = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        for (Input i : input) {
            long ts = latest == Long.MIN_VALUE ? i.timestamp() : Math.max(i.timestamp(), latest - slackMs);
            latest = Math.max(latest, ts);
            onTime.add(new Input(i.key(), i.value(), ts));
        }
        return onTime;
    }

    @TestFactory
    List<DynamicTest> everyScenarioDescribesLikeKafkaStreams() {
        List<DynamicTest> tests = new ArrayList<>();
        List<AggregationScenarios.Scenario> rillScenarios = new ArrayList<>(AggregationScenarios.all());
        rillScenarios.addAll(AggregationScenarios.cogroups());
        rillScenarios.addAll(AggregationScenarios.windowedCogroups());
        List<AggregationScenariosOracle.Scenario> kafkaScenarios = new ArrayList<>(AggregationScenariosOracle.all());
        kafkaScenarios.addAll(AggregationScenariosOracle.cogroups());
        kafkaScenarios.addAll(AggregationScenariosOracle.windowedCogroups());
        for (int i = 0; i < rillScenarios.size(); i++) {
            AggregationScenarios.Scenario rill = rillScenarios.get(i);
            AggregationScenariosOracle.Scenario kafka = kafkaScenarios.get(i);
            tests.add(DynamicTest.dynamicTest(rill.name(), () -> {
                StreamsBuilder rb = new StreamsBuilder();
                rill.topology().accept(rb);
                org.apache.kafka.streams.StreamsBuilder kb = new org.apache.kafka.streams.StreamsBuilder();
                kafka.topology().accept(kb);
                assertThat(DescribeDifferentialTest.comparableRill(rb.build().describe().toString()))
                    .isEqualTo(DescribeDifferentialTest.comparableKafka(kb.build().describe().toString()));
            }));
        }
        return tests;
    }

    private static Properties props(String applicationId, boolean cacheOn, Path stateDir, String stringSerdeClass) {
        Properties p = new Properties();
        p.put("application.id", applicationId);
        p.put("bootstrap.servers", "dummy:1234");
        p.put("default.key.serde", stringSerdeClass);
        p.put("default.value.serde", stringSerdeClass);
        p.put("statestore.cache.max.bytes", cacheOn ? "10485760" : "0");
        p.put("state.dir", stateDir.resolve(java.util.UUID.randomUUID().toString()).toString());
        return p;
    }

    private static String line(byte[] key, byte[] value, Long timestamp) {
        HexFormat hex = HexFormat.of();
        return (key == null ? "null" : hex.formatHex(key)) + "|" + (value == null ? "null" : hex.formatHex(value))
            + (timestamp == null ? NO_TIMESTAMP : "@" + timestamp);
    }

    static Map<String, List<String>> runRill(AggregationScenarios.Scenario scenario, boolean cacheOn, List<Input> input) throws Exception {
        return runRill("agg", scenario, cacheOn, input);
    }

    /**
     * @param applicationId names the state directory; a property of its own keeps its stores apart from those of a
     *     failed property whose shrinking may still be running
     */
    static Map<String, List<String>> runRill(String applicationId, AggregationScenarios.Scenario scenario, boolean cacheOn,
                                             List<Input> input) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        scenario.topology().accept(builder);
        Map<String, List<String>> topics = new LinkedHashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                props(applicationId, cacheOn, KAFKA_STATE_DIR, Serdes.StringSerde.class.getName()))) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (Input i : input) {
                in.pipeInput(new TestRecord<>(i.key(), i.value(), null, i.timestamp()));
            }
            for (String topic : new TreeSet<>(driver.producedTopicNames())) {
                TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                List<String> records = new ArrayList<>();
                for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
                    records.add(line(r.key(), r.value(), r.timestamp()));
                }
                topics.put(topic, records);
            }
            driver.metrics().forEach((name, metric) -> {
                if (name.name().equals("dropped-records-total") && name.group().equals("stream-task-metrics")) {
                    topics.put("#dropped-records-total", List.of(String.valueOf(metric.metricValue())));
                }
            });
        }
        return topics;
    }

    static Map<String, List<String>> runKafka(AggregationScenariosOracle.Scenario scenario, boolean cacheOn, List<Input> input)
            throws Exception {
        return runKafka("agg", scenario, cacheOn, input);
    }

    static Map<String, List<String>> runKafka(String applicationId, AggregationScenariosOracle.Scenario scenario, boolean cacheOn,
                                              List<Input> input) throws Exception {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        scenario.topology().accept(builder);
        Map<String, List<String>> topics = new LinkedHashMap<>();
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(),
                props(applicationId, cacheOn, KAFKA_STATE_DIR, org.apache.kafka.common.serialization.Serdes.StringSerde.class.getName()))) {
            org.apache.kafka.streams.TestInputTopic<String, String> in = driver.createInputTopic("in",
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer());
            for (Input i : input) {
                in.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(i.key(), i.value(), null, i.timestamp()));
            }
            for (String topic : new TreeSet<>(driver.producedTopicNames())) {
                org.apache.kafka.streams.TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(topic,
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
                List<String> records = new ArrayList<>();
                for (org.apache.kafka.streams.test.TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
                    records.add(line(r.key(), r.value(), r.timestamp()));
                }
                topics.put(topic, records);
            }
            driver.metrics().forEach((name, metric) -> {
                if (name.name().equals("dropped-records-total") && name.group().equals("stream-task-metrics")) {
                    topics.put("#dropped-records-total", List.of(String.valueOf(metric.metricValue())));
                }
            });
        }
        return topics;
    }
}
