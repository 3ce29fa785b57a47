package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Decides whether a record passes ({@code filter}, {@code split().branch}). Must not have side effects that
 * depend on being called exactly once.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
@FunctionalInterface
public interface Predicate<K, V> {

    /**
     * @param key the record key, may be {@code null}
     * @param value the record value, may be {@code null}
     * @return {@code true} if the record passes
     */
    boolean test(K key, V value);
}
