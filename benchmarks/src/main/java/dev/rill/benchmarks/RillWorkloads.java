package dev.rill.benchmarks;

import dev.rill.common.serialization.ByteArrayDeserializer;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.Topology;
import dev.rill.streams.TopologyTestDriver;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.kstream.WindowedSerdes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

/** The workloads' topologies built with Rill, run through Rill's {@link TopologyTestDriver}. */
final class RillWorkloads {
    private static final Serde<String> STRING = Serdes.String();

    private RillWorkloads() {
    }

    /**
     * @param workload the workload
     * @return a fresh driver running its topology, store caching off
     */
    static WorkloadDriver open(Workload workload) {
        Properties props = new Properties();
        props.put("application.id", "bench-" + workload.name().toLowerCase());
        props.put("statestore.cache.max.bytes", "0");
        TopologyTestDriver driver = new TopologyTestDriver(topology(workload), props);
        var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
        var out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new WorkloadDriver(in::pipeInput, out::readRecordsToList, driver::close);
    }

    private static Topology topology(Workload workload) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in", Consumed.with(STRING, STRING));
        Duration tenSeconds = Duration.ofSeconds(10);
        switch (workload) {
            case W1 -> in.filter((k, v) -> !k.endsWith("0"))
                .mapValues(v -> v.toUpperCase())
                .to("out", Produced.with(STRING, STRING));
            case W2 -> in.flatMapValues(v -> Arrays.asList(v.split(" ")))
                .groupBy((k, word) -> word, Grouped.with(STRING, STRING))
                .count().toStream()
                .to("out", Produced.with(STRING, Serdes.Long()));
            case W3 -> byKey(in).windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), tenSeconds))
                .count().toStream()
                .to("out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 60_000), Serdes.Long()));
            case W4 -> byKey(in).windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), tenSeconds)
                    .advanceBy(Duration.ofMinutes(1)))
                .count().toStream()
                .to("out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 300_000), Serdes.Long()));
            case W5 -> byKey(in).windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofSeconds(5), tenSeconds))
                .count().toStream()
                .to("out", Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(String.class), Serdes.Long()));
            case W6 -> byKey(in).windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(tenSeconds, Duration.ofSeconds(1)))
                .count().toStream()
                .to("out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 10_000), Serdes.Long()));
        }
        return builder.build();
    }

    private static KGroupedStream<String, String> byKey(KStream<String, String> in) {
        return in.groupByKey(Grouped.with(STRING, STRING));
    }
}
