package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.DriverTestSupport;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.test.TestRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cogrouped aggregations over two input topics, as a user sees them through the test driver. */
class CogroupTest extends DriverTestSupport {

    private TestInputTopic<String, String> clicks;
    private TestInputTopic<String, String> views;
    private TestOutputTopic<String, String> out;

    private void start(StreamsBuilder builder) {
        driver = new TopologyTestDriver(builder.build(), stringProps("cogroup"));
        clicks = driver.createInputTopic("clicks", new StringSerializer(), new StringSerializer());
        views = driver.createInputTopic("views", new StringSerializer(), new StringSerializer());
        out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    private static KGroupedStream<String, String> grouped(StreamsBuilder builder, String topic) {
        return builder.<String, String>stream(topic).groupByKey();
    }

    @Test
    void bothInputsFoldIntoOneAggregateAndSkipNullKeysAndValues() {
        StreamsBuilder builder = new StreamsBuilder();
        grouped(builder, "clicks").<String>cogroup((k, v, agg) -> agg + "c" + v)
            .cogroup(grouped(builder, "views"), (k, v, agg) -> agg + "v" + v)
            .aggregate(() -> "", Materialized.as("activity"))
            .toStream().to("out");
        start(builder);

        clicks.pipeInput(new TestRecord<>("u", "1", null, 10L));
        views.pipeInput(new TestRecord<>("u", "2", null, 5L));
        views.pipeInput(new TestRecord<>("u", null, null, 30L));
        clicks.pipeInput(new TestRecord<>(null, "3", null, 40L));

        assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("u", "c1", 10L), org.assertj.core.groups.Tuple.tuple("u", "c1v2", 10L));
        assertThat(driver.<String, String>getKeyValueStore("activity").get("u")).isEqualTo("c1v2");
    }

    @Test
    void windowedCogroupHandsNullValuesToTheAggregator() {
        StreamsBuilder builder = new StreamsBuilder();
        grouped(builder, "clicks").<String>cogroup((k, v, agg) -> agg + "c" + v)
            .cogroup(grouped(builder, "views"), (k, v, agg) -> agg + "v" + v)
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .aggregate(() -> "")
            .toStream((w, v) -> w.key() + "@" + w.window().start()).to("out");
        start(builder);

        clicks.pipeInput(new TestRecord<>("u", null, null, 3L));
        views.pipeInput(new TestRecord<>("u", "x", null, 4L));

        assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("u@0", "cnull"), KeyValue.pair("u@0", "cnullvx"));
    }

    @Test
    void windowedCogroupDecidesLatenessOnTheTasksStreamTimeForAllInputs() {
        StreamsBuilder builder = new StreamsBuilder();
        grouped(builder, "clicks").<String>cogroup((k, v, agg) -> agg + "c" + v)
            .cogroup(grouped(builder, "views"), (k, v, agg) -> agg + "v" + v)
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
            .aggregate(() -> "")
            .toStream((w, v) -> w.key() + "@" + w.window().start()).to("out");
        start(builder);

        clicks.pipeInput(new TestRecord<>("u", "1", null, 100L));
        // The first record of "views", but window [0, 10) closed when clicks reached 100: it is dropped, not
        // aggregated into a window the other input has already moved past.
        views.pipeInput(new TestRecord<>("u", "2", null, 5L));
        // Still within grace of the shared stream time: aggregated.
        views.pipeInput(new TestRecord<>("u", "3", null, 96L));

        List<KeyValue<String, String>> results = out.readKeyValuesToList();
        assertThat(results).containsExactly(KeyValue.pair("u@100", "c1"), KeyValue.pair("u@90", "v3"));
    }
}
