package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.header.Headers;
import dev.rill.streams.kstream.internal.Change;
import dev.rill.streams.processor.StateStore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The buffer of {@code KTable.suppress}: the latest table update per key, ordered by a buffer time
 * (the window end, or the update's timestamp) and then by serialized key. A key updated again keeps
 * its place, so a key that keeps changing is still released on time. The buffer counts its records
 * and an estimate of the bytes they hold, which the operator compares with its limits.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public interface TimeOrderedChangeBuffer<K, V> extends StateStore {

    /**
     * Where a buffered update came from: its timestamp and headers, which it is emitted with, and the
     * input position that produced it.
     *
     * @param timestamp the update's timestamp, in epoch milliseconds
     * @param offset the input offset, or -1 if unknown
     * @param topic the input topic, or {@code null} if unknown
     * @param partition the input partition, or -1 if unknown
     * @param headers the update's headers
     */
    record Origin(long timestamp, long offset, String topic, int partition, Headers headers) {
    }

    /**
     * An update leaving the buffer.
     *
     * @param key the key
     * @param change the latest new value and the old value it replaced
     * @param origin where the latest update came from
     * @param <K> key type
     * @param <V> value type
     */
    record Eviction<K, V>(K key, Change<V> change, Origin origin) {
    }

    /**
     * Buffers an update, replacing the key's earlier one but keeping its buffer time.
     *
     * @param time the buffer time for a key not yet buffered, in epoch milliseconds
     * @param key the key, not {@code null}
     * @param change the update, not {@code null}
     * @param origin where it came from
     */
    void put(long time, K key, Change<V> change, Origin origin);

    /**
     * Removes the buffered updates in buffer order while {@code predicate} holds, handing each to
     * {@code callback} before removing it.
     *
     * @param predicate checked before each removal
     * @param callback receives each removed update
     */
    void evictWhile(BooleanSupplier predicate, Consumer<Eviction<K, V>> callback);

    /** @return the smallest buffer time held, or {@link Long#MAX_VALUE} if empty */
    long minTimestamp();

    /** @return the number of keys buffered */
    int numRecords();

    /** @return an estimate of the bytes the buffered keys, values and origins take */
    long bufferSize();
}
