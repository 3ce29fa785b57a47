package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the partitions a record is written to, instead of hashing its key.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
@FunctionalInterface
public interface StreamPartitioner<K, V> {

    /**
     * @param topic the topic being written
     * @param key the record key
     * @param value the record value
     * @param numPartitions the topic's partition count
     * @return the partitions to write the record to (each in {@code [0, numPartitions)}); an empty set
     *     drops the record; {@code Optional.empty()} falls back to hashing the key
     */
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);
}
