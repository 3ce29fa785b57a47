package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.util.List;

/**
 * A topic of the {@link EmbeddedLog}: its name, settings and partitions.
 *
 * @param name the topic name
 * @param config its settings
 * @param partitions one description per partition, by partition number
 */
@Evolving
public record TopicDescription(String name, TopicConfig config, List<PartitionDescription> partitions) {

    /** Copies the partition list. */
    public TopicDescription {
        partitions = List.copyOf(partitions);
    }
}
