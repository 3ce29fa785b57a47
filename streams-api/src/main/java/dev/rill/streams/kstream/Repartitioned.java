package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.Names;
import dev.rill.streams.processor.StreamPartitioner;

/**
 * How {@code KStream.repartition} writes its internal topic: the topic's name (which fixes it across
 * topology changes), serdes, partition count and partitioner. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class Repartitioned<K, V> {
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Integer numberOfPartitions;
    private final StreamPartitioner<K, V> partitioner;

    private Repartitioned(String name, Serde<K> keySerde, Serde<V> valueSerde, Integer numberOfPartitions, StreamPartitioner<K, V> partitioner) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.numberOfPartitions = numberOfPartitions;
        this.partitioner = partitioner;
    }

    /**
     * @param name the base of the internal topic's name ({@code <application.id>-<name>-repartition})
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public static <K, V> Repartitioned<K, V> as(String name) {
        return new Repartitioned<>(Names.requireLegal(name, "repartition name"), null, null, null, null);
    }

    /**
     * @param keySerde the key serde, or {@code null} for the stream's or the default
     * @param valueSerde the value serde, or {@code null} for the stream's or the default
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Repartitioned<>(null, keySerde, valueSerde, null, null);
    }

    /**
     * @param numberOfPartitions the internal topic's partition count, {@code >= 1}
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws IllegalArgumentException if the count is below 1
     */
    public static <K, V> Repartitioned<K, V> numberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(null, null, null, checkPartitions(numberOfPartitions), null);
    }

    /**
     * @param partitioner chooses partitions
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Repartitioned<K, V> streamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(null, null, null, null, partitioner);
    }

    /**
     * @param name the base of the internal topic's name
     * @return a copy with this name
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public Repartitioned<K, V> withName(String name) {
        return new Repartitioned<>(Names.requireLegal(name, "repartition name"), keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /**
     * @param keySerde the key serde
     * @return a copy with this key serde
     */
    public Repartitioned<K, V> withKeySerde(Serde<K> keySerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /**
     * @param valueSerde the value serde
     * @return a copy with this value serde
     */
    public Repartitioned<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /**
     * @param numberOfPartitions the partition count, {@code >= 1}
     * @return a copy with this partition count
     * @throws IllegalArgumentException if the count is below 1
     */
    public Repartitioned<K, V> withNumberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(name, keySerde, valueSerde, checkPartitions(numberOfPartitions), partitioner);
    }

    /**
     * @param partitioner chooses partitions
     * @return a copy with this partitioner
     */
    public Repartitioned<K, V> withStreamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** @return the name, or {@code null} to generate one */
    public String name() {
        return name;
    }

    /** @return the key serde, or {@code null} */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the value serde, or {@code null} */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** @return the partition count, or {@code null} to match the input's */
    public Integer numberOfPartitions() {
        return numberOfPartitions;
    }

    /** @return the partitioner, or {@code null} to hash the key */
    public StreamPartitioner<K, V> partitioner() {
        return partitioner;
    }

    private static int checkPartitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("numberOfPartitions must be >= 1, got " + n);
        }
        return n;
    }
}
