package dev.rill.streams.internal.topology;

import dev.rill.streams.NoopStoreBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.Topology;
import dev.rill.streams.TopologyDescription;
import dev.rill.streams.internal.topology.NodeSpec.ProcessorSpec;
import dev.rill.streams.internal.topology.NodeSpec.SinkSpec;
import dev.rill.streams.internal.topology.NodeSpec.SourceSpec;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.StoreBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the sub-topology grouping over random DAGs built with the Processor API. The expected
 * grouping is computed independently with a BFS over parent/child edges and processor/store links.
 */
class SubtopologyGroupingProperties {

    // ---------------------------------------------------------------- the generated plan

    enum Kind { SOURCE, PROCESSOR, SINK }

    /** One node to add: its kind and raw parent picks (reduced modulo the candidates when built). */
    record Step(Kind kind, List<Integer> parentPicks) {
    }

    /** A store and raw picks of the processors it is connected to; {@code viaAdd} picks the API used. */
    record StorePlan(List<Integer> processorPicks, boolean viaAdd) {
    }

    record Plan(List<Step> steps, List<StorePlan> stores) {
    }

    /** The topology built from a plan, plus the graph as the test understands it. */
    static final class Built {
        final Topology topology = new Topology();
        final List<String> order = new ArrayList<>();
        final Map<String, Kind> kinds = new HashMap<>();
        final Map<String, List<String>> parents = new HashMap<>();
        final Map<String, Set<String>> storesOf = new HashMap<>();
    }

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<List<Integer>> picks = Arbitraries.integers().between(0, 1_000).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Step> step = Combinators.combine(
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.SOURCE)),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Kind.PROCESSOR)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.SINK))),
            picks).as(Step::new);
        Arbitrary<List<Step>> steps = step.list().ofMinSize(0).ofMaxSize(25);
        Arbitrary<StorePlan> store = Combinators.combine(
            Arbitraries.integers().between(0, 1_000).list().ofMinSize(0).ofMaxSize(4),
            Arbitraries.of(true, false)).as(StorePlan::new);
        Arbitrary<List<StorePlan>> stores = store.list().ofMaxSize(5);
        return Combinators.combine(steps, stores).as(Plan::new);
    }

    static Built build(Plan plan) {
        Built b = new Built();
        List<String> nonSinks = new ArrayList<>();
        List<String> processors = new ArrayList<>();
        int topic = 0;
        int index = 0;
        List<Step> steps = new ArrayList<>();
        // The first node is always a source, so every later node has a candidate parent.
        steps.add(new Step(Kind.SOURCE, List.of()));
        steps.addAll(plan.steps());
        for (Step step : steps) {
            String name = step.kind().name().toLowerCase() + "-" + index++;
            List<String> parents = new ArrayList<>();
            if (step.kind() != Kind.SOURCE) {
                Set<String> unique = new LinkedHashSet<>();
                for (int pick : step.parentPicks()) {
                    unique.add(nonSinks.get(pick % nonSinks.size()));
                }
                parents.addAll(unique);
            }
            switch (step.kind()) {
                case SOURCE -> b.topology.addSource(name, "topic-" + topic++);
                case PROCESSOR -> b.topology.addProcessor(name, new Supplier(), parents.toArray(String[]::new));
                case SINK -> b.topology.addSink(name, "out-" + name, parents.toArray(String[]::new));
                default -> throw new AssertionError(step.kind());
            }
            b.order.add(name);
            b.kinds.put(name, step.kind());
            b.parents.put(name, parents);
            b.storesOf.put(name, new LinkedHashSet<>());
            if (step.kind() != Kind.SINK) {
                nonSinks.add(name);
            }
            if (step.kind() == Kind.PROCESSOR) {
                processors.add(name);
            }
        }
        int storeIndex = 0;
        for (StorePlan store : plan.stores()) {
            String storeName = "store-" + storeIndex++;
            Set<String> connected = new LinkedHashSet<>();
            if (!processors.isEmpty()) {
                for (int pick : store.processorPicks()) {
                    connected.add(processors.get(pick % processors.size()));
                }
            }
            if (store.viaAdd()) {
                b.topology.addStateStore(new NoopStoreBuilder(storeName), connected.toArray(String[]::new));
            } else {
                b.topology.addStateStore(new NoopStoreBuilder(storeName));
                for (String p : connected) {
                    b.topology.connectProcessorAndStateStores(p, storeName);
                }
            }
            for (String p : connected) {
                b.storesOf.get(p).add(storeName);
            }
        }
        return b;
    }

    /** Connected components of the undirected graph of edges and processor-store links, by BFS. */
    static Map<String, Integer> components(Built b) {
        Map<String, Set<String>> adjacency = new HashMap<>();
        b.order.forEach(n -> adjacency.put(n, new HashSet<>()));
        for (String n : b.order) {
            for (String p : b.parents.get(n)) {
                adjacency.get(n).add(p);
                adjacency.get(p).add(n);
            }
        }
        Map<String, List<String>> users = new HashMap<>();
        for (String n : b.order) {
            for (String s : b.storesOf.get(n)) {
                users.computeIfAbsent(s, k -> new ArrayList<>()).add(n);
            }
        }
        String storePrefix = "\u0000store:";
        for (Map.Entry<String, List<String>> e : users.entrySet()) {
            String storeNode = storePrefix + e.getKey();
            adjacency.put(storeNode, new HashSet<>(e.getValue()));
            e.getValue().forEach(n -> adjacency.get(n).add(storeNode));
        }
        Map<String, Integer> component = new HashMap<>();
        int next = 0;
        for (String start : b.order) {
            if (component.containsKey(start)) {
                continue;
            }
            int id = next++;
            Deque<String> queue = new ArrayDeque<>();
            queue.add(start);
            component.put(start, id);
            while (!queue.isEmpty()) {
                String cur = queue.poll();
                for (String nb : adjacency.get(cur)) {
                    if (!component.containsKey(nb)) {
                        component.put(nb, id);
                        queue.add(nb);
                    }
                }
            }
        }
        component.keySet().removeIf(k -> k.startsWith(storePrefix));
        return component;
    }

    /** Subtree size counted per path (a node reached two ways counts twice), computed recursively. */
    static Map<String, Long> pathCountSizes(Built b) {
        Map<String, List<String>> children = new HashMap<>();
        for (String n : b.order) {
            for (String p : b.parents.get(n)) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, Long> size = new HashMap<>();
        for (String n : b.order) {
            sizeOf(n, children, size);
        }
        return size;
    }

    private static long sizeOf(String n, Map<String, List<String>> children, Map<String, Long> memo) {
        Long known = memo.get(n);
        if (known != null) {
            return known;
        }
        long total = 1;
        for (String c : children.getOrDefault(n, List.of())) {
            total += sizeOf(c, children, memo);
        }
        memo.put(n, total);
        return total;
    }

    static Map<String, Integer> subtopologyOf(List<Subtopology> subs) {
        Map<String, Integer> result = new HashMap<>();
        for (Subtopology sub : subs) {
            for (NodeSpec n : sub.nodes()) {
                Integer previous = result.put(n.name(), sub.id());
                assertThat(previous).as("node %s appears in sub-topologies %s and %s", n.name(), previous, sub.id()).isNull();
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 300)
    void everyNodeIsInExactlyOneSubtopology(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        List<Subtopology> subs = b.topology.model().subtopologies();
        Map<String, Integer> where = subtopologyOf(subs);
        assertThat(where.keySet()).containsExactlyInAnyOrderElementsOf(b.order);
        int total = subs.stream().mapToInt(s -> s.nodes().size()).sum();
        assertThat(total).isEqualTo(b.order.size());
        subs.forEach(s -> assertThat(s.nodes()).isNotEmpty());
    }

    @Property(tries = 300)
    void parentAndChildAreAlwaysInTheSameSubtopology(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        Map<String, Integer> where = subtopologyOf(b.topology.model().subtopologies());
        for (String n : b.order) {
            for (String p : b.parents.get(n)) {
                assertThat(where.get(p)).as("parent %s of %s", p, n).isEqualTo(where.get(n));
            }
        }
    }

    @Property(tries = 300)
    void processorsSharingAStoreAreInTheSameSubtopology(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        List<Subtopology> subs = b.topology.model().subtopologies();
        Map<String, Integer> where = subtopologyOf(subs);
        Map<String, Integer> storeHome = new HashMap<>();
        for (String n : b.order) {
            for (String s : b.storesOf.get(n)) {
                Integer home = storeHome.putIfAbsent(s, where.get(n));
                if (home != null) {
                    assertThat(where.get(n)).as("store %s used by %s", s, n).isEqualTo(home);
                }
            }
        }
        // Each sub-topology lists exactly the stores its processors use.
        for (Subtopology sub : subs) {
            Set<String> expected = new HashSet<>();
            sub.nodes().forEach(n -> expected.addAll(b.storesOf.get(n.name())));
            assertThat(sub.stores()).isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void withinASubtopologyEveryNodeComesAfterAllItsParents(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        for (Subtopology sub : b.topology.model().subtopologies()) {
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < sub.nodes().size(); i++) {
                position.put(sub.nodes().get(i).name(), i);
            }
            for (NodeSpec n : sub.nodes()) {
                for (String p : b.parents.get(n.name())) {
                    assertThat(position.get(p)).as("parent %s of %s in sub-topology %s", p, n.name(), sub.id())
                        .isNotNull()
                        .isLessThan(position.get(n.name()));
                }
            }
        }
    }

    @Property(tries = 300)
    void withinASubtopologyNodesAreOrderedBySubtreeSizeThenName(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        Map<String, Long> size = pathCountSizes(b);
        for (Subtopology sub : b.topology.model().subtopologies()) {
            List<String> actual = new ArrayList<>();
            sub.nodes().forEach(n -> actual.add(n.name()));
            List<String> expected = new ArrayList<>(actual);
            expected.sort((x, y) -> size.get(x).equals(size.get(y)) ? x.compareTo(y) : Long.compare(size.get(y), size.get(x)));
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void idsAreZeroToNMinusOneInTheOrderTheFirstNodesWereAdded(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        List<Subtopology> subs = b.topology.model().subtopologies();
        Map<String, Integer> where = subtopologyOf(subs);
        for (int i = 0; i < subs.size(); i++) {
            assertThat(subs.get(i).id()).isEqualTo(i);
        }
        // Walking the nodes in insertion order, each new sub-topology met has the next id.
        int nextNew = 0;
        Set<Integer> seen = new HashSet<>();
        for (String n : b.order) {
            int id = where.get(n);
            if (seen.add(id)) {
                assertThat(id).as("first node %s of a new sub-topology", n).isEqualTo(nextNew++);
            }
        }
        assertThat(nextNew).isEqualTo(subs.size());
    }

    @Property(tries = 300)
    void subtopologiesAreExactlyTheConnectedComponents(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        Map<String, Integer> where = subtopologyOf(b.topology.model().subtopologies());
        Map<String, Integer> component = components(b);
        for (String x : b.order) {
            for (String y : b.order) {
                boolean linked = component.get(x).equals(component.get(y));
                boolean together = where.get(x).equals(where.get(y));
                assertThat(together).as("%s and %s: linked=%s", x, y, linked).isEqualTo(linked);
            }
        }
        assertThat(new HashSet<>(where.values())).hasSize(new HashSet<>(component.values()).size());
    }

    @Property(tries = 200)
    void describeAgreesWithTheModel(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        List<Subtopology> subs = b.topology.model().subtopologies();
        List<TopologyDescription.Subtopology> described = new ArrayList<>(b.topology.describe().subtopologies());
        assertThat(described).hasSize(subs.size());
        for (int i = 0; i < subs.size(); i++) {
            assertThat(described.get(i).id()).isEqualTo(subs.get(i).id());
            List<String> expected = new ArrayList<>();
            subs.get(i).nodes().forEach(n -> expected.add(n.name()));
            List<String> actual = new ArrayList<>();
            described.get(i).nodes().forEach(n -> actual.add(n.name()));
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Property(tries = 200)
    void groupingIsDeterministic(@ForAll("plans") Plan plan) {
        String first = build(plan).topology.describe().toString();
        String second = build(plan).topology.describe().toString();
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 200)
    void nodeKindsArePreserved(@ForAll("plans") Plan plan) {
        Built b = build(plan);
        for (Subtopology sub : b.topology.model().subtopologies()) {
            for (NodeSpec n : sub.nodes()) {
                Kind expected = b.kinds.get(n.name());
                switch (expected) {
                    case SOURCE -> assertThat(n).isInstanceOf(SourceSpec.class);
                    case PROCESSOR -> assertThat(n).isInstanceOf(ProcessorSpec.class);
                    case SINK -> assertThat(n).isInstanceOf(SinkSpec.class);
                    default -> throw new AssertionError(expected);
                }
                assertThat(n.parents()).isEqualTo(b.parents.get(n.name()));
            }
        }
    }

    // ---------------------------------------------------------------- fixed examples the generator might miss

    @Example
    void storeLinksTwoOtherwiseSeparateChainsAddedLater() {
        Plan plan = new Plan(
            List.of(new Step(Kind.PROCESSOR, List.of(0)), new Step(Kind.SOURCE, List.of()),
                new Step(Kind.PROCESSOR, List.of(2)), new Step(Kind.SINK, List.of(3))),
            List.of(new StorePlan(List.of(0, 1), false)));
        Built b = build(plan);
        assertThat(b.topology.model().subtopologies()).hasSize(1);
        assertThat(components(b).values()).containsOnly(0);
    }

    @Example
    void chainsWithoutLinksStaySeparate() {
        Plan plan = new Plan(
            List.of(new Step(Kind.PROCESSOR, List.of(0)), new Step(Kind.SOURCE, List.of()),
                new Step(Kind.PROCESSOR, List.of(2)), new Step(Kind.SOURCE, List.of())),
            List.of(new StorePlan(List.of(0), true), new StorePlan(List.of(), true)));
        Built b = build(plan);
        List<Subtopology> subs = b.topology.model().subtopologies();
        assertThat(subs).hasSize(3);
        assertThat(subs.get(0).stores()).containsExactly("store-0");
        assertThat(subs.get(1).stores()).isEmpty();
    }

    // ---------------------------------------------------------------- fixtures

    private static final class Supplier implements ProcessorSupplier<Object, Object, Object, Object> {
        @Override
        public Processor<Object, Object, Object, Object> get() {
            return new Processor<>() {
                @Override
                public void process(Record<Object, Object> record) {
                }
            };
        }
    }


}
