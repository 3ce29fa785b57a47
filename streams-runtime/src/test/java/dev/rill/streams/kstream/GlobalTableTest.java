package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringDeserializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.DriverTestSupport;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.test.TestRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Global tables in the test driver: kept up to date from their topic, readable by every processor. */
class GlobalTableTest extends DriverTestSupport {

    @Test
    void anyProcessorReadsTheGlobalStoreWithoutBeingConnectedToIt() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> names = builder.globalTable("names", Materialized.as("names-store"));
        builder.<String, String>stream("orders").process(() -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;
            private TimestampedKeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
                store = context.getStateStore(names.queryableStoreName());
            }

            @Override
            public void process(Record<String, String> record) {
                String name = ValueAndTimestamp.getValueOrNull(store.get(record.key()));
                context.forward(record.withValue(record.value() + " for " + name));
            }
        }).to("enriched");
        driver = new TopologyTestDriver(builder.build(), stringProps("global"));
        TestInputTopic<String, String> namesTopic = driver.createInputTopic("names", new StringSerializer(), new StringSerializer());
        TestInputTopic<String, String> orders = driver.createInputTopic("orders", new StringSerializer(), new StringSerializer());
        TestOutputTopic<String, String> enriched = driver.createOutputTopic("enriched", new StringDeserializer(), new StringDeserializer());

        orders.pipeInput("c1", "book");
        namesTopic.pipeInput("c1", "Ada");
        orders.pipeInput("c1", "pen");
        namesTopic.pipeInput("c1", (String) null);
        orders.pipeInput("c1", "ink");

        assertThat(enriched.readValuesToList()).containsExactly("book for null", "pen for Ada", "ink for null");
        assertThat(driver.<String, String>getTimestampedKeyValueStore("names-store").approximateNumEntries()).isZero();
    }

    @Test
    void recordsOfTheGlobalTopicDoNotMoveStreamTime() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("rates", Consumed.with(Serdes.String(), Serdes.String()));
        builder.<String, String>stream("events").groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .toStream((w, v) -> w.key() + "@" + w.window().start()).mapValues(v -> String.valueOf(v)).to("counts");
        driver = new TopologyTestDriver(builder.build(), stringProps("global"));
        TestInputTopic<String, String> rates = driver.createInputTopic("rates", new StringSerializer(), new StringSerializer());
        TestInputTopic<String, String> events = driver.createInputTopic("events", new StringSerializer(), new StringSerializer());

        events.pipeInput(new TestRecord<>("k", "e1", null, 5L));
        rates.pipeInput(new TestRecord<>("eur", "1.1", null, 1_000L));
        events.pipeInput(new TestRecord<>("k", "e2", null, 6L));

        assertThat(driver.createOutputTopic("counts", new StringDeserializer(), new StringDeserializer()).readKeyValuesToList())
            .containsExactly(KeyValue.pair("k@0", "1"), KeyValue.pair("k@0", "2"));
        assertThat(driver.<String, String>getKeyValueStore("rates-STATE-STORE-0000000000").get("eur")).isEqualTo("1.1");
    }

    @Test
    void aGlobalTableNeedsATopicOfItsOwn() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("shared");
        builder.globalTable("shared");
        assertThatThrownBy(builder::build).isInstanceOf(TopologyException.class).hasMessageContaining("shared");
    }
}
