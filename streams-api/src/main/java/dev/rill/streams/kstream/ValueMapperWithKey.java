package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Maps a value to a new value, seeing the key (read-only: changing a key object in place corrupts
 * partitioning).
 *
 * @param <K> key type
 * @param <V> input value type
 * @param <VR> output value type
 */
@Stable
@FunctionalInterface
public interface ValueMapperWithKey<K, V, VR> {

    /**
     * @param readOnlyKey the record key; do not modify it
     * @param value the record value
     * @return the new value
     */
    VR apply(K readOnlyKey, V value);
}
