package dev.rill.common;

import dev.rill.annotation.Evolving;

/**
 * A metric's current value.
 */
@Evolving
public interface Metric {

    /** @return the metric's name */
    MetricName metricName();

    /** @return the value now; for counts a {@code Double}, as in Kafka's metrics */
    Object metricValue();
}
