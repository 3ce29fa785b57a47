package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The whole content of one RocksDB column family (a key-value store, or one segment of a window or
 * session store) kept on the heap as well, with the keys written since the content last went to RocksDB.
 * Reads are answered here without a call into native code, and writes reach RocksDB as one write batch
 * per flush instead of one native call each, which is most of the cost of a store update.
 *
 * <p>A copy holds everything or it is not used: a store makes one only for a column family it creates
 * empty (so nothing in RocksDB is missing from it), and drops it, after writing the pending keys out,
 * when the application's {@link HeapCopyBudget} runs out. A hash index answers point reads and updates
 * of existing keys. For scans, a key-value store's copy keeps all keys in one sorted map; a segment's
 * copy keeps a small sorted map per record key, since almost every scan of a window or session store is
 * for one record key, and a scan over several record keys sorts what it collects. Either way scans list
 * keys in RocksDB's order (unsigned bytes). Reads are thread-safe; writes and the pending-key methods
 * come from one writer thread at a time.
 */
final class HeapCopy {
    /**
     * Estimated heap bytes of an entry beyond its key and value bytes: a node in the hash index and in a
     * sorted map, the slot, the key wrapper, two array headers and a pending-key reference. Estimated high
     * on purpose, as it is what keeps the copies within their budget.
     */
    static final int ENTRY_OVERHEAD_BYTES = 200;

    /** A key's value, shared by the index and the sorted map, so an update of an existing key touches only the index. */
    private static final class Slot {
        volatile byte[] value;
        /** Whether the key is pending; writer only. */
        boolean pending;

        Slot(byte[] value) {
            this.value = value;
        }
    }

    /** Sized for a segment of a busy window store, so that it does not rehash many times as it fills. */
    private final ConcurrentHashMap<Bytes, Slot> index = new ConcurrentHashMap<>(4096);
    /** How many bytes at the end of a key follow the record key; 0 for a key-value store. */
    private final int suffixLength;
    /** All keys, sorted; key-value stores only. */
    private final ConcurrentSkipListMap<Bytes, Slot> sorted;
    /** The keys of each record key, sorted; segments only. Each map is guarded by its own monitor. */
    private final ConcurrentHashMap<Bytes, TreeMap<Bytes, Slot>> byRecordKey;
    /** The same maps in record-key order, for scans over several record keys; segments only. */
    private final ConcurrentSkipListMap<Bytes, TreeMap<Bytes, Slot>> recordKeyOrder;
    /** Keys written since the content last went to RocksDB, possibly repeated; writer only. */
    private final List<Bytes> pendingKeys = new ArrayList<>();
    /** The slot each pending key had when it became pending ({@code null} for a deletion); writer only. */
    private final List<Slot> pendingSlots = new ArrayList<>();
    private volatile long bytes;

    /**
     * @param suffixLength how many bytes at the end of each key follow the record key (see
     *     {@link StoreKeySchema#suffixLength()}), or 0 for a key-value store
     */
    HeapCopy(int suffixLength) {
        this.suffixLength = suffixLength;
        this.sorted = suffixLength == 0 ? new ConcurrentSkipListMap<>() : null;
        this.byRecordKey = suffixLength == 0 ? null : new ConcurrentHashMap<>();
        this.recordKeyOrder = suffixLength == 0 ? null : new ConcurrentSkipListMap<>();
    }

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
                removeSorted(key);
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
            insertSorted(key, slot);
            addPending(key, slot);
        }
        long delta = weight(key, value) - weight(key, old);
        bytes += delta;
        return delta;
    }

    private void insertSorted(Bytes key, Slot slot) {
        if (sorted != null) {
            sorted.put(key, slot);
            return;
        }
        Bytes recordKey = recordKeyOf(key);
        TreeMap<Bytes, Slot> group = byRecordKey.get(recordKey);
        if (group == null) {
            group = new TreeMap<>();
            byRecordKey.put(recordKey, group);
            recordKeyOrder.put(recordKey, group);
        }
        synchronized (group) {
            group.put(key, slot);
        }
    }

    private void removeSorted(Bytes key) {
        if (sorted != null) {
            sorted.remove(key);
            return;
        }
        // An emptied group stays: its record key is likely to be written again while the segment lives.
        TreeMap<Bytes, Slot> group = byRecordKey.get(recordKeyOf(key));
        if (group != null) {
            synchronized (group) {
                group.remove(key);
            }
        }
    }

    private Bytes recordKeyOf(Bytes key) {
        byte[] k = key.get();
        return Bytes.wrap(Arrays.copyOf(k, k.length - suffixLength));
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
     * @param recordKey for a segment, the one record key the caller wants (it drops every other anyway), or
     *     {@code null} for any
     * @param lower the smallest key, inclusive, or {@code null} for none
     * @param upper the largest key, inclusive, or {@code null} for none
     * @param forward ascending if {@code true}, descending otherwise
     * @return the entries in that order
     */
    List<KeyValue<Bytes, byte[]>> snapshot(byte[] recordKey, Bytes lower, Bytes upper, boolean forward) {
        if (lower != null && upper != null && lower.compareTo(upper) > 0) {
            return List.of();
        }
        List<KeyValue<Bytes, byte[]>> out;
        if (sorted != null) {
            out = copyOf(between(sorted, lower, upper));
        } else if (recordKey != null) {
            TreeMap<Bytes, Slot> group = byRecordKey.get(Bytes.wrap(recordKey));
            if (group == null) {
                return List.of();
            }
            synchronized (group) {
                out = copyOf(between(group, lower, upper));
            }
        } else {
            out = new ArrayList<>();
            for (TreeMap<Bytes, Slot> group : recordKeyOrder.values()) {
                synchronized (group) {
                    out.addAll(copyOf(between(group, lower, upper)));
                }
            }
            // Groups come in record-key order, which differs from the order of whole keys only where one
            // record key is a prefix of another: the list is nearly sorted, which a merge sort handles fast.
            out.sort((a, b) -> a.key.compareTo(b.key));
        }
        if (!forward) {
            // Reversed here: each step of a descending skip-list iterator is a search from the top.
            Collections.reverse(out);
        }
        return out;
    }

    private static NavigableMap<Bytes, Slot> between(NavigableMap<Bytes, Slot> map, Bytes lower, Bytes upper) {
        if (lower != null && upper != null) {
            return map.subMap(lower, true, upper, true);
        } else if (lower != null) {
            return map.tailMap(lower, true);
        } else if (upper != null) {
            return map.headMap(upper, true);
        }
        return map;
    }

    /**
     * Copies the entries whose keys start with a prefix, ascending, as they are now; key-value stores only.
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

    private static List<KeyValue<Bytes, byte[]>> copyOf(Map<Bytes, Slot> range) {
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
