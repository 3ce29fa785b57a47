package dev.rill.streams.internal.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a topology into sub-topologies with a union-find over node names: an edge joins two nodes, and
 * so does a store two processors share. A repartition topic is a sink in one group and a source in
 * another, with no edge between them, which is what makes it a boundary.
 */
final class SubtopologyGrouping {
    private final Map<String, String> parent = new HashMap<>();

    private SubtopologyGrouping() {
    }

    static List<Subtopology> group(TopologyModel model) {
        SubtopologyGrouping uf = new SubtopologyGrouping();
        Map<String, String> storeOwner = new HashMap<>();
        for (NodeSpec node : model.nodes()) {
            uf.parent.put(node.name(), node.name());
            for (String p : node.parents()) {
                uf.union(p, node.name());
            }
            for (String store : model.storesOf(node.name())) {
                String first = storeOwner.putIfAbsent(store, node.name());
                if (first != null) {
                    uf.union(first, node.name());
                }
            }
        }
        Map<String, Long> size = subtreeSizes(model);
        Map<String, List<NodeSpec>> groups = new LinkedHashMap<>();
        for (NodeSpec node : model.nodes()) {
            groups.computeIfAbsent(uf.find(node.name()), k -> new ArrayList<>()).add(node);
        }
        List<Subtopology> result = new ArrayList<>();
        for (List<NodeSpec> members : groups.values()) {
            List<NodeSpec> ordered = new ArrayList<>(members);
            // Kafka Streams' order: larger subtree first, then by name. A parent's subtree is always
            // larger than its child's, so parents come first.
            ordered.sort(Comparator.comparingLong((NodeSpec n) -> -size.get(n.name())).thenComparing(NodeSpec::name));
            Set<String> stores = new LinkedHashSet<>();
            for (NodeSpec node : ordered) {
                stores.addAll(model.storesOf(node.name()));
            }
            result.add(new Subtopology(result.size(), List.copyOf(ordered), Set.copyOf(stores)));
        }
        return List.copyOf(result);
    }

    /**
     * The size of each node's subtree, counted over paths (a node reached two ways counts twice), as
     * Kafka Streams counts it. Children are added after their parents, so a reverse pass suffices.
     */
    static Map<String, Long> subtreeSizes(TopologyModel model) {
        List<NodeSpec> nodes = new ArrayList<>(model.nodes());
        Map<String, Long> size = new HashMap<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            String name = nodes.get(i).name();
            long total = 1;
            for (String child : model.children(name)) {
                // Saturate rather than overflow on pathological diamond chains.
                total = Math.min(Long.MAX_VALUE / 2, total + size.get(child));
            }
            size.put(name, total);
        }
        return size;
    }

    private String find(String x) {
        String root = x;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        String cur = x;
        while (!cur.equals(root)) {
            String next = parent.get(cur);
            parent.put(cur, root);
            cur = next;
        }
        return root;
    }

    private void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
