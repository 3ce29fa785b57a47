package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread of one log: at a fixed delay it deletes segments expired by retention, compacts
 * partitions of compacted topics that have new cleanable data, and fsyncs partitions due by
 * {@code flush.ms}. A failure in one partition is logged and does not stop the others.
 */
@Internal
public final class LogMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogMaintenance.class);
    private final ScheduledExecutorService executor;
    private final Supplier<Iterable<PartitionLog>> partitions;
    private final LongSupplier clock;
    private final boolean cleanerEnabled;

    /**
     * Starts the thread.
     *
     * @param name names the thread, e.g. after the log directory
     * @param intervalMs the delay between two runs, in milliseconds
     * @param partitions the partitions to look after, asked afresh on every run
     * @param clock wall-clock milliseconds
     * @param cleanerEnabled whether to compact
     */
    public LogMaintenance(String name, long intervalMs, Supplier<Iterable<PartitionLog>> partitions, LongSupplier clock,
                          boolean cleanerEnabled) {
        this.partitions = partitions;
        this.clock = clock;
        this.cleanerEnabled = cleanerEnabled;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rill-log-maintenance-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runOnce, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** One pass over every partition; public so that tests and callers can force maintenance now. */
    public synchronized void runOnce() {
        for (PartitionLog log : partitions.get()) {
            long now = clock.getAsLong();
            try {
                log.deleteExpiredSegments(now);
                if (cleanerEnabled && log.config().cleanupPolicy().compacts()) {
                    LogCleaner.cleanIfDirty(log, now);
                }
                log.flushIfDue(now);
            } catch (Exception e) {
                LOG.warn("Maintenance of topic {} partition {} failed; will retry in the next run", log.topic(),
                    log.partition(), e);
            }
        }
    }

    /** Stops the thread, waiting for a run in progress to finish. */
    @Override
    public void close() {
        // No interrupt: an interrupted thread doing FileChannel I/O would close the channel under the log.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Log maintenance thread did not stop within 30 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
