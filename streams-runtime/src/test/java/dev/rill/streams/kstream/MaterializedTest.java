package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.WindowStore;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a user's Materialized choices do to the store of a DSL operator. */
class MaterializedTest {

    private static Properties props(String... settings) {
        Properties p = new Properties();
        p.put("application.id", "mat");
        p.put("default.key.serde", Serdes.StringSerde.class.getName());
        p.put("default.value.serde", Serdes.StringSerde.class.getName());
        for (int i = 0; i < settings.length; i += 2) {
            p.put(settings[i], settings[i + 1]);
        }
        return p;
    }

    private static void pipe(TopologyTestDriver driver) {
        TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
        in.pipeInput("a", "x", 1);
        in.pipeInput("a", "y", 2);
    }

    @Test
    void storesArePersistentByDefaultAndInMemoryWhenAskedOrConfigured() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> grouped = builder.<String, String>stream("in").groupByKey();
        grouped.count(Materialized.as("default-kind"));
        grouped.count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("in-memory").withStoreType(Materialized.StoreType.IN_MEMORY));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props())) {
            pipe(driver);
            assertThat(driver.getStateStore("default-kind").persistent()).isTrue();
            assertThat(driver.getStateStore("in-memory").persistent()).isFalse();
            assertThat(driver.<String, Long>getKeyValueStore("in-memory").get("a")).isEqualTo(2L);
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props("default.dsl.store", "in_memory"))) {
            assertThat(driver.getStateStore("default-kind").persistent()).isFalse();
        }
    }

    @Test
    void loggingDisabledWritesNoChangelog() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").groupByKey()
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("quiet").withLoggingDisabled());
        builder.<String, String>stream("in2").groupByKey().count(Materialized.as("loud"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props())) {
            pipe(driver);
            driver.createInputTopic("in2", new StringSerializer(), new StringSerializer()).pipeInput("b", "z");
            assertThat(driver.producedTopicNames()).contains("mat-loud-changelog").doesNotContain("mat-quiet-changelog");
        }
    }

    @Test
    void aUserSuppliedWindowStoreIsUsedAndATooShortRetentionIsRefused() {
        StreamsBuilder builder = new StreamsBuilder();
        TimeWindows windows = TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));
        builder.<String, String>stream("in").groupByKey().windowedBy(windows)
            .count(Materialized.as(Stores.inMemoryWindowStore("mine", Duration.ofMillis(100), Duration.ofMillis(10), false)));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props())) {
            pipe(driver);
            StateStore store = driver.getStateStore("mine");
            assertThat(store.persistent()).isFalse();
            WindowStore<String, Long> counts = driver.getWindowStore("mine");
            assertThat(counts.fetch("a", 0)).isEqualTo(2L);
        }

        KGroupedStream<String, String> grouped = new StreamsBuilder().<String, String>stream("in").groupByKey();
        assertThatThrownBy(() -> grouped.windowedBy(windows)
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("short").withRetention(Duration.ofMillis(12))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("short").hasMessageContaining("15");
    }

    @Test
    void materializedIsImmutable() {
        Materialized<String, Long, KeyValueStore<Bytes, byte[]>> base = Materialized.as("x");
        Materialized<String, Long, KeyValueStore<Bytes, byte[]>> changed = base.withCachingDisabled().withLoggingDisabled();
        assertThat(base.cachingEnabled()).isTrue();
        assertThat(base.loggingEnabled()).isTrue();
        assertThat(changed.cachingEnabled()).isFalse();
        assertThat(changed.loggingEnabled()).isFalse();
        assertThatThrownBy(() -> Materialized.as("bad name!")).isInstanceOf(IllegalArgumentException.class);
    }
}
