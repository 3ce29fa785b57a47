package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.ConfigException;
import dev.rill.common.serialization.ByteArraySerializer;
import dev.rill.common.serialization.IntegerSerializer;
import dev.rill.common.serialization.LongDeserializer;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.processor.LogAndSkipOnInvalidTimestamp;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.test.TestRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Mistakes a user can make, and the errors they get: each test asserts that the message names what was
 * wrong (the topic, node, setting, class or position), not just that something failed.
 */
class BadInputTest extends DriverTestSupport {
    private static final String APP_ID = "bad-input-test";
    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

    private Properties baseProps() {
        return baseProps(APP_ID);
    }

    private Properties stringDefaults() {
        Properties p = baseProps();
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return p;
    }

    private TopologyTestDriver start(StreamsBuilder builder) {
        driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0);
        return driver;
    }

    private TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    private TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class UnknownInputTopic {

        @Test
        void pipingToATopicTheTopologyDoesNotReadNamesItAndListsTheTopicsItReads() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("orders").to("out");
            builder.<String, String>stream("payments").to("out2");
            start(builder);

            assertThatThrownBy(() -> input("ordrs").pipeInput("k", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ordrs'")
                .hasMessageContaining("orders")
                .hasMessageContaining("payments");
            assertThat(driver.producedTopicNames()).isEmpty();
        }

        @Test
        void pipingToAnOutputTopicIsRejectedToo() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to("out");
            start(builder);

            assertThatThrownBy(() -> input("out").pipeInput("v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'out'")
                .hasMessageContaining("[in]");
        }

        @Test
        void anInternalTopicIsNotReachableByItsShortNameAndIsNotListed() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").repartition(Repartitioned.as("x")).to("out");
            start(builder);

            assertThatThrownBy(() -> input("x-repartition").pipeInput("k", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x-repartition'")
                .hasMessageContaining("Topics it reads: [in]");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class Serialization {

        @Test
        void sinkGivenATypeItsSerializerCannotHandleNamesSinkTopicSerializerAndType() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> v.length())
                .to("out"); // no Produced: the value serde falls back to the String default
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "hello"))
                .isInstanceOf(StreamsException.class)
                .hasMessageMatching("(?s).*sink 'KSTREAM-SINK-\\d+'.*")
                .hasMessageContaining("'out'")
                .hasMessageContaining(StringSerializer.class.getName())
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("Produced.with");
            assertThat(output("out").isEmpty()).isTrue();
        }

        @Test
        void namedSinkGivenTheWrongTypeIsNamedInTheError() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> v.length())
                .to("lengths", Produced.as("write-lengths"));
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "hello"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("write-lengths")
                .hasMessageContaining("'lengths'")
                .hasMessageContaining("java.lang.Integer");
        }

        @Test
        void sourceWithoutSerdeAndNoDefaultFailsAtDriverConstruction() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.<String, String>as("my-source")).to("out", Produced.with(Serdes.String(), Serdes.String()));
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, baseProps(), T0))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("my-source")
                .hasMessageContaining("in")
                .hasMessageContaining(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG);
        }

        @Test
        void sourceWithoutValueSerdeNamesDefaultValueSerde() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.<String, String>as("my-source").withKeySerde(Serdes.String()))
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, baseProps(), T0))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("my-source")
                .hasMessageContaining(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);
        }

        @Test
        void sinkWithoutSerdeAndNoDefaultFailsAtDriverConstruction() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .map((k, v) -> KeyValue.pair(k, v))
                .to("out", Produced.as("my-sink"));
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, baseProps(), T0))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("my-sink")
                .hasMessageContaining("'out'")
                .hasMessageContaining(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG);
        }

        @Test
        void repartitionWithoutSerdeAndNoDefaultPointsToRepartitioned() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .selectKey((k, v) -> v) // drops the key serde
                .repartition(dev.rill.streams.kstream.Repartitioned.as("by-value"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, baseProps(), T0))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("by-value-repartition")
                .hasMessageContaining("Repartitioned.with")
                .hasMessageContaining(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG);
        }

        @Test
        void failedConstructionLeavesNoStateDirectoryBehind() throws Exception {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.<String, String>as("my-source")).to("out");
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, baseProps(), T0))
                .isInstanceOf(StreamsException.class);
            try (var children = java.nio.file.Files.list(stateDir)) {
                assertThat(children.toList()).isEmpty();
            }
        }

        @Test
        void undeserializableInputNamesTopicPartitionOffsetAndDeserializer() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Long())).to("out");
            start(builder);
            TestInputTopic<String, byte[]> raw = driver.createInputTopic("numbers", new StringSerializer(), new ByteArraySerializer());

            raw.pipeInput("good", new byte[8]); // offset 0: a valid long
            assertThatThrownBy(() -> raw.pipeInput("bad", new byte[] {1, 2, 3})) // offset 1
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("'numbers'")
                .hasMessageContaining("partition 0")
                .hasMessageContaining("offset 1")
                .hasMessageContaining(LongDeserializer.class.getName())
                .hasMessageContaining("value");
        }

        @Test
        void undeserializableKeyIsReportedAsTheKey() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("numbers", Consumed.with(Serdes.Long(), Serdes.String())).to("out");
            start(builder);
            TestInputTopic<byte[], String> raw = driver.createInputTopic("numbers", new ByteArraySerializer(), new StringSerializer());

            assertThatThrownBy(() -> raw.pipeInput(new byte[] {9}, "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("key")
                .hasMessageContaining("'numbers'")
                .hasMessageContaining("offset 0")
                .hasMessageContaining(LongDeserializer.class.getName());
        }

        @Test
        void inputSerializerMismatchIsReportedWithTheSourceDeserializer() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Long())).to("out");
            start(builder);
            // Integers are 4 bytes; the topology expects 8-byte longs.
            TestInputTopic<String, Integer> ints = driver.createInputTopic("numbers", new StringSerializer(), new IntegerSerializer());

            assertThatThrownBy(() -> ints.pipeInput("k", 42))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining(LongDeserializer.class.getName())
                .hasMessageContaining("'numbers'");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class UserFunctions {

        @Test
        void exceptionInMapValuesNamesTheOperatorAndThePositionAndKeepsTheCause() {
            RuntimeException boom = new RuntimeException("user code exploded");
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .mapValues(v -> {
                    if (v.equals("bad")) {
                        throw boom;
                    }
                    return v;
                }, Named.as("boom"))
                .to("out");
            start(builder);
            TestInputTopic<String, String> in = input("in");
            in.pipeInput("k", "fine");
            in.pipeInput("k", "fine too");

            assertThatThrownBy(() -> in.pipeInput("k", "bad"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("boom")
                .hasMessageContaining("'in'")
                .hasMessageContaining("offset 2")
                .hasMessageContaining("user code exploded")
                .hasCause(boom);
            assertThat(output("out").readValuesToList()).containsExactly("fine", "fine too");
        }

        @Test
        void exceptionDeepInAChainIsReportedAtTheFailingOperatorOnly() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in")
                .filter((k, v) -> true, Named.as("first"))
                .mapValues(v -> v, Named.as("second"))
                .peek((k, v) -> {
                    throw new IllegalStateException("third broke");
                }, Named.as("third"))
                .to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageStartingWith("third")
                .hasMessageNotContaining("second failed")
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("third broke");
        }

        @Test
        void exceptionInAProcessorNamesTheProcessor() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                    throw new UnsupportedOperationException("not today");
                }
            }, Named.as("grumpy"));
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("grumpy")
                .hasMessageContaining("offset 0")
                .hasCauseInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void exceptionInProcessorInitFailsDriverConstructionNamingTheProcessor() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    throw new IllegalStateException("cannot start");
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, Named.as("fragile"));
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, stringDefaults(), T0))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("fragile")
                .hasMessageContaining("cannot start");
        }

        @Test
        void mapReturningNullNamesTheOperator() {
            StreamsBuilder builder = new StreamsBuilder();
            KeyValueMapper<String, String, KeyValue<String, String>> returnsNull = (k, v) -> null;
            builder.<String, String>stream("in").map(returnsNull, Named.as("to-pair")).to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("to-pair")
                .hasMessageContaining("null")
                .hasMessageContaining("map()");
        }

        @Test
        void unnamedMapReturningNullNamesTheGeneratedOperator() {
            StreamsBuilder builder = new StreamsBuilder();
            KeyValueMapper<String, String, KeyValue<String, String>> returnsNull = (k, v) -> null;
            builder.<String, String>stream("in").map(returnsNull).to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageMatching("(?s).*KSTREAM-MAP-\\d+.*");
        }

        @Test
        void flatMapValuesReturningNullNamesTheOperator() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").flatMapValues(v -> (List<String>) null, Named.as("explode")).to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("explode")
                .hasMessageContaining("flatMapValues()");
        }

        @Test
        void flatMapReturningNullNamesTheOperator() {
            StreamsBuilder builder = new StreamsBuilder();
            KeyValueMapper<String, String, List<KeyValue<String, String>>> returnsNull = (k, v) -> null;
            builder.<String, String>stream("in").flatMap(returnsNull, Named.as("fan-out")).to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("fan-out")
                .hasMessageContaining("flatMap()");
        }

        @Test
        void topicNameExtractorReturningNullNamesTheSink() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to((k, v, ctx) -> null, Produced.as("router"));
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("router")
                .hasMessageContaining("TopicNameExtractor");
        }

        @Test
        void forwardingToAnUnknownChildNamesTheProcessorAndItsChildren() {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> out = builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    context.forward(record, "no-such-child");
                }
            }, Named.as("router"));
            out.to("out", Produced.as("the-sink"));
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("router")
                .hasMessageContaining("no-such-child")
                .hasMessageContaining("the-sink");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class NullKeys {

        @Test
        void readKeyValuesToMapRejectsANullKeyAndSuggestsReadKeyValuesToList() {
            // Stateless operators pass null keys through untouched (see KStreamOperatorsTest
            // #nullKeysPassThroughStatelessOperators): a null key is only a problem where something needs a
            // key, such as a map of the latest value per key.
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").mapValues(v -> v.toUpperCase()).to("out");
            start(builder);
            input("in").pipeInput("no key here");

            assertThatThrownBy(() -> output("out").readKeyValuesToMap())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("null key")
                .hasMessageContaining("NO KEY HERE")
                .hasMessageContaining("'out'")
                .hasMessageContaining("readKeyValuesToList");
        }

        @Test
        void theSameNullKeyRecordReadsFineAsAList() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").mapValues(v -> v.toUpperCase()).to("out");
            start(builder);
            input("in").pipeInput("no key here");

            assertThat(output("out").readKeyValuesToList()).containsExactly(KeyValue.pair(null, "NO KEY HERE"));
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class TopologyMistakes {

        @Test
        void processorApiSinkNameUsedTwiceIsRejectedNamingIt() {
            Topology topology = new Topology()
                .addSource("src", "in")
                .addSink("s", "a", "src");

            assertThatThrownBy(() -> topology.addSink("s", "b", "src"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("'s'");
        }

        @Test
        void dslSinkNameUsedTwiceIsRejectedNamingIt() {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> in = builder.stream("in");
            in.to("a", Produced.as("s"));
            in.to("b", Produced.as("s"));

            assertThatThrownBy(builder::build)
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("'s'");
        }

        @Test
        void processorNameClashingWithASinkNameIsRejected() {
            Topology topology = new Topology()
                .addSource("src", "in")
                .addSink("s", "a", "src");

            assertThatThrownBy(() -> topology.addProcessor("s", () -> new Processor<Object, Object, Object, Object>() {
                @Override
                public void process(Record<Object, Object> record) {
                }
            }, "src"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("'s'");
        }

        @Test
        void sinkWithAMissingParentIsRejectedNamingTheParent() {
            Topology topology = new Topology().addSource("src", "in");

            assertThatThrownBy(() -> topology.addSink("s", "a", "nope"))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("nope");
        }

        @Test
        void topicReadByTwoSourcesIsRejectedNamingTheTopic() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("shared");
            builder.stream("shared");

            assertThatThrownBy(builder::build)
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("shared");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class Configuration {

        @Test
        void unknownSettingIsRejectedNamingIt() {
            Properties p = stringDefaults();
            p.put("no.such.setting", "x");
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in").to("out");
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, p, T0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no.such.setting");
        }

        @Test
        void misspelledSettingGetsASuggestion() {
            Properties p = stringDefaults();
            p.put("commit.interval.msx", "100");
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in").to("out");
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, p, T0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("commit.interval.msx")
                .hasMessageContaining(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        }

        @Test
        void invalidValueIsRejectedNamingTheSettingAndValue() {
            Properties p = stringDefaults();
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "soon");
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in").to("out");
            Topology topology = builder.build();

            assertThatThrownBy(() -> driver = new TopologyTestDriver(topology, p, T0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)
                .hasMessageContaining("soon");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class Timestamps {

        @Test
        void negativeTimestampWithTheDefaultExtractorFailsNamingTheRecord() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v", Instant.ofEpochMilli(-1)))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("'in'")
                .hasMessageContaining("offset 0")
                .hasMessageContaining("-1")
                .hasMessageContaining("negative")
                .hasMessageContaining(LogAndSkipOnInvalidTimestamp.class.getName());
            assertThat(output("out").isEmpty()).isTrue();
        }

        @Test
        void negativeTimestampWithLogAndSkipIsDroppedAndLaterRecordsStillFlow() {
            Properties p = stringDefaults();
            p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, LogAndSkipOnInvalidTimestamp.class);
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to("out");
            driver = new TopologyTestDriver(builder.build(), p, T0);

            input("in").pipeInput("dropped", "v", Instant.ofEpochMilli(-5));
            assertThat(output("out").isEmpty()).isTrue();
            assertThat(driver.producedTopicNames()).isEmpty();

            input("in").pipeInput("kept", "v", T0);
            assertThat(output("out").readKeyValuesToList()).containsExactly(KeyValue.pair("kept", "v"));
        }

        @Test
        void negativeTimestampWithLogAndSkipOnTheSourceIsDropped() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.String(), new LogAndSkipOnInvalidTimestamp())).to("out");
            start(builder);

            input("in").pipeInput("dropped", "v", Instant.ofEpochMilli(-1));

            assertThat(output("out").isEmpty()).isTrue();
        }

        @Test
        void negativeEpochMillisAreRejectedByTheTestRecord() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v", -3L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-3");
            assertThatThrownBy(() -> new TestRecord<>("k", "v", null, -3L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        }

        @Test
        void processorSettingANegativeTimestampGetsAClearError() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    context.forward(record.withTimestamp(-10));
                }
            }, Named.as("time-traveller")).to("out");
            start(builder);

            assertThatThrownBy(() -> input("in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("time-traveller")
                .hasMessageContaining("-10")
                .hasMessageContaining("withTimestamp");
        }
    }
}
