package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Combines two values of the same type into one ({@code reduce}). The first value of a key becomes
 * its aggregate as is; later values are combined with it.
 *
 * @param <V> value type
 */
@Stable
@FunctionalInterface
public interface Reducer<V> {

    /**
     * @param aggregate the aggregate so far
     * @param value the new value (for a subtractor: the value to take out)
     * @return the new aggregate
     */
    V apply(V aggregate, V value);
}
