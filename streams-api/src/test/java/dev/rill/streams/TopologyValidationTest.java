package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.StoreBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopologyValidationTest {

    // ---------------------------------------------------------------- helpers

    private static final class Forwarder implements Processor<Object, Object, Object, Object> {
        @Override
        public void process(Record<Object, Object> record) {
        }
    }

    private static ProcessorSupplier<Object, Object, Object, Object> supplier() {
        return Forwarder::new;
    }



    private static Topology sourceAndProcessor() {
        return new Topology()
            .addSource("src", "in")
            .addProcessor("proc", supplier(), "src");
    }

    // ---------------------------------------------------------------- duplicate names

    @Test
    void duplicateSourceNameIsRejected() {
        Topology topology = new Topology().addSource("src", "a");
        assertThatThrownBy(() -> topology.addSource("src", "b"))
            .isInstanceOf(TopologyException.class)
            .hasMessageStartingWith("Invalid topology: ")
            .hasMessageContaining("'src'")
            .hasMessageContaining("already added");
    }

    @Test
    void processorNamedLikeAnExistingSourceIsRejected() {
        Topology topology = new Topology().addSource("src", "a");
        assertThatThrownBy(() -> topology.addProcessor("src", supplier(), "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("a source named 'src' is already added");
    }

    @Test
    void duplicateProcessorNameIsRejected() {
        Topology topology = sourceAndProcessor();
        assertThatThrownBy(() -> topology.addProcessor("proc", supplier(), "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("a processor named 'proc' is already added");
    }

    @Test
    void sinkNamedLikeAnExistingProcessorIsRejected() {
        Topology topology = sourceAndProcessor();
        assertThatThrownBy(() -> topology.addSink("proc", "out", "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("a processor named 'proc' is already added");
    }

    @Test
    void duplicateSinkNameIsRejected() {
        Topology topology = sourceAndProcessor().addSink("sink", "out", "proc");
        assertThatThrownBy(() -> topology.addSink("sink", "other", "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("a sink named 'sink' is already added");
    }

    @Test
    void sourceNamedLikeAnExistingSinkIsRejectedAndDoesNotClaimItsTopic() {
        Topology topology = sourceAndProcessor().addSink("sink", "out", "proc");
        assertThatThrownBy(() -> topology.addSource("sink", "fresh-topic"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("a sink named 'sink' is already added");
        // the failed source did not register its topic
        assertThatCode(() -> topology.addSource("src2", "fresh-topic")).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- parents

    @Test
    void unknownParentIsRejectedNamingParentAndChild() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("proc", supplier(), "src", "ghost"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'ghost'")
            .hasMessageContaining("'proc'")
            .hasMessageContaining("not added yet");
    }

    @Test
    void unknownParentOfSinkIsRejected() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addSink("sink", "out", "ghost"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("parent 'ghost' of 'sink' is not added yet");
    }

    @Test
    void rejectedNodeIsNotAddedSoItsNameStaysFree() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("proc", supplier(), "ghost"))
            .isInstanceOf(TopologyException.class);
        assertThatCode(() -> topology.addProcessor("proc", supplier(), "src")).doesNotThrowAnyException();
        assertThat(topology.describe().toString()).contains("Processor: proc");
    }

    @Test
    void sinkAsParentIsRejected() {
        Topology topology = sourceAndProcessor().addSink("sink", "out", "proc");
        assertThatThrownBy(() -> topology.addProcessor("after-sink", supplier(), "sink"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("sink 'sink' cannot be the parent of 'after-sink'");
    }

    @Test
    void sinkAsParentOfSinkIsRejected() {
        Topology topology = sourceAndProcessor().addSink("sink", "out", "proc");
        assertThatThrownBy(() -> topology.addSink("sink2", "out2", "proc", "sink"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("sink 'sink' cannot be the parent of 'sink2'");
    }

    @Test
    void processorWithNoParentIsRejected() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("orphan", supplier()))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'orphan'")
            .hasMessageContaining("at least one parent");
    }

    @Test
    void processorWithNullParentArrayIsRejected() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("orphan", supplier(), (String[]) null))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'orphan' needs at least one parent");
    }

    @Test
    void sinkWithNoParentIsRejected() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addSink("sink", "out"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'sink' needs at least one parent");
    }

    @Test
    void selfParentIsRejected() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("loop", supplier(), "src", "loop"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'loop' cannot be its own parent");
    }

    @Test
    void sameParentGivenTwiceIsRejected() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("proc", supplier(), "src", "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("parent 'src' is given twice for 'proc'");
    }

    // ---------------------------------------------------------------- topics

    @Test
    void sameTopicReadByTwoSourcesIsRejected() {
        Topology topology = new Topology().addSource("first", "orders");
        assertThatThrownBy(() -> topology.addSource("second", "payments", "orders"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("topic 'orders'")
            .hasMessageContaining("source 'first'");
        // the rejected source claimed none of its topics
        assertThatCode(() -> topology.addSource("third", "payments")).doesNotThrowAnyException();
    }

    @Test
    void sourceWithoutTopicsIsRejected() {
        Topology topology = new Topology();
        assertThatThrownBy(() -> topology.addSource("empty"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("source 'empty' must read at least one topic");
    }

    @Test
    void sourceReadingAPatternNeedsNoTopicList() {
        Topology topology = new Topology();
        assertThatCode(() -> topology.addSource("src", Pattern.compile("a.*"))).doesNotThrowAnyException();
    }

    @Test
    void twoSinksMayWriteTheSameTopic() {
        Topology topology = sourceAndProcessor();
        assertThatCode(() -> topology.addSink("sink1", "out", "proc").addSink("sink2", "out", "src"))
            .doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- stores

    @Test
    void duplicateStoreIsRejected() {
        Topology topology = sourceAndProcessor().addStateStore(new NoopStoreBuilder("counts"), "proc");
        assertThatThrownBy(() -> topology.addStateStore(new NoopStoreBuilder("counts")))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'counts'")
            .hasMessageContaining("already added");
    }

    @Test
    void connectingAnUnknownStoreIsRejectedNamingStoreAndProcessor() {
        Topology topology = sourceAndProcessor();
        assertThatThrownBy(() -> topology.connectProcessorAndStateStores("proc", "missing-store"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("state store 'missing-store' is not added yet")
            .hasMessageContaining("processor 'proc'");
    }

    @Test
    void connectingAnUnknownProcessorIsRejected() {
        Topology topology = sourceAndProcessor().addStateStore(new NoopStoreBuilder("counts"));
        assertThatThrownBy(() -> topology.connectProcessorAndStateStores("ghost", "counts"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("processor 'ghost' is not added yet");
    }

    @Test
    void addingAStoreForAnUnknownProcessorIsRejected() {
        Topology topology = sourceAndProcessor();
        assertThatThrownBy(() -> topology.addStateStore(new NoopStoreBuilder("counts"), "ghost"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("processor 'ghost' is not added yet");
    }

    @Test
    void connectingAStoreToASourceOrSinkIsRejected() {
        Topology topology = sourceAndProcessor()
            .addSink("sink", "out", "proc")
            .addStateStore(new NoopStoreBuilder("counts"));
        assertThatThrownBy(() -> topology.connectProcessorAndStateStores("src", "counts"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'src' is a source, only processors can use state stores");
        assertThatThrownBy(() -> topology.connectProcessorAndStateStores("sink", "counts"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'sink' is a sink, only processors can use state stores");
    }

    @Test
    void supplierStoreClashingWithADifferentStoreOfTheSameNameIsRejected() {
        Topology topology = new Topology()
            .addSource("src", "in")
            .addStateStore(new NoopStoreBuilder("counts"));
        NoopStoreBuilder other = new NoopStoreBuilder("counts");
        ProcessorSupplier<Object, Object, Object, Object> withStore = new ProcessorSupplier<>() {
            @Override
            public Processor<Object, Object, Object, Object> get() {
                return new Forwarder();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(other);
            }
        };
        assertThatThrownBy(() -> topology.addProcessor("proc", withStore, "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("processor 'proc'")
            .hasMessageContaining("'counts'");
    }

    @Test
    void supplierBringingTheSameStoreBuilderTwiceSharesIt() {
        NoopStoreBuilder shared = new NoopStoreBuilder("shared");
        ProcessorSupplier<Object, Object, Object, Object> withStore = new ProcessorSupplier<>() {
            @Override
            public Processor<Object, Object, Object, Object> get() {
                return new Forwarder();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(shared);
            }
        };
        Topology topology = new Topology()
            .addSource("a", "in-a")
            .addProcessor("pa", withStore, "a")
            .addSource("b", "in-b")
            .addProcessor("pb", withStore, "b");
        assertThat(topology.model().storesOf("pa")).containsExactly("shared");
        assertThat(topology.model().storesOf("pb")).containsExactly("shared");
        assertThat(topology.describe().subtopologies()).hasSize(1);
    }

    // ---------------------------------------------------------------- suppliers

    @Test
    void supplierReturningTheSameInstanceTwiceIsRejected() {
        Forwarder sameInstance = new Forwarder();
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("shared-proc", () -> sameInstance, "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("processor 'shared-proc'")
            .hasMessageContaining("same instance");
        assertThat(topology.describe().toString()).doesNotContain("shared-proc");
    }

    @Test
    void fixedKeySupplierReturningTheSameInstanceTwiceIsRejectedByProcessValues() {
        FixedKeyProcessor<String, String, String> shared = record -> { };
        KStream<String, String> stream = new StreamsBuilder().stream("in");
        assertThatThrownBy(() -> stream.processValues(() -> shared, Named.as("shared-values")))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("processValues('shared-values')")
            .hasMessageContaining("same instance");
    }

    @Test
    void supplierReturningNullIsRejected() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("null-proc", () -> null, "src"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("processor 'null-proc'")
            .hasMessageContaining("returned null");
    }

    // ---------------------------------------------------------------- null arguments

    @Test
    void nullSourceNameIsRejectedNamingTheArgument() {
        assertThatThrownBy(() -> new Topology().addSource(null, "in"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("name");
    }

    @Test
    void nullTopicOfSourceIsRejectedNamingTheArgument() {
        assertThatThrownBy(() -> new Topology().addSource("src", "in", null))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("topic")
            .hasMessageContaining("'src'");
    }

    @Test
    void nullTopicArrayOfSourceIsRejectedNamingTheArgument() {
        assertThatThrownBy(() -> new Topology().addSource("src", (String[]) null))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("topic");
    }

    @Test
    void nullPatternIsRejectedNamingTheArgument() {
        assertThatThrownBy(() -> new Topology().addSource("src", (Pattern) null))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("topicPattern");
    }

    @Test
    void nullProcessorNameIsRejectedNamingTheArgument() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor(null, supplier(), "src"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("processor name");
    }

    @Test
    void nullSupplierIsRejectedNamingTheArgument() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("proc", null, "src"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("supplier")
            .hasMessageContaining("'proc'");
    }

    @Test
    void nullParentNameIsRejectedNamingTheArgument() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addProcessor("proc", supplier(), "src", null))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("parent")
            .hasMessageContaining("'proc'");
    }

    @Test
    void nullSinkNameIsRejectedNamingTheArgument() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addSink(null, "out", "src"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("sink name");
    }

    @Test
    void nullSinkTopicIsRejectedNamingTheArgument() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addSink("sink", (String) null, "src"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("topic");
    }

    @Test
    void nullTopicExtractorIsRejectedNamingTheArgument() {
        Topology topology = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> topology.addSink("sink", (TopicNameExtractor<Object, Object>) null, "src"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("topicExtractor");
    }

    @Test
    void nullStoreBuilderIsRejectedNamingTheArgument() {
        assertThatThrownBy(() -> sourceAndProcessor().addStateStore(null, "proc"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("store builder");
    }

    @Test
    void storeBuilderWithNullNameIsRejected() {
        assertThatThrownBy(() -> sourceAndProcessor().addStateStore(new NoopStoreBuilder(null), "proc"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("store name");
    }

    @Test
    void nullProcessorNameWhenConnectingIsRejectedNamingTheArgument() {
        Topology topology = sourceAndProcessor().addStateStore(new NoopStoreBuilder("counts"));
        assertThatThrownBy(() -> topology.connectProcessorAndStateStores(null, "counts"))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("processor name");
    }

    @Test
    void nullStoreNameWhenConnectingIsRejectedNamingTheArgument() {
        Topology topology = sourceAndProcessor().addStateStore(new NoopStoreBuilder("counts"));
        assertThatThrownBy(() -> topology.connectProcessorAndStateStores("proc", "counts", null))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("store names")
            .hasMessageContaining("'proc'");
    }

    // ---------------------------------------------------------------- DSL

    @Test
    void dslReadingTheSameTopicTwiceFailsAtBuildNamingTheTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("t");
        builder.stream("t");
        assertThatThrownBy(builder::build)
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("topic 't'")
            .hasMessageContaining("KSTREAM-SOURCE-0000000000");
    }

    @Test
    void dslReadingOneTopicInTwoSourceListsFailsAtBuild() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of("a", "t"));
        builder.stream("t", Consumed.as("second"));
        assertThatThrownBy(builder::build)
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("topic 't'");
    }

    @Test
    void dslProcessNamingAnUnknownStoreFailsAtBuild() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in");
        in.process(supplier(), "nowhere");
        assertThatThrownBy(builder::build)
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("state store 'nowhere'")
            .hasMessageContaining("KSTREAM-PROCESSOR-0000000001");
    }

    @Test
    void dslDuplicateStoreFailsAtBuild() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(new NoopStoreBuilder("dup"));
        builder.addStateStore(new NoopStoreBuilder("dup"));
        builder.stream("in");
        assertThatThrownBy(builder::build)
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("'dup'");
    }

    @Test
    void dslStoreMayBeAddedAfterTheProcessorNamingIt() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in");
        in.process(supplier(), "late");
        builder.addStateStore(new NoopStoreBuilder("late"));
        assertThatCode(builder::build).doesNotThrowAnyException();
    }
}
