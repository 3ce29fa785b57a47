package dev.rill.streams;

import dev.rill.annotation.Stable;
import dev.rill.streams.processor.TopicNameExtractor;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link Topology} contains: its sub-topologies (groups of nodes connected by direct edges or by a
 * shared store; a repartition topic separates two groups), and in each its sources, processors and sinks.
 *
 * <p>{@code toString()} prints it in the layout Kafka Streams users know, with one addition: names
 * that Rill generated for stateful nodes, stores and internal topics are marked {@code [generated]},
 * because such a name shifts when operators are added before it, which orphans the state and topics
 * stored under the old name. {@link #toDot()} and {@link #toMermaid()} render the same graph for
 * Graphviz and Mermaid.
 */
@Stable
public interface TopologyDescription {

    /** @return the sub-topologies, ordered by id */
    Set<Subtopology> subtopologies();

    /** @return the global stores, one per global table, ordered by id */
    Set<GlobalStore> globalStores();

    /** @return the names of internal topics (repartition and changelog topics), without the application id prefix */
    Set<String> internalTopics();

    /**
     * @param name a node, store or internal topic name
     * @return whether Rill generated that name rather than taking it from the user
     */
    boolean isGenerated(String name);

    /** @return the topology as a Graphviz DOT digraph: topics as ellipses, nodes as boxes, stores as cylinders */
    String toDot();

    /** @return the topology as a Mermaid flowchart */
    String toMermaid();

    /** A group of nodes that runs as one task per input partition. */
    interface Subtopology {

        /** @return the id, used in task ids and state directory names */
        int id();

        /** @return the nodes, ordered from the sources down */
        Set<Node> nodes();
    }

    /** A store kept up to date from a topic on every instance. */
    interface GlobalStore {

        /** @return the source reading the topic */
        Source source();

        /** @return the processor updating the store */
        Processor processor();

        /** @return the id */
        int id();
    }

    /** A node of the graph. */
    interface Node {

        /** @return the node name */
        String name();

        /** @return the nodes this one receives records from */
        Set<Node> predecessors();

        /** @return the nodes this one sends records to */
        Set<Node> successors();
    }

    /** A node that reads topics. */
    interface Source extends Node {

        /** @return the topics read, or {@code null} when reading by pattern */
        Set<String> topicSet();

        /** @return the topic pattern, or {@code null} when reading named topics */
        Pattern topicPattern();
    }

    /** A node that runs a processor. */
    interface Processor extends Node {

        /** @return the stores connected to it */
        Set<String> stores();
    }

    /** A node that writes a topic. */
    interface Sink extends Node {

        /** @return the topic written, or {@code null} when an extractor picks it per record */
        String topic();

        /** @return the extractor, or {@code null} for a fixed topic */
        TopicNameExtractor<?, ?> topicNameExtractor();
    }
}
