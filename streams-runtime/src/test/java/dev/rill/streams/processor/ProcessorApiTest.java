package dev.rill.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.Topology;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.test.TestRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorApiTest {

    private static final Instant WALL_START = Instant.ofEpochMilli(1_000_000L);

    @TempDir
    Path stateDir;

    // ================================================================ fixtures

    private Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-api-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    private TopologyTestDriver driver(Topology topology) {
        return new TopologyTestDriver(topology, props(), WALL_START);
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    private static TestOutputTopic<String, String> output(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    /** A processor whose behaviour is given as lambdas; a new instance per get(). */
    private static final class Lambda implements Processor<String, String, String, String> {
        private final Consumer<ProcessorContext<String, String>> onInit;
        private final BiConsumer<ProcessorContext<String, String>, Record<String, String>> onProcess;
        ProcessorContext<String, String> context;

        Lambda(Consumer<ProcessorContext<String, String>> onInit,
               BiConsumer<ProcessorContext<String, String>, Record<String, String>> onProcess) {
            this.onInit = onInit;
            this.onProcess = onProcess;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            onInit.accept(context);
        }

        @Override
        public void process(Record<String, String> record) {
            onProcess.accept(context, record);
        }
    }

    private static ProcessorSupplier<String, String, String, String> processor(
        Consumer<ProcessorContext<String, String>> onInit,
        BiConsumer<ProcessorContext<String, String>, Record<String, String>> onProcess) {
        return () -> new Lambda(onInit, onProcess);
    }

    private static ProcessorSupplier<String, String, String, String> processor(
        BiConsumer<ProcessorContext<String, String>, Record<String, String>> onProcess) {
        return processor(ctx -> { }, onProcess);
    }

    /** Source "src" on "in" -> processor "proc" -> sink "sink" on "out". */
    private static Topology chain(ProcessorSupplier<String, String, String, String> supplier) {
        return new Topology()
            .addSource("src", "in")
            .addProcessor("proc", supplier, "src")
            .addSink("sink", "out", "proc");
    }

    /** An in-memory map of counters that records every lifecycle call. */
    static final class CounterStore implements StateStore {
        final String name;
        final Map<String, Long> counts = new HashMap<>();
        final List<String> events;
        int inits;
        int flushes;
        int closes;
        boolean open;
        StateStoreContext initContext;
        StateStore initRoot;

        CounterStore(String name, List<String> events) {
            this.name = name;
            this.events = events;
        }

        long increment(String key) {
            requireOpen();
            long next = counts.getOrDefault(key, 0L) + 1;
            counts.put(key, next);
            events.add(name + ".put(" + key + ")");
            return next;
        }

        void put(String key, long value) {
            requireOpen();
            counts.put(key, value);
        }

        Long get(String key) {
            requireOpen();
            return counts.get(key);
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("store " + name + " is not open");
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            inits++;
            open = true;
            initContext = context;
            initRoot = root;
            events.add(name + ".init");
        }

        @Override
        public void flush() {
            flushes++;
            events.add(name + ".flush");
        }

        @Override
        public void close() {
            closes++;
            open = false;
            events.add(name + ".close");
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    static final class CounterStoreBuilder implements StoreBuilder<CounterStore> {
        final String name;
        final List<String> events = new ArrayList<>();
        final List<CounterStore> built = new ArrayList<>();

        CounterStoreBuilder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<CounterStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<CounterStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CounterStore> withLoggingEnabled(Map<String, String> config) {
            return this;
        }

        @Override
        public StoreBuilder<CounterStore> withLoggingDisabled() {
            return this;
        }

        @Override
        public CounterStore build() {
            CounterStore store = new CounterStore(name, events);
            built.add(store);
            return store;
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }

    /** Counts keys in the store "counts" and forwards key -> count. */
    private static ProcessorSupplier<String, String, String, String> countingProcessor(String storeName) {
        return () -> new Processor<>() {
            private ProcessorContext<String, String> context;
            private CounterStore store;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
                this.store = context.getStateStore(storeName);
            }

            @Override
            public void process(Record<String, String> record) {
                long count = store.increment(record.key());
                context.forward(record.withValue(Long.toString(count)));
            }
        };
    }

    // ================================================================ basic wiring

    @Test
    void sourceProcessorSinkChainTransformsRecords() {
        Topology topology = chain(processor((ctx, r) -> ctx.forward(r.withValue(r.value().toUpperCase()))));
        try (TopologyTestDriver driver = driver(topology)) {
            input(driver, "in").pipeInput("k1", "hello", 5L);
            input(driver, "in").pipeInput("k2", "world", 7L);
            List<TestRecord<String, String>> out = output(driver, "out").readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("k1", "k2");
            assertThat(out).extracting(TestRecord::value).containsExactly("HELLO", "WORLD");
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(5L, 7L);
        }
    }

    @Test
    void processorThatDoesNotForwardProducesNothing() {
        Topology topology = chain(processor((ctx, r) -> { }));
        try (TopologyTestDriver driver = driver(topology)) {
            input(driver, "in").pipeInput("k", "v");
            assertThat(output(driver, "out").isEmpty()).isTrue();
        }
    }

    @Test
    void processorForwardsToANamedChildOnly() {
        ProcessorSupplier<String, String, String, String> router = processor((ctx, r) ->
            ctx.forward(r, Integer.parseInt(r.value()) % 2 == 0 ? "even-sink" : "odd-sink"));
        Topology topology = new Topology()
            .addSource("src", "numbers")
            .addProcessor("router", router, "src")
            .addSink("even-sink", "evens", "router")
            .addSink("odd-sink", "odds", "router");
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "numbers");
            for (int i = 1; i <= 5; i++) {
                in.pipeInput("k" + i, Integer.toString(i));
            }
            assertThat(output(driver, "evens").readValuesToList()).containsExactly("2", "4");
            assertThat(output(driver, "odds").readValuesToList()).containsExactly("1", "3", "5");
        }
    }

    @Test
    void forwardWithoutChildNameReachesEveryChildInOrderAdded() {
        List<String> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("fan", processor((ctx, r) -> ctx.forward(r)), "src")
            .addProcessor("second", processor((ctx, r) -> seen.add("second:" + r.value())), "fan")
            .addSink("first-sink", "out", "fan")
            .addProcessor("third", processor((ctx, r) -> seen.add("third:" + r.value())), "fan");
        try (TopologyTestDriver driver = driver(topology)) {
            input(driver, "in").pipeInput("k", "v");
            assertThat(output(driver, "out").readValuesToList()).containsExactly("v");
            assertThat(seen).containsExactly("second:v", "third:v");
        }
    }

    @Test
    void forwardingToAnUnknownChildFailsNamingProcessorAndChild() {
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("router", processor((ctx, r) -> ctx.forward(r, "nowhere")), "src")
            .addSink("sink", "out", "router");
        try (TopologyTestDriver driver = driver(topology)) {
            assertThatThrownBy(() -> input(driver, "in").pipeInput("k", "v"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("'router'")
                .hasMessageContaining("'nowhere'");
        }
    }

    @Test
    void patternSourceReadsEveryMatchingTopic() {
        List<String> topics = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("src", Pattern.compile("orders-.*"))
            .addProcessor("proc", processor((ctx, r) -> {
                topics.add(ctx.recordMetadata().orElseThrow().topic());
                ctx.forward(r);
            }), "src")
            .addSink("sink", "all-orders", "proc");
        try (TopologyTestDriver driver = driver(topology)) {
            input(driver, "orders-eu").pipeInput("a", "1");
            input(driver, "orders-us").pipeInput("b", "2");
            input(driver, "orders-eu").pipeInput("c", "3");
            assertThat(output(driver, "all-orders").readKeyValuesToList())
                .containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("c", "3"));
            assertThat(topics).containsExactly("orders-eu", "orders-us", "orders-eu");
        }
    }

    @Test
    void patternSourceRejectsTopicsThatDoNotMatchTheWholePattern() {
        Topology topology = new Topology()
            .addSource("src", Pattern.compile("orders-.*"))
            .addSink("sink", "out", "src");
        try (TopologyTestDriver driver = driver(topology)) {
            assertThatThrownBy(() -> input(driver, "payments").pipeInput("k", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payments");
            assertThatThrownBy(() -> input(driver, "old-orders-eu").pipeInput("k", "v"))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void processorInitAndCloseAreCalledOncePerDriver() {
        List<String> events = new ArrayList<>();
        ProcessorSupplier<String, String, String, String> supplier = () -> new Processor<>() {
            @Override
            public void init(ProcessorContext<String, String> context) {
                events.add("init");
            }

            @Override
            public void process(Record<String, String> record) {
                events.add("process:" + record.value());
            }

            @Override
            public void close() {
                events.add("close");
            }
        };
        TopologyTestDriver driver = driver(chain(supplier));
        input(driver, "in").pipeInput("k", "a");
        input(driver, "in").pipeInput("k", "b");
        driver.close();
        assertThat(events).containsExactly("init", "process:a", "process:b", "close");
    }

    // ================================================================ state stores

    @Test
    void processorUsesAConnectedStoreThatTheDriverExposes() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = chain(countingProcessor("counts"))
            .addStateStore(counts)
            .connectProcessorAndStateStores("proc", "counts");
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("a", "x");
            in.pipeInput("b", "x");
            in.pipeInput("a", "x");
            assertThat(output(driver, "out").readKeyValuesToList())
                .containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("b", "1"), KeyValue.pair("a", "2"));
            assertThat(counts.built).hasSize(1);
            StateStore store = driver.getStateStore("counts");
            assertThat(store).isSameAs(counts.built.get(0));
            assertThat(((CounterStore) store).counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 1L));
            assertThat(driver.getAllStateStores()).containsOnlyKeys("counts");
            assertThat(driver.getStateStore("no-such-store")).isNull();
        }
    }

    @Test
    void storeAddedWithProcessorNamesIsConnected() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = chain(countingProcessor("counts")).addStateStore(counts, "proc");
        try (TopologyTestDriver driver = driver(topology)) {
            input(driver, "in").pipeInput("a", "x");
            assertThat(output(driver, "out").readValue()).isEqualTo("1");
        }
    }

    @Test
    void storePrepopulatedThroughTheDriverIsSeenByTheProcessor() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = chain(countingProcessor("counts")).addStateStore(counts, "proc");
        try (TopologyTestDriver driver = driver(topology)) {
            CounterStore store = (CounterStore) driver.getStateStore("counts");
            store.put("a", 41L);
            input(driver, "in").pipeInput("a", "x");
            input(driver, "in").pipeInput("new", "x");
            assertThat(output(driver, "out").readKeyValuesToList())
                .containsExactly(KeyValue.pair("a", "42"), KeyValue.pair("new", "1"));
            assertThat(store.get("a")).isEqualTo(42L);
        }
    }

    @Test
    void storeIsInitializedOnceBeforeProcessingWithItselfAsRoot() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = chain(countingProcessor("counts")).addStateStore(counts, "proc");
        try (TopologyTestDriver driver = driver(topology)) {
            CounterStore store = (CounterStore) driver.getStateStore("counts");
            assertThat(store.inits).isEqualTo(1);
            assertThat(store.isOpen()).isTrue();
            assertThat(store.initRoot).isSameAs(store);
            assertThat(store.initContext.applicationId()).isEqualTo("processor-api-test");
            assertThat(store.initContext.taskId()).isEqualTo(new TaskId(0, 0));
            assertThat(store.initContext.stateDir()).isNotNull();
            assertThat(store.initContext.stateDir().toPath()).startsWith(stateDir);
            assertThat(store.flushes).isZero();
            input(driver, "in").pipeInput("a", "x");
            assertThat(store.inits).isEqualTo(1);
        }
    }

    @Test
    void storeIsFlushedAfterEveryPipedRecord() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = chain(countingProcessor("counts")).addStateStore(counts, "proc");
        try (TopologyTestDriver driver = driver(topology)) {
            CounterStore store = (CounterStore) driver.getStateStore("counts");
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("a", "x");
            assertThat(store.flushes).isEqualTo(1);
            in.pipeInput("b", "x");
            assertThat(store.flushes).isEqualTo(2);
            in.pipeInput("a", "x");
            assertThat(store.flushes).isEqualTo(3);
            // the commit comes after the record's writes
            assertThat(counts.events).containsExactly("counts.init",
                "counts.put(a)", "counts.flush",
                "counts.put(b)", "counts.flush",
                "counts.put(a)", "counts.flush");
        }
    }

    @Test
    void storeIsClosedWhenTheDriverClosesAfterTheProcessors() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        List<String> events = counts.events;
        ProcessorSupplier<String, String, String, String> supplier = () -> new Processor<>() {
            private CounterStore store;

            @Override
            public void init(ProcessorContext<String, String> context) {
                store = context.getStateStore("counts");
            }

            @Override
            public void process(Record<String, String> record) {
                store.increment(record.key());
            }

            @Override
            public void close() {
                events.add("processor.close(storeOpen=" + store.isOpen() + ")");
            }
        };
        Topology topology = chain(supplier).addStateStore(counts, "proc");
        TopologyTestDriver driver = driver(topology);
        CounterStore store = (CounterStore) driver.getStateStore("counts");
        input(driver, "in").pipeInput("a", "x");
        assertThat(store.closes).isZero();
        driver.close();
        assertThat(store.closes).isEqualTo(1);
        assertThat(store.isOpen()).isFalse();
        assertThat(events).endsWith("processor.close(storeOpen=true)", "counts.close");
        driver.close();
        assertThat(store.closes).as("closing the driver twice closes the store once").isEqualTo(1);
    }

    @Test
    void gettingAStoreNotConnectedToTheProcessorFailsNamingProcessorAndStore() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("owner", countingProcessor("counts"), "src")
            .addProcessor("intruder", processor((ctx, r) -> ctx.getStateStore("counts")), "src")
            .addStateStore(counts, "owner");
        try (TopologyTestDriver driver = driver(topology)) {
            assertThatThrownBy(() -> input(driver, "in").pipeInput("a", "x"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("'intruder'")
                .hasMessageContaining("'counts'");
        }
    }

    @Test
    void gettingAStoreNotConnectedInInitFailsTheDriverNamingProcessorAndStore() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("owner", countingProcessor("counts"), "src")
            .addProcessor("intruder", countingProcessor("counts"), "src")
            .addStateStore(counts, "owner");
        assertThatThrownBy(() -> driver(topology))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("'intruder'")
            .hasMessageContaining("'counts'");
    }

    @Test
    void gettingAStoreDirectlyFromTheContextThrowsStreamsExceptionNamingBoth() {
        List<RuntimeException> caught = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("lonely", processor(ctx -> {
                try {
                    ctx.getStateStore("absent");
                } catch (RuntimeException e) {
                    caught.add(e);
                }
            }, (ctx, r) -> { }), "src");
        try (TopologyTestDriver driver = driver(topology)) {
            assertThat(caught).hasSize(1);
            assertThat(caught.get(0))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("processor 'lonely'")
                .hasMessageContaining("state store 'absent'");
        }
    }

    @Test
    void twoProcessorsConnectedToOneStoreShareOneInstance() {
        CounterStoreBuilder counts = new CounterStoreBuilder("counts");
        Topology topology = new Topology()
            .addSource("src-a", "a")
            .addProcessor("count-a", countingProcessor("counts"), "src-a")
            .addSource("src-b", "b")
            .addProcessor("count-b", countingProcessor("counts"), "src-b")
            .addStateStore(counts, "count-a", "count-b")
            .addSink("sink", "out", "count-a", "count-b");
        try (TopologyTestDriver driver = driver(topology)) {
            input(driver, "a").pipeInput("k", "x");
            input(driver, "b").pipeInput("k", "x");
            assertThat(output(driver, "out").readValuesToList()).containsExactly("1", "2");
            assertThat(counts.built).hasSize(1);
        }
    }

    @Test
    void supplierStoresAreAddedAndConnectedAutomatically() {
        CounterStoreBuilder counts = new CounterStoreBuilder("auto-counts");
        ProcessorSupplier<String, String, String, String> counting = countingProcessor("auto-counts");
        ProcessorSupplier<String, String, String, String> withStores = new ProcessorSupplier<>() {
            @Override
            public Processor<String, String, String, String> get() {
                return counting.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(counts);
            }
        };
        Topology topology = chain(withStores);
        assertThat(topology.model().storesOf("proc")).containsExactly("auto-counts");
        assertThat(topology.describe().toString()).contains("Processor: proc (stores: [auto-counts])");
        try (TopologyTestDriver driver = driver(topology)) {
            input(driver, "in").pipeInput("a", "x");
            input(driver, "in").pipeInput("a", "x");
            assertThat(output(driver, "out").readValuesToList()).containsExactly("1", "2");
            assertThat(driver.getStateStore("auto-counts")).isSameAs(counts.built.get(0));
        }
    }

    @Test
    void dslProcessUsesAStoreAddedToTheBuilder() {
        CounterStoreBuilder counts = new CounterStoreBuilder("dsl-counts");
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(counts);
        builder.<String, String>stream("in")
            .process(countingProcessor("dsl-counts"), Named.as("counter"), "dsl-counts")
            .to("out");
        try (TopologyTestDriver driver = driver(builder.build())) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("x", "1");
            in.pipeInput("y", "1");
            in.pipeInput("x", "1");
            assertThat(output(driver, "out").readKeyValuesToList())
                .containsExactly(KeyValue.pair("x", "1"), KeyValue.pair("y", "1"), KeyValue.pair("x", "2"));
            assertThat(((CounterStore) driver.getStateStore("dsl-counts")).counts)
                .containsExactlyInAnyOrderEntriesOf(Map.of("x", 2L, "y", 1L));
        }
    }

    @Test
    void dslProcessWithoutNamingTheStoreCannotUseIt() {
        CounterStoreBuilder counts = new CounterStoreBuilder("dsl-counts");
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(counts);
        builder.<String, String>stream("in").process(countingProcessor("dsl-counts"), Named.as("counter")).to("out");
        assertThatThrownBy(() -> driver(builder.build()))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("'counter'")
            .hasMessageContaining("'dsl-counts'");
    }

    // ================================================================ punctuation: stream time

    /** Schedules one punctuator in init, records what it sees, forwards the input unchanged. */
    private static class Punctuating implements Processor<String, String, String, String> {
        final Duration interval;
        final PunctuationType type;
        final List<Long> fired;
        final List<Optional<RecordMetadata>> metadataInPunctuator;
        final List<Long> streamTimeInPunctuator;
        ProcessorContext<String, String> context;
        Cancellable cancellable;

        Punctuating(Duration interval, PunctuationType type, List<Long> fired, List<Optional<RecordMetadata>> metadataInPunctuator,
                    List<Long> streamTimeInPunctuator) {
            this.interval = interval;
            this.type = type;
            this.fired = fired;
            this.metadataInPunctuator = metadataInPunctuator;
            this.streamTimeInPunctuator = streamTimeInPunctuator;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            cancellable = context.schedule(interval, type, ts -> {
                fired.add(ts);
                metadataInPunctuator.add(context.recordMetadata());
                streamTimeInPunctuator.add(context.currentStreamTimeMs());
            });
        }

        @Override
        public void process(Record<String, String> record) {
            if ("cancel".equals(record.value())) {
                cancellable.cancel();
            }
            context.forward(record);
        }
    }

    private static final class PunctuationProbe {
        final List<Long> fired = new ArrayList<>();
        final List<Optional<RecordMetadata>> metadata = new ArrayList<>();
        final List<Long> streamTimes = new ArrayList<>();

        Topology topology(Duration interval, PunctuationType type) {
            return chain(() -> new Punctuating(interval, type, fired, metadata, streamTimes));
        }
    }

    @Test
    void streamTimePunctuatorFiresOnFirstRecordThenOnEachIntervalBoundary() {
        PunctuationProbe probe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(10), PunctuationType.STREAM_TIME))) {
            TestInputTopic<String, String> in = input(driver, "in");
            assertThat(probe.fired).isEmpty();
            in.pipeInput("k", "v", 3L);
            assertThat(probe.fired).containsExactly(3L);
            in.pipeInput("k", "v", 7L);
            in.pipeInput("k", "v", 9L);
            assertThat(probe.fired).containsExactly(3L);
            in.pipeInput("k", "v", 10L);
            assertThat(probe.fired).containsExactly(3L, 10L);
            in.pipeInput("k", "v", 19L);
            assertThat(probe.fired).containsExactly(3L, 10L);
            in.pipeInput("k", "v", 21L);
            assertThat(probe.fired).containsExactly(3L, 10L, 21L);
        }
    }

    @Test
    void streamTimePunctuatorFiresOncePerJumpOverSeveralIntervals() {
        PunctuationProbe probe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(10), PunctuationType.STREAM_TIME))) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 0L);
            in.pipeInput("k", "v", 35L);
            assertThat(probe.fired).containsExactly(0L, 35L);
            // the next boundary stays on the grid: 40, not 45
            in.pipeInput("k", "v", 39L);
            assertThat(probe.fired).containsExactly(0L, 35L);
            in.pipeInput("k", "v", 40L);
            assertThat(probe.fired).containsExactly(0L, 35L, 40L);
            in.pipeInput("k", "v", 1_000L);
            assertThat(probe.fired).containsExactly(0L, 35L, 40L, 1_000L);
        }
    }

    @Test
    void streamTimePunctuatorReceivesTheCurrentStreamTime() {
        PunctuationProbe probe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(100), PunctuationType.STREAM_TIME))) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 250L);
            in.pipeInput("k", "v", 420L);
            assertThat(probe.fired).containsExactly(250L, 420L);
            assertThat(probe.streamTimes).containsExactly(250L, 420L);
        }
    }

    @Test
    void outOfOrderRecordsDoNotMoveStreamTimeBack() {
        PunctuationProbe probe = new PunctuationProbe();
        List<Long> streamTimeInProcess = new ArrayList<>();
        Topology topology = chain(() -> new Punctuating(Duration.ofMillis(10), PunctuationType.STREAM_TIME, probe.fired,
            probe.metadata, probe.streamTimes) {
            @Override
            public void process(Record<String, String> record) {
                streamTimeInProcess.add(context.currentStreamTimeMs());
                super.process(record);
            }
        });
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 15L);
            in.pipeInput("k", "late", 2L);
            in.pipeInput("k", "v", 19L);
            assertThat(probe.fired).containsExactly(15L);
            in.pipeInput("k", "late", 5L);
            in.pipeInput("k", "v", 20L);
            assertThat(probe.fired).containsExactly(15L, 20L);
            assertThat(streamTimeInProcess).containsExactly(15L, 15L, 19L, 19L, 20L);
            // the late record keeps its own timestamp downstream
            assertThat(output(driver, "out").readRecordsToList()).extracting(TestRecord::timestamp)
                .containsExactly(15L, 2L, 19L, 5L, 20L);
        }
    }

    @Test
    void streamTimePunctuatorDoesNotFireOnWallClockAdvance() {
        PunctuationProbe probe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(10), PunctuationType.STREAM_TIME))) {
            driver.advanceWallClockTime(Duration.ofMinutes(5));
            assertThat(probe.fired).isEmpty();
            input(driver, "in").pipeInput("k", "v", 5L);
            driver.advanceWallClockTime(Duration.ofMinutes(5));
            assertThat(probe.fired).containsExactly(5L);
        }
    }

    @Test
    void cancelledStreamTimePunctuatorNeverFiresAgain() {
        PunctuationProbe probe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(10), PunctuationType.STREAM_TIME))) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 1L);
            in.pipeInput("k", "v", 12L);
            assertThat(probe.fired).containsExactly(1L, 12L);
            in.pipeInput("k", "cancel", 13L);
            in.pipeInput("k", "v", 20L);
            in.pipeInput("k", "v", 100L);
            assertThat(probe.fired).containsExactly(1L, 12L);
        }
    }

    @Test
    void cancelCalledTwiceIsHarmless() {
        PunctuationProbe probe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(10), PunctuationType.STREAM_TIME))) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "cancel", 1L);
            in.pipeInput("k", "cancel", 30L);
            assertThat(probe.fired).isEmpty();
        }
    }

    @Test
    void punctuatorCancellingItselfFiresOnlyOnce() {
        List<Long> fired = new ArrayList<>();
        Topology topology = chain(processor(ctx -> {
            Cancellable[] self = new Cancellable[1];
            self[0] = ctx.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME, ts -> {
                fired.add(ts);
                self[0].cancel();
            });
        }, (ctx, r) -> ctx.forward(r)));
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 5L);
            in.pipeInput("k", "v", 15L);
            in.pipeInput("k", "v", 500L);
            assertThat(fired).containsExactly(5L);
        }
    }

    @Test
    void wallClockPunctuatorCancellingItselfFiresOnlyOnce() {
        List<Long> fired = new ArrayList<>();
        Topology topology = chain(processor(ctx -> {
            Cancellable[] self = new Cancellable[1];
            self[0] = ctx.schedule(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME, ts -> {
                fired.add(ts);
                self[0].cancel();
            });
        }, (ctx, r) -> ctx.forward(r)));
        try (TopologyTestDriver driver = driver(topology)) {
            driver.advanceWallClockTime(Duration.ofMillis(10));
            driver.advanceWallClockTime(Duration.ofMillis(10));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(fired).containsExactly(WALL_START.toEpochMilli() + 10);
        }
    }

    @Test
    void severalStreamTimePunctuatorsFireInScheduleOrder() {
        List<String> fired = new ArrayList<>();
        Topology topology = chain(processor(ctx -> {
            ctx.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME, ts -> fired.add("ten@" + ts));
            ctx.schedule(Duration.ofMillis(4), PunctuationType.STREAM_TIME, ts -> fired.add("four@" + ts));
        }, (ctx, r) -> ctx.forward(r)));
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 1L);
            in.pipeInput("k", "v", 4L);
            in.pipeInput("k", "v", 10L);
            assertThat(fired).containsExactly("ten@1", "four@1", "four@4", "four@10", "ten@10");
        }
    }

    // ================================================================ punctuation: wall-clock time

    @Test
    void wallClockPunctuatorFiresOnceInitialPlusIntervalIsReached() {
        PunctuationProbe probe = new PunctuationProbe();
        long start = WALL_START.toEpochMilli();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME))) {
            driver.advanceWallClockTime(Duration.ofMillis(99));
            assertThat(probe.fired).isEmpty();
            driver.advanceWallClockTime(Duration.ofMillis(1));
            assertThat(probe.fired).containsExactly(start + 100);
            driver.advanceWallClockTime(Duration.ofMillis(50));
            assertThat(probe.fired).containsExactly(start + 100);
            driver.advanceWallClockTime(Duration.ofMillis(50));
            assertThat(probe.fired).containsExactly(start + 100, start + 200);
        }
    }

    @Test
    void wallClockPunctuatorFiresOncePerJumpAndStaysOnItsGrid() {
        PunctuationProbe probe = new PunctuationProbe();
        long start = WALL_START.toEpochMilli();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME))) {
            driver.advanceWallClockTime(Duration.ofMillis(350));
            assertThat(probe.fired).containsExactly(start + 350);
            driver.advanceWallClockTime(Duration.ofMillis(49));
            assertThat(probe.fired).containsExactly(start + 350);
            driver.advanceWallClockTime(Duration.ofMillis(1));
            assertThat(probe.fired).containsExactly(start + 350, start + 400);
        }
    }

    @Test
    void wallClockPunctuatorDoesNotFireOnPipedRecords() {
        PunctuationProbe probe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(1), PunctuationType.WALL_CLOCK_TIME))) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", WALL_START.toEpochMilli() + 60_000);
            in.pipeInput("k", "v", WALL_START.toEpochMilli() + 120_000);
            assertThat(probe.fired).isEmpty();
        }
    }

    @Test
    void wallClockPunctuatorReceivesWallClockTimeNotStreamTime() {
        PunctuationProbe probe = new PunctuationProbe();
        long start = WALL_START.toEpochMilli();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME))) {
            input(driver, "in").pipeInput("k", "v", 42L);
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(probe.fired).containsExactly(start + 1_000);
            assertThat(probe.streamTimes).containsExactly(42L);
        }
    }

    @Test
    void cancelledWallClockPunctuatorNeverFiresAgain() {
        PunctuationProbe probe = new PunctuationProbe();
        long start = WALL_START.toEpochMilli();
        try (TopologyTestDriver driver = driver(probe.topology(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME))) {
            driver.advanceWallClockTime(Duration.ofMillis(100));
            input(driver, "in").pipeInput("k", "cancel", 1L);
            driver.advanceWallClockTime(Duration.ofMillis(100));
            driver.advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(probe.fired).containsExactly(start + 100);
        }
    }

    @Test
    void wallClockScheduleStartsFromTheTimeItIsScheduled() {
        List<Long> fired = new ArrayList<>();
        long start = WALL_START.toEpochMilli();
        Topology topology = chain(processor((ctx, r) -> {
            ctx.schedule(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME, fired::add);
            ctx.forward(r);
        }));
        try (TopologyTestDriver driver = driver(topology)) {
            driver.advanceWallClockTime(Duration.ofMillis(30));
            input(driver, "in").pipeInput("k", "v", 1L);
            driver.advanceWallClockTime(Duration.ofMillis(99));
            assertThat(fired).isEmpty();
            driver.advanceWallClockTime(Duration.ofMillis(1));
            assertThat(fired).containsExactly(start + 130);
        }
    }

    // ================================================================ punctuation: output and context

    @Test
    void recordsForwardedInAWallClockPunctuatorReachTheSinkWithTheirTimestamp() {
        Topology topology = chain(processor(ctx -> ctx.schedule(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME,
            ts -> ctx.forward(new Record<>("tick", Long.toString(ts), 12_345L))), (ctx, r) -> { }));
        try (TopologyTestDriver driver = driver(topology)) {
            driver.advanceWallClockTime(Duration.ofMillis(100));
            List<TestRecord<String, String>> out = output(driver, "out").readRecordsToList();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).key()).isEqualTo("tick");
            assertThat(out.get(0).value()).isEqualTo(Long.toString(WALL_START.toEpochMilli() + 100));
            assertThat(out.get(0).timestamp()).isEqualTo(12_345L);
        }
    }

    @Test
    void recordsForwardedInAStreamTimePunctuatorFollowTheRecordThatTriggeredIt() {
        Topology topology = chain(processor(ctx -> ctx.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME,
            ts -> ctx.forward(new Record<>("punct", "at-" + ts, ts + 1))), (ctx, r) -> ctx.forward(r)));
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "first", 3L);
            in.pipeInput("k", "second", 5L);
            in.pipeInput("k", "third", 10L);
            List<TestRecord<String, String>> out = output(driver, "out").readRecordsToList();
            assertThat(out).extracting(TestRecord::value)
                .containsExactly("first", "at-3", "second", "third", "at-10");
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(3L, 4L, 5L, 10L, 11L);
        }
    }

    @Test
    void recordMetadataIsPresentDuringProcessWithTopicPartitionAndOffsets() {
        List<RecordMetadata> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("src", "in", "other")
            .addProcessor("proc", processor((ctx, r) -> seen.add(ctx.recordMetadata().orElseThrow())), "src");
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "a");
            in.pipeInput("k", "b");
            input(driver, "other").pipeInput("k", "c");
            in.pipeInput("k", "d");
            assertThat(seen).extracting(RecordMetadata::topic).containsExactly("in", "in", "other", "in");
            assertThat(seen).extracting(RecordMetadata::partition).containsExactly(0, 0, 0, 0);
            assertThat(seen).extracting(RecordMetadata::offset).containsExactly(0L, 1L, 0L, 2L);
        }
    }

    @Test
    void recordMetadataIsEmptyInsidePunctuators() {
        PunctuationProbe streamProbe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(streamProbe.topology(Duration.ofMillis(10), PunctuationType.STREAM_TIME))) {
            input(driver, "in").pipeInput("k", "v", 5L);
            input(driver, "in").pipeInput("k", "v", 15L);
            assertThat(streamProbe.metadata).hasSize(2).allSatisfy(m -> assertThat(m).isEmpty());
        }
        PunctuationProbe wallProbe = new PunctuationProbe();
        try (TopologyTestDriver driver = driver(wallProbe.topology(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME))) {
            input(driver, "in").pipeInput("k", "v", 5L);
            driver.advanceWallClockTime(Duration.ofMillis(10));
            assertThat(wallProbe.metadata).hasSize(1).allSatisfy(m -> assertThat(m).isEmpty());
        }
    }

    @Test
    void recordMetadataIsEmptyInInit() {
        List<Optional<RecordMetadata>> seen = new ArrayList<>();
        Topology topology = chain(processor(ctx -> seen.add(ctx.recordMetadata()), (ctx, r) -> { }));
        try (TopologyTestDriver driver = driver(topology)) {
            assertThat(seen).containsExactly(Optional.empty());
        }
    }

    @Test
    void punctuationIntervalBelowOneMillisecondIsRejected() {
        List<RuntimeException> errors = new ArrayList<>();
        List<Cancellable> accepted = new ArrayList<>();
        Topology topology = chain(processor(ctx -> {
            for (Duration interval : List.of(Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-5))) {
                for (PunctuationType type : PunctuationType.values()) {
                    try {
                        accepted.add(ctx.schedule(interval, type, ts -> { }));
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }
            accepted.add(ctx.schedule(Duration.ofMillis(1), PunctuationType.STREAM_TIME, ts -> { }));
        }, (ctx, r) -> { }));
        try (TopologyTestDriver driver = driver(topology)) {
            assertThat(accepted).hasSize(1);
            assertThat(errors).hasSize(6).allSatisfy(e -> assertThat(e)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'proc'")
                .hasMessageContaining("1 ms"));
        }
    }

    @Test
    void currentStreamTimeIsMinusOneBeforeTheFirstRecordThenTheLargestTimestamp() {
        List<Long> inInit = new ArrayList<>();
        List<Long> inProcess = new ArrayList<>();
        Topology topology = chain(processor(ctx -> inInit.add(ctx.currentStreamTimeMs()),
            (ctx, r) -> inProcess.add(ctx.currentStreamTimeMs())));
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 100L);
            in.pipeInput("k", "v", 50L);
            in.pipeInput("k", "v", 300L);
            assertThat(inInit).containsExactly(-1L);
            assertThat(inProcess).containsExactly(100L, 100L, 300L);
        }
    }

    @Test
    void currentSystemTimeIsTheDriversMockWallClock() {
        List<Long> inInit = new ArrayList<>();
        List<Long> inProcess = new ArrayList<>();
        Topology topology = chain(processor(ctx -> inInit.add(ctx.currentSystemTimeMs()),
            (ctx, r) -> inProcess.add(ctx.currentSystemTimeMs())));
        long start = WALL_START.toEpochMilli();
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput("k", "v", 999_999_999L);
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            in.pipeInput("k", "v", 1L);
            assertThat(inInit).containsExactly(start);
            // piping records, whatever their timestamps, does not move the wall clock
            assertThat(inProcess).containsExactly(start, start + 5_000);
        }
    }

    @Test
    void contextReportsApplicationIdAndTaskId() {
        List<Object> seen = new ArrayList<>();
        Topology topology = chain(processor(ctx -> {
            seen.add(ctx.applicationId());
            seen.add(ctx.taskId());
        }, (ctx, r) -> { }));
        try (TopologyTestDriver driver = driver(topology)) {
            assertThat(seen).containsExactly("processor-api-test", new TaskId(0, 0));
        }
    }
}
