package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.test.TestRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@link TopologyTestDriver}, {@link TestInputTopic} and {@link TestOutputTopic} API. */
class TopologyTestDriverTest extends DriverTestSupport {
    private static final String APP_ID = "driver-test";
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    private Properties props() {
        return stringProps(APP_ID);
    }

    /** in -> out, unchanged. */
    private static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").to("out");
        return builder.build();
    }

    private TopologyTestDriver start(Topology topology) {
        driver = new TopologyTestDriver(topology, props(), T0);
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

    private static String header(TestRecord<?, ?> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class PipeInput {

        @Test
        void pipingOnlyAValueGivesANullKey() {
            start(passThrough());

            input("in").pipeInput("just a value");

            TestRecord<String, String> r = output("out").readRecord();
            assertThat(r.key()).isNull();
            assertThat(r.value()).isEqualTo("just a value");
            assertThat(r.getRecordTime()).isEqualTo(T0);
        }

        @Test
        void pipingKeyAndValue() {
            start(passThrough());

            input("in").pipeInput("k", "v");

            assertThat(output("out").readKeyValue()).isEqualTo(kv("k", "v"));
        }

        @Test
        void pipingWithAnInstantSetsTheRecordTime() {
            start(passThrough());
            TestInputTopic<String, String> in = input("in");

            in.pipeInput("k", "v", T0.plusSeconds(30));
            in.pipeInput("keyless", T0.plusSeconds(60));

            List<TestRecord<String, String>> out = output("out").readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("k", null);
            assertThat(out).extracting(TestRecord::value).containsExactly("v", "keyless");
            assertThat(out).extracting(TestRecord::getRecordTime).containsExactly(T0.plusSeconds(30), T0.plusSeconds(60));
        }

        @Test
        void pipingWithEpochMillisSetsTheRecordTime() {
            start(passThrough());

            input("in").pipeInput("k", "v", 1234L);

            TestRecord<String, String> r = output("out").readRecord();
            assertThat(r.timestamp()).isEqualTo(1234L);
            assertThat(r.getRecordTime()).isEqualTo(Instant.ofEpochMilli(1234L));
        }

        @Test
        void pipingATestRecordKeepsItsHeadersAndTime() {
            start(passThrough());
            RecordHeaders headers = new RecordHeaders();
            headers.add("h1", bytes("one"));
            headers.add("h2", bytes("two"));

            input("in").pipeInput(new TestRecord<>("k", "v", headers, T0.plusMillis(77)));

            TestRecord<String, String> r = output("out").readRecord();
            assertThat(r.key()).isEqualTo("k");
            assertThat(r.value()).isEqualTo("v");
            assertThat(r.getRecordTime()).isEqualTo(T0.plusMillis(77));
            assertThat(header(r, "h1")).isEqualTo("one");
            assertThat(header(r, "h2")).isEqualTo("two");
            assertThat(r.headers().toArray()).hasSize(2);
        }

        @Test
        void pipingATestRecordWithoutTimeUsesTheTopicClock() {
            start(passThrough());
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer(),
                T0.plusSeconds(5), Duration.ZERO);

            in.pipeInput(new TestRecord<>("k", "v"));

            assertThat(output("out").readRecord().getRecordTime()).isEqualTo(T0.plusSeconds(5));
        }

        @Test
        void processorsChangingHeadersDoNotChangeThePipedTestRecord() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    record.headers().add("stage", bytes("seen"));
                    context.forward(record);
                }
            }).to("out");
            start(builder.build());
            RecordHeaders headers = new RecordHeaders();
            headers.add("origin", bytes("test"));
            TestRecord<String, String> piped = new TestRecord<>("k", "v", headers, T0);

            input("in").pipeInput(piped);
            input("in").pipeInput(piped);

            assertThat(headers.toArray()).hasSize(1);
            List<TestRecord<String, String>> out = output("out").readRecordsToList();
            assertThat(out).hasSize(2).allSatisfy(r -> {
                assertThat(r.headers().toArray()).hasSize(2);
                assertThat(header(r, "origin")).isEqualTo("test");
                assertThat(header(r, "stage")).isEqualTo("seen");
            });
        }

        @Test
        void pipeValueListPipesValuesWithNullKeysInOrder() {
            start(passThrough());

            input("in").pipeValueList(List.of("a", "b", "c"));

            assertThat(output("out").readKeyValuesToList()).containsExactly(kv(null, "a"), kv(null, "b"), kv(null, "c"));
        }

        @Test
        void pipeKeyValueListPipesPairsInOrder() {
            start(passThrough());

            input("in").pipeKeyValueList(List.of(kv("k1", "a"), kv("k2", "b")));

            assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k1", "a"), kv("k2", "b"));
        }

        @Test
        void pipeRecordListKeepsExplicitTimesAndHeaders() {
            start(passThrough());
            RecordHeaders headers = new RecordHeaders();
            headers.add("h", bytes("x"));

            input("in").pipeRecordList(List.of(
                new TestRecord<>("k1", "a", headers, T0.plusSeconds(1)),
                new TestRecord<>("k2", "b", null, T0.plusSeconds(2))));

            List<TestRecord<String, String>> out = output("out").readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("k1", "k2");
            assertThat(out).extracting(TestRecord::getRecordTime).containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
            assertThat(header(out.get(0), "h")).isEqualTo("x");
            assertThat(out.get(1).headers().toArray()).isEmpty();
        }

        @Test
        void pipeListsWithStartAndAdvanceSpaceTheRecords() {
            start(passThrough());
            TestInputTopic<String, String> in = input("in");

            in.pipeKeyValueList(List.of(kv("k1", "a"), kv("k2", "b"), kv("k3", "c")), T0, Duration.ofMinutes(1));
            in.pipeValueList(List.of("x", "y"), T0.plusSeconds(1), Duration.ofMillis(10));

            List<TestRecord<String, String>> out = output("out").readRecordsToList();
            assertThat(out).extracting(TestRecord::getRecordTime).containsExactly(
                T0, T0.plusSeconds(60), T0.plusSeconds(120),
                T0.plusSeconds(1), T0.plusSeconds(1).plusMillis(10));
            assertThat(out).extracting(TestRecord::key).containsExactly("k1", "k2", "k3", null, null);
        }

        @Test
        void eachPipedRecordIsProcessedBeforePipeInputReturns() {
            List<String> seen = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").foreach((k, v) -> seen.add(v));
            start(builder.build());
            TestInputTopic<String, String> in = input("in");

            in.pipeInput("first");
            assertThat(seen).containsExactly("first");
            in.pipeInput("second");
            assertThat(seen).containsExactly("first", "second");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class InputTopicClock {

        @Test
        void autoAdvanceGivesStartThenStartPlusStep() {
            start(passThrough());
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer(),
                T0, Duration.ofSeconds(2));

            in.pipeInput("a");
            in.pipeInput("k", "b");
            in.pipeKeyValueList(List.of(kv("k", "c")));
            in.pipeValueList(List.of("d"));

            assertThat(output("out").readRecordsToList()).extracting(TestRecord::getRecordTime)
                .containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(4), T0.plusSeconds(6));
        }

        @Test
        void explicitTimestampsDoNotMoveTheClock() {
            start(passThrough());
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer(),
                T0, Duration.ofSeconds(1));

            in.pipeInput("a");                                  // T0
            in.pipeInput("k", "b", T0.plus(Duration.ofHours(1))); // explicit
            in.pipeInput("k", "c", 5L);                         // explicit
            in.pipeInput("d");                                  // T0 + 1s

            assertThat(output("out").readRecordsToList()).extracting(TestRecord::getRecordTime)
                .containsExactly(T0, T0.plus(Duration.ofHours(1)), Instant.ofEpochMilli(5), T0.plusSeconds(1));
        }

        @Test
        void advanceTimeMovesTheTopicClock() {
            start(passThrough());
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer(),
                T0, Duration.ofSeconds(1));

            in.pipeInput("a");
            in.advanceTime(Duration.ofMinutes(5));
            in.pipeInput("b");

            assertThat(output("out").readRecordsToList()).extracting(TestRecord::getRecordTime)
                .containsExactly(T0, T0.plusSeconds(1).plus(Duration.ofMinutes(5)));
        }

        @Test
        void eachInputTopicHasItsOwnClock() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("a").to("out");
            builder.<String, String>stream("b").to("out");
            start(builder.build());
            TestInputTopic<String, String> a = driver.createInputTopic("a", new StringSerializer(), new StringSerializer(),
                T0, Duration.ofSeconds(10));
            TestInputTopic<String, String> b = driver.createInputTopic("b", new StringSerializer(), new StringSerializer(),
                T0.plusSeconds(1), Duration.ofSeconds(10));

            a.pipeInput("a1");
            b.pipeInput("b1");
            a.pipeInput("a2");

            assertThat(output("out").readRecordsToList()).extracting(TestRecord::getRecordTime)
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(10));
        }

        @Test
        void negativeAdvanceIsRejected() {
            start(passThrough());
            TestInputTopic<String, String> in = input("in");

            assertThatThrownBy(() -> in.advanceTime(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
            assertThatThrownBy(() -> driver.createInputTopic("in", new StringSerializer(), new StringSerializer(), T0, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("autoAdvance");
        }

        @Test
        void defaultStartTimeIsTheDriversInitialWallClockTimeAndDoesNotAdvance() {
            Instant initial = Instant.parse("2030-01-02T03:04:05.678Z");
            driver = new TopologyTestDriver(passThrough(), props(), initial);
            TestInputTopic<String, String> in = input("in");

            in.pipeInput("a");
            in.pipeInput("b");

            assertThat(output("out").readRecordsToList()).extracting(TestRecord::getRecordTime)
                .containsExactly(initial, initial);
        }

        @Test
        void withoutAnInitialTimeTheDefaultStartTimeIsNow() {
            Instant before = Instant.now();
            driver = new TopologyTestDriver(passThrough(), props());
            Instant after = Instant.now();

            input("in").pipeInput("a");

            Instant t = output("out").readRecord().getRecordTime();
            assertThat(t).isBetween(before.minusMillis(1), after.plusMillis(1));
        }
    }

    // ---------------------------------------------------------------------------------------------------

    /** Outputs the wall clock seen per record, and a "tick" from a wall-clock punctuation every 10 s. */
    static final class WallClockProbe implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            context.schedule(Duration.ofSeconds(10), PunctuationType.WALL_CLOCK_TIME,
                ts -> context.forward(new Record<>("tick", String.valueOf(ts), ts)));
        }

        @Override
        public void process(Record<String, String> record) {
            context.forward(record.withValue(String.valueOf(context.currentSystemTimeMs())));
        }
    }

    @Nested
    class WallClock {

        private TopologyTestDriver startProbe() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(WallClockProbe::new).to("out");
            return start(builder.build());
        }

        @Test
        void processorsSeeTheInitialWallClockTime() {
            startProbe();

            input("in").pipeInput("k", "v");

            assertThat(output("out").readValue()).isEqualTo(String.valueOf(T0.toEpochMilli()));
        }

        @Test
        void advanceWallClockTimeMovesTheClockProcessorsSee() {
            startProbe();

            driver.advanceWallClockTime(Duration.ofSeconds(3));
            input("in").pipeInput("k", "v");

            assertThat(output("out").readValue()).isEqualTo(String.valueOf(T0.plusSeconds(3).toEpochMilli()));
        }

        @Test
        void advanceWallClockTimeRunsDueWallClockPunctuations() {
            startProbe();
            TestOutputTopic<String, String> out = output("out");

            driver.advanceWallClockTime(Duration.ofSeconds(9));
            assertThat(out.isEmpty()).isTrue();

            driver.advanceWallClockTime(Duration.ofSeconds(1));
            TestRecord<String, String> tick = out.readRecord();
            assertThat(tick.key()).isEqualTo("tick");
            assertThat(tick.value()).isEqualTo(String.valueOf(T0.plusSeconds(10).toEpochMilli()));
            assertThat(out.isEmpty()).isTrue();
        }

        @Test
        void pipingInputDoesNotMoveTheWallClock() {
            startProbe();

            input("in").pipeInput("k", "v", T0.plus(Duration.ofDays(1)));

            assertThat(output("out").readKeyValuesToList()).containsExactly(kv("k", String.valueOf(T0.toEpochMilli())));
        }

        @Test
        void negativeWallClockAdvanceIsRejected() {
            startProbe();

            assertThatThrownBy(() -> driver.advanceWallClockTime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class Reading {

        @Test
        void readValueReadKeyValueAndReadRecordEachConsumeOneRecordInOrder() {
            start(passThrough());
            TestInputTopic<String, String> in = input("in");
            in.pipeInput("k1", "v1", T0.plusMillis(1));
            in.pipeInput("k2", "v2", T0.plusMillis(2));
            in.pipeInput("k3", "v3", T0.plusMillis(3));
            TestOutputTopic<String, String> out = output("out");

            assertThat(out.readValue()).isEqualTo("v1");
            assertThat(out.readKeyValue()).isEqualTo(kv("k2", "v2"));
            TestRecord<String, String> r = out.readRecord();
            assertThat(r.key()).isEqualTo("k3");
            assertThat(r.value()).isEqualTo("v3");
            assertThat(r.getRecordTime()).isEqualTo(T0.plusMillis(3));
            assertThat(out.isEmpty()).isTrue();
        }

        @Test
        void readListsDrainTheTopic() {
            start(passThrough());
            TestOutputTopic<String, String> out = output("out");

            input("in").pipeKeyValueList(List.of(kv("a", "1"), kv("b", "2")));
            assertThat(out.readValuesToList()).containsExactly("1", "2");
            assertThat(out.readValuesToList()).isEmpty();

            input("in").pipeKeyValueList(List.of(kv("c", "3"), kv("d", "4")));
            assertThat(out.readKeyValuesToList()).containsExactly(kv("c", "3"), kv("d", "4"));
            assertThat(out.readKeyValuesToList()).isEmpty();

            input("in").pipeInput("e", "5", T0.plusSeconds(5));
            assertThat(out.readRecordsToList()).containsExactly(new TestRecord<>("e", "5", new RecordHeaders(), T0.plusSeconds(5)));
        }

        @Test
        void readKeyValuesToMapKeepsTheLatestValuePerKey() {
            start(passThrough());

            input("in").pipeKeyValueList(List.of(kv("a", "1"), kv("b", "1"), kv("a", "2"), kv("c", "1"), kv("b", null)));

            Map<String, String> map = output("out").readKeyValuesToMap();
            assertThat(map).containsExactly(entry("a", "2"), entry("b", null), entry("c", "1"));
            assertThat(output("out").isEmpty()).isTrue();
        }

        @Test
        void readKeyValuesToMapWithANullKeyFailsAndPointsToReadKeyValuesToList() {
            start(passThrough());
            input("in").pipeInput("k", "v");
            input("in").pipeInput("keyless");

            assertThatThrownBy(() -> output("out").readKeyValuesToMap())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("null key")
                .hasMessageContaining("readKeyValuesToList")
                .hasMessageContaining("out");
        }

        @Test
        void queueSizeAndIsEmptyTrackUnreadRecords() {
            start(passThrough());
            TestOutputTopic<String, String> out = output("out");
            assertThat(out.getQueueSize()).isZero();
            assertThat(out.isEmpty()).isTrue();

            input("in").pipeValueList(List.of("a", "b", "c"));
            assertThat(out.getQueueSize()).isEqualTo(3);
            assertThat(out.isEmpty()).isFalse();

            out.readValue();
            assertThat(out.getQueueSize()).isEqualTo(2);

            out.readValuesToList();
            assertThat(out.getQueueSize()).isZero();
            assertThat(out.isEmpty()).isTrue();
        }

        @Test
        void readingAnEmptyTopicThrowsNoSuchElementNamingTheTopic() {
            start(passThrough());
            TestOutputTopic<String, String> never = output("never-written");
            TestOutputTopic<String, String> out = output("out");
            input("in").pipeInput("x");
            out.readValue();

            assertThatThrownBy(never::readValue)
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("never-written");
            assertThatThrownBy(out::readKeyValue)
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("out");
            assertThatThrownBy(out::readRecord)
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("out");
        }

        @Test
        void twoReadersOfOneTopicShareItsRecords() {
            start(passThrough());
            TestOutputTopic<String, String> first = output("out");
            TestOutputTopic<String, String> second = output("out");

            input("in").pipeValueList(List.of("a", "b"));

            assertThat(first.readValue()).isEqualTo("a");
            assertThat(second.getQueueSize()).isEqualTo(1);
            assertThat(second.readValue()).isEqualTo("b");
            assertThat(first.isEmpty()).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class TopicsAndLoops {

        @Test
        void producedTopicNamesListsOnlyTopicsWrittenTo() {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> in = builder.stream("in");
            in.filter((k, v) -> v.startsWith("a")).to("a-topic");
            in.filter((k, v) -> v.startsWith("b")).to("b-topic");
            start(builder.build());

            assertThat(driver.producedTopicNames()).isEmpty();

            input("in").pipeInput("apple");
            assertThat(driver.producedTopicNames()).containsExactly("a-topic");

            input("in").pipeInput("banana");
            assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder("a-topic", "b-topic");
        }

        @Test
        void producedTopicNamesKeepsTopicsAfterTheyAreRead() {
            start(passThrough());
            input("in").pipeInput("x");
            output("out").readValue();

            assertThat(driver.producedTopicNames()).containsExactly("out");
        }

        @Test
        void internalTopicsArePrefixedWithTheDefaultApplicationId() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").repartition(Repartitioned.as("r")).to("out");
            Properties p = props();
            p.remove(StreamsConfig.APPLICATION_ID_CONFIG);
            driver = new TopologyTestDriver(builder.build(), p, T0);

            input("in").pipeInput("k", "v");

            assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder("topology-test-driver-r-repartition", "out");
            assertThat(output("out").readKeyValue()).isEqualTo(kv("k", "v"));
        }

        @Test
        void recordsWrittenToATopicTheTopologyReadsAreProcessedAgain() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("a").mapValues(v -> v + ">b").to("b");
            builder.<String, String>stream("b").mapValues(v -> v + ">c").to("c");
            start(builder.build());

            input("a").pipeInput("k", "x", T0.plusSeconds(9));

            TestRecord<String, String> c = output("c").readRecord();
            assertThat(c.key()).isEqualTo("k");
            assertThat(c.value()).isEqualTo("x>b>c");
            assertThat(c.getRecordTime()).isEqualTo(T0.plusSeconds(9));
            // The intermediate topic is an output too.
            assertThat(output("b").readValuesToList()).containsExactly("x>b");
            assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder("b", "c");
        }

        @Test
        void recordsWrittenBackAreProcessedAfterThePipedRecordInTheOrderWritten() {
            List<String> events = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("a")
                .flatMapValues(v -> List.of(v + "1", v + "2"))
                .peek((k, v) -> events.add("a:" + v))
                .to("b");
            builder.<String, String>stream("b").peek((k, v) -> events.add("b:" + v)).to("c");
            start(builder.build());

            input("a").pipeInput("x");

            assertThat(events).containsExactly("a:x1", "a:x2", "b:x1", "b:x2");
            assertThat(output("c").readValuesToList()).containsExactly("x1", "x2");
        }

        @Test
        void headersSurviveTheTripThroughATopicTheTopologyReads() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("a").to("b");
            builder.<String, String>stream("b").to("c");
            start(builder.build());
            RecordHeaders headers = new RecordHeaders();
            headers.add("h", bytes("kept"));

            input("a").pipeInput(new TestRecord<>("k", "v", headers));

            assertThat(header(output("c").readRecord(), "h")).isEqualTo("kept");
        }

        @Test
        void theProcessorContextSeesTheConfiguredApplicationId() {
            List<String> ids = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    ids.add(context.applicationId() + "/" + context.taskId());
                }

                @Override
                public void process(Record<String, String> record) {
                }
            });
            start(builder.build());

            assertThat(ids).hasSize(1);
            assertThat(ids.get(0)).startsWith(APP_ID + "/").contains("0_0");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class Lifecycle {

        @Test
        void usingAClosedDriverThrowsIllegalState() {
            start(passThrough());
            TestInputTopic<String, String> in = input("in");
            driver.close();

            assertThatThrownBy(() -> in.pipeInput("k", "v"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
            assertThatThrownBy(() -> driver.advanceWallClockTime(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
            assertThatThrownBy(() -> driver.getStateStore("any"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
            assertThatThrownBy(() -> driver.getAllStateStores())
                .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void closingTwiceIsHarmless() {
            start(passThrough());
            driver.close();
            driver.close();
            assertThatThrownBy(() -> input("in").pipeInput("x")).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void closeClosesTheProcessors() {
            List<String> closed = new ArrayList<>();
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                }

                @Override
                public void close() {
                    closed.add("closed");
                }
            });
            start(builder.build());
            assertThat(closed).isEmpty();

            driver.close();

            assertThat(closed).containsExactly("closed");
        }

        @Test
        void driverUsesAFreshDirectoryUnderStateDirAndCloseDeletesIt() throws IOException {
            start(passThrough());

            List<Path> during;
            try (Stream<Path> children = Files.list(stateDir)) {
                during = children.toList();
            }
            assertThat(during).hasSize(1);
            assertThat(during.get(0)).isDirectory();
            assertThat(during.get(0).getFileName().toString()).startsWith(APP_ID);

            driver.close();

            try (Stream<Path> children = Files.list(stateDir)) {
                assertThat(children.toList()).isEmpty();
            }
        }

        @Test
        void closeDeletesFilesProcessorsWroteIntoTheStateDirectory() throws IOException {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    try {
                        Path nested = context.stateDir().toPath().resolve("nested");
                        Files.createDirectories(nested);
                        Files.writeString(nested.resolve("file.txt"), "data");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void process(Record<String, String> record) {
                }
            });
            start(builder.build());
            try (Stream<Path> all = Files.walk(stateDir)) {
                assertThat(all.filter(p -> p.getFileName().toString().equals("file.txt")).count()).isEqualTo(1);
            }

            driver.close();

            try (Stream<Path> children = Files.list(stateDir)) {
                assertThat(children.toList()).isEmpty();
            }
        }

        @Test
        void twoDriversOnOneStateDirUseSeparateDirectories() throws IOException {
            start(passThrough());
            TopologyTestDriver second = new TopologyTestDriver(passThrough(), props(), T0);
            try {
                try (Stream<Path> children = Files.list(stateDir)) {
                    assertThat(children.toList()).hasSize(2);
                }
                input("in").pipeInput("first");
                second.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("second");
                assertThat(output("out").readValuesToList()).containsExactly("first");
                assertThat(second.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readValuesToList())
                    .containsExactly("second");
            } finally {
                second.close();
            }
            try (Stream<Path> children = Files.list(stateDir)) {
                assertThat(children.toList()).hasSize(1);
            }
        }
    }
}
