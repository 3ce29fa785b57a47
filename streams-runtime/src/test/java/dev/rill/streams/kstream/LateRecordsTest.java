package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.Metric;
import dev.rill.common.MetricName;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.TopologyTestDriver;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LateRecordsTest {

    private static Properties props() {
        Properties p = new Properties();
        p.put("application.id", "late");
        p.put("default.key.serde", Serdes.StringSerde.class.getName());
        p.put("default.value.serde", Serdes.StringSerde.class.getName());
        p.put("statestore.cache.max.bytes", "0");
        return p;
    }

    private static double dropped(TopologyTestDriver driver) {
        Map<MetricName, Metric> metrics = driver.metrics();
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals("dropped-records-total"))
            .map(e -> (Double) e.getValue().metricValue()).findFirst().orElseThrow();
    }

    @Test
    void aRecordPastWindowEndPlusGraceIsDroppedAndCountedOncePerWindowMissed() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)).advanceBy(Duration.ofMillis(5)))
            .count().toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start(), String.valueOf(v))).to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("a", "x", 12);
            in.pipeInput("a", "x", 40);
            assertThat(dropped(driver)).isZero();
            out.readKeyValuesToList();

            // Windows [5,15) and [10,20) both closed at stream time 40 - grace 5 = 35: two windows missed.
            in.pipeInput("a", "late", 12);

            assertThat(out.isEmpty()).as("a late record changes no window").isTrue();
            assertThat(dropped(driver)).isEqualTo(2.0);
        }
    }

    @Test
    void aRecordWithinGraceStillUpdatesItsWindow() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
            .count().toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start(), String.valueOf(v))).to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("a", "x", 3);
            in.pipeInput("a", "x", 14);
            in.pipeInput("a", "in grace", 9);

            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0", "1"), KeyValue.pair("a@10", "1"), KeyValue.pair("a@0", "2"));
            assertThat(dropped(driver)).isZero();
        }
    }
}
