package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import java.util.List;

/**
 * A key-value store a processor reads and writes. A {@code null} value is a deletion: {@code put(k, null)}
 * is {@code delete(k)}. Not thread-safe: a store belongs to one task.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {

    /**
     * @param key the key, not {@code null}
     * @param value the value; {@code null} deletes the key
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    void put(K key, V value);

    /**
     * Puts the value only if the key is absent.
     *
     * @param key the key, not {@code null}
     * @param value the value
     * @return the value already there, or {@code null} if the key was absent (and now holds {@code value})
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    V putIfAbsent(K key, V value);

    /**
     * Puts every entry, in order (a later entry for the same key wins).
     *
     * @param entries the entries; keys not {@code null}
     * @throws NullPointerException if a key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    void putAll(List<KeyValue<K, V>> entries);

    /**
     * @param key the key, not {@code null}
     * @return the value that was there, or {@code null}
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    V delete(K key);
}
