package dev.rill.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Workloads W1 to W6 of the benchmark suite through Rill's TopologyTestDriver and Kafka Streams'
 * TopologyTestDriver in the same JVM, store caching off and RocksDB stores on both. For each workload
 * prints the median input rate of each engine over the rounds and their ratio,
 * {@code W3 rill_rps=N kstreams_rps=N ratio=R} (W2 counts input lines), and ends with
 * {@code dsl min_ratio=R}, the lowest ratio.
 *
 * <p>Usage: {@code benchmarks/run.sh dsl [records [rounds [workload...]]]}: the Keyed input size (default
 * 1,000,000; the Lines input has a fifth as many lines), rounds per engine (default 3) and the workloads
 * to run (default all, e.g. {@code W4 W6}).
 */
public final class DslBenchmark {
    private DslBenchmark() {
    }

    /**
     * @param args optional record count, round count and workload ids
     */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Workload> workloads = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            workloads.add(Workload.valueOf(args[i]));
        }
        if (workloads.isEmpty()) {
            workloads.addAll(List.of(Workload.values()));
        }
        double minRatio = Double.MAX_VALUE;
        for (Workload workload : workloads) {
            DriverComparison comparison = DriverComparison.run(workload, count, rounds);
            System.out.println(comparison.line());
            minRatio = Math.min(minRatio, comparison.ratio());
        }
        System.out.printf("dsl min_ratio=%.2f%n", minRatio);
    }
}
