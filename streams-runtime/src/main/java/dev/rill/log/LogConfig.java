package dev.rill.log;

import dev.rill.annotation.Evolving;
import dev.rill.common.errors.ConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a whole {@link EmbeddedLog} (per-topic settings are in {@link TopicConfig}).
 *
 * @param maintenanceInterval how often the log's background thread deletes expired segments, compacts
 *        compacted topics and fsyncs partitions due by {@code flush.ms}; also the resolution of
 *        {@code flush.ms}
 * @param cleanerEnabled whether compacted topics are compacted in the background
 */
@Evolving
public record LogConfig(Duration maintenanceInterval, boolean cleanerEnabled) {
    /** The default maintenance interval: 10 seconds. */
    public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofSeconds(10);

    /**
     * @throws ConfigException if the interval is not positive
     * @throws NullPointerException if it is {@code null}
     */
    public LogConfig {
        Objects.requireNonNull(maintenanceInterval, "maintenanceInterval must not be null");
        if (maintenanceInterval.isNegative() || maintenanceInterval.isZero()) {
            throw new ConfigException("log setting maintenanceInterval must be positive, was " + maintenanceInterval);
        }
    }

    /** @return the defaults: maintenance every 10 seconds, cleaner enabled */
    public static LogConfig defaults() {
        return new LogConfig(DEFAULT_MAINTENANCE_INTERVAL, true);
    }

    /**
     * @param interval the new maintenance interval, positive
     * @return a copy with this interval
     * @throws ConfigException if the interval is not positive
     */
    public LogConfig withMaintenanceInterval(Duration interval) {
        return new LogConfig(interval, cleanerEnabled);
    }

    /**
     * @param enabled whether compacted topics are compacted in the background
     * @return a copy with this setting
     */
    public LogConfig withCleanerEnabled(boolean enabled) {
        return new LogConfig(maintenanceInterval, enabled);
    }
}
