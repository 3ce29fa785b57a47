package dev.rill.streams.internal.topology;

import dev.rill.streams.internal.topology.NodeSpec.SourceSpec;
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
        Map<String, Integer> depth = depths(model);
        Map<String, List<NodeSpec>> groups = new LinkedHashMap<>();
        for (NodeSpec node : model.nodes()) {
            groups.computeIfAbsent(uf.find(node.name()), k -> new ArrayList<>()).add(node);
        }
        List<Subtopology> result = new ArrayList<>();
        for (List<NodeSpec> members : groups.values()) {
            List<NodeSpec> ordered = new ArrayList<>(members);
            // Stable sort: equal depths keep the order in which the nodes were added.
            ordered.sort(Comparator.comparingInt(n -> depth.get(n.name())));
            Set<String> stores = new LinkedHashSet<>();
            for (NodeSpec node : ordered) {
                stores.addAll(model.storesOf(node.name()));
            }
            result.add(new Subtopology(result.size(), List.copyOf(ordered), Set.copyOf(stores)));
        }
        return List.copyOf(result);
    }

    /** Longest distance from a source; nodes are added after their parents, so one pass suffices. */
    private static Map<String, Integer> depths(TopologyModel model) {
        Map<String, Integer> depth = new HashMap<>();
        for (NodeSpec node : model.nodes()) {
            int d = 0;
            if (!(node instanceof SourceSpec)) {
                for (String p : node.parents()) {
                    d = Math.max(d, depth.get(p) + 1);
                }
            }
            depth.put(node.name(), d);
        }
        return depth;
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
