package dev.rill.streams.processor;

import dev.rill.annotation.Stable;

/**
 * Identifies a task: one sub-topology working on one partition of its input topics.
 *
 * @param subtopology the sub-topology id, as printed by {@code Topology.describe()}
 * @param partition the input partition
 */
@Stable
public record TaskId(int subtopology, int partition) {

    /**
     * Checks both numbers.
     *
     * @param subtopology the sub-topology id
     * @param partition the input partition
     * @throws IllegalArgumentException if either number is negative
     */
    public TaskId {
        if (subtopology < 0 || partition < 0) {
            throw new IllegalArgumentException("TaskId numbers must be >= 0, got subtopology=" + subtopology
                + " partition=" + partition);
        }
    }

    /** @return {@code subtopology_partition}, e.g. {@code 0_3}, as used in state directory names */
    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
