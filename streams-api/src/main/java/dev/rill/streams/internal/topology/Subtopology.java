package dev.rill.streams.internal.topology;

import dev.rill.annotation.Internal;
import java.util.List;
import java.util.Set;

/**
 * A connected group of nodes: the unit the runtime turns into one task per input partition.
 *
 * @param id the id, numbered in the order the groups' first nodes were added
 * @param nodes the nodes, larger subtree first, then by name: parents always before their children
 * @param stores the names of the stores its processors use
 */
@Internal
public record Subtopology(int id, List<NodeSpec> nodes, Set<String> stores) {
}
