package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.TopologyException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressTest {
    @TempDir
    Path stateDir;

    private Properties props() {
        Properties p = new Properties();
        p.put("application.id", "suppress-test");
        p.put("default.key.serde", Serdes.StringSerde.class.getName());
        p.put("default.value.serde", Serdes.StringSerde.class.getName());
        p.put("statestore.cache.max.bytes", "0");
        p.put("state.dir", stateDir.toString());
        return p;
    }

    private static KTable<Windowed<String>, Long> windowedCounts(StreamsBuilder b) {
        return b.<String, String>stream("in").groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5))).count();
    }

    @Test
    void untilWindowClosesEmitsEachWindowOnceWhenStreamTimePassesEndPlusGrace() {
        StreamsBuilder b = new StreamsBuilder();
        windowedCounts(b).suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start(), String.valueOf(v))).to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), props())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("b", "x", Instant.ofEpochMilli(1));
            in.pipeInput("a", "x", Instant.ofEpochMilli(2));
            in.pipeInput("a", "x", Instant.ofEpochMilli(9));
            in.pipeInput("a", "x", Instant.ofEpochMilli(14));
            assertThat(out.isEmpty()).as("window [0,10) closes at 15").isTrue();
            in.pipeInput("b", "x", Instant.ofEpochMilli(15));
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0", "2"), KeyValue.pair("b@0", "1"));
            in.pipeInput("c", "x", Instant.ofEpochMilli(100));
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@10", "1"), KeyValue.pair("b@10", "1"));
        }
    }

    @Test
    void aStrictBufferThatOverflowsStopsWithTheNodeTheLimitAndTheSize() {
        StreamsBuilder b = new StreamsBuilder();
        windowedCounts(b).suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.maxRecords(1).shutDownWhenFull())
            .withName("final-counts")).toStream().to("out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 10),
            Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), props())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("a", "x", Instant.ofEpochMilli(1));
            assertThatThrownBy(() -> in.pipeInput("b", "x", Instant.ofEpochMilli(2))).isInstanceOf(StreamsException.class)
                .hasMessageContaining("final-counts").hasMessageContaining("2 records (limit 1)")
                .hasMessageContaining("emitEarlyWhenFull");
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void untilWindowClosesNeedsAWindowedAggregationUpstream() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, Long> counts = b.<String, String>stream("in").groupByKey().count();
        // The key types keep this from compiling unless forced, as a raw type does.
        Suppressed finalResults = Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded());
        assertThatThrownBy(() -> counts.filter((k, v) -> v > 1).suppress(finalResults))
            .isInstanceOf(TopologyException.class).hasMessageContaining("KSTREAM-AGGREGATE-0000000002->KTABLE-FILTER-0000000003")
            .hasMessageContaining("untilTimeLimit");
    }

    @Test
    void theBufferIsAStoreWithAChangelogUnlessLoggingIsDisabled() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<Windowed<String>, Long> counts = windowedCounts(b);
        counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("logged"))
            .toStream().to("out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 10), Serdes.Long()));
        counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded().withLoggingDisabled()).withName("unlogged"))
            .toStream().to("out2", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 10), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), props())) {
            assertThat(driver.getAllStateStores()).containsKeys("logged-store", "unlogged-store");
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("a", "x", Instant.ofEpochMilli(1));
            assertThat(driver.producedTopicNames()).contains("suppress-test-logged-store-changelog")
                .doesNotContain("suppress-test-unlogged-store-changelog");
        }
    }
}
