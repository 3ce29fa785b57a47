package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.Names;

/**
 * How {@code groupBy} and {@code groupByKey} group records: the serdes used if records must go
 * through a repartition topic, and a name that fixes that topic's name
 * ({@code <application.id>-<name>-repartition}) and the name of the key-selecting node. Immutable:
 * every {@code with...} method returns a new option.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class Grouped<K, V> {
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    private Grouped(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /**
     * @param name the name of the grouping: letters, digits, '.', '_' and '-'
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if the name is not legal
     */
    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(Names.requireLegal(name, "grouping name"), null, null);
    }

    /**
     * @param keySerde the key serde, or {@code null} for the stream's or the default
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Grouped<K, V> keySerde(Serde<K> keySerde) {
        return new Grouped<>(null, keySerde, null);
    }

    /**
     * @param valueSerde the value serde, or {@code null} for the stream's or the default
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Grouped<K, V> valueSerde(Serde<V> valueSerde) {
        return new Grouped<>(null, null, valueSerde);
    }

    /**
     * @param keySerde the key serde, or {@code null}
     * @param valueSerde the value serde, or {@code null}
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, keySerde, valueSerde);
    }

    /**
     * @param name the name of the grouping, or {@code null} for a generated one
     * @param keySerde the key serde, or {@code null}
     * @param valueSerde the value serde, or {@code null}
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws IllegalArgumentException if the name is not legal
     */
    public static <K, V> Grouped<K, V> with(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(name == null ? null : Names.requireLegal(name, "grouping name"), keySerde, valueSerde);
    }

    /**
     * @param name the name of the grouping
     * @return a copy with the name
     * @throws IllegalArgumentException if the name is not legal
     */
    public Grouped<K, V> withName(String name) {
        return new Grouped<>(Names.requireLegal(name, "grouping name"), keySerde, valueSerde);
    }

    /**
     * @param keySerde the key serde, or {@code null}
     * @return a copy with the key serde
     */
    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /**
     * @param valueSerde the value serde, or {@code null}
     * @return a copy with the value serde
     */
    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** @return the name, or {@code null} if none was given */
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

    @Override
    public String toString() {
        return "Grouped(name=" + name + ", keySerde=" + keySerde + ", valueSerde=" + valueSerde + ")";
    }
}
