package dev.rill.benchmarks;

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
        System.out.println(DriverComparison.run(Workload.W1, count, 3).line());
    }
}
