package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.WriteBatch;
import org.rocksdb.RocksDBException;

/**
 * The whole content of one RocksDB column family (a key-value store, or one segment of a window or
 * session store) kept on the heap as well, with the keys written since the content last went to RocksDB.
 * Reads are answered here without a call into native code, and writes reach RocksDB as one write batch
 * per flush instead of one native call each, which is most of the cost of a store update.
 *
 * <p>A copy holds everything or it is not used: a store makes one only for a column family it creates
 * empty (so nothing in RocksDB is missing from it), and drops it, after writing the pending keys out,
 * when the application's {@link HeapCopyBudget} runs out. Entries are ordered as RocksDB orders keys
 * (unsigned bytes): a hash index answers point reads and updates of existing keys, a sorted map the scans.
 * Reads are thread-safe; writes and the pending-key methods come from one writer thread at a time.
 */
final class HeapCopy {
    /**
     * Estimated heap bytes of an entry beyond its key and value bytes: a node in each of the two maps and
     * the sorted map's share of index nodes, the slot, the key wrapper, two array headers and a pending-key
     * reference. Estimated high on purpose, as it is what keeps the copies within their budget.
     */
    static final int ENTRY_OVERHEAD_BYTES = 200;

    /** A key's value, shared by both maps, so that updating a key that exists touches only the hash index. */
    private static final class Slot {
        volatile byte[] value;
        /** Whether the key is in {@code pendingKeys}; writer only. */
        boolean pending;

        Slot(byte[] value) {
            this.value = value;
        }
    }

    /** Sized for a segment of a busy window store, so that it does not rehash many times as it fills. */
    private final ConcurrentHashMap<Bytes, Slot> index = new ConcurrentHashMap<>(4096);
    private final ConcurrentSkipListMap<Bytes, Slot> sorted = new ConcurrentSkipListMap<>();
    /** Keys written since the content last went to RocksDB, possibly repeated; writer only. */
    private final List<Bytes> pendingKeys = new ArrayList<>();
    /** The slot each pending key had when it became pending ({@code null} for a deletion); writer only. */
    private final List<Slot> pendingSlots = new ArrayList<>();
    private volatile long bytes;

    /**
     * @param key the key
     * @return its value, or {@code null}
     */
    byte[] get(Bytes key) {
        Slot slot = index.get(key);
        return slot == null ? null : slot.value;
    }

    /**
     * Writes a key; it stays pending until {@link #pendingWritten()}.
     *
     * @param key the key
     * @param value the value; {@code null} deletes
     * @return by how many bytes the estimated size grew (negative if it shrank)
     */
    long put(Bytes key, byte[] value) {
        Slot slot = index.get(key);
        byte[] old = slot == null ? null : slot.value;
        if (value == null) {
            if (slot != null) {
                index.remove(key);
                sorted.remove(key);
                addPending(key, null);
            }
        } else if (slot != null) {
            slot.value = value;
            if (!slot.pending) {
                slot.pending = true;
                addPending(key, slot);
            }
        } else {
            slot = new Slot(value);
            slot.pending = true;
            index.put(key, slot);
            sorted.put(key, slot);
            addPending(key, slot);
        }
        long delta = weight(key, value) - weight(key, old);
        bytes += delta;
        return delta;
    }

    private void addPending(Bytes key, Slot slot) {
        pendingKeys.add(key);
        pendingSlots.add(slot);
    }

    private static long weight(Bytes key, byte[] value) {
        return value == null ? 0 : ENTRY_OVERHEAD_BYTES + key.get().length + value.length;
    }

    /** @return the estimated heap size, in bytes */
    long bytes() {
        return bytes;
    }

    /** @return the number of entries */
    int size() {
        return index.size();
    }

    /** @return whether keys were written since the last {@link #pendingWritten()} */
    boolean hasPending() {
        return !pendingKeys.isEmpty();
    }

    /**
     * Adds the current value (or a deletion) of every pending key to a write batch; the keys stay pending
     * until the caller has written the batch and calls {@link #pendingWritten()}.
     *
     * @param batch the batch
     * @param family the column family the copy mirrors
     * @throws RocksDBException if the batch refuses an entry
     */
    void addPending(WriteBatch batch, ColumnFamilyHandle family) throws RocksDBException {
        for (Bytes key : pendingKeys) {
            Slot slot = index.get(key);
            if (slot == null) {
                batch.delete(family, key.get());
            } else {
                batch.put(family, key.get(), slot.value);
            }
        }
    }

    /** Forgets the pending keys: a batch holding them has reached RocksDB. */
    void pendingWritten() {
        for (Slot slot : pendingSlots) {
            if (slot != null) {
                slot.pending = false;
            }
        }
        pendingKeys.clear();
        pendingSlots.clear();
    }

    /**
     * Copies the entries between two bounds as they are now, so that the caller may write to the store
     * while it goes through them (as a RocksDB iterator, which reads a snapshot).
     *
     * @param lower the smallest key, inclusive, or {@code null} for none
     * @param upper the largest key, inclusive, or {@code null} for none
     * @param forward ascending if {@code true}, descending otherwise
     * @return the entries in that order
     */
    List<KeyValue<Bytes, byte[]>> snapshot(Bytes lower, Bytes upper, boolean forward) {
        NavigableMap<Bytes, Slot> range;
        if (lower != null && upper != null) {
            if (lower.compareTo(upper) > 0) {
                return List.of();
            }
            range = sorted.subMap(lower, true, upper, true);
        } else if (lower != null) {
            range = sorted.tailMap(lower, true);
        } else if (upper != null) {
            range = sorted.headMap(upper, true);
        } else {
            range = sorted;
        }
        List<KeyValue<Bytes, byte[]>> out = copyOf(range);
        if (!forward) {
            // Reversed here: each step of a descending skip-list iterator is a search from the top.
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * Copies the entries whose keys start with a prefix, ascending, as they are now.
     *
     * @param prefix the prefix
     * @return the entries
     */
    List<KeyValue<Bytes, byte[]>> snapshotWithPrefix(byte[] prefix) {
        Bytes from = Bytes.wrap(prefix);
        // The first key after every key with the prefix: the prefix without its trailing 0xFF bytes, the last
        // byte left incremented; none if the prefix is all 0xFF.
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return copyOf(sorted.subMap(from, true, Bytes.wrap(end), false));
            }
        }
        return copyOf(sorted.tailMap(from, true));
    }

    private static List<KeyValue<Bytes, byte[]>> copyOf(NavigableMap<Bytes, Slot> range) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        for (var e : range.entrySet()) {
            byte[] value = e.getValue().value;
            if (value != null) {
                out.add(KeyValue.pair(e.getKey(), value));
            }
        }
        return out;
    }
}
