package dev.rill.streams;

import dev.rill.annotation.Stable;
import java.util.Objects;

/**
 * A key and a value. Immutable when its parts are; either may be {@code null}.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class KeyValue<K, V> {

    /** The key. */
    public final K key;

    /** The value. */
    public final V value;

    /**
     * @param key the key
     * @param value the value
     */
    public KeyValue(K key, V value) {
        this.key = key;
        this.value = value;
    }

    /**
     * @param key the key
     * @param value the value
     * @param <K> key type
     * @param <V> value type
     * @return a new pair
     */
    public static <K, V> KeyValue<K, V> pair(K key, V value) {
        return new KeyValue<>(key, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue<?, ?> kv && Objects.equals(key, kv.key) && Objects.equals(value, kv.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value);
    }

    @Override
    public String toString() {
        return "KeyValue(" + key + ", " + value + ")";
    }
}
