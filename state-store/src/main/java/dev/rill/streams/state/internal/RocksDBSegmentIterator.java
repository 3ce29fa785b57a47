package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.state.KeyValueIterator;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A scan of a {@link RocksDBSegmentedBytesStore} over several segments (column families), one after the
 * other in the order given, each between the same byte bounds, keeping the entries the condition accepts.
 * A segment's native iterator is opened only when the scan reaches it, so a segment dropped meanwhile is
 * skipped; a segment with a {@link HeapCopy} is read from a snapshot of the copy taken at that moment; the store closes scans still open when it closes, and a scan used after that throws.
 */
final class RocksDBSegmentIterator implements KeyValueIterator<Bytes, byte[]> {
    private final RocksDBSegmentedBytesStore store;
    private final Iterator<RocksDBSegmentedBytesStore.Segment> segments;
    private final byte[] lower;
    private final byte[] upper;
    private final byte[] recordKey;
    private final Bytes lowerKey;
    private final Bytes upperKey;
    private final Predicate<byte[]> condition;
    private final boolean forward;
    private RocksIterator current;
    private Iterator<KeyValue<Bytes, byte[]>> copied;
    private KeyValue<Bytes, byte[]> next;
    private boolean closed;

    /**
     * @param recordKey the one record key searched for, or {@code null} for a search over several
     */
    RocksDBSegmentIterator(RocksDBSegmentedBytesStore store, List<RocksDBSegmentedBytesStore.Segment> segments,
                           byte[] recordKey, Bytes lower, Bytes upper, Predicate<byte[]> condition, boolean forward) {
        this.store = store;
        this.recordKey = recordKey;
        this.segments = segments.iterator();
        this.lower = lower == null ? null : lower.get();
        this.upper = upper == null ? null : upper.get();
        this.lowerKey = lower;
        this.upperKey = upper;
        this.condition = condition;
        this.forward = forward;
    }

    /** Moves to the next accepted entry across segments; called with the store's read lock held. */
    private void load() {
        while (true) {
            if (copied != null) {
                while (copied.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = copied.next();
                    if (condition.test(entry.key.get())) {
                        next = entry;
                        return;
                    }
                }
                copied = null;
            }
            if (current == null) {
                if (!segments.hasNext()) {
                    return;
                }
                RocksDBSegmentedBytesStore.Segment segment = segments.next();
                List<KeyValue<Bytes, byte[]>> entries = store.copiedEntries(segment, recordKey, lowerKey, upperKey, forward);
                if (entries != null) {
                    copied = entries.iterator();
                    continue;
                }
                current = store.newSegmentIterator(segment);
                if (current == null) {
                    continue;   // the segment was dropped since the scan began
                }
                seek();
            } else if (forward) {
                current.next();
            } else {
                current.prev();
            }
            if (!current.isValid() || !inBounds(current.key())) {
                checkStatus();
                current.close();
                current = null;
                continue;
            }
            byte[] key = current.key();
            if (condition.test(key)) {
                next = KeyValue.pair(Bytes.wrap(key), current.value());
                return;
            }
        }
    }

    private void seek() {
        if (forward) {
            if (lower == null) {
                current.seekToFirst();
            } else {
                current.seek(lower);
            }
        } else if (upper == null) {
            current.seekToLast();
        } else {
            current.seekForPrev(upper);
        }
    }

    private boolean inBounds(byte[] key) {
        return forward ? upper == null || Arrays.compareUnsigned(key, upper) <= 0
            : lower == null || Arrays.compareUnsigned(key, lower) >= 0;
    }

    private void checkStatus() {
        try {
            current.status();
        } catch (RocksDBException e) {
            current.close();
            current = null;
            throw store.iteratorFailure(e);
        }
    }

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
            if (next == null) {
                load();
            }
            return next != null;
        } finally {
            read.unlock();
        }
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in this iterator of state store '" + store.name() + "'");
        }
        KeyValue<Bytes, byte[]> result = next;
        next = null;
        return result;
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in this iterator of state store '" + store.name() + "'");
        }
        return next.key;
    }

    /** Releases the native iterator. Idempotent; never throws, even after the store closed. */
    @Override
    public void close() {
        store.forgetIterator(this);
        release();
    }

    /** Synchronized because the store's close may release the scan while its owner closes it. */
    synchronized void release() {
        if (!closed) {
            closed = true;
            next = null;
            copied = null;
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
