package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.FixedKeyProcessorSupplier;
import dev.rill.streams.processor.api.ProcessorSupplier;

/**
 * An unbounded stream of key-value records, each processed on its own. Operators return a new stream
 * and leave this one as it is, so a stream can feed several operators. Every operator takes an optional
 * {@link Named} to fix its node name.
 *
 * <p>Operators that may change the key ({@link #map}, {@link #flatMap}, {@link #selectKey},
 * {@link #process}) mark the result as needing a repartition before a later stateful operator, because
 * records with equal keys may now sit in different partitions.
 *
 * <p>Stateless operators pass records with {@code null} keys and values through untouched; grouping and
 * joining operators drop {@code null} keys and count them.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface KStream<K, V> {

    /**
     * Keeps the records that pass a predicate.
     *
     * @param predicate the test
     * @return the filtered stream
     */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    /**
     * Keeps the records that pass a predicate.
     *
     * @param predicate the test
     * @param named the operator name
     * @return the filtered stream
     */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /**
     * Drops the records that pass a predicate.
     *
     * @param predicate the test
     * @return the filtered stream
     */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /**
     * Drops the records that pass a predicate.
     *
     * @param predicate the test
     * @param named the operator name
     * @return the filtered stream
     */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /**
     * Replaces each record's key; the value stays. Marks the stream for repartitioning.
     *
     * @param mapper computes the new key
     * @param <KR> new key type
     * @return the re-keyed stream
     */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /**
     * Replaces each record's key; the value stays. Marks the stream for repartitioning.
     *
     * @param mapper computes the new key
     * @param named the operator name
     * @param <KR> new key type
     * @return the re-keyed stream
     */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /**
     * Replaces each record by a new key-value pair. Marks the stream for repartitioning.
     *
     * @param mapper computes the new pair; returning {@code null} is an error naming this operator
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream
     */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper);

    /**
     * Replaces each record by a new key-value pair. Marks the stream for repartitioning.
     *
     * @param mapper computes the new pair
     * @param named the operator name
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream
     */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named);

    /**
     * Replaces each record's value; the key stays, so no repartition is needed.
     *
     * @param mapper computes the new value
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /**
     * Replaces each record's value; the key stays.
     *
     * @param mapper computes the new value
     * @param named the operator name
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    /**
     * Replaces each record's value, seeing the key; the key stays.
     *
     * @param mapper computes the new value
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    /**
     * Replaces each record's value, seeing the key; the key stays.
     *
     * @param mapper computes the new value
     * @param named the operator name
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /**
     * Replaces each record by zero or more key-value pairs, all with the input record's timestamp and
     * headers. Marks the stream for repartitioning.
     *
     * @param mapper computes the new pairs; {@code null} is an error naming this operator
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream
     */
    <KR, VR> KStream<KR, VR> flatMap(KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper);

    /**
     * Replaces each record by zero or more key-value pairs. Marks the stream for repartitioning.
     *
     * @param mapper computes the new pairs
     * @param named the operator name
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream
     */
    <KR, VR> KStream<KR, VR> flatMap(KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper, Named named);

    /**
     * Replaces each record by zero or more records with the same key.
     *
     * @param mapper computes the new values; {@code null} is an error naming this operator
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

    /**
     * Replaces each record by zero or more records with the same key.
     *
     * @param mapper computes the new values
     * @param named the operator name
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    /**
     * Replaces each record by zero or more records with the same key, seeing the key.
     *
     * @param mapper computes the new values
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper);

    /**
     * Replaces each record by zero or more records with the same key, seeing the key.
     *
     * @param mapper computes the new values
     * @param named the operator name
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    /**
     * Runs an action on each record and passes it on unchanged.
     *
     * @param action the action
     * @return an identical stream
     */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    /**
     * Runs an action on each record and passes it on unchanged.
     *
     * @param action the action
     * @param named the operator name
     * @return an identical stream
     */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    /**
     * Runs an action on each record; ends the stream.
     *
     * @param action the action
     */
    void foreach(ForeachAction<? super K, ? super V> action);

    /**
     * Runs an action on each record; ends the stream.
     *
     * @param action the action
     * @param named the operator name
     */
    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    /**
     * Splits the stream into branches by predicates.
     *
     * @return the branch builder
     */
    BranchedKStream<K, V> split();

    /**
     * Splits the stream into branches by predicates.
     *
     * @param named the split node's name, which also prefixes the branch names
     * @return the branch builder
     */
    BranchedKStream<K, V> split(Named named);

    /**
     * Merges another stream into this one. Records keep their relative order within each input; across
     * inputs they come in processing order.
     *
     * @param stream the other stream
     * @return the merged stream
     */
    KStream<K, V> merge(KStream<K, V> stream);

    /**
     * Merges another stream into this one.
     *
     * @param stream the other stream
     * @param named the operator name
     * @return the merged stream
     */
    KStream<K, V> merge(KStream<K, V> stream, Named named);

    /**
     * Writes the stream through an internal topic, partitioned by the current key, and reads it back; starts
     * a new sub-topology. The topic name is generated and marked as such in {@code describe()}: use
     * {@link #repartition(Repartitioned)} with a name to fix it.
     *
     * @return the repartitioned stream
     */
    KStream<K, V> repartition();

    /**
     * Writes the stream through an internal topic, partitioned by the current key, and reads it back.
     *
     * @param repartitioned the topic's name, serdes, partition count and partitioner
     * @return the repartitioned stream
     */
    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /**
     * Writes the stream to a topic.
     *
     * @param topic the topic name
     */
    void to(String topic);

    /**
     * Writes the stream to a topic.
     *
     * @param topic the topic name
     * @param produced serdes, partitioner and sink name
     */
    void to(String topic, Produced<K, V> produced);

    /**
     * Writes each record to the topic an extractor picks.
     *
     * @param topicExtractor picks the topic per record
     */
    void to(TopicNameExtractor<? super K, ? super V> topicExtractor);

    /**
     * Writes each record to the topic an extractor picks.
     *
     * @param topicExtractor picks the topic per record
     * @param produced serdes, partitioner and sink name
     */
    void to(TopicNameExtractor<? super K, ? super V> topicExtractor, Produced<K, V> produced);

    /**
     * Runs a {@link dev.rill.streams.processor.api.Processor} on each record; it may forward any records,
     * with any keys (so the result is marked for repartitioning), read the named stores and schedule
     * punctuations.
     *
     * @param processorSupplier creates the processor, once per task
     * @param stateStoreNames stores to connect to the processor (added with
     *     {@code StreamsBuilder.addStateStore} or returned by the supplier)
     * @param <KOut> output key type
     * @param <VOut> output value type
     * @return the stream of forwarded records
     */
    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, String... stateStoreNames);

    /**
     * Runs a processor on each record.
     *
     * @param processorSupplier creates the processor, once per task
     * @param named the operator name
     * @param stateStoreNames stores to connect to the processor
     * @param <KOut> output key type
     * @param <VOut> output value type
     * @return the stream of forwarded records
     */
    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, Named named, String... stateStoreNames);

    /**
     * Runs a {@link dev.rill.streams.processor.api.FixedKeyProcessor} on each record: it may change values
     * but not keys, so no repartition is needed.
     *
     * @param processorSupplier creates the processor, once per task
     * @param stateStoreNames stores to connect to the processor
     * @param <VOut> output value type
     * @return the stream of forwarded records
     */
    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, String... stateStoreNames);

    /**
     * Runs a fixed-key processor on each record.
     *
     * @param processorSupplier creates the processor, once per task
     * @param named the operator name
     * @param stateStoreNames stores to connect to the processor
     * @param <VOut> output value type
     * @return the stream of forwarded records
     */
    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, Named named, String... stateStoreNames);

    /**
     * Groups the records by their current key, for aggregation. If an upstream operator may have
     * changed the key, records go through a repartition topic first.
     *
     * @return the grouped stream, with this stream's serdes
     */
    KGroupedStream<K, V> groupByKey();

    /**
     * @param grouped serdes for the repartition topic (if one is needed) and its name
     * @return the grouped stream
     * @throws NullPointerException if {@code grouped} is {@code null}
     */
    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    /**
     * Groups the records by a new key, through a repartition topic. Records for which the selector
     * returns {@code null} are dropped by the aggregation.
     *
     * @param keySelector computes the new key
     * @param <KR> new key type
     * @return the grouped stream
     * @throws NullPointerException if {@code keySelector} is {@code null}
     */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector);

    /**
     * @param keySelector computes the new key
     * @param grouped serdes and name of the repartition topic; the name also names the key-selecting node
     * @param <KR> new key type
     * @return the grouped stream
     * @throws NullPointerException if an argument is {@code null}
     */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

    /**
     * Reads this stream as a table: each record updates the row of its key, a {@code null} value
     * deletes it, and a record with a {@code null} key is dropped.
     *
     * @return the table
     */
    KTable<K, V> toTable();

    /**
     * @param named the node name
     * @return the table
     * @throws NullPointerException if {@code named} is {@code null}
     */
    KTable<K, V> toTable(Named named);

    /**
     * @param materialized the table's store; only a named store is created unless a downstream operator needs one
     * @return the table
     * @throws NullPointerException if {@code materialized} is {@code null}
     */
    KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param named the node name
     * @param materialized the table's store
     * @return the table
     * @throws NullPointerException if an argument is {@code null}
     */
    KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);
}
