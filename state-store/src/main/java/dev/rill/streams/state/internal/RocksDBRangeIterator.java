package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.state.KeyValueIterator;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Lock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A range, prefix or full scan of a {@link RocksDBKeyValueStore}, forward or backward, over RocksDB's
 * native iterator (which reads a consistent snapshot taken when the scan starts). It reads the next key
 * ahead, so that {@link #hasNext()} and {@link #peekNextKey()} need no extra native call. The store closes
 * its open scans when it closes, and a scan used after that throws.
 */
final class RocksDBRangeIterator implements KeyValueIterator<Bytes, byte[]> {
    private final RocksDBKeyValueStore store;
    private final RocksIterator iterator;
    private final boolean forward;
    private final byte[] from;
    private final byte[] to;
    private final byte[] prefix;
    private boolean closed;
    /** The key the iterator stands on if it is in bounds, else {@code null}: the end. */
    private byte[] nextKey;

    RocksDBRangeIterator(RocksDBKeyValueStore store, RocksIterator iterator, boolean forward, byte[] from, byte[] to, byte[] prefix) {
        this.store = store;
        this.iterator = iterator;
        this.forward = forward;
        this.from = from;
        this.to = to;
        this.prefix = prefix;
        try {
            if (forward) {
                if (from == null) {
                    iterator.seekToFirst();
                } else {
                    iterator.seek(from);
                }
            } else if (to == null) {
                iterator.seekToLast();
            } else {
                iterator.seekForPrev(to);
            }
            load();
        } catch (RuntimeException e) {
            iterator.close();
            throw e;
        }
    }

    /** Reads the key under the native iterator, or ends the iteration at the first key out of bounds. */
    private void load() {
        if (iterator.isValid()) {
            byte[] key = iterator.key();
            nextKey = inBounds(key) ? key : null;
            return;
        }
        nextKey = null;
        try {
            // An invalid iterator is either at the end or failed: only status() tells which.
            iterator.status();
        } catch (RocksDBException e) {
            throw store.iteratorFailure(e);
        }
    }

    private boolean inBounds(byte[] key) {
        if (prefix != null) {
            return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        }
        if (forward) {
            return to == null || Arrays.compareUnsigned(key, to) <= 0;
        }
        return from == null || Arrays.compareUnsigned(key, from) >= 0;
    }

    /** Takes the store's read lock and checks both the store and this iterator are open. */
    private Lock usable() {
        Lock read = store.readLockForIterator();
        if (closed) {
            read.unlock();
            throw new InvalidStateStoreException("this iterator of state store '" + store.name() + "' is closed");
        }
        return read;
    }

    @Override
    public boolean hasNext() {
        Lock read = usable();
        try {
            return nextKey != null;
        } finally {
            read.unlock();
        }
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        Lock read = usable();
        try {
            if (nextKey == null) {
                throw new NoSuchElementException("no more entries in this iterator of state store '" + store.name() + "'");
            }
            KeyValue<Bytes, byte[]> entry = KeyValue.pair(Bytes.wrap(nextKey), iterator.value());
            if (forward) {
                iterator.next();
            } else {
                iterator.prev();
            }
            load();
            return entry;
        } finally {
            read.unlock();
        }
    }

    @Override
    public Bytes peekNextKey() {
        Lock read = usable();
        try {
            if (nextKey == null) {
                throw new NoSuchElementException("no more entries in this iterator of state store '" + store.name() + "'");
            }
            return Bytes.wrap(nextKey);
        } finally {
            read.unlock();
        }
    }

    /** Releases the native iterator. Idempotent; never throws, even after the store closed. */
    @Override
    public void close() {
        store.forgetIterator(this);
        release();
    }

    /** Synchronized because the store's close may release the iterator while its owner closes it. */
    synchronized void release() {
        if (!closed) {
            closed = true;
            nextKey = null;
            iterator.close();
        }
    }
}
