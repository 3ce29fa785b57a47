package dev.rill.streams.internal.topology;

import dev.rill.annotation.Internal;

/**
 * A topic the topology owns (a repartition topic now, changelogs later). Its real name is prefixed with
 * the application id at run time.
 *
 * @param name the name without the application id
 * @param partitions the partition count, or {@code null} to match the upstream input
 */
@Internal
public record InternalTopicSpec(String name, Integer partitions) {
}
