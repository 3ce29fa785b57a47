package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.util.Objects;

/**
 * One partition of one topic.
 *
 * @param topic the topic name
 * @param partition the partition number, {@code >= 0}
 */
@Evolving
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

    /** @throws IllegalArgumentException if the partition is negative */
    public TopicPartition {
        Objects.requireNonNull(topic, "topic must not be null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition of topic " + topic + " must be >= 0, was " + partition);
        }
    }

    /** Orders by topic, then partition. */
    @Override
    public int compareTo(TopicPartition o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
