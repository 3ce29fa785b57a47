package dev.rill.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs one workload through Rill's and Kafka Streams' test drivers in this JVM: a warm-up on a twentieth of
 * the input, then rounds alternating between the engines, each on a fresh driver over the same input.
 *
 * @param workload the workload
 * @param rillRecordsPerSecond the median input rate of Rill's rounds
 * @param kafkaRecordsPerSecond the median input rate of Kafka Streams' rounds
 */
record DriverComparison(Workload workload, double rillRecordsPerSecond, double kafkaRecordsPerSecond) {
    /**
     * @param workload the workload
     * @param keyedRecords the size of the Keyed input (the Lines input has a fifth as many lines)
     * @param rounds how many timed rounds per engine
     * @return the medians of the rounds
     */
    static DriverComparison run(Workload workload, int keyedRecords, int rounds) {
        BenchmarkInput warmUp = workload.input(Math.max(keyedRecords / 20, 5));
        RillWorkloads.open(workload).recordsPerSecond(warmUp);
        KafkaWorkloads.open(workload).recordsPerSecond(warmUp);
        BenchmarkInput input = workload.input(keyedRecords);
        List<Double> rill = new ArrayList<>();
        List<Double> kafka = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            rill.add(RillWorkloads.open(workload).recordsPerSecond(input));
            kafka.add(KafkaWorkloads.open(workload).recordsPerSecond(input));
        }
        return new DriverComparison(workload, median(rill), median(kafka));
    }

    /** @return Rill's rate divided by Kafka Streams' rate */
    double ratio() {
        return rillRecordsPerSecond / kafkaRecordsPerSecond;
    }

    /** @return {@code W3 rill_rps=N kstreams_rps=N ratio=R} */
    String line() {
        return String.format("%s rill_rps=%d kstreams_rps=%d ratio=%.2f", workload, Math.round(rillRecordsPerSecond),
            Math.round(kafkaRecordsPerSecond), ratio());
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
