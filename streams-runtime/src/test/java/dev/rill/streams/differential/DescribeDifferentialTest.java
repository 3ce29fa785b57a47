package dev.rill.streams.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The same DSL code builds the same topology in Rill and in Kafka Streams: identical describe() text
 * (node names, generated-name numbering, sub-topology split and numbering, node order, layout), once
 * Rill's own additions (the {@code [generated]} marks and their footnote) are removed. The one thing
 * compared as a set is the list of neighbours on a {@code -->} or {@code <--} line: Kafka Streams' order
 * there depends on hash-map iteration while sizes are counted, Rill's on the final subtree sizes.
 */
class DescribeDifferentialTest {

    private record Case(String name, Consumer<dev.rill.streams.StreamsBuilder> rill, Consumer<org.apache.kafka.streams.StreamsBuilder> kafka) {
    }

    private static List<Case> cases() {
        return List.of(
            new Case("linear chain of unnamed operators",
                b -> b.<String, String>stream("in").filter((k, v) -> true).filterNot((k, v) -> false).mapValues(v -> v)
                    .mapValues((k, v) -> v).flatMapValues(v -> List.of(v)).peek((k, v) -> { }).to("out"),
                b -> b.<String, String>stream("in").filter((k, v) -> true).filterNot((k, v) -> false).mapValues(v -> v)
                    .mapValues((k, v) -> v).flatMapValues(v -> List.of(v)).peek((k, v) -> { }).to("out")),
            new Case("key-changing operators and a generated repartition",
                b -> b.<String, String>stream("in").selectKey((k, v) -> v).map((k, v) -> dev.rill.streams.KeyValue.pair(k, v))
                    .flatMap((k, v) -> List.of(dev.rill.streams.KeyValue.pair(k, v))).repartition().mapValues(v -> v).to("out"),
                b -> b.<String, String>stream("in").selectKey((k, v) -> v).map((k, v) -> org.apache.kafka.streams.KeyValue.pair(k, v))
                    .flatMap((k, v) -> List.of(org.apache.kafka.streams.KeyValue.pair(k, v))).repartition().mapValues(v -> v).to("out")),
            new Case("named operators still draw numbers",
                b -> b.<String, String>stream("in", dev.rill.streams.kstream.Consumed.as("src"))
                    .filter((k, v) -> true, dev.rill.streams.kstream.Named.as("f"))
                    .mapValues(v -> v, dev.rill.streams.kstream.Named.as("mv"))
                    .repartition(dev.rill.streams.kstream.Repartitioned.as("rp"))
                    .selectKey((k, v) -> k).repartition()
                    .to("out", dev.rill.streams.kstream.Produced.as("snk")),
                b -> b.<String, String>stream("in", org.apache.kafka.streams.kstream.Consumed.as("src"))
                    .filter((k, v) -> true, org.apache.kafka.streams.kstream.Named.as("f"))
                    .mapValues(v -> v, org.apache.kafka.streams.kstream.Named.as("mv"))
                    .repartition(org.apache.kafka.streams.kstream.Repartitioned.as("rp"))
                    .selectKey((k, v) -> k).repartition()
                    .to("out", org.apache.kafka.streams.kstream.Produced.as("snk"))),
            new Case("split with named and positional branches, merged back",
                b -> {
                    var branches = b.<String, String>stream("in").split(dev.rill.streams.kstream.Named.as("sp-"))
                        .branch((k, v) -> v.isEmpty(), dev.rill.streams.kstream.Branched.as("empty"))
                        .branch((k, v) -> v.length() > 3)
                        .defaultBranch();
                    branches.get("sp-empty").merge(branches.get("sp-2")).merge(branches.get("sp-0")).repartition().to("out");
                },
                b -> {
                    var branches = b.<String, String>stream("in").split(org.apache.kafka.streams.kstream.Named.as("sp-"))
                        .branch((k, v) -> v.isEmpty(), org.apache.kafka.streams.kstream.Branched.as("empty"))
                        .branch((k, v) -> v.length() > 3)
                        .defaultBranch();
                    branches.get("sp-empty").merge(branches.get("sp-2")).merge(branches.get("sp-0")).repartition().to("out");
                }),
            new Case("unnamed split without default branch, and foreach",
                b -> {
                    var s = b.<String, String>stream("in");
                    s.foreach((k, v) -> { });
                    s.split().branch((k, v) -> true).noDefaultBranch().values().forEach(x -> x.to("out"));
                },
                b -> {
                    var s = b.<String, String>stream("in");
                    s.foreach((k, v) -> { });
                    s.split().branch((k, v) -> true).noDefaultBranch().values().forEach(x -> x.to("out"));
                }),
            new Case("several sources, merge and fan-out",
                b -> {
                    var a = b.<String, String>stream("a");
                    var c = b.<String, String>stream(List.of("c1", "c2"));
                    var m = a.merge(c);
                    m.to("out1");
                    m.mapValues(v -> v).to("out2");
                    b.<String, String>stream("lonely", dev.rill.streams.kstream.Consumed.as("zz-source")).to("out3");
                },
                b -> {
                    var a = b.<String, String>stream("a");
                    var c = b.<String, String>stream(List.of("c1", "c2"));
                    var m = a.merge(c);
                    m.to("out1");
                    m.mapValues(v -> v).to("out2");
                    b.<String, String>stream("lonely", org.apache.kafka.streams.kstream.Consumed.as("zz-source")).to("out3");
                }),
            new Case("process and processValues, named and unnamed",
                b -> b.<String, String>stream("in")
                    .process(() -> new dev.rill.streams.processor.api.Processor<String, String, String, String>() {
                        @Override
                        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
                        }
                    }, dev.rill.streams.kstream.Named.as("p"))
                    .processValues(() -> new dev.rill.streams.processor.api.FixedKeyProcessor<String, String, String>() {
                        @Override
                        public void process(dev.rill.streams.processor.api.FixedKeyRecord<String, String> r) {
                        }
                    })
                    .process(() -> new dev.rill.streams.processor.api.Processor<String, String, String, String>() {
                        @Override
                        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
                        }
                    })
                    .to("out"),
                b -> b.<String, String>stream("in")
                    .process(() -> new org.apache.kafka.streams.processor.api.Processor<String, String, String, String>() {
                        @Override
                        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
                        }
                    }, org.apache.kafka.streams.kstream.Named.as("p"))
                    .processValues(() -> new org.apache.kafka.streams.processor.api.FixedKeyProcessor<String, String, String>() {
                        @Override
                        public void process(org.apache.kafka.streams.processor.api.FixedKeyRecord<String, String> r) {
                        }
                    })
                    .process(() -> new org.apache.kafka.streams.processor.api.Processor<String, String, String, String>() {
                        @Override
                        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
                        }
                    })
                    .to("out")),
            new Case("topic name extractor sink",
                b -> b.<String, String>stream("in").to((k, v, ctx) -> "t-" + k),
                b -> b.<String, String>stream("in").to((k, v, ctx) -> "t-" + k)));
    }

    @TestFactory
    Stream<DynamicTest> describeMatchesKafkaStreams() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            dev.rill.streams.StreamsBuilder rill = new dev.rill.streams.StreamsBuilder();
            c.rill().accept(rill);
            org.apache.kafka.streams.StreamsBuilder kafka = new org.apache.kafka.streams.StreamsBuilder();
            c.kafka().accept(kafka);
            assertThat(neighboursSorted(withoutRillAdditions(rill.build().describe().toString())))
                .isEqualTo(neighboursSorted(withoutExtractorClasses(kafka.build().describe().toString())));
        }));
    }

    /** The Processor API too: a diamond (counted once per path) against a longer chain, and fan-out. */
    @org.junit.jupiter.api.Test
    void handBuiltTopologyDescribesLikeKafkaStreams() {
        String[][] processors = {{"m", "src"}, {"b", "m"}, {"c", "m"}, {"d", "b", "c"}, {"e", "d"}, {"a", "src"}, {"a2", "a"},
            {"a3", "a2"}, {"a4", "a3"}, {"a5", "a4"}, {"a6", "a5"}};
        dev.rill.streams.Topology rill = new dev.rill.streams.Topology().addSource("src", "in");
        org.apache.kafka.streams.Topology kafka = new org.apache.kafka.streams.Topology().addSource("src", "in");
        for (String[] p : processors) {
            String[] parents = java.util.Arrays.copyOfRange(p, 1, p.length);
            rill.addProcessor(p[0], () -> new dev.rill.streams.processor.api.Processor<Object, Object, Object, Object>() {
                @Override
                public void process(dev.rill.streams.processor.api.Record<Object, Object> r) {
                }
            }, parents);
            kafka.addProcessor(p[0], () -> new org.apache.kafka.streams.processor.api.Processor<Object, Object, Object, Object>() {
                @Override
                public void process(org.apache.kafka.streams.processor.api.Record<Object, Object> r) {
                }
            }, parents);
        }
        rill.addSink("zz", "out-z", "e").addSink("out", "out", "a6", "c");
        kafka.addSink("zz", "out-z", "e").addSink("out", "out", "a6", "c");
        assertThat(neighboursSorted(withoutRillAdditions(rill.describe().toString())))
            .isEqualTo(neighboursSorted(kafka.describe().toString()));
    }

    /** @return Rill's description without its own additions, neighbour lists sorted */
    static String comparableRill(String description) {
        return neighboursSorted(withoutRillAdditions(description));
    }

    /** @return Kafka Streams' description with neighbour lists sorted */
    static String comparableKafka(String description) {
        return neighboursSorted(withoutExtractorClasses(description));
    }

    private static String withoutRillAdditions(String description) {
        String text = description.replace(" [generated]", "");
        int footnote = text.indexOf("[generated] marks");
        return withoutExtractorClasses(footnote < 0 ? text : text.substring(0, footnote));
    }

    private static String neighboursSorted(String description) {
        StringBuilder out = new StringBuilder();
        for (String line : description.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--> ") || trimmed.startsWith("<-- ")) {
                String[] names = trimmed.substring(4).split(", ");
                java.util.Arrays.sort(names);
                line = line.substring(0, line.indexOf(trimmed) + 4) + String.join(", ", names);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Lambda class names differ between the two builds; the rest of the line must match. */
    private static String withoutExtractorClasses(String description) {
        return description.replaceAll("extractor class: [^)]*\\)", "extractor class: <lambda>)");
    }
}
