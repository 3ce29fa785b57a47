package dev.rill.examples.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.Serdes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TopologyTestDriver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickstreamRoutingTest {

    @Test
    void botsAreDroppedAndViewsAreRoutedByDevice() {
        try (TopologyTestDriver driver = new TopologyTestDriver(ClickstreamRouting.buildTopology())) {
            TestInputTopic<String, PageView> in = driver.createInputTopic(ClickstreamRouting.PAGE_VIEWS,
                Serdes.String().serializer(), Serdes.Json(PageView.class).serializer());
            in.pipeInput("ann", new PageView("ann", "/docs", "mobile", "Mozilla/5.0 (iPhone)", 45_000));
            in.pipeInput("bot", new PageView("bot", "/", "desktop", "Googlebot/2.1", 50_000));
            in.pipeInput("bob", new PageView("bob", "/pricing", "desktop", "Mozilla/5.0 (Macintosh)", 2_000));
            in.pipeInput("cy", new PageView("cy", "/blog", "tablet", "Mozilla/5.0", 1_000));

            assertThat(read(driver, ClickstreamRouting.MOBILE)).containsExactly(KeyValue.pair("ann", "ann viewed /docs"));
            assertThat(read(driver, ClickstreamRouting.DESKTOP)).containsExactly(KeyValue.pair("bob", "bob viewed /pricing"));
            assertThat(read(driver, ClickstreamRouting.OTHER)).containsExactly(KeyValue.pair("cy", "cy viewed /blog on tablet"));
            assertThat(read(driver, ClickstreamRouting.ENGAGED)).containsExactly(KeyValue.pair("ann", "/docs"));
        }
    }

    @Test
    void humanViewsAreCountedPerPageInOneMinuteWindows() {
        try (TopologyTestDriver driver = new TopologyTestDriver(ClickstreamRouting.buildTopology())) {
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            TestInputTopic<String, PageView> in = driver.createInputTopic(ClickstreamRouting.PAGE_VIEWS,
                Serdes.String().serializer(), Serdes.Json(PageView.class).serializer(), start, Duration.ofSeconds(20));
            in.pipeInput("ann", new PageView("ann", "/docs", "mobile", "Mozilla/5.0 (iPhone)", 45_000));
            in.pipeInput("bot", new PageView("bot", "/docs", "desktop", "Googlebot/2.1", 50_000));
            in.pipeInput("bob", new PageView("bob", "/docs", "desktop", "Mozilla/5.0 (Macintosh)", 2_000));
            in.pipeInput("cy", new PageView("cy", "/docs", "tablet", "Mozilla/5.0", 1_000));

            // At 0 s, (bot dropped at 20 s), 40 s, and 60 s, which starts the next minute.
            assertThat(read(driver, ClickstreamRouting.PER_PAGE_PER_MINUTE)).containsExactly(
                KeyValue.pair("/docs@2026-01-01T00:00:00Z", "1"),
                KeyValue.pair("/docs@2026-01-01T00:00:00Z", "2"),
                KeyValue.pair("/docs@2026-01-01T00:01:00Z", "1"));
        }
    }

    @Test
    void mainPrintsTheTopologyAndEveryOutputTopic() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ClickstreamRouting.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Source: page-views-source (topics: [page-views])", "Processor: drop-bots",
            "Piped 20 page views", "views-mobile (", "engaged-views (");
    }

    private static List<KeyValue<String, String>> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer()).readKeyValuesToList();
    }
}
