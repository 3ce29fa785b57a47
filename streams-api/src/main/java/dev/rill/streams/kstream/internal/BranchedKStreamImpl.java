package dev.rill.streams.kstream.internal;

import dev.rill.streams.kstream.Branched;
import dev.rill.streams.kstream.BranchedKStream;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Predicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a split: one splitter node, and one pass-through child per branch named
 * {@code <splitter name><branch name or position>}. The splitter's processors are created only when
 * the topology runs, by which time every branch has been declared.
 */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private final KStreamImpl<K, V> source;
    private final String splitterName;
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> branchNodes = new ArrayList<>();
    private final Map<String, KStream<K, V>> result = new LinkedHashMap<>();
    private String defaultNode;
    private boolean ended;

    BranchedKStreamImpl(KStreamImpl<K, V> source, Named named) {
        this.source = source;
        boolean generated = named == null;
        // Kafka Streams draws a number for the splitter and for each branch even when they are named;
        // drawing them too keeps later generated names the same as in Kafka Streams.
        String drawn = source.builder.newName("KSTREAM-BRANCH-");
        this.splitterName = generated ? drawn : named.name();
        source.builder.add(new GraphNode.ProcessorStep(splitterName, generated,
            KStreamImpl.supplier(() -> new StatelessProcessors.Split<K, V>(List.copyOf(predicates), List.copyOf(branchNodes), defaultNode)),
            List.of(source.name), List.of()));
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        return branch(predicate, Branched.withFunction(s -> s));
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        checkOpen();
        Objects.requireNonNull(predicate, "predicate must not be null");
        Objects.requireNonNull(branched, "branched must not be null");
        String child = addBranch(branched, String.valueOf(predicates.size() + 1));
        predicates.add(predicate);
        branchNodes.add(child);
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(Branched.withFunction(s -> s));
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        checkOpen();
        Objects.requireNonNull(branched, "branched must not be null");
        defaultNode = addBranch(branched, "0");
        ended = true;
        return result;
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        checkOpen();
        ended = true;
        return result;
    }

    private String addBranch(Branched<K, V> branched, String position) {
        source.builder.newName("KSTREAM-BRANCHCHILD-");
        String child = splitterName + (branched.name() != null ? branched.name() : position);
        if (child.equals(defaultNode) || branchNodes.contains(child)) {
            throw new IllegalArgumentException("split '" + splitterName + "' already has a branch named '" + child
                + "'; give each branch a distinct name");
        }
        source.builder.add(new GraphNode.ProcessorStep(child, branched.name() == null,
            KStreamImpl.supplier(StatelessProcessors.PassThrough::new), List.of(splitterName), List.of()));
        KStream<K, V> branch = new KStreamImpl<>(source.builder, child, source.keySerde, source.valueSerde, source.repartitionRequired);
        if (branched.chainConsumer() != null) {
            branched.chainConsumer().accept(branch);
        } else {
            KStream<K, V> chained = branched.chainFunction() != null ? branched.chainFunction().apply(branch) : branch;
            if (chained != null) {
                result.put(child, chained);
            }
        }
        return child;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("split '" + splitterName + "' is already ended by defaultBranch() or noDefaultBranch()");
        }
    }
}
