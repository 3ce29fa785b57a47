package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.Names;
import dev.rill.streams.processor.StreamPartitioner;

/**
 * How a sink writes its topic: key and value serdes, a partitioner and the sink's name. Serdes left unset
 * are those of the stream when they are known (it was read with {@link Consumed} and its types did not
 * change), else the application's defaults. Immutable: each {@code with...} returns a new instance.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class Produced<K, V> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final StreamPartitioner<? super K, ? super V> partitioner;
    private final String name;

    private Produced(Serde<K> keySerde, Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner, String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.partitioner = partitioner;
        this.name = name;
    }

    /**
     * @param keySerde the key serde, or {@code null} for the default
     * @param valueSerde the value serde, or {@code null} for the default
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, null, null);
    }

    /**
     * @param keySerde the key serde, or {@code null} for the default
     * @param valueSerde the value serde, or {@code null} for the default
     * @param partitioner chooses partitions, or {@code null} to hash the key
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, null);
    }

    /**
     * @param keySerde the key serde
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Produced<K, V> keySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, null, null, null);
    }

    /**
     * @param valueSerde the value serde
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Produced<K, V> valueSerde(Serde<V> valueSerde) {
        return new Produced<>(null, valueSerde, null, null);
    }

    /**
     * @param partitioner chooses partitions
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Produced<K, V> streamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(null, null, partitioner, null);
    }

    /**
     * @param processorName the sink node's name
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public static <K, V> Produced<K, V> as(String processorName) {
        return new Produced<>(null, null, null, Names.requireLegal(processorName, "sink name"));
    }

    /**
     * @param keySerde the key serde
     * @return a copy with this key serde
     */
    public Produced<K, V> withKeySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, name);
    }

    /**
     * @param valueSerde the value serde
     * @return a copy with this value serde
     */
    public Produced<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, name);
    }

    /**
     * @param partitioner chooses partitions
     * @return a copy with this partitioner
     */
    public Produced<K, V> withStreamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, name);
    }

    /**
     * @param processorName the sink node's name
     * @return a copy with this name
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public Produced<K, V> withName(String processorName) {
        return new Produced<>(keySerde, valueSerde, partitioner, Names.requireLegal(processorName, "sink name"));
    }

    /** @return the key serde, or {@code null} if unset */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the value serde, or {@code null} if unset */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** @return the partitioner, or {@code null} to hash the key */
    public StreamPartitioner<? super K, ? super V> partitioner() {
        return partitioner;
    }

    /** @return the sink name, or {@code null} to generate one */
    public String name() {
        return name;
    }
}
