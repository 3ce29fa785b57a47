package dev.rill.benchmarks;

/**
 * The DSL workloads of the benchmark suite, each with the input it reads. Both engines build the same
 * topology for a workload: see {@link RillWorkloads} and {@link KafkaWorkloads}.
 */
public enum Workload {
    /** {@code filter} dropping keys that end in '0', {@code mapValues} to upper case, {@code to}. */
    W1(false),
    /** Word count: {@code flatMapValues} splitting on spaces, {@code groupBy} word, {@code count}. */
    W2(true),
    /** Tumbling 1-minute windows with 10 s grace, {@code count} per key. */
    W3(false),
    /** Hopping 5-minute windows advancing by 1 minute with 10 s grace, {@code count} per key. */
    W4(false),
    /** Session windows with a 5 s inactivity gap and 10 s grace, {@code count} per key. */
    W5(false),
    /** Sliding windows with a 10 s time difference and 1 s grace, {@code count} per key. */
    W6(false);

    private final boolean readsLines;

    Workload(boolean readsLines) {
        this.readsLines = readsLines;
    }

    /**
     * @param keyedRecords the size of the Keyed input; the Lines input has a fifth as many lines
     * @return the input this workload reads, freshly generated
     */
    public BenchmarkInput input(int keyedRecords) {
        return readsLines ? BenchmarkInput.lines(keyedRecords / 5) : BenchmarkInput.keyed(keyedRecords);
    }
}
