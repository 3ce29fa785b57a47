package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.TopologyDescription.Node;
import dev.rill.streams.TopologyDescription.Processor;
import dev.rill.streams.TopologyDescription.Sink;
import dev.rill.streams.TopologyDescription.Source;
import dev.rill.streams.TopologyDescription.Subtopology;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopologyDescribeTest {

    private static final String FOOTNOTE =
        "[generated] marks a name Rill made up for a store, an internal topic or a stateful operator. It changes\n"
            + "when operators are added upstream, which orphans the state kept under it: pin it with Named,\n"
            + "Materialized, Grouped or Repartitioned before relying on it in production.\n";

    // ---------------------------------------------------------------- helpers

    /** A processor that forwards what it gets; a new instance per get(). */
    private static <K, V> dev.rill.streams.processor.api.ProcessorSupplier<K, V, K, V> passThrough() {
        return () -> new dev.rill.streams.processor.api.Processor<K, V, K, V>() {
            private dev.rill.streams.processor.api.ProcessorContext<K, V> context;

            @Override
            public void init(dev.rill.streams.processor.api.ProcessorContext<K, V> context) {
                this.context = context;
            }

            @Override
            public void process(Record<K, V> record) {
                context.forward(record);
            }
        };
    }



    private static List<Subtopology> subtopologies(TopologyDescription description) {
        return new ArrayList<>(description.subtopologies());
    }

    private static List<String> nodeNames(Subtopology sub) {
        List<String> names = new ArrayList<>();
        sub.nodes().forEach(n -> names.add(n.name()));
        return names;
    }

    private static Node node(TopologyDescription description, String name) {
        for (Subtopology sub : description.subtopologies()) {
            for (Node n : sub.nodes()) {
                if (n.name().equals(name)) {
                    return n;
                }
            }
        }
        throw new AssertionError("no node named " + name + " in\n" + description);
    }

    private static List<String> names(Iterable<Node> nodes) {
        List<String> names = new ArrayList<>();
        nodes.forEach(n -> names.add(n.name()));
        return names;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static Topology linearDsl() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in")
            .filter((k, v) -> v != null)
            .mapValues(v -> v.toUpperCase())
            .to("out");
        return builder.build();
    }

    private static Topology generatedRepartitionDsl() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in")
            .selectKey((k, v) -> v)
            .repartition()
            .mapValues(v -> v + "!")
            .to("out");
        return builder.build();
    }

    // ---------------------------------------------------------------- text layout

    @Test
    void linearDslTopologyIsDescribedInKafkaLayout() {
        String expected = "Topologies:\n"
            + "   Sub-topology: 0\n"
            + "    Source: KSTREAM-SOURCE-0000000000 (topics: [in])\n"
            + "      --> KSTREAM-FILTER-0000000001\n"
            + "    Processor: KSTREAM-FILTER-0000000001 (stores: [])\n"
            + "      --> KSTREAM-MAPVALUES-0000000002\n"
            + "      <-- KSTREAM-SOURCE-0000000000\n"
            + "    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])\n"
            + "      --> KSTREAM-SINK-0000000003\n"
            + "      <-- KSTREAM-FILTER-0000000001\n"
            + "    Sink: KSTREAM-SINK-0000000003 (topic: out)\n"
            + "      <-- KSTREAM-MAPVALUES-0000000002\n"
            + "\n";
        assertThat(linearDsl().describe().toString()).isEqualTo(expected);
    }

    @Test
    void sourceHasNoPredecessorLineAndSinkHasNoSuccessorLine() {
        String text = linearDsl().describe().toString();
        List<String> lines = List.of(text.split("\n"));
        int sourceLine = lines.indexOf("    Source: KSTREAM-SOURCE-0000000000 (topics: [in])");
        int sinkLine = lines.indexOf("    Sink: KSTREAM-SINK-0000000003 (topic: out)");
        assertThat(sourceLine).isNotNegative();
        assertThat(sinkLine).isNotNegative();
        assertThat(lines.get(sourceLine + 1)).startsWith("      --> ");
        assertThat(lines.get(sourceLine + 2)).doesNotStartWith("      <-- ");
        assertThat(lines.get(sinkLine + 1)).isEqualTo("      <-- KSTREAM-MAPVALUES-0000000002");
        assertThat(text).doesNotContain("--> none").doesNotContain("<-- none");
    }

    @Test
    void sourceWithoutChildrenShowsArrowNone() {
        Topology topology = new Topology().addSource("lonely", "in");
        assertThat(topology.describe().toString()).isEqualTo("Topologies:\n"
            + "   Sub-topology: 0\n"
            + "    Source: lonely (topics: [in])\n"
            + "      --> none\n"
            + "\n");
    }

    @Test
    void processorWithoutChildrenShowsArrowNoneAndItsParent() {
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("end", passThrough(), "src");
        assertThat(topology.describe().toString()).contains("    Processor: end (stores: [])\n"
            + "      --> none\n"
            + "      <-- src\n");
    }

    @Test
    void sourceReadingSeveralTopicsListsThemInOrder() {
        Topology topology = new Topology().addSource("src", "b-topic", "a-topic", "c-topic");
        assertThat(topology.describe().toString()).contains("Source: src (topics: [b-topic, a-topic, c-topic])\n");
    }

    @Test
    void patternSourceShowsThePatternAndHasNoTopicSet() {
        Topology topology = new Topology().addSource("src", Pattern.compile("orders-.*"));
        TopologyDescription description = topology.describe();
        assertThat(description.toString()).contains("Source: src (topics: orders-.*)\n");
        Source source = (Source) node(description, "src");
        assertThat(source.topicSet()).isNull();
        assertThat(source.topicPattern().pattern()).isEqualTo("orders-.*");
    }

    @Test
    void emptyTopologyDescribesOnlyTheHeader() {
        assertThat(new Topology().describe().toString()).isEqualTo("Topologies:\n");
        assertThat(new Topology().describe().subtopologies()).isEmpty();
    }

    // ---------------------------------------------------------------- repartition

    @Test
    void generatedRepartitionSplitsIntoTwoSubtopologiesMarkedGeneratedWithFootnote() {
        String expected = "Topologies:\n"
            + "   Sub-topology: 0\n"
            + "    Source: KSTREAM-SOURCE-0000000000 (topics: [in])\n"
            + "      --> KSTREAM-KEY-SELECT-0000000001\n"
            + "    Processor: KSTREAM-KEY-SELECT-0000000001 (stores: [])\n"
            + "      --> KSTREAM-FILTER-0000000004\n"
            + "      <-- KSTREAM-SOURCE-0000000000\n"
            + "    Processor: KSTREAM-FILTER-0000000004 (stores: [])\n"
            + "      --> KSTREAM-SINK-0000000003\n"
            + "      <-- KSTREAM-KEY-SELECT-0000000001\n"
            + "    Sink: KSTREAM-SINK-0000000003 (topic: KSTREAM-REPARTITION-0000000002-repartition [generated])\n"
            + "      <-- KSTREAM-FILTER-0000000004\n"
            + "\n"
            + "  Sub-topology: 1\n"
            + "    Source: KSTREAM-SOURCE-0000000005 (topics: [KSTREAM-REPARTITION-0000000002-repartition [generated]])\n"
            + "      --> KSTREAM-MAPVALUES-0000000006\n"
            + "    Processor: KSTREAM-MAPVALUES-0000000006 (stores: [])\n"
            + "      --> KSTREAM-SINK-0000000007\n"
            + "      <-- KSTREAM-SOURCE-0000000005\n"
            + "    Sink: KSTREAM-SINK-0000000007 (topic: out)\n"
            + "      <-- KSTREAM-MAPVALUES-0000000006\n"
            + "\n"
            + FOOTNOTE;
        assertThat(generatedRepartitionDsl().describe().toString()).isEqualTo(expected);
    }

    @Test
    void generatedRepartitionTopicIsAnInternalTopicAndGenerated() {
        TopologyDescription description = generatedRepartitionDsl().describe();
        assertThat(description.internalTopics()).containsExactly("KSTREAM-REPARTITION-0000000002-repartition");
        assertThat(description.isGenerated("KSTREAM-REPARTITION-0000000002-repartition")).isTrue();
        assertThat(description.subtopologies()).hasSize(2);
        Sink sink = (Sink) node(description, "KSTREAM-SINK-0000000003");
        Source source = (Source) node(description, "KSTREAM-SOURCE-0000000005");
        assertThat(sink.topic()).isEqualTo("KSTREAM-REPARTITION-0000000002-repartition");
        assertThat(source.topicSet()).containsExactly("KSTREAM-REPARTITION-0000000002-repartition");
        // No edge crosses the repartition topic.
        assertThat(sink.successors()).isEmpty();
        assertThat(source.predecessors()).isEmpty();
    }

    @Test
    void repartitionNodeNamesDerivedFromAGeneratedBaseAreGenerated() {
        // isGenerated: "whether Rill generated that name rather than taking it from the user".
        TopologyDescription description = generatedRepartitionDsl().describe();
        assertThat(description.isGenerated("KSTREAM-FILTER-0000000004")).isTrue();
        assertThat(description.isGenerated("KSTREAM-SINK-0000000003")).isTrue();
        assertThat(description.isGenerated("KSTREAM-SOURCE-0000000005")).isTrue();
    }

    @Test
    void namedRepartitionIsNotMarkedAndHasNoFootnote() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("orders")
            .selectKey((k, v) -> v)
            .repartition(Repartitioned.as("orders-by-user"))
            .to("out");
        TopologyDescription description = builder.build().describe();
        String text = description.toString();

        assertThat(text).doesNotContain("[generated]");
        assertThat(text).contains("    Sink: orders-by-user-repartition-sink (topic: orders-by-user-repartition)\n");
        assertThat(text).contains("    Source: orders-by-user-repartition-source (topics: [orders-by-user-repartition])\n");
        assertThat(text).endsWith("      <-- orders-by-user-repartition-source\n\n");
        assertThat(description.subtopologies()).hasSize(2);
        assertThat(description.internalTopics()).containsExactly("orders-by-user-repartition");
        assertThat(description.isGenerated("orders-by-user-repartition")).isFalse();
        assertThat(description.isGenerated("orders-by-user-repartition-sink")).isFalse();
        assertThat(description.isGenerated("orders-by-user-repartition-source")).isFalse();
    }

    @Test
    void topologyWithoutRepartitionHasNoInternalTopics() {
        assertThat(linearDsl().describe().internalTopics()).isEmpty();
    }

    // ---------------------------------------------------------------- names

    @Test
    void namedOperatorsKeepTheirNames() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in", Consumed.as("read-in"))
            .filter((k, v) -> true, Named.as("keep-all"))
            .mapValues(v -> v, Named.as("same-value"))
            .to("out", Produced.as("write-out"));
        TopologyDescription description = builder.build().describe();
        assertThat(description.toString()).isEqualTo("Topologies:\n"
            + "   Sub-topology: 0\n"
            + "    Source: read-in (topics: [in])\n"
            + "      --> keep-all\n"
            + "    Processor: keep-all (stores: [])\n"
            + "      --> same-value\n"
            + "      <-- read-in\n"
            + "    Processor: same-value (stores: [])\n"
            + "      --> write-out\n"
            + "      <-- keep-all\n"
            + "    Sink: write-out (topic: out)\n"
            + "      <-- same-value\n"
            + "\n");
        assertThat(description.isGenerated("read-in")).isFalse();
        assertThat(description.isGenerated("keep-all")).isFalse();
        assertThat(description.isGenerated("same-value")).isFalse();
        assertThat(description.isGenerated("write-out")).isFalse();
    }

    @Test
    void namedOperatorsStillDrawANumberAsInKafkaStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in")
            .filter((k, v) -> true, Named.as("keep-all"))
            .mapValues(v -> v)
            .to("out");
        String text = builder.build().describe().toString();
        assertThat(text).contains("KSTREAM-SOURCE-0000000000", "keep-all", "KSTREAM-MAPVALUES-0000000002",
            "KSTREAM-SINK-0000000003");
    }

    @Test
    void namedProcessDrawsNoNumberAsInKafkaStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in")
            .process(passThrough(), Named.as("custom"))
            .to("out");
        assertThat(builder.build().describe().toString()).contains("Sink: KSTREAM-SINK-0000000001 (topic: out)");
    }

    @Test
    void generatedDslNamesAreReportedAsGenerated() {
        TopologyDescription description = linearDsl().describe();
        assertThat(description.isGenerated("KSTREAM-SOURCE-0000000000")).isTrue();
        assertThat(description.isGenerated("KSTREAM-FILTER-0000000001")).isTrue();
        assertThat(description.isGenerated("KSTREAM-MAPVALUES-0000000002")).isTrue();
        assertThat(description.isGenerated("KSTREAM-SINK-0000000003")).isTrue();
        assertThat(description.isGenerated("in")).isFalse();
        assertThat(description.isGenerated("no-such-name")).isFalse();
    }

    @Test
    void processorApiNamesAreNeverGenerated() {
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("proc", passThrough(), "src")
            .addStateStore(new NoopStoreBuilder("store"), "proc")
            .addSink("sink", "out", "proc");
        TopologyDescription description = topology.describe();
        assertThat(description.isGenerated("src")).isFalse();
        assertThat(description.isGenerated("proc")).isFalse();
        assertThat(description.isGenerated("store")).isFalse();
        assertThat(description.isGenerated("sink")).isFalse();
        assertThat(description.toString()).doesNotContain("[generated]");
    }

    @Test
    void sameDslBuiltTwiceGivesIdenticalDescriptions() {
        assertThat(generatedRepartitionDsl().describe().toString())
            .isEqualTo(generatedRepartitionDsl().describe().toString());
        assertThat(linearDsl().describe().toString()).isEqualTo(linearDsl().describe().toString());
    }

    @Test
    void buildingOneBuilderTwiceGivesIdenticalDescriptions() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in");
        in.filter((k, v) -> true).repartition().to("out");
        String first = builder.build().describe().toString();
        String second = builder.build().describe().toString();
        assertThat(second).isEqualTo(first);
        assertThat(first).contains("KSTREAM-REPARTITION-0000000002-repartition");
    }

    // ---------------------------------------------------------------- stores

    @Test
    void processorWithAStoreListsIt() {
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("counter", passThrough(), "src")
            .addStateStore(new NoopStoreBuilder("counts"), "counter")
            .addSink("sink", "out", "counter");
        TopologyDescription description = topology.describe();
        assertThat(description.toString()).contains("    Processor: counter (stores: [counts])\n"
            + "      --> sink\n"
            + "      <-- src\n");
        assertThat(((Processor) node(description, "counter")).stores()).containsExactly("counts");
    }

    @Test
    void processorWithSeveralStoresListsThemInConnectionOrder() {
        Topology topology = new Topology()
            .addSource("src", "in")
            .addProcessor("proc", passThrough(), "src")
            .addStateStore(new NoopStoreBuilder("zeta"))
            .addStateStore(new NoopStoreBuilder("alpha"))
            .connectProcessorAndStateStores("proc", "zeta", "alpha");
        assertThat(topology.describe().toString()).contains("Processor: proc (stores: [zeta, alpha])\n");
    }

    @Test
    void dslProcessWithGeneratedNameAndStoreIsMarkedGenerated() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(new NoopStoreBuilder("counts"));
        builder.<String, String>stream("in").process(passThrough(), "counts").to("out");
        String text = builder.build().describe().toString();
        // A generated name on a stateful processor is marked; the user-given store name is not.
        assertThat(text).contains("    Processor: KSTREAM-PROCESSOR-0000000001 [generated] (stores: [counts])\n");
        assertThat(text).endsWith(FOOTNOTE);
    }

    @Test
    void dslProcessWithNamedProcessorAndStoreIsNotMarked() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(new NoopStoreBuilder("counts"));
        builder.<String, String>stream("in").process(passThrough(), Named.as("counter"), "counts").to("out");
        String text = builder.build().describe().toString();
        assertThat(text).contains("    Processor: counter (stores: [counts])\n");
        assertThat(text).doesNotContain("[generated]");
    }

    @Test
    void statelessGeneratedProcessorsAreNotMarked() {
        assertThat(linearDsl().describe().toString()).doesNotContain("[generated]");
    }

    @Test
    void twoProcessorsSharingAStoreAreInOneSubtopology() {
        Topology topology = new Topology()
            .addSource("src-a", "a")
            .addProcessor("proc-a", passThrough(), "src-a")
            .addSource("src-b", "b")
            .addProcessor("proc-b", passThrough(), "src-b")
            .addStateStore(new NoopStoreBuilder("shared"), "proc-a", "proc-b");
        List<Subtopology> subs = subtopologies(topology.describe());
        assertThat(subs).hasSize(1);
        assertThat(nodeNames(subs.get(0))).containsExactly("src-a", "src-b", "proc-a", "proc-b");
    }

    @Test
    void twoUnrelatedChainsAreTwoSubtopologiesNumberedInOrderAdded() {
        Topology topology = new Topology()
            .addSource("src-a", "a")
            .addProcessor("proc-a", passThrough(), "src-a")
            .addSource("src-b", "b")
            .addProcessor("proc-b", passThrough(), "src-b")
            .addStateStore(new NoopStoreBuilder("store-a"), "proc-a")
            .addStateStore(new NoopStoreBuilder("store-b"), "proc-b");
        List<Subtopology> subs = subtopologies(topology.describe());
        assertThat(subs).hasSize(2);
        assertThat(subs.get(0).id()).isZero();
        assertThat(subs.get(1).id()).isEqualTo(1);
        assertThat(nodeNames(subs.get(0))).containsExactly("src-a", "proc-a");
        assertThat(nodeNames(subs.get(1))).containsExactly("src-b", "proc-b");
    }

    @Test
    void laterStoreConnectionMergesSubtopologies() {
        Topology topology = new Topology()
            .addSource("src-a", "a")
            .addProcessor("proc-a", passThrough(), "src-a")
            .addSource("src-b", "b")
            .addProcessor("proc-b", passThrough(), "src-b")
            .addStateStore(new NoopStoreBuilder("shared"), "proc-a");
        assertThat(topology.describe().subtopologies()).hasSize(2);
        topology.connectProcessorAndStateStores("proc-b", "shared");
        assertThat(topology.describe().subtopologies()).hasSize(1);
    }

    // ---------------------------------------------------------------- node order and edges

    @Test
    void nodesWithinASubtopologyAreOrderedBySubtreeSizeThenName() {
        Topology topology = new Topology()
            .addSource("s1", "a")
            .addProcessor("p1", passThrough(), "s1")
            .addProcessor("p2", passThrough(), "p1")
            .addSource("s2", "b")
            .addProcessor("q1", passThrough(), "s2")
            .addProcessor("join", passThrough(), "p2", "q1")
            .addSink("k1", "out1", "q1")
            .addSink("k2", "out2", "join");
        List<Subtopology> subs = subtopologies(topology.describe());
        assertThat(subs).hasSize(1);
        // subtree sizes: k2=1 join=2 k1=1 p2=3 q1=4 p1=4 s2=5 s1=5; names break ties
        assertThat(nodeNames(subs.get(0))).containsExactly("s1", "s2", "p1", "q1", "p2", "join", "k1", "k2");
    }

    @Test
    void subtreeSizeCountsANodeOncePerPathToIt() {
        Topology topology = new Topology()
            .addSource("src", "in")
            // a diamond under "m": 5 distinct nodes, but 7 counted per path (d and e are reached twice)
            .addProcessor("m", passThrough(), "src")
            .addProcessor("b", passThrough(), "m")
            .addProcessor("c", passThrough(), "m")
            .addProcessor("d", passThrough(), "b", "c")
            .addProcessor("e", passThrough(), "d")
            // a chain of 6 under "a"
            .addProcessor("a", passThrough(), "src")
            .addProcessor("a2", passThrough(), "a")
            .addProcessor("a3", passThrough(), "a2")
            .addProcessor("a4", passThrough(), "a3")
            .addProcessor("a5", passThrough(), "a4")
            .addProcessor("a6", passThrough(), "a5");
        // m (7) comes before a (6) although "a" sorts first by name and has more distinct nodes below it
        assertThat(nodeNames(subtopologies(topology.describe()).get(0)))
            .containsExactly("src", "m", "a", "a2", "a3", "a4", "b", "c", "a5", "d", "a6", "e");
    }

    @Test
    void mergeNodeHasTwoPredecessors() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        KStream<String, String> right = builder.stream("right");
        left.merge(right).to("out");
        TopologyDescription description = builder.build().describe();
        Node merge = node(description, "KSTREAM-MERGE-0000000002");
        assertThat(names(merge.predecessors())).containsExactly("KSTREAM-SOURCE-0000000000", "KSTREAM-SOURCE-0000000001");
        assertThat(names(merge.successors())).containsExactly("KSTREAM-SINK-0000000003");
        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.toString()).contains("    Processor: KSTREAM-MERGE-0000000002 (stores: [])\n"
            + "      --> KSTREAM-SINK-0000000003\n"
            + "      <-- KSTREAM-SOURCE-0000000000, KSTREAM-SOURCE-0000000001\n");
    }

    @Test
    void successorsAreKeptInOrderAddedButPrintedByName() {
        Topology topology = new Topology()
            .addSource("src", "in")
            .addSink("zz", "out-z", "src")
            .addProcessor("aa", passThrough(), "src")
            .addSink("mm", "out-m", "src");
        TopologyDescription description = topology.describe();
        assertThat(names(node(description, "src").successors())).containsExactly("zz", "aa", "mm");
        assertThat(description.toString()).contains("    Source: src (topics: [in])\n      --> aa, mm, zz\n");
    }

    @Test
    void predecessorsAndSuccessorsAreConsistent() {
        TopologyDescription description = generatedRepartitionDsl().describe();
        for (Subtopology sub : description.subtopologies()) {
            for (Node n : sub.nodes()) {
                for (Node child : n.successors()) {
                    assertThat(child.predecessors()).contains(n);
                }
                for (Node parent : n.predecessors()) {
                    assertThat(parent.successors()).contains(n);
                }
            }
        }
    }

    @Test
    void sinkWithTopicExtractorShowsTheExtractorClass() {
        StreamsBuilder builder = new StreamsBuilder();
        dev.rill.streams.processor.TopicNameExtractor<String, String> extractor = (k, v, ctx) -> "t-" + k;
        builder.<String, String>stream("in").to(extractor);
        TopologyDescription description = builder.build().describe();
        Sink sink = (Sink) node(description, "KSTREAM-SINK-0000000001");
        assertThat(sink.topic()).isNull();
        assertThat(sink.topicNameExtractor()).isSameAs(extractor);
        assertThat(description.toString()).contains("    Sink: KSTREAM-SINK-0000000001 (extractor class: "
            + extractor.getClass().getName() + ")\n");
    }

    @Test
    void describeIsASnapshot() {
        Topology topology = new Topology().addSource("src", "in");
        TopologyDescription before = topology.describe();
        topology.addProcessor("proc", passThrough(), "src");
        assertThat(before.toString()).doesNotContain("proc");
        assertThat(topology.describe().toString()).contains("proc");
    }

    @Test
    void globalStoresAreEmpty() {
        assertThat(linearDsl().describe().globalStores()).isEmpty();
    }

    // ---------------------------------------------------------------- DOT

    private static Topology storeAndRepartitionTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(new NoopStoreBuilder("counts"));
        builder.<String, String>stream("in")
            .process(passThrough(), Named.as("counter"), "counts")
            .repartition(Repartitioned.as("by-key"))
            .to("out");
        return builder.build();
    }

    @Test
    void dotIsAWellFormedDigraph() {
        String dot = storeAndRepartitionTopology().describe().toDot();
        assertThat(dot).startsWith("digraph topology {\n");
        assertThat(dot).endsWith("}\n");
        assertThat(count(dot, "{")).isEqualTo(count(dot, "}"));
        // Quotes are balanced on every line, and every statement line ends with ';'.
        for (String line : dot.split("\n")) {
            String unescaped = line.replace("\\\"", "");
            assertThat(count(unescaped, "\"") % 2).as("quotes in %s", line).isZero();
            String trimmed = line.trim();
            if (!trimmed.endsWith("{") && !trimmed.equals("}")) {
                assertThat(trimmed).as("statement %s", line).endsWith(";");
            }
        }
        // Braces never go below zero depth and close at the very end.
        int depth = 0;
        for (int i = 0; i < dot.length(); i++) {
            char c = dot.charAt(i);
            if (c == '"') {
                // skip quoted strings
                i++;
                while (dot.charAt(i) != '"') {
                    if (dot.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                assertThat(depth).isNotNegative();
                if (depth == 0) {
                    assertThat(dot.substring(i)).isEqualTo("}\n");
                }
            }
        }
        assertThat(depth).isZero();
    }

    @Test
    void dotHasOneClusterPerSubtopology() {
        TopologyDescription description = storeAndRepartitionTopology().describe();
        String dot = description.toDot();
        assertThat(description.subtopologies()).hasSize(2);
        assertThat(count(dot, "subgraph cluster_")).isEqualTo(2);
        assertThat(dot).contains("  subgraph cluster_0 {\n    label=\"Sub-topology 0\";\n");
        assertThat(dot).contains("  subgraph cluster_1 {\n    label=\"Sub-topology 1\";\n");
    }

    @Test
    void dotPutsEachNodeInsideItsCluster() {
        TopologyDescription description = storeAndRepartitionTopology().describe();
        String dot = description.toDot();
        for (Subtopology sub : description.subtopologies()) {
            int start = dot.indexOf("subgraph cluster_" + sub.id() + " {");
            int end = dot.indexOf("\n  }\n", start);
            String cluster = dot.substring(start, end);
            for (Node n : sub.nodes()) {
                assertThat(cluster).contains("\"node:" + n.name() + "\" [shape=box, label=\"" + n.name() + "\"];");
            }
        }
    }

    @Test
    void dotDrawsEachTopicOnceAsEllipseAndEachStoreAsCylinder() {
        String dot = storeAndRepartitionTopology().describe().toDot();
        assertThat(count(dot, "[shape=ellipse")).isEqualTo(3);
        assertThat(count(dot, "\"topic:in\" [shape=ellipse, label=\"in\"];")).isEqualTo(1);
        assertThat(count(dot, "\"topic:out\" [shape=ellipse, label=\"out\"];")).isEqualTo(1);
        // the repartition topic is written by one sub-topology and read by the other, but drawn once
        assertThat(count(dot, "\"topic:by-key-repartition\" [shape=ellipse, label=\"by-key-repartition\"];")).isEqualTo(1);
        assertThat(count(dot, "[shape=cylinder")).isEqualTo(1);
        assertThat(dot).contains("\"store:counts\" [shape=cylinder, label=\"counts\"];");
    }

    @Test
    void dotHasEdgesTopicToSourceNodeToNodeAndSinkToTopic() {
        String dot = storeAndRepartitionTopology().describe().toDot();
        assertThat(dot).contains("  \"topic:in\" -> \"node:KSTREAM-SOURCE-0000000000\";\n");
        assertThat(dot).contains("  \"node:KSTREAM-SOURCE-0000000000\" -> \"node:counter\";\n");
        assertThat(dot).contains("  \"node:counter\" -> \"node:by-key-repartition-filter\";\n");
        assertThat(dot).contains("  \"node:by-key-repartition-filter\" -> \"node:by-key-repartition-sink\";\n");
        assertThat(dot).contains("  \"node:by-key-repartition-sink\" -> \"topic:by-key-repartition\";\n");
        assertThat(dot).contains("  \"topic:by-key-repartition\" -> \"node:by-key-repartition-source\";\n");
        assertThat(dot).contains("  \"node:by-key-repartition-source\" -> \"node:KSTREAM-SINK-0000000004\";\n");
        assertThat(dot).contains("  \"node:KSTREAM-SINK-0000000004\" -> \"topic:out\";\n");
        assertThat(dot).contains("  \"node:counter\" -> \"store:counts\" [dir=both, style=dashed];\n");
        // no edge from the sink to the source across the repartition topic
        assertThat(dot).doesNotContain("\"node:by-key-repartition-sink\" -> \"node:");
        // exactly one edge per graph edge: 4 node->node, 2 topic->source, 2 sink->topic, 1 store
        assertThat(count(dot, " -> ")).isEqualTo(9);
    }

    @Test
    void everyDotEdgeEndpointIsDeclared() {
        String dot = storeAndRepartitionTopology().describe().toDot();
        Matcher edge = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\" -> \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dot);
        int edges = 0;
        while (edge.find()) {
            edges++;
            for (String id : List.of(edge.group(1), edge.group(2))) {
                assertThat(dot).as("declaration of %s", id).containsPattern(
                    Pattern.quote("\"" + id + "\" [shape="));
            }
        }
        assertThat(edges).isPositive();
    }

    @Test
    void dotEscapesQuotesAndBackslashesInNames() {
        Topology topology = new Topology()
            .addSource("say \"hi\"", "in")
            .addSink("back\\slash", "out", "say \"hi\"");
        String dot = topology.describe().toDot();
        assertThat(dot).contains("\"node:say \\\"hi\\\"\" [shape=box, label=\"say \\\"hi\\\"\"];");
        assertThat(dot).contains("\"node:back\\\\slash\" [shape=box, label=\"back\\\\slash\"];");
    }

    @Test
    void dotDrawsPatternSourceTopicAsThePattern() {
        Topology topology = new Topology()
            .addSource("src", Pattern.compile("orders-.*"))
            .addSink("sink", "out", "src");
        String dot = topology.describe().toDot();
        assertThat(dot).contains("\"topic:orders-.*\" [shape=ellipse, label=\"orders-.*\"];");
        assertThat(dot).contains("\"topic:orders-.*\" -> \"node:src\";");
    }

    // ---------------------------------------------------------------- Mermaid

    @Test
    void mermaidStartsWithFlowchartAndHasOneSubgraphPerSubtopology() {
        TopologyDescription description = storeAndRepartitionTopology().describe();
        String mermaid = description.toMermaid();
        assertThat(mermaid).startsWith("flowchart LR\n");
        assertThat(count(mermaid, "  subgraph ")).isEqualTo(2);
        assertThat(mermaid).contains("  subgraph sub0[\"Sub-topology 0\"]\n");
        assertThat(mermaid).contains("  subgraph sub1[\"Sub-topology 1\"]\n");
        assertThat(count(mermaid, "\n  end\n")).isEqualTo(2);
    }

    @Test
    void mermaidDeclaresEveryNodeInItsSubgraph() {
        TopologyDescription description = storeAndRepartitionTopology().describe();
        String mermaid = description.toMermaid();
        for (Subtopology sub : description.subtopologies()) {
            int start = mermaid.indexOf("subgraph sub" + sub.id() + "[");
            int end = mermaid.indexOf("\n  end\n", start);
            String block = mermaid.substring(start, end);
            for (Node n : sub.nodes()) {
                assertThat(block).contains("[\"" + n.name() + "\"]");
            }
            assertThat(count(block, "\n    ")).isEqualTo(sub.nodes().size());
        }
    }

    @Test
    void mermaidLinksTopicsNodesAndStores() {
        String mermaid = storeAndRepartitionTopology().describe().toMermaid();
        assertThat(mermaid).contains("([\"in\"]) --> ");
        assertThat(mermaid).contains(" --> ").contains("([\"out\"])");
        assertThat(mermaid).contains(" -.- ").contains("[(\"counts\")]");
        // 4 node->node, 2 topic->source, 2 sink->topic
        assertThat(count(mermaid, " --> ")).isEqualTo(8);
        assertThat(count(mermaid, " -.- ")).isEqualTo(1);
    }

    @Test
    void mermaidUsesPlainIdentifiersAndReusesThemPerName() {
        String mermaid = new Topology()
            .addSource("src", "in")
            .addProcessor("proc", passThrough(), "src")
            .addSink("sink", "out", "proc")
            .describe().toMermaid();
        Matcher m = Pattern.compile("^    (\\S+)\\[\"(.*)\"\\]$", Pattern.MULTILINE).matcher(mermaid);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            assertThat(m.group(1)).matches("[A-Za-z][A-Za-z0-9_]*");
            ids.add(m.group(1));
        }
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        // the edge src -> proc uses the ids declared for them
        assertThat(mermaid).contains("  " + ids.get(0) + " --> " + ids.get(1) + "\n");
        assertThat(mermaid).contains("  " + ids.get(1) + " --> " + ids.get(2) + "\n");
    }

    @Test
    void mermaidEscapesQuotesInNames() {
        Topology topology = new Topology()
            .addSource("say \"hi\"", "in \"quoted\" topic")
            .addProcessor("p \"1\"", passThrough(), "say \"hi\"")
            .addStateStore(new NoopStoreBuilder("st\"ore"), "p \"1\"");
        String mermaid = topology.describe().toMermaid();
        assertThat(mermaid).contains("[\"say #quot;hi#quot;\"]");
        assertThat(mermaid).contains("[\"p #quot;1#quot;\"]");
        assertThat(mermaid).contains("([\"in #quot;quoted#quot; topic\"])");
        assertThat(mermaid).contains("[(\"st#quot;ore\")]");
        // Inside every label, the only quotes are the delimiters.
        for (String line : mermaid.split("\n")) {
            assertThat(count(line, "\"") % 2).as("quotes in %s", line).isZero();
        }
        assertThat(mermaid).doesNotContain("hi\"").doesNotContain("\"1\"");
    }

    // ---------------------------------------------------------------- consistency between renderings

    @Test
    void allRenderingsMentionEveryNode() {
        TopologyDescription description = storeAndRepartitionTopology().describe();
        Consumer<String> check = rendering -> {
            for (Subtopology sub : description.subtopologies()) {
                for (Node n : sub.nodes()) {
                    assertThat(rendering).contains(n.name());
                }
            }
        };
        check.accept(description.toString());
        check.accept(description.toDot());
        check.accept(description.toMermaid());
    }
}
