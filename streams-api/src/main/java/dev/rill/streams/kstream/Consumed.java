package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.Names;
import dev.rill.streams.processor.TimestampExtractor;
import java.util.Objects;

/**
 * How a source reads its topic: key and value serdes, a timestamp extractor and the source's name. Any
 * part left unset falls back to the application's defaults ({@code default.key.serde},
 * {@code default.value.serde}, {@code default.timestamp.extractor}). Immutable: each {@code with...}
 * returns a new instance.
 *
 * <pre>{@code
 * builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.Long()).withName("clicks-source"));
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class Consumed<K, V> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final TimestampExtractor timestampExtractor;
    private final String name;

    private Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor timestampExtractor, String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = timestampExtractor;
        this.name = name;
    }

    /**
     * @param keySerde the key serde, or {@code null} for the default
     * @param valueSerde the value serde, or {@code null} for the default
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null);
    }

    /**
     * @param keySerde the key serde, or {@code null} for the default
     * @param valueSerde the value serde, or {@code null} for the default
     * @param timestampExtractor the timestamp extractor, or {@code null} for the default
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, null);
    }

    /**
     * @param timestampExtractor the timestamp extractor
     * @param <K> key type
     * @param <V> value type
     * @return the option, with default serdes
     * @throws NullPointerException if the extractor is {@code null}
     */
    public static <K, V> Consumed<K, V> with(TimestampExtractor timestampExtractor) {
        return new Consumed<>(null, null, Objects.requireNonNull(timestampExtractor, "timestampExtractor must not be null"), null);
    }

    /**
     * @param processorName the source node's name
     * @param <K> key type
     * @param <V> value type
     * @return the option, with default serdes
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public static <K, V> Consumed<K, V> as(String processorName) {
        return new Consumed<>(null, null, null, Names.requireLegal(processorName, "source name"));
    }

    /**
     * @param keySerde the key serde, or {@code null} for the default
     * @return a copy with this key serde
     */
    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, name);
    }

    /**
     * @param valueSerde the value serde, or {@code null} for the default
     * @return a copy with this value serde
     */
    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, name);
    }

    /**
     * @param timestampExtractor the timestamp extractor, or {@code null} for the default
     * @return a copy with this extractor
     */
    public Consumed<K, V> withTimestampExtractor(TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, name);
    }

    /**
     * @param processorName the source node's name
     * @return a copy with this name
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public Consumed<K, V> withName(String processorName) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, Names.requireLegal(processorName, "source name"));
    }

    /** @return the key serde, or {@code null} for the default */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the value serde, or {@code null} for the default */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** @return the timestamp extractor, or {@code null} for the default */
    public TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }

    /** @return the source name, or {@code null} to generate one */
    public String name() {
        return name;
    }
}
