package dev.rill.examples.clickstream;

import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.TestInputTopic;
import dev.rill.streams.TestOutputTopic;
import dev.rill.streams.Topology;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.kstream.Branched;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.TimeWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Routes a clickstream: drops crawler traffic, splits page views by device, and writes a compact
 * "user viewed page" line per view to a topic per device, plus long views to an engagement topic.
 *
 * <p>Run it with {@code mvn -q -pl examples -am compile exec:java}. It builds the topology, prints
 * its description, and runs it over generated page views. Rill's engine over its built-in log does not
 * exist yet, so this example runs the topology through the {@link TopologyTestDriver}, which executes
 * the same task code the engine will.
 */
public final class ClickstreamRouting {
    static final String PAGE_VIEWS = "page-views";
    static final String MOBILE = "views-mobile";
    static final String DESKTOP = "views-desktop";
    static final String OTHER = "views-other";
    static final String ENGAGED = "engaged-views";
    static final String PER_PAGE_PER_MINUTE = "views-per-page-per-minute";

    private ClickstreamRouting() {
    }

    /**
     * Builds the routing topology.
     *
     * @return the topology
     */
    public static Topology buildTopology() {
        Serde<PageView> pageViews = Serdes.Json(PageView.class);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, PageView> humans = builder
            .stream(PAGE_VIEWS, Consumed.with(Serdes.String(), pageViews).withName("page-views-source"))
            .filterNot((user, view) -> view.fromBot(), Named.as("drop-bots"));

        humans.filter((user, view) -> view.durationMs() >= 30_000, Named.as("long-views"))
              .mapValues(view -> view.page(), Named.as("engaged-page"))
              .to(ENGAGED, Produced.with(Serdes.String(), Serdes.String()));

        Map<String, KStream<String, PageView>> byDevice = humans.split(Named.as("device-"))
            .branch((user, view) -> view.device().equals("mobile"), Branched.as("mobile"))
            .branch((user, view) -> view.device().equals("desktop"), Branched.as("desktop"))
            .defaultBranch(Branched.as("other"));

        Produced<String, String> lines = Produced.with(Serdes.String(), Serdes.String());
        byDevice.get("device-mobile").mapValues((user, view) -> user + " viewed " + view.page()).to(MOBILE, lines);
        byDevice.get("device-desktop").mapValues((user, view) -> user + " viewed " + view.page()).to(DESKTOP, lines);
        byDevice.get("device-other").mapValues((user, view) -> user + " viewed " + view.page() + " on " + view.device()).to(OTHER, lines);
        // Views per page per minute: re-key by page (a repartition topic), count in tumbling windows.
        humans.groupBy((user, view) -> view.page(), Grouped.with("by-page", Serdes.String(), pageViews))
              .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
              .count(Materialized.as("views-per-page"))
              .toStream((window, count) -> window.key() + "@" + window.window().startTime())
              .mapValues(count -> Long.toString(count))
              .to(PER_PAGE_PER_MINUTE, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /**
     * Generates page views with a fixed seed, so every run prints the same thing.
     *
     * @param count how many views
     * @return the views, keyed by user id
     */
    static List<KeyValue<String, PageView>> samplePageViews(int count) {
        Random random = new Random(42);
        String[] pages = {"/", "/pricing", "/docs", "/blog/streams", "/signup"};
        String[] devices = {"mobile", "desktop", "tablet"};
        String[] agents = {"Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (iPhone)", "Googlebot/2.1", "Mozilla/5.0 (Macintosh)"};
        List<KeyValue<String, PageView>> views = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = "user-" + random.nextInt(5);
            views.add(KeyValue.pair(user, new PageView(user, pages[random.nextInt(pages.length)],
                devices[random.nextInt(devices.length)], agents[random.nextInt(agents.length)], random.nextInt(60_000))));
        }
        return views;
    }

    /**
     * Prints the topology, runs it over sample page views and prints what each output topic received.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Topology topology = buildTopology();
        System.out.println(topology.describe());

        Properties props = StreamsConfig.builder()
            .applicationId("clickstream-routing")
            .toProperties();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, PageView> input = driver.createInputTopic(PAGE_VIEWS, Serdes.String().serializer(),
                Serdes.Json(PageView.class).serializer(), Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1));
            List<KeyValue<String, PageView>> views = samplePageViews(20);
            input.pipeKeyValueList(views);
            System.out.println("Piped " + views.size() + " page views into '" + PAGE_VIEWS + "'.");
            for (String topic : List.of(MOBILE, DESKTOP, OTHER, ENGAGED, PER_PAGE_PER_MINUTE)) {
                TestOutputTopic<String, String> out = driver.createOutputTopic(topic, Serdes.String().deserializer(),
                    Serdes.String().deserializer());
                List<KeyValue<String, String>> records = out.readKeyValuesToList();
                System.out.println();
                System.out.println(topic + " (" + records.size() + " records):");
                records.forEach(kv -> System.out.println("  " + kv.key + " -> " + kv.value));
            }
        }
    }
}
