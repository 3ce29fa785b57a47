package dev.rill.streams.kstream.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Named;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Adds the graph of a cogrouped aggregation: a repartition topic for each input whose key changed, one
 * aggregating processor per input (all on the one store), and a merge node that is the resulting
 * table. Names are drawn in the order Kafka Streams draws them, so the described topology is the same.
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
final class CogroupedAggregateBuilder<K, VOut> {
    static final String AGGREGATE_NAME = "COGROUPKSTREAM-AGGREGATE-";
    static final String MERGE_NAME = "COGROUPKSTREAM-MERGE-";

    private final InternalStreamsBuilder builder;
    // The node each input is read from, once its repartition topic (if any) exists; a second
    // aggregation of the same cogroup reuses it.
    private final Map<KGroupedStreamImpl<K, ?>, String> parents = new HashMap<>();

    CogroupedAggregateBuilder(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    /**
     * @param inputs the grouped streams with their aggregators, in the order they were added
     * @param named the user's base name, or {@code null}
     * @param storeName the shared store's name, already drawn
     * @param userNamedStore whether the user named the store (the repartition topics are then named by the user too)
     * @param aggregatorFor makes the processor of one input from its aggregator
     * @param keySerde the table's key serde, or {@code null}
     * @param valueSerde the table's value serde, or {@code null}
     * @param <KOut> the table's key type
     * @return the table
     */
    <KOut> KTable<KOut, VOut> build(Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> inputs, Named named,
                                    String storeName, boolean userNamedStore,
                                    Function<Aggregator<? super K, Object, VOut>, TableProcessorSupplier<K, Object, KOut, VOut>> aggregatorFor,
                                    Serde<KOut> keySerde, Serde<VOut> valueSerde) {
        addRepartitions(inputs, storeName, userNamedStore);
        List<TableProcessorSupplier<?, ?, KOut, VOut>> suppliers = new ArrayList<>();
        List<String> aggregators = new ArrayList<>();
        int index = 0;
        for (Map.Entry<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> input : inputs.entrySet()) {
            TableProcessorSupplier<K, Object, KOut, VOut> supplier = aggregatorFor.apply(input.getValue());
            String node = suffixed(named, "-cogroup-agg-" + index++, AGGREGATE_NAME);
            builder.add(new GraphNode.ProcessorStep(node, named == null, supplier, List.of(parents.get(input.getKey())), List.of()));
            suppliers.add(supplier);
            aggregators.add(node);
        }
        String merge = suffixed(named, "-cogroup-merge", MERGE_NAME);
        CogroupMergeSupplier<KOut, VOut> mergeSupplier = new CogroupMergeSupplier<>(suppliers, storeName);
        builder.add(new GraphNode.ProcessorStep(merge, named == null, mergeSupplier, aggregators, List.of()));
        return new KTableImpl<>(builder, merge, keySerde, valueSerde, mergeSupplier);
    }

    private String suffixed(Named named, String suffix, String prefix) {
        String drawn = builder.newName(prefix);
        return named == null ? drawn : named.name() + suffix;
    }

    private void addRepartitions(Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> inputs, String storeName,
                                 boolean userNamedStore) {
        for (KGroupedStreamImpl<K, ?> input : inputs.keySet()) {
            if (!input.repartitionRequired) {
                parents.put(input, input.name);
                continue;
            }
            // The names are drawn even when an earlier aggregation of this cogroup already added the
            // topic, as Kafka Streams does.
            GraphNode.RepartitionStep step = builder.repartition(input.repartitionName != null ? input.repartitionName : storeName,
                input.keySerde, input.valueSerde, null, null, input.name);
            if (!parents.containsKey(input)) {
                boolean generated = input.repartitionName == null && !userNamedStore;
                builder.add(new GraphNode.RepartitionStep(step.topic(), generated, step.filterName(), step.sinkName(), step.sourceName(),
                    step.keySerde(), step.valueSerde(), step.partitions(), step.partitioner(), step.parent()));
                parents.put(input, step.name());
            }
        }
    }
}
