package dev.rill.streams.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.rill.streams.Topology;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.kstream.Branched;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.RecordContext;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Kafka Streams user's test suite for an order-routing topology, ported to Rill by changing only the
 * imports ({@code org.apache.kafka} to {@code dev.rill}, and
 * {@code org.apache.kafka.common.header.internals.RecordHeaders} to {@code dev.rill.common.header.RecordHeaders}).
 * {@link PortedKafkaStreamsOracleTest} is the same class body with the Kafka imports, run against Kafka
 * Streams 4.4: both must pass with the same hard-coded expectations.
 */
class PortedKafkaStreamsTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z"); // 1704067200000 ms
    private static final Duration TICK_INTERVAL = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> orders;
    private TestOutputTopic<String, String> items;
    private TestOutputTopic<String, String> express;
    private TestOutputTopic<String, String> standard;
    private TestOutputTopic<String, String> bulkEu;
    private TestOutputTopic<String, String> bulkUnknown;
    private TestOutputTopic<String, String> audit;
    private TestOutputTopic<String, String> streamTicks;
    private TestOutputTopic<String, String> heartbeats;

    /** Counts the orders seen and, on stream time, reports and resets the count. */
    static class OrderTicker implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private int seen;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            context.schedule(TICK_INTERVAL, PunctuationType.STREAM_TIME, this::tick);
        }

        private void tick(long timestamp) {
            context.forward(new Record<>("tick", "seen=" + seen + " at=" + timestamp + " streamTime=" + context.currentStreamTimeMs(), timestamp));
            seen = 0;
        }

        @Override
        public void process(Record<String, String> record) {
            seen++;
        }
    }

    /**
     * Emits a heartbeat on wall-clock time with the last customer seen, and stops after three; forwards
     * nothing per record.
     */
    static class Heartbeat implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private Cancellable schedule;
        private int beats;
        private String lastCustomer = "none";

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            schedule = context.schedule(HEARTBEAT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> {
                beats++;
                context.forward(new Record<>("heartbeat", "beat=" + beats + " at=" + timestamp + " systemTime="
                    + context.currentSystemTimeMs() + " streamTime=" + context.currentStreamTimeMs() + " last=" + lastCustomer, timestamp));
                if (beats == 3) {
                    schedule.cancel();
                }
            });
        }

        @Override
        public void process(Record<String, String> record) {
            lastCustomer = record.key();
        }
    }

    /** Reads the headers of every order and forwards an audit line, marked with an extra header. */
    static class HeaderAudit implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            List<String> seen = new ArrayList<>();
            for (Header header : record.headers()) {
                seen.add(header.key() + "=" + (header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8)));
            }
            Header origin = record.headers().lastHeader("origin");
            Record<String, String> audited = record.withValue("order=" + record.value() + " headers=" + seen + " origin="
                + (origin == null ? "unknown" : new String(origin.value(), StandardCharsets.UTF_8)));
            audited.headers().add("audited", "yes".getBytes(StandardCharsets.UTF_8));
            context.forward(audited);
        }
    }

    /** Bulk items go to a topic per region, from the record's headers. */
    static class RegionTopic implements TopicNameExtractor<String, String> {
        @Override
        public String extract(String customer, String item, RecordContext recordContext) {
            Header region = recordContext.headers().lastHeader("region");
            return region == null ? "bulk-unknown" : "bulk-" + new String(region.value(), StandardCharsets.UTF_8);
        }
    }

    static Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> orders = builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()));

        KStream<String, String> items = orders
            .filter((customer, order) -> order != null && !order.isBlank())
            .mapValues(order -> order.trim().toLowerCase(Locale.ROOT))
            .flatMapValues(order -> Arrays.asList(order.split(",")));
        items.to("items", Produced.with(Serdes.String(), Serdes.String()));

        Map<String, KStream<String, String>> routes = items.split(Named.as("route-"))
            .branch((customer, item) -> item.startsWith("express:"), Branched.as("express"))
            .branch((customer, item) -> item.startsWith("bulk:"),
                Branched.withFunction(bulk -> bulk.mapValues(item -> item.toUpperCase(Locale.ROOT)), "bulk"))
            .defaultBranch(Branched.as("standard"));
        routes.get("route-express")
            .selectKey((customer, item) -> item.substring("express:".length()))
            .to("express", Produced.with(Serdes.String(), Serdes.String()));
        routes.get("route-bulk").to(new RegionTopic(), Produced.with(Serdes.String(), Serdes.String()));
        routes.get("route-standard").to("standard", Produced.with(Serdes.String(), Serdes.String()));

        orders.process(OrderTicker::new).to("stream-ticks", Produced.with(Serdes.String(), Serdes.String()));
        orders.process(Heartbeat::new).to("heartbeats", Produced.with(Serdes.String(), Serdes.String()));
        orders.process(HeaderAudit::new).to("audit", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @BeforeEach
    void setUp() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-routing-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(buildTopology(), props, T0);
        orders = driver.createInputTopic("orders", new StringSerializer(), new StringSerializer());
        items = output("items");
        express = output("express");
        standard = output("standard");
        bulkEu = output("bulk-eu");
        bulkUnknown = output("bulk-unknown");
        audit = output("audit");
        streamTicks = output("stream-ticks");
        heartbeats = output("heartbeats");
    }

    private TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Headers headers(String... keysAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            headers.add(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void dropsEmptyOrdersAndSplitsTheRestIntoItems() {
        orders.pipeInput("alice", " Express:SKU-1,standard:pen ", T0.plusSeconds(1));
        orders.pipeInput("bob", null, T0.plusSeconds(2));
        orders.pipeInput("carol", "   ", T0.plusSeconds(3));
        orders.pipeInput("dave", "BULK:paper", T0.plusSeconds(4));

        assertEquals(List.of(
            KeyValue.pair("alice", "express:sku-1"),
            KeyValue.pair("alice", "standard:pen"),
            KeyValue.pair("dave", "bulk:paper")), items.readKeyValuesToList());
        assertTrue(items.isEmpty());
    }

    @Test
    void routesItemsToBranchesWithNewKeysAndPerRegionTopics() {
        orders.pipeInput(new TestRecord<>("alice", "express:sku-1,standard:pen,bulk:paper", headers("region", "eu"), T0.plusSeconds(1)));
        orders.pipeInput(new TestRecord<>("bob", "bulk:ink,express:sku-2", T0.plusSeconds(2)));

        assertEquals(List.of(KeyValue.pair("sku-1", "express:sku-1"), KeyValue.pair("sku-2", "express:sku-2")),
            express.readKeyValuesToList());
        assertEquals(List.of(KeyValue.pair("alice", "standard:pen")), standard.readKeyValuesToList());
        assertEquals(List.of(KeyValue.pair("alice", "BULK:PAPER")), bulkEu.readKeyValuesToList());
        assertEquals(List.of(KeyValue.pair("bob", "BULK:INK")), bulkUnknown.readKeyValuesToList());
    }

    @Test
    void outputRecordsKeepTheInputTimestampAndHeaders() {
        orders.pipeInput(new TestRecord<>("alice", "express:sku-1,standard:pen", headers("origin", "web"), T0.plusMillis(1500)));

        assertEquals(List.of(
            new TestRecord<>("alice", "express:sku-1", headers("origin", "web"), T0.plusMillis(1500)),
            new TestRecord<>("alice", "standard:pen", headers("origin", "web"), T0.plusMillis(1500))), items.readRecordsToList());
        TestRecord<String, String> routed = express.readRecord();
        assertEquals("sku-1", routed.key());
        assertEquals(1704067201500L, routed.timestamp());
        assertEquals(headers("origin", "web"), routed.headers());
    }

    @Test
    void processorReadsTheHeadersOfEachOrder() {
        orders.pipeInput(new TestRecord<>("alice", "express:sku-1", headers("origin", "web", "region", "eu"), T0.plusSeconds(1)));
        orders.pipeInput(new TestRecord<>("bob", "bulk:ink", T0.plusSeconds(2)));

        assertEquals(List.of(
            new TestRecord<>("alice", "order=express:sku-1 headers=[origin=web, region=eu] origin=web",
                headers("origin", "web", "region", "eu", "audited", "yes"), T0.plusSeconds(1)),
            new TestRecord<>("bob", "order=bulk:ink headers=[] origin=unknown", headers("audited", "yes"), T0.plusSeconds(2))),
            audit.readRecordsToList());
    }

    @Test
    void streamTimePunctuationFiresWithTheFirstRecordAndThenOncePerIntervalBoundaryCrossed() {
        orders.pipeInput("a", "standard:1", T0.plusSeconds(3));   // first record: fires at once, at stream time 3 s
        orders.pipeInput("b", "standard:2", T0.plusSeconds(7));   // next due at 10 s: nothing
        orders.pipeInput("c", "standard:3", T0.plusSeconds(12));  // crosses 10 s: fires at 12 s, not at 10 s
        orders.pipeInput("d", "standard:4", T0.plusSeconds(35));  // crosses 20 s and 30 s: fires once, at 35 s
        orders.pipeInput("e", "standard:5", T0.plusSeconds(38));  // next due at 40 s: nothing
        orders.pipeInput("f", "standard:6", T0.plusSeconds(20));  // late record: stream time stays at 35 s
        orders.pipeInput("g", "standard:7", T0.plusSeconds(40));  // reaches 40 s exactly: fires

        assertEquals(List.of(
            new TestRecord<>("tick", "seen=1 at=1704067203000 streamTime=1704067203000", new RecordHeaders(), T0.plusSeconds(3)),
            new TestRecord<>("tick", "seen=2 at=1704067212000 streamTime=1704067212000", new RecordHeaders(), T0.plusSeconds(12)),
            new TestRecord<>("tick", "seen=1 at=1704067235000 streamTime=1704067235000", new RecordHeaders(), T0.plusSeconds(35)),
            new TestRecord<>("tick", "seen=3 at=1704067240000 streamTime=1704067240000", new RecordHeaders(), T0.plusSeconds(40))),
            streamTicks.readRecordsToList());
    }

    @Test
    void streamTimePunctuationIgnoresTheWallClock() {
        orders.pipeInput("a", "standard:1", T0.plusSeconds(3));
        assertEquals(List.of("seen=1 at=1704067203000 streamTime=1704067203000"), streamTicks.readValuesToList());

        driver.advanceWallClockTime(Duration.ofMinutes(5));

        assertTrue(streamTicks.isEmpty());
        orders.pipeInput("b", "standard:2", T0.plusSeconds(9));
        assertTrue(streamTicks.isEmpty());
    }

    @Test
    void wallClockPunctuationFiresOnlyWhenTheDriverClockAdvances() {
        driver.advanceWallClockTime(Duration.ofSeconds(4));     // first due at start + 5 s
        assertTrue(heartbeats.isEmpty());
        driver.advanceWallClockTime(Duration.ofSeconds(1));     // 5 s: fires, before any record

        orders.pipeInput("alice", "standard:pen", T0.plusSeconds(60)); // records do not move the wall clock
        assertEquals(1, heartbeats.getQueueSize());

        driver.advanceWallClockTime(Duration.ofSeconds(12));    // 17 s: fires once, though 10 s and 15 s passed
        driver.advanceWallClockTime(Duration.ofSeconds(2));     // 19 s: next due at 20 s
        driver.advanceWallClockTime(Duration.ofSeconds(1));     // 20 s: fires, and cancels itself
        driver.advanceWallClockTime(Duration.ofSeconds(30));    // cancelled: nothing

        assertEquals(List.of(
            new TestRecord<>("heartbeat", "beat=1 at=1704067205000 systemTime=1704067205000 streamTime=-1 last=none",
                new RecordHeaders(), T0.plusSeconds(5)),
            new TestRecord<>("heartbeat", "beat=2 at=1704067217000 systemTime=1704067217000 streamTime=1704067260000 last=alice",
                new RecordHeaders(), T0.plusSeconds(17)),
            new TestRecord<>("heartbeat", "beat=3 at=1704067220000 systemTime=1704067220000 streamTime=1704067260000 last=alice",
                new RecordHeaders(), T0.plusSeconds(20))),
            heartbeats.readRecordsToList());
        assertEquals(List.of("seen=1 at=1704067260000 streamTime=1704067260000"), streamTicks.readValuesToList());
    }

    @Test
    void pipingWithoutTimestampsUsesTheInputTopicClock() {
        TestInputTopic<String, String> timed = driver.createInputTopic("orders", new StringSerializer(), new StringSerializer(),
            T0.plusSeconds(100), Duration.ofSeconds(6));
        timed.pipeKeyValueList(List.of(KeyValue.pair("a", "standard:1"), KeyValue.pair("b", "standard:2"), KeyValue.pair("c", "standard:3")));

        List<TestRecord<String, String>> out = items.readRecordsToList();
        assertEquals(List.of(T0.plusSeconds(100), T0.plusSeconds(106), T0.plusSeconds(112)),
            Arrays.asList(out.get(0).getRecordTime(), out.get(1).getRecordTime(), out.get(2).getRecordTime()));
        assertEquals(List.of("seen=1 at=1704067300000 streamTime=1704067300000", "seen=2 at=1704067312000 streamTime=1704067312000"),
            streamTicks.readValuesToList());
    }
}
