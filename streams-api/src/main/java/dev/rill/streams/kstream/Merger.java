package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Combines the aggregates of two sessions that a new record joins into one session.
 *
 * @param <K> key type
 * @param <VAgg> aggregate type
 */
@Stable
@FunctionalInterface
public interface Merger<K, VAgg> {

    /**
     * @param aggKey the key of both sessions
     * @param aggOne the aggregate of one session
     * @param aggTwo the aggregate of the other session
     * @return the aggregate of the merged session
     */
    VAgg apply(K aggKey, VAgg aggOne, VAgg aggTwo);
}
