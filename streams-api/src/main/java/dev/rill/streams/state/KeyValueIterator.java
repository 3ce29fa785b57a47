package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.KeyValue;
import java.io.Closeable;
import java.util.Iterator;

/**
 * An iterator over store entries that holds resources (for RocksDB, a native iterator and a snapshot):
 * always close it, best with try-with-resources. An iterator sees the store as it was when it was
 * created; writes made while it is open may or may not be visible, depending on the store.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, Closeable {

    /** Releases the iterator's resources. Safe to call twice. */
    @Override
    void close();

    /**
     * @return the key of the next entry, without moving
     * @throws java.util.NoSuchElementException if there is no next entry
     */
    K peekNextKey();
}
