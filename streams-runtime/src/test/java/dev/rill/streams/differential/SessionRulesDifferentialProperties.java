package dev.rill.streams.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.kstream.internal.SessionMerge;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.kstream.internal.TimeWindow;
import dev.rill.streams.kstream.internal.WindowExpiry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * Replays random records through Kafka Streams' session- and time-windowed {@code count()} and through
 * a model built only from Rill's window rules ({@link SessionMerge}, {@link WindowExpiry}, {@code
 * TimeWindows.windowsFor}), and requires identical output: same windows, same tombstones, same order,
 * same late-record drops. Timestamps stay below one minute, inside Kafka's first store segment, so no
 * data is physically expired; the model only mirrors the session store hiding sessions older than its
 * retention, which is how an accepted late record can miss an expired session.
 */
class SessionRulesDifferentialProperties {

    private static final List<String> KEYS = List.of("a", "b");

    @Property(tries = 30)
    void sessionMergingAndLatenessMatchKafkaStreams(
            @ForAll @Size(min = 1, max = 25) List<@LongRange(min = 0, max = 3_000) Long> timestamps,
            @ForAll @Size(min = 25, max = 25) List<@IntRange(min = 0, max = 1) Integer> keyChoices,
            @ForAll @LongRange(min = 0, max = 300) long gap,
            @ForAll @LongRange(min = 0, max = 2_000) long grace) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(gap), Duration.ofMillis(grace)))
                .count()
                .toStream()
                .to("out", Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(String.class), Serdes.Long()));
        List<String> kafka = run(builder, timestamps, keyChoices, WindowedSerdes.sessionWindowedSerdeFrom(String.class));

        List<String> model = new ArrayList<>();
        Map<String, TreeMap<Long, Map.Entry<SessionWindow, Long>>> sessions = new HashMap<>();
        long streamTime = -1;
        // A session store's own clock is the largest session end written to it; it hides sessions that
        // end at or before that time minus its retention (gap + grace), even if they are still in it.
        long storeTime = -1;
        long retention = gap + grace;
        for (int i = 0; i < timestamps.size(); i++) {
            String key = KEYS.get(keyChoices.get(i));
            long ts = timestamps.get(i);
            streamTime = Math.max(streamTime, ts);
            TreeMap<Long, Map.Entry<SessionWindow, Long>> store = sessions.computeIfAbsent(key, k -> new TreeMap<>());
            long visibleFrom = storeTime - retention + 1;
            List<Map.Entry<SessionWindow, Long>> visible = store.values().stream()
                    .filter(e -> e.getKey().end() >= visibleFrom).toList();
            SessionMerge<Map.Entry<SessionWindow, Long>> merge = SessionMerge.of(ts, gap, visible, Map.Entry::getKey);
            if (WindowExpiry.isSessionClosed(merge.window().end(), streamTime, gap, grace)) {
                continue;
            }
            long count = 1;
            for (Map.Entry<SessionWindow, Long> absorbed : merge.absorbed()) {
                count += absorbed.getValue();
                store.remove(absorbed.getKey().start());
                if (merge.replacesStoredSessions()) {
                    model.add(key + "@" + absorbed.getKey().start() + "/" + absorbed.getKey().end() + "=null");
                }
            }
            store.put(merge.window().start(), Map.entry(merge.window(), count));
            storeTime = Math.max(storeTime, merge.window().end());
            model.add(key + "@" + merge.window().start() + "/" + merge.window().end() + "=" + count);
        }

        assertThat(model).containsExactlyElementsOf(kafka);
    }

    @Property(tries = 30)
    void timeWindowAssignmentAndLatenessMatchKafkaStreams(
            @ForAll @Size(min = 1, max = 25) List<@LongRange(min = 0, max = 3_000) Long> timestamps,
            @ForAll @Size(min = 25, max = 25) List<@IntRange(min = 0, max = 1) Integer> keyChoices,
            @ForAll @LongRange(min = 1, max = 500) long size,
            @ForAll @LongRange(min = 1, max = 500) long advanceCandidate,
            @ForAll @LongRange(min = 0, max = 1_000) long grace) throws Exception {
        long advance = Math.min(size, advanceCandidate);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace)).advanceBy(Duration.ofMillis(advance)))
                .count()
                .toStream()
                .to("out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, size), Serdes.Long()));
        List<String> kafka = run(builder, timestamps, keyChoices, WindowedSerdes.timeWindowedSerdeFrom(String.class, size));

        dev.rill.streams.kstream.TimeWindows windows = dev.rill.streams.kstream.TimeWindows
                .ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace)).advanceBy(Duration.ofMillis(advance));
        List<String> model = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        long streamTime = -1;
        for (int i = 0; i < timestamps.size(); i++) {
            String key = KEYS.get(keyChoices.get(i));
            long ts = timestamps.get(i);
            streamTime = Math.max(streamTime, ts);
            for (TimeWindow w : windows.windowsFor(ts).values()) {
                if (WindowExpiry.isTimeWindowClosed(w.end(), streamTime, windows.gracePeriodMs())) {
                    continue;
                }
                String id = key + "@" + w.start() + "/" + w.end();
                long count = counts.merge(id, 1L, Long::sum);
                model.add(id + "=" + count);
            }
        }

        assertThat(model).containsExactlyElementsOf(kafka);
    }

    private static List<String> run(StreamsBuilder builder, List<Long> timestamps, List<Integer> keyChoices,
                                    org.apache.kafka.common.serialization.Serde<Windowed<String>> keySerde) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "window-rules-oracle");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("window-rules-oracle").toString());
        List<String> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.EPOCH)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<Windowed<String>, Long> output = driver.createOutputTopic("out", keySerde.deserializer(), new LongDeserializer());
            for (int i = 0; i < timestamps.size(); i++) {
                in.pipeInput(KEYS.get(keyChoices.get(i)), "v", timestamps.get(i));
            }
            for (KeyValue<Windowed<String>, Long> kv : output.readKeyValuesToList()) {
                out.add(kv.key.key() + "@" + kv.key.window().start() + "/" + kv.key.window().end() + "=" + kv.value);
            }
        }
        return out;
    }
}
