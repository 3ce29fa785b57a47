package dev.rill.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * Workload W1 of the benchmark suite ({@code filter} dropping keys that end in '0', {@code mapValues}
 * to upper case, {@code to}) over the Keyed input, run through Rill's TopologyTestDriver and Kafka
 * Streams' TopologyTestDriver in the same JVM, alternating, three rounds each after a warm-up. Prints
 * records per second (median of the rounds) and the ratio Rill / Kafka Streams:
 * {@code W1 rill_rps=N kstreams_rps=N ratio=R}.
 *
 * <p>Usage: {@code benchmarks/run.sh stateless [records]} (default 1,000,000).
 */
public final class StatelessBenchmark {
    private StatelessBenchmark() {
    }

    /**
     * @param args optional record count
     */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        KeyedInput input = KeyedInput.generate(count);
        runRill(KeyedInput.generate(50_000));
        runKafka(KeyedInput.generate(50_000));
        List<Double> rill = new ArrayList<>();
        List<Double> kafka = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            rill.add(runRill(input));
            kafka.add(runKafka(input));
        }
        double r = median(rill);
        double k = median(kafka);
        System.out.printf("W1 rill_rps=%d kstreams_rps=%d ratio=%.2f%n", Math.round(r), Math.round(k), r / k);
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double runRill(KeyedInput input) {
        dev.rill.streams.StreamsBuilder builder = new dev.rill.streams.StreamsBuilder();
        builder.stream("in", dev.rill.streams.kstream.Consumed.with(dev.rill.common.serialization.Serdes.String(),
                dev.rill.common.serialization.Serdes.String()))
            .filter((k, v) -> !k.endsWith("0"))
            .mapValues(v -> v.toUpperCase())
            .to("out", dev.rill.streams.kstream.Produced.with(dev.rill.common.serialization.Serdes.String(),
                dev.rill.common.serialization.Serdes.String()));
        Properties props = new Properties();
        props.put("application.id", "bench-w1");
        props.put("statestore.cache.max.bytes", "0");
        try (dev.rill.streams.TopologyTestDriver driver = new dev.rill.streams.TopologyTestDriver(builder.build(), props)) {
            var in = driver.createInputTopic("in", new dev.rill.common.serialization.StringSerializer(),
                new dev.rill.common.serialization.StringSerializer());
            var out = driver.createOutputTopic("out", new dev.rill.common.serialization.StringDeserializer(),
                new dev.rill.common.serialization.StringDeserializer());
            long start = System.nanoTime();
            for (int i = 0; i < input.size(); i++) {
                in.pipeInput(input.keys[i], input.values[i], input.timestamps[i]);
                if ((i & 4095) == 0) {
                    out.readValuesToList();
                }
            }
            out.readValuesToList();
            return input.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double runKafka(KeyedInput input) {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        builder.stream("in", org.apache.kafka.streams.kstream.Consumed.with(org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.String()))
            .filter((k, v) -> !k.endsWith("0"))
            .mapValues(v -> v.toUpperCase())
            .to("out", org.apache.kafka.streams.kstream.Produced.with(org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.String()));
        Properties props = new Properties();
        props.put("application.id", "bench-w1");
        props.put("bootstrap.servers", "dummy:1234");
        props.put("statestore.cache.max.bytes", "0");
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(), props)) {
            var in = driver.createInputTopic("in", new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer());
            var out = driver.createOutputTopic("out", new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
            long start = System.nanoTime();
            for (int i = 0; i < input.size(); i++) {
                in.pipeInput(input.keys[i], input.values[i], input.timestamps[i]);
                if ((i & 4095) == 0) {
                    out.readValuesToList();
                }
            }
            out.readValuesToList();
            return input.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
