package dev.rill.streams.state;

import dev.rill.annotation.Stable;

/**
 * An iterator over the windows of one key: each entry's key is the window start in milliseconds since
 * the epoch, its value the window's value. It holds resources (for RocksDB, native iterators): close it,
 * best with try-with-resources.
 *
 * @param <V> value type
 */
@Stable
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {

    /** Releases the iterator's resources. Safe to call twice. */
    @Override
    void close();
}
