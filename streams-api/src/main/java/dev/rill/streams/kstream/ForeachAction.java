package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * An action on each record ({@code foreach}, {@code peek}).
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
@FunctionalInterface
public interface ForeachAction<K, V> {

    /**
     * @param key the record key
     * @param value the record value
     */
    void apply(K key, V value);
}
