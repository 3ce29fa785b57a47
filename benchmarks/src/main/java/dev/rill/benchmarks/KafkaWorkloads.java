package dev.rill.benchmarks;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

/**
 * The workloads' topologies built with Kafka Streams, run through Kafka Streams' {@link TopologyTestDriver}. It
 * mirrors {@link RillWorkloads} line for line on purpose: the same topology, written against the other API.
 */
final class KafkaWorkloads {
    private static final Serde<String> STRING = Serdes.String();

    private KafkaWorkloads() {
    }

    /**
     * @param workload the workload
     * @return a fresh driver running its topology, store caching off
     */
    static WorkloadDriver open(Workload workload) {
        Properties props = new Properties();
        props.put("application.id", "bench-" + workload.name().toLowerCase());
        props.put("statestore.cache.max.bytes", "0");
        props.put("bootstrap.servers", "dummy:1234");
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
