package dev.rill.streams.processor;

import dev.rill.annotation.Stable;

/** Receives a store's changelog records when the store is rebuilt. */
@Stable
@FunctionalInterface
public interface StateRestoreCallback {

    /**
     * Applies one changelog record.
     *
     * @param key the serialized key
     * @param value the serialized value; {@code null} is a deletion
     */
    void restore(byte[] key, byte[] value);
}
