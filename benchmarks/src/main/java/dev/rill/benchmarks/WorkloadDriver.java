package dev.rill.benchmarks;

/**
 * One engine's test driver running the topology of a workload: takes input records and discards what the
 * topology writes, so that output does not pile up in the driver during a run.
 *
 * @param input processes one input record
 * @param drainOutput reads and discards the output records written so far
 * @param close closes the driver and deletes its state
 */
record WorkloadDriver(Input input, Runnable drainOutput, Runnable close) {
    /** Takes one input record of a workload. */
    @FunctionalInterface
    interface Input {
        /**
         * @param key the key, may be null
         * @param value the value
         * @param timestamp the timestamp, in epoch milliseconds
         */
        void pipe(String key, String value, long timestamp);
    }

    /**
     * Pipes all of {@code records} through the driver, draining output every 4,096 records and at the end,
     * then closes the driver.
     *
     * @param records the input records
     * @return input records per second
     */
    double recordsPerSecond(BenchmarkInput records) {
        try {
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                input.pipe(records.keys[i], records.values[i], records.timestamps[i]);
                if ((i & 4095) == 4095) {
                    drainOutput.run();
                }
            }
            drainOutput.run();
            return records.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            close.run();
        }
    }
}
