package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Maps a value to a new value ({@code mapValues}, {@code flatMapValues}).
 *
 * @param <V> input value type
 * @param <VR> output value type
 */
@Stable
@FunctionalInterface
public interface ValueMapper<V, VR> {

    /**
     * @param value the record value, may be {@code null}
     * @return the new value
     */
    VR apply(V value);
}
