package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Folds one record into an aggregate ({@code aggregate}, and the adder and subtractor of
 * {@code KGroupedTable.aggregate}).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <VAgg> aggregate type
 */
@Stable
@FunctionalInterface
public interface Aggregator<K, V, VAgg> {

    /**
     * @param key the record key
     * @param value the record value
     * @param aggregate the aggregate so far
     * @return the new aggregate
     */
    VAgg apply(K key, V value, VAgg aggregate);
}
