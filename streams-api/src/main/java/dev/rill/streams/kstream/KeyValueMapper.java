package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Maps a key and value to a new result: a new key ({@code selectKey}), a new {@code KeyValue}
 * ({@code map}) or an iterable of them ({@code flatMap}).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <VR> result type
 */
@Stable
@FunctionalInterface
public interface KeyValueMapper<K, V, VR> {

    /**
     * @param key the record key
     * @param value the record value
     * @return the result
     */
    VR apply(K key, V value);
}
