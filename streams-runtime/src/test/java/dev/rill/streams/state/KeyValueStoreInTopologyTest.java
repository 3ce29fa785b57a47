package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.LongDeserializer;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.DriverTestSupport;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.Topology;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.test.TestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key-value stores built with {@link Stores} inside a DSL topology run by the {@link TopologyTestDriver}:
 * a word count over a {@code counts} store, once in memory and once in RocksDB.
 */
class KeyValueStoreInTopologyTest extends DriverTestSupport {
    private static final String APP = "kv-in-topology";
    private static final String CHANGELOG = APP + "-counts-changelog";

    static Stream<Arguments> suppliers() {
        return Stream.of(
            Arguments.of("in-memory", (Function<String, KeyValueBytesStoreSupplier>) Stores::inMemoryKeyValueStore),
            Arguments.of("rocksdb", (Function<String, KeyValueBytesStoreSupplier>) Stores::persistentKeyValueStore));
    }

    /** Counts the words of each sentence in the store and forwards (word, new count). */
    private static final class WordCounter implements Processor<String, String, String, Long> {
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.counts = context.getStateStore("counts");
        }

        @Override
        public void process(Record<String, String> record) {
            for (String word : record.value().toLowerCase().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                Long count = counts.get(word);
                long next = count == null ? 1L : count + 1;
                counts.put(word, next);
                context.forward(record.withKey(word).withValue(next));
            }
        }
    }

    private static StoreBuilder<KeyValueStore<String, Long>> countsStore(Function<String, KeyValueBytesStoreSupplier> supplier) {
        return Stores.keyValueStoreBuilder(supplier.apply("counts"), Serdes.String(), Serdes.Long());
    }

    private static Topology wordCount(StoreBuilder<KeyValueStore<String, Long>> store) {
        return wordCount(store, WordCounter::new);
    }

    private static Topology wordCount(StoreBuilder<KeyValueStore<String, Long>> store,
                                      ProcessorSupplier<String, String, String, Long> processor) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store);
        builder.stream("sentences", Consumed.with(Serdes.String(), Serdes.String()))
            .process(processor, "counts")
            .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private TopologyTestDriver start(Topology topology) {
        driver = new TopologyTestDriver(topology, baseProps(APP));
        return driver;
    }

    private TestInputTopic<String, String> sentences() {
        return driver.createInputTopic("sentences", new StringSerializer(), new StringSerializer());
    }

    private TestOutputTopic<String, Long> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new LongDeserializer());
    }

    private static List<KeyValue<String, Long>> contents(KeyValueStore<String, Long> store) {
        List<KeyValue<String, Long>> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    private static String changeOf(TestRecord<String, Long> r) {
        return r.key() + "=" + r.value() + "@" + r.timestamp();
    }

    // ================================================================ counting

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void countsWordsInTheStoreAndForwardsEachNewCount(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        start(wordCount(countsStore(supplier)));
        sentences().pipeInput("s1", "hello world", 100L);
        sentences().pipeInput("s2", "Hello again", 200L);

        assertThat(output("word-counts").readKeyValuesToList()).containsExactly(
            KeyValue.pair("hello", 1L), KeyValue.pair("world", 1L), KeyValue.pair("hello", 2L), KeyValue.pair("again", 1L));
        KeyValueStore<String, Long> store = driver.getKeyValueStore("counts");
        assertThat(store.persistent()).isEqualTo(kind.equals("rocksdb"));
        assertThat(contents(store)).containsExactly(
            KeyValue.pair("again", 1L), KeyValue.pair("hello", 2L), KeyValue.pair("world", 1L));
        assertThat(store.get("hello")).isEqualTo(2L);
        assertThat(store.get("absent")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void theChangelogReceivesEveryChangeWithTheRecordTimestamp(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        start(wordCount(countsStore(supplier)));
        sentences().pipeInput("s1", "a b a", 100L);
        sentences().pipeInput("s2", "b", 250L);

        assertThat(driver.producedTopicNames()).contains(CHANGELOG, "word-counts");
        assertThat(output(CHANGELOG).readRecordsToList()).extracting(KeyValueStoreInTopologyTest::changeOf)
            .containsExactly("a=1@100", "b=1@100", "a=2@100", "b=2@250");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void theStoreCanBePrePopulatedBeforePiping(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        start(wordCount(countsStore(supplier)));
        KeyValueStore<String, Long> store = driver.getKeyValueStore("counts");
        store.put("hello", 41L);
        store.putAll(List.of(KeyValue.pair("x", 1L), KeyValue.pair("y", 2L)));
        store.delete("y");

        sentences().pipeInput("s", "hello x", 500L);

        assertThat(output("word-counts").readKeyValuesToList())
            .containsExactly(KeyValue.pair("hello", 42L), KeyValue.pair("x", 2L));
        assertThat(contents(store)).containsExactly(KeyValue.pair("hello", 42L), KeyValue.pair("x", 2L));
        // The test's own writes go through the same layers, so they are logged too: before the first
        // record there is no record time, and they carry 0.
        assertThat(output(CHANGELOG).readRecordsToList()).extracting(KeyValueStoreInTopologyTest::changeOf)
            .containsExactly("hello=41@0", "x=1@0", "y=2@0", "y=null@0", "hello=42@500", "x=2@500");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void aForwardWithANewTimestampLogsWritesBelowItWithThatTimestamp(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        // The counter runs after a processor that moves every record 1000 ms later.
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(countsStore(supplier));
        builder.stream("sentences", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    context.forward(record.withTimestamp(record.timestamp() + 1000));
                }
            })
            .process(WordCounter::new, "counts")
            .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));
        start(builder.build());
        sentences().pipeInput("s", "w", 7L);
        assertThat(output(CHANGELOG).readRecordsToList()).extracting(KeyValueStoreInTopologyTest::changeOf)
            .containsExactly("w=1@1007");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void writesInAPunctuationAreLoggedAtStreamTime(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        ProcessorSupplier<String, String, String, Long> ticking = () -> new Processor<String, String, String, Long>() {
            private KeyValueStore<String, Long> counts;

            @Override
            public void init(ProcessorContext<String, Long> context) {
                counts = context.getStateStore("counts");
                context.schedule(Duration.ofMillis(1000), PunctuationType.STREAM_TIME, now -> counts.put("ticks", now));
            }

            @Override
            public void process(Record<String, String> record) {
            }
        };
        start(wordCount(countsStore(supplier), ticking));
        sentences().pipeInput("s", "x", 2500L);
        List<TestRecord<String, Long>> changes = output(CHANGELOG).readRecordsToList();
        assertThat(changes).isNotEmpty();
        assertThat(changes).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("ticks");
            assertThat(r.timestamp()).isEqualTo(2500L);
        });
    }

    // ================================================================ layers and settings

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void withLoggingDisabledThereIsNoChangelog(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        Topology topology = wordCount(countsStore(supplier).withLoggingDisabled());
        assertThat(topology.describe().internalTopics()).doesNotContain("counts-changelog");
        start(topology);
        sentences().pipeInput("s", "a a", 1L);
        assertThat(driver.producedTopicNames()).containsExactly("word-counts");
        assertThat(driver.<String, Long>getKeyValueStore("counts").get("a")).isEqualTo(2L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void theChangelogIsDeclaredAsAnInternalTopic(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        assertThat(wordCount(countsStore(supplier)).describe().internalTopics()).contains("counts-changelog");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void withCachingTheChangelogGetsTheLatestValueAtEachCommit(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        start(wordCount(countsStore(supplier).withCachingEnabled()));
        // The driver commits after every input record, so one change per key and record reaches the log.
        sentences().pipeInput("s1", "a a a", 100L);
        sentences().pipeInput("s2", "a", 200L);
        assertThat(output("word-counts").readValuesToList()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(output(CHANGELOG).readRecordsToList()).extracting(KeyValueStoreInTopologyTest::changeOf)
            .containsExactly("a=3@100", "a=4@200");
        assertThat(driver.<String, Long>getKeyValueStore("counts").get("a")).isEqualTo(4L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void storesWithoutSerdesUseTheDefaultSerdes(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.<String, String>keyValueStoreBuilder(supplier.apply("counts"), null, null));
        builder.stream("sentences", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new Processor<String, String, String, String>() {
                private KeyValueStore<String, String> store;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    store = context.getStateStore("counts");
                }

                @Override
                public void process(Record<String, String> record) {
                    store.put(record.key(), record.value());
                }
            }, "counts");
        driver = new TopologyTestDriver(builder.build(), stringProps(APP));
        sentences().pipeInput("k", "v", 1L);
        assertThat(driver.<String, String>getKeyValueStore("counts").get("k")).isEqualTo("v");
        assertThat(driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer()).readKeyValue())
            .isEqualTo(KeyValue.pair("k", "v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void aStoreWithoutSerdesAndNoDefaultsFailsToOpenNamingTheStore(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.<String, Long>keyValueStoreBuilder(supplier.apply("counts"), null, null));
        builder.stream("sentences", Consumed.with(Serdes.String(), Serdes.String())).process(WordCounter::new, "counts");
        Topology topology = builder.build();
        assertThatThrownBy(() -> new TopologyTestDriver(topology, baseProps(APP)))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("'counts'")
            .hasMessageContaining("default.key.serde");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void getKeyValueStoreReturnsNullForAnUnknownName(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        start(wordCount(countsStore(supplier)));
        assertThat(driver.<String, Long>getKeyValueStore("nope")).isNull();
        assertThat(driver.getStateStore("counts")).isSameAs(driver.getKeyValueStore("counts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suppliers")
    void eachDriverHasItsOwnStoreContent(String kind, Function<String, KeyValueBytesStoreSupplier> supplier) {
        UnaryOperator<TopologyTestDriver> countHello = d -> {
            d.createInputTopic("sentences", new StringSerializer(), new StringSerializer()).pipeInput("s", "hello", 1L);
            return d;
        };
        start(wordCount(countsStore(supplier)));
        countHello.apply(driver);
        driver.close();
        start(wordCount(countsStore(supplier)));
        countHello.apply(driver);
        assertThat(driver.<String, Long>getKeyValueStore("counts").get("hello")).isEqualTo(1L);
    }
}
