package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.state.KeyValueIterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Lock;

/**
 * A scan of a {@link RocksDBKeyValueStore} that has a {@link HeapCopy}: it goes through the entries the
 * copy held when the scan began, as a RocksDB iterator goes through its snapshot. Like the store's native
 * scans it fails once the store is closed.
 */
final class HeapCopyIterator implements KeyValueIterator<Bytes, byte[]> {
    private final RocksDBKeyValueStore store;
    private final List<KeyValue<Bytes, byte[]>> entries;
    private int position;
    private boolean closed;

    HeapCopyIterator(RocksDBKeyValueStore store, List<KeyValue<Bytes, byte[]>> entries) {
        this.store = store;
        this.entries = entries;
    }

    /** Checks the store and this iterator are open. */
    private void checkUsable() {
        Lock read = store.readLockForIterator();
        read.unlock();
        if (closed) {
            throw new InvalidStateStoreException("this iterator of state store '" + store.name() + "' is closed");
        }
    }

    @Override
    public boolean hasNext() {
        checkUsable();
        return position < entries.size();
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in this iterator of state store '" + store.name() + "'");
        }
        return entries.get(position++);
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in this iterator of state store '" + store.name() + "'");
        }
        return entries.get(position).key;
    }

    @Override
    public void close() {
        closed = true;
    }
}
