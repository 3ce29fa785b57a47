package dev.rill.streams.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.GlobalKTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.test.TestRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Global tables against Kafka Streams: the same topology (two global tables beside a windowed count) is
 * fed the same records, interleaving the global topic with the stream's input, and after every record
 * the global stores must hold the same rows with the same timestamps, and the count the same output.
 * A record of the global topic must not move the count's stream time: windows stay open in both.
 */
class GlobalTableDifferentialProperties {
    static {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.log.dev.rill", "error");
    }

    private static final Path STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "rill-global-table-differential");

    record Input(boolean global, String key, String value, long timestamp) {
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d").injectNull(0.1);
        Arbitrary<String> values = Arbitraries.of("x", "y", "zz").injectNull(0.2);
        return Combinators.combine(Arbitraries.of(true, false), keys, values, Arbitraries.longs().between(0, 100))
            .as(Input::new).list().ofMinSize(1).ofMaxSize(25);
    }

    static GlobalKTable<String, String> rillTopology(StreamsBuilder b) {
        GlobalKTable<String, String> named = b.globalTable("glob", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("glob-store"));
        b.globalTable("glob2");
        b.<String, String>stream("in").groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .toStream((w, v) -> w.key() + "@" + w.window().start()).mapValues(v -> String.valueOf(v)).to("out");
        return named;
    }

    static org.apache.kafka.streams.kstream.GlobalKTable<String, String> kafkaTopology(org.apache.kafka.streams.StreamsBuilder b) {
        org.apache.kafka.streams.kstream.GlobalKTable<String, String> named = b.globalTable("glob",
            org.apache.kafka.streams.kstream.Consumed.with(org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.String()),
            org.apache.kafka.streams.kstream.Materialized.as("glob-store"));
        b.globalTable("glob2");
        b.<String, String>stream("in").groupByKey()
            .windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .toStream((w, v) -> w.key() + "@" + w.window().start()).mapValues(v -> String.valueOf(v)).to("out");
        return named;
    }

    private static Properties props(String stringSerdeClass) {
        Properties p = new Properties();
        p.put("application.id", "global");
        p.put("bootstrap.servers", "dummy:1234");
        p.put("default.key.serde", stringSerdeClass);
        p.put("default.value.serde", stringSerdeClass);
        p.put("state.dir", STATE_DIR.resolve(java.util.UUID.randomUUID().toString()).toString());
        return p;
    }

    @Example
    void describesLikeKafkaStreams() {
        StreamsBuilder rb = new StreamsBuilder();
        GlobalKTable<String, String> rill = rillTopology(rb);
        org.apache.kafka.streams.StreamsBuilder kb = new org.apache.kafka.streams.StreamsBuilder();
        org.apache.kafka.streams.kstream.GlobalKTable<String, String> kafka = kafkaTopology(kb);
        assertThat(rill.queryableStoreName()).isEqualTo(kafka.queryableStoreName());
        assertThat(DescribeDifferentialTest.comparableRill(rb.build().describe().toString()))
            .isEqualTo(DescribeDifferentialTest.comparableKafka(kb.build().describe().toString()));
    }

    @Property(tries = 15)
    void globalStoresHoldWhatKafkaStreamsHolds(@ForAll("inputs") List<Input> input) {
        List<String> rillSeen = new ArrayList<>();
        StreamsBuilder rb = new StreamsBuilder();
        rillTopology(rb);
        try (TopologyTestDriver driver = new TopologyTestDriver(rb.build(), props(Serdes.StringSerde.class.getName()))) {
            TestInputTopic<String, String> glob = driver.createInputTopic("glob", new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> glob2 = driver.createInputTopic("glob2", new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (Input i : input) {
                TestInputTopic<String, String> topic = i.global() ? (i.timestamp() % 2 == 0 ? glob : glob2) : in;
                topic.pipeInput(new TestRecord<>(i.key(), i.value(), null, i.timestamp()));
                rillSeen.add(rows(driver.<String, String>getTimestampedKeyValueStore("glob-store").all())
                    + " " + plainRows(driver.<String, String>getKeyValueStore("glob2-STATE-STORE-0000000002").all()));
            }
            driver.createOutputTopic("out", new dev.rill.common.serialization.StringDeserializer(),
                new dev.rill.common.serialization.StringDeserializer()).readKeyValuesToList().forEach(kv -> rillSeen.add(kv.toString()));
        }
        List<String> kafkaSeen = new ArrayList<>();
        org.apache.kafka.streams.StreamsBuilder kb = new org.apache.kafka.streams.StreamsBuilder();
        kafkaTopology(kb);
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(kb.build(),
                props(org.apache.kafka.common.serialization.Serdes.StringSerde.class.getName()))) {
            var ser = new org.apache.kafka.common.serialization.StringSerializer();
            var glob = driver.createInputTopic("glob", ser, ser);
            var glob2 = driver.createInputTopic("glob2", ser, ser);
            var in = driver.createInputTopic("in", ser, ser);
            for (Input i : input) {
                var topic = i.global() ? (i.timestamp() % 2 == 0 ? glob : glob2) : in;
                topic.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(i.key(), i.value(), null, i.timestamp()));
                kafkaSeen.add(kafkaRows(driver.<String, String>getTimestampedKeyValueStore("glob-store").all())
                    + " " + kafkaPlainRows(driver.<String, String>getKeyValueStore("glob2-STATE-STORE-0000000002").all()));
            }
            var des = new org.apache.kafka.common.serialization.StringDeserializer();
            driver.createOutputTopic("out", des, des).readKeyValuesToList()
                .forEach(kv -> kafkaSeen.add(KeyValue.pair(kv.key, kv.value).toString()));
        }
        assertThat(rillSeen).isEqualTo(kafkaSeen);
    }

    private static String rows(KeyValueIterator<String, ValueAndTimestamp<String>> it) {
        List<String> rows = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> rows.add(kv.key + "=" + kv.value.value() + "@" + kv.value.timestamp()));
        }
        return rows.toString();
    }

    private static String plainRows(KeyValueIterator<String, String> it) {
        List<String> rows = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> rows.add(kv.key + "=" + kv.value));
        }
        return rows.toString();
    }

    private static String kafkaRows(org.apache.kafka.streams.state.KeyValueIterator<String,
            org.apache.kafka.streams.state.ValueAndTimestamp<String>> it) {
        List<String> rows = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> rows.add(kv.key + "=" + kv.value.value() + "@" + kv.value.timestamp()));
        }
        return rows.toString();
    }

    private static String kafkaPlainRows(org.apache.kafka.streams.state.KeyValueIterator<String, String> it) {
        List<String> rows = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> rows.add(kv.key + "=" + kv.value));
        }
        return rows.toString();
    }
}
