package dev.rill.streams.internal.topology;

import dev.rill.annotation.Internal;
import dev.rill.streams.TopologyDescription;
import dev.rill.streams.internal.topology.NodeSpec.ProcessorSpec;
import dev.rill.streams.internal.topology.NodeSpec.SinkSpec;
import dev.rill.streams.internal.topology.NodeSpec.SourceSpec;
import dev.rill.streams.processor.TopicNameExtractor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A snapshot of a {@link TopologyModel} as a {@link TopologyDescription}, with its three renderings:
 * text, Graphviz DOT and Mermaid.
 */
@Internal
public final class ModelDescription implements TopologyDescription {
    static final String GENERATED = " [generated]";

    private final Set<Subtopology> subtopologies;
    private final Set<GlobalStore> globalStores;
    private final Set<String> internalTopics;
    private final Set<String> generated;
    private final Map<String, Long> subtreeSizes;

    /**
     * @param model the topology to describe
     */
    public ModelDescription(TopologyModel model) {
        this.subtreeSizes = SubtopologyGrouping.subtreeSizes(model);
        Map<String, DescribedNode> byName = new HashMap<>();
        for (NodeSpec spec : model.nodes()) {
            byName.put(spec.name(), DescribedNode.of(spec, model.storesOf(spec.name())));
        }
        for (NodeSpec spec : model.nodes()) {
            for (String child : model.children(spec.name())) {
                byName.get(spec.name()).successors.add(byName.get(child));
            }
            for (String p : spec.parents()) {
                byName.get(spec.name()).predecessors.add(byName.get(p));
            }
        }
        Set<Subtopology> subs = new LinkedHashSet<>();
        Set<GlobalStore> globals = new LinkedHashSet<>();
        for (dev.rill.streams.internal.topology.Subtopology sub : model.subtopologies()) {
            Set<Node> nodes = new LinkedHashSet<>();
            sub.nodes().forEach(n -> nodes.add(byName.get(n.name())));
            if (sub.nodes().size() == 2 && model.isGlobalNode(sub.nodes().get(0).name())) {
                // Source first: its subtree is the larger.
                globals.add(new DescribedGlobalStore(sub.id(), (Source) byName.get(sub.nodes().get(0).name()),
                    (Processor) byName.get(sub.nodes().get(1).name())));
            } else {
                subs.add(new DescribedSubtopology(sub.id(), Collections.unmodifiableSet(nodes)));
            }
        }
        this.subtopologies = Collections.unmodifiableSet(subs);
        this.globalStores = Collections.unmodifiableSet(globals);
        this.internalTopics = Set.copyOf(model.internalTopics().keySet());
        Set<String> gen = new java.util.HashSet<>();
        for (NodeSpec spec : model.nodes()) {
            if (model.isGenerated(spec.name())) {
                gen.add(spec.name());
            }
        }
        model.stores().keySet().stream().filter(model::isGenerated).forEach(gen::add);
        model.internalTopics().keySet().stream().filter(model::isGenerated).forEach(gen::add);
        this.generated = Set.copyOf(gen);
    }

    @Override
    public Set<Subtopology> subtopologies() {
        return subtopologies;
    }

    @Override
    public Set<GlobalStore> globalStores() {
        return globalStores;
    }

    @Override
    public Set<String> internalTopics() {
        return internalTopics;
    }

    @Override
    public boolean isGenerated(String name) {
        return generated.contains(name);
    }

    /**
     * A generated name matters, and is marked, where it names something durable: a store, an internal
     * topic, or a processor that holds state.
     */
    private String mark(String name, boolean durable) {
        return durable && generated.contains(name) ? name + GENERATED : name;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Topologies:\n");
        boolean anyMarked = false;
        String indent = "   ";
        java.util.TreeMap<Integer, Object> byId = new java.util.TreeMap<>();
        subtopologies.forEach(sub -> byId.put(sub.id(), sub));
        globalStores.forEach(global -> byId.put(global.id(), global));
        for (Object entry : byId.values()) {
            // Kafka Streams indents the first header by three spaces and the others by two; tools and
            // tests that compare descriptions expect exactly that.
            if (entry instanceof GlobalStore global) {
                sb.append(indent).append("Sub-topology: ").append(global.id()).append(" for global store (will not generate tasks)\n");
                String lines = describeNode(global.source()) + describeNode(global.processor());
                anyMarked |= lines.contains(GENERATED);
                sb.append(lines);
            } else {
                Subtopology sub = (Subtopology) entry;
                sb.append(indent).append("Sub-topology: ").append(sub.id()).append('\n');
                for (Node node : sub.nodes()) {
                    String line = describeNode(node);
                    anyMarked |= line.contains(GENERATED);
                    sb.append(line);
                }
                sb.append('\n');
            }
            indent = "  ";
        }
        if (anyMarked) {
            sb.append("[generated] marks a name Rill made up for a store, an internal topic or a stateful operator. It changes\n")
              .append("when operators are added upstream, which orphans the state kept under it: pin it with Named,\n")
              .append("Materialized, Grouped or Repartitioned before relying on it in production.\n");
        }
        return sb.toString();
    }

    private String describeNode(Node node) {
        StringBuilder sb = new StringBuilder("    ");
        if (node instanceof Source source) {
            sb.append("Source: ").append(node.name()).append(" (topics: ");
            if (source.topicPattern() != null) {
                sb.append(source.topicPattern().pattern());
            } else {
                List<String> topics = new ArrayList<>();
                source.topicSet().forEach(t -> topics.add(mark(t, internalTopics.contains(t))));
                sb.append(topics);
            }
            sb.append(")\n");
        } else if (node instanceof Processor processor) {
            boolean stateful = !processor.stores().isEmpty();
            List<String> stores = new ArrayList<>();
            processor.stores().forEach(s -> stores.add(mark(s, true)));
            sb.append("Processor: ").append(mark(node.name(), stateful)).append(" (stores: ").append(stores).append(")\n");
        } else {
            Sink sink = (Sink) node;
            sb.append("Sink: ").append(node.name());
            if (sink.topic() != null) {
                sb.append(" (topic: ").append(mark(sink.topic(), internalTopics.contains(sink.topic()))).append(")\n");
            } else {
                sb.append(" (extractor class: ").append(sink.topicNameExtractor().getClass().getName()).append(")\n");
            }
        }
        if (!(node instanceof Sink)) {
            sb.append("      --> ").append(names(node.successors())).append('\n');
        }
        if (!(node instanceof Source)) {
            sb.append("      <-- ").append(names(node.predecessors())).append('\n');
        }
        return sb.toString();
    }

    /**
     * Neighbours are listed in the order nodes are: larger subtree first, then by name. (Kafka Streams
     * sorts them while their subtree sizes are still being counted, so its order also depends on
     * hash-map iteration; Rill uses the final sizes.)
     */
    private String names(Set<Node> nodes) {
        if (nodes.isEmpty()) {
            return "none";
        }
        List<String> names = new ArrayList<>();
        nodes.forEach(n -> names.add(n.name()));
        names.sort(java.util.Comparator.comparingLong((String n) -> -subtreeSizes.get(n)).thenComparing(n -> n));
        return String.join(", ", names);
    }

    @Override
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph topology {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        Set<String> topics = new LinkedHashSet<>();
        Set<String> stores = new LinkedHashSet<>();
        StringBuilder edges = new StringBuilder();
        for (Subtopology sub : subtopologies) {
            sb.append("  subgraph cluster_").append(sub.id()).append(" {\n    label=\"Sub-topology ").append(sub.id()).append("\";\n");
            for (Node node : sub.nodes()) {
                sb.append("    ").append(quote("node:" + node.name())).append(" [shape=box, label=").append(quote(node.name())).append("];\n");
                for (Node child : node.successors()) {
                    edges.append("  ").append(quote("node:" + node.name())).append(" -> ").append(quote("node:" + child.name())).append(";\n");
                }
                if (node instanceof Source source) {
                    String topic = source.topicPattern() != null ? source.topicPattern().pattern() : null;
                    for (String t : topic != null ? Set.of(topic) : source.topicSet()) {
                        topics.add(t);
                        edges.append("  ").append(quote("topic:" + t)).append(" -> ").append(quote("node:" + node.name())).append(";\n");
                    }
                } else if (node instanceof Sink sink) {
                    String t = sink.topic() != null ? sink.topic() : "(chosen per record)";
                    topics.add(t);
                    edges.append("  ").append(quote("node:" + node.name())).append(" -> ").append(quote("topic:" + t)).append(";\n");
                } else {
                    for (String store : ((Processor) node).stores()) {
                        stores.add(store);
                        edges.append("  ").append(quote("node:" + node.name())).append(" -> ").append(quote("store:" + store))
                             .append(" [dir=both, style=dashed];\n");
                    }
                }
            }
            sb.append("  }\n");
        }
        for (String t : topics) {
            sb.append("  ").append(quote("topic:" + t)).append(" [shape=ellipse, label=").append(quote(t)).append("];\n");
        }
        for (String s : stores) {
            sb.append("  ").append(quote("store:" + s)).append(" [shape=cylinder, label=").append(quote(s)).append("];\n");
        }
        return sb.append(edges).append("}\n").toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String toMermaid() {
        // Mermaid ids must be plain identifiers, so every name gets a short id and keeps its text as label.
        Map<String, String> ids = new HashMap<>();
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        StringBuilder tail = new StringBuilder();
        for (Subtopology sub : subtopologies) {
            sb.append("  subgraph sub").append(sub.id()).append("[\"Sub-topology ").append(sub.id()).append("\"]\n");
            for (Node node : sub.nodes()) {
                sb.append("    ").append(id(ids, "node:" + node.name())).append("[\"").append(mermaidText(node.name())).append("\"]\n");
            }
            sb.append("  end\n");
            for (Node node : sub.nodes()) {
                String nodeId = id(ids, "node:" + node.name());
                for (Node child : node.successors()) {
                    tail.append("  ").append(nodeId).append(" --> ").append(id(ids, "node:" + child.name())).append('\n');
                }
                if (node instanceof Source source) {
                    Set<String> ts = source.topicPattern() != null ? Set.of(source.topicPattern().pattern()) : source.topicSet();
                    for (String t : ts) {
                        tail.append("  ").append(topicShape(ids, t)).append(" --> ").append(nodeId).append('\n');
                    }
                } else if (node instanceof Sink sink) {
                    String t = sink.topic() != null ? sink.topic() : "(chosen per record)";
                    tail.append("  ").append(nodeId).append(" --> ").append(topicShape(ids, t)).append('\n');
                } else {
                    for (String store : ((Processor) node).stores()) {
                        String storeId = id(ids, "store:" + store);
                        tail.append("  ").append(nodeId).append(" -.- ").append(storeId).append("[(\"").append(mermaidText(store)).append("\")]\n");
                    }
                }
            }
        }
        return sb.append(tail).toString();
    }

    private static String topicShape(Map<String, String> ids, String topic) {
        return id(ids, "topic:" + topic) + "([\"" + mermaidText(topic) + "\"])";
    }

    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;");
    }

    private static String id(Map<String, String> ids, String key) {
        return ids.computeIfAbsent(key, k -> "n" + ids.size());
    }

    private record DescribedSubtopology(int id, Set<Node> nodes) implements Subtopology {
    }

    private record DescribedGlobalStore(int id, Source source, Processor processor) implements GlobalStore {
    }

    private abstract static class DescribedNode implements Node {
        final String name;
        final Set<Node> predecessors = new LinkedHashSet<>();
        final Set<Node> successors = new LinkedHashSet<>();

        DescribedNode(String name) {
            this.name = name;
        }

        static DescribedNode of(NodeSpec spec, Set<String> stores) {
            if (spec instanceof SourceSpec s) {
                return new DescribedSource(s);
            }
            if (spec instanceof SinkSpec s) {
                return new DescribedSink(s);
            }
            return new DescribedProcessor((ProcessorSpec) spec, stores);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Node> predecessors() {
            return Collections.unmodifiableSet(predecessors);
        }

        @Override
        public Set<Node> successors() {
            return Collections.unmodifiableSet(successors);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName().replace("Described", "") + ": " + name;
        }
    }

    private static final class DescribedSource extends DescribedNode implements Source {
        private final Set<String> topics;
        private final Pattern pattern;

        DescribedSource(SourceSpec spec) {
            super(spec.name());
            this.topics = spec.pattern() == null ? Collections.unmodifiableSet(new LinkedHashSet<>(spec.topics())) : null;
            this.pattern = spec.pattern();
        }

        @Override
        public Set<String> topicSet() {
            return topics;
        }

        @Override
        public Pattern topicPattern() {
            return pattern;
        }
    }

    private static final class DescribedProcessor extends DescribedNode implements Processor {
        private final Set<String> stores;

        DescribedProcessor(ProcessorSpec spec, Set<String> stores) {
            super(spec.name());
            this.stores = Collections.unmodifiableSet(new LinkedHashSet<>(stores));
        }

        @Override
        public Set<String> stores() {
            return stores;
        }
    }

    private static final class DescribedSink extends DescribedNode implements Sink {
        private final String topic;
        private final TopicNameExtractor<?, ?> extractor;

        DescribedSink(SinkSpec spec) {
            super(spec.name());
            this.topic = spec.topic();
            this.extractor = spec.topicExtractor();
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public TopicNameExtractor<?, ?> topicNameExtractor() {
            return extractor;
        }
    }
}
