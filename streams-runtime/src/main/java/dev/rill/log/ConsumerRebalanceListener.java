package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.util.Collection;

/**
 * Told, inside {@link Consumer#poll}, when partitions of a subscription are taken from or given to this
 * consumer because a member joined or left its group.
 */
@Evolving
public interface ConsumerRebalanceListener {
    /**
     * Called before partitions are given up, so that their progress can be committed.
     *
     * @param partitions the partitions no longer owned
     */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /**
     * Called after partitions are taken over; positions are set from the committed offsets (or
     * {@code auto.offset.reset}) on the next fetch.
     *
     * @param partitions the partitions newly owned
     */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);
}
