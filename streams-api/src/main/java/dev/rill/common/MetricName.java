package dev.rill.common;

import dev.rill.annotation.Evolving;
import java.util.Map;
import java.util.Objects;

/**
 * Identifies a metric: its name, its group and its tags (such as the task it belongs to). Two names
 * are equal when name, group and tags are; the description is only for people.
 *
 * @param name the metric's name, e.g. {@code dropped-records-total}
 * @param group the group, e.g. {@code stream-task-metrics}
 * @param description what the metric measures
 * @param tags what the metric is about, e.g. {@code task-id=0_0}; copied
 */
@Evolving
public record MetricName(String name, String group, String description, Map<String, String> tags) {

    /**
     * @throws NullPointerException if an argument is {@code null}
     */
    public MetricName {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(description, "description");
        tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricName m && name.equals(m.name) && group.equals(m.group) && tags.equals(m.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, group, tags);
    }
}
