package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serializer;

/**
 * Read access to a key-value store, as given to interactive queries. Keys are ordered by their
 * serialized bytes, compared as unsigned values (so for String keys in UTF-8, by code point); ranges
 * follow that order.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface ReadOnlyKeyValueStore<K, V> {

    /**
     * @param key the key, not {@code null}
     * @return the value, or {@code null} if the key is absent
     * @throws NullPointerException if the key is {@code null}
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    V get(K key);

    /**
     * Entries with {@code from <= key <= to}, ascending. A {@code null} bound is open. If {@code from}
     * is after {@code to} the range is empty.
     *
     * @param from the lowest key, inclusive, or {@code null}
     * @param to the highest key, inclusive, or {@code null}
     * @return an iterator to close after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<K, V> range(K from, K to);

    /**
     * Entries with {@code from <= key <= to}, descending.
     *
     * @param from the lowest key, inclusive, or {@code null}
     * @param to the highest key, inclusive, or {@code null}
     * @return an iterator to close after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<K, V> reverseRange(K from, K to);

    /**
     * @return every entry, ascending; close the iterator after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<K, V> all();

    /**
     * @return every entry, descending; close the iterator after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<K, V> reverseAll();

    /**
     * Entries whose serialized key starts with the serialized prefix, ascending.
     *
     * @param prefix the prefix, not {@code null}
     * @param prefixKeySerializer serializes the prefix (its type may differ from the key type)
     * @param <PS> prefix type
     * @param <P> serializer's type
     * @return an iterator to close after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer);

    /**
     * @return an estimate of the number of entries: exact for an in-memory store without a cache;
     *     RocksDB's estimate for persistent ones (it may count overwritten or deleted keys until
     *     compaction); with a cache, writes not yet committed are added, so it may count a key twice
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    long approximateNumEntries();
}
