package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A key-value store of serialized keys and values held in a {@link TreeMap} on the heap, ordered as
 * {@link Bytes} orders (unsigned lexicographic): the bytes store behind
 * {@code Stores.inMemoryKeyValueStore}. Its content does not survive the process; with logging on, the
 * task rebuilds it from the changelog.
 *
 * <p>Iterators iterate over a snapshot of their range taken when they are created: writes made while
 * an iterator is open are not visible to it, and writing while iterating is safe. Taking the snapshot
 * costs time and memory proportional to the size of the range.
 *
 * <p>Value arrays are kept as given, not copied: callers must not change an array after putting it or
 * after reading it. Not thread-safe: a store belongs to one task.
 */
@Internal
public final class InMemoryKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final TreeMap<Bytes, byte[]> map = new TreeMap<>();
    private volatile boolean open;

    /**
     * Creates a closed store; {@link #init} opens it.
     *
     * @param name the store name
     * @throws NullPointerException if the name is {@code null}
     */
    public InMemoryKeyValueStore(String name) {
        this.name = Objects.requireNonNull(name, "store name must not be null");
    }

    /** @return the store name */
    @Override
    public String name() {
        return name;
    }

    /**
     * Opens the store and registers it (as {@code root}) for restoration with a
     * {@link BatchingStateRestoreCallback}: restored records are written straight into the map, in order,
     * not through the outer layers, so they are not logged again.
     *
     * @param context the task's store context
     * @param root the outermost store of the wrapping chain
     * @throws IllegalStateException if the store is already open
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("in-memory state store '" + name + "' is already open");
        }
        BatchingStateRestoreCallback restorer = this::restoreBatch;
        context.register(root, restorer);
        open = true;
    }

    /**
     * Applies restored changelog records in order, straight into the map. Every record and key is checked
     * first, so a {@code null} one leaves the store unchanged; beyond that the batch is not atomic (a
     * failed batch is restored again, and writing a key twice gives the same map).
     */
    private void restoreBatch(Collection<KeyValue<byte[], byte[]>> records) {
        Objects.requireNonNull(records, () -> "restored records of state store '" + name + "' must not be null");
        for (KeyValue<byte[], byte[]> record : records) {
            Objects.requireNonNull(record, () -> "restored record of state store '" + name + "' is null");
            Objects.requireNonNull(record.key, () -> "restored key of state store '" + name + "' is null");
        }
        for (KeyValue<byte[], byte[]> record : records) {
            write(Bytes.wrap(record.key), record.value);
        }
    }

    /** Does nothing: the data lives only in memory. */
    @Override
    public void flush() {
        // Nothing is buffered: every write is already in the map.
    }

    /** Drops the content and closes the store. Safe to call twice. */
    @Override
    public void close() {
        open = false;
        map.clear();
    }

    /** @return {@code false}: the content is lost when the process ends */
    @Override
    public boolean persistent() {
        return false;
    }

    /** @return whether the store is open */
    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * @param key the key, not {@code null}
     * @return the value, or {@code null} if absent
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public byte[] get(Bytes key) {
        requireKey(key);
        checkOpen();
        return map.get(key);
    }

    /**
     * @param from the lowest key, inclusive, or {@code null} for no lower bound
     * @param to the highest key, inclusive, or {@code null} for no upper bound
     * @return the entries in range, ascending, from a snapshot taken now; empty if {@code from > to}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        checkOpen();
        return snapshot(subMap(from, to), false);
    }

    /**
     * @param from the lowest key, inclusive, or {@code null} for no lower bound
     * @param to the highest key, inclusive, or {@code null} for no upper bound
     * @return the entries in range, descending, from a snapshot taken now; empty if {@code from > to}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        checkOpen();
        return snapshot(subMap(from, to), true);
    }

    /**
     * @return every entry, ascending, from a snapshot taken now
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        checkOpen();
        return snapshot(map, false);
    }

    /**
     * @return every entry, descending, from a snapshot taken now
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        checkOpen();
        return snapshot(map, true);
    }

    /**
     * Entries whose key starts with the serialized prefix. The prefix is serialized with a {@code null}
     * topic: the typed layer above has already serialized it for the store's changelog topic.
     *
     * @param prefix the prefix, not {@code null}
     * @param prefixKeySerializer serializes the prefix
     * @return the matching entries, ascending, from a snapshot taken now
     * @throws NullPointerException if the prefix or serializer is {@code null}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, () -> "prefix of a prefix scan of state store '" + name + "' must not be null");
        Objects.requireNonNull(prefixKeySerializer, () -> "prefix serializer of state store '" + name + "' must not be null");
        checkOpen();
        byte[] serialized = prefixKeySerializer.serialize(null, prefix);
        Objects.requireNonNull(serialized, () -> "the prefix serializer of state store '" + name + "' returned null");
        Bytes from = new Bytes(serialized);
        Bytes upper = Bytes.increment(from);
        // No upper bound exists when the prefix is empty or all 0xFF: everything from the prefix on matches.
        NavigableMap<Bytes, byte[]> matches = upper == null ? map.tailMap(from, true) : map.subMap(from, true, upper, false);
        return snapshot(matches, false);
    }

    /**
     * @return the exact number of entries
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public long approximateNumEntries() {
        checkOpen();
        return map.size();
    }

    /**
     * @param key the key, not {@code null}
     * @param value the value; {@code null} deletes the key
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public void put(Bytes key, byte[] value) {
        requireKey(key);
        checkOpen();
        write(key, value);
    }

    /**
     * @param key the key, not {@code null}
     * @param value the value
     * @return the value already there, or {@code null} if the key was absent and now holds {@code value}
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        requireKey(key);
        checkOpen();
        byte[] existing = map.get(key);
        if (existing == null) {
            write(key, value);
        }
        return existing;
    }

    /**
     * Puts every entry, in order. Every key is checked before anything is written, so a {@code null}
     * key leaves the store unchanged.
     *
     * @param entries the entries; keys not {@code null}
     * @throws NullPointerException if the list or a key is {@code null}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        Objects.requireNonNull(entries, () -> "entries for state store '" + name + "' must not be null");
        for (KeyValue<Bytes, byte[]> entry : entries) {
            requireKey(entry.key);
        }
        checkOpen();
        for (KeyValue<Bytes, byte[]> entry : entries) {
            write(entry.key, entry.value);
        }
    }

    /**
     * @param key the key, not {@code null}
     * @return the value that was there, or {@code null}
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is closed
     */
    @Override
    public byte[] delete(Bytes key) {
        requireKey(key);
        checkOpen();
        return map.remove(key);
    }

    private void write(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private NavigableMap<Bytes, byte[]> subMap(Bytes from, Bytes to) {
        if (from != null && to != null) {
            // TreeMap.subMap throws when from > to; the contract asks for an empty range instead.
            return from.compareTo(to) > 0 ? Collections.emptyNavigableMap() : map.subMap(from, true, to, true);
        }
        if (from != null) {
            return map.tailMap(from, true);
        }
        if (to != null) {
            return map.headMap(to, true);
        }
        return map;
    }

    private KeyValueIterator<Bytes, byte[]> snapshot(NavigableMap<Bytes, byte[]> range, boolean reverse) {
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(range.size());
        for (Map.Entry<Bytes, byte[]> e : (reverse ? range.descendingMap() : range).entrySet()) {
            entries.add(KeyValue.pair(e.getKey(), e.getValue()));
        }
        return new SnapshotIterator(entries);
    }

    private void requireKey(Bytes key) {
        Objects.requireNonNull(key, () -> "keys of state store '" + name + "' must not be null");
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("state store '" + name + "' is not open");
        }
    }

    /** Iterates over a copied list, and fails once the store is closed, like iterators over live data. */
    private final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
        private final List<KeyValue<Bytes, byte[]>> entries;
        private int next;
        private boolean closed;

        SnapshotIterator(List<KeyValue<Bytes, byte[]>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            checkUsable();
            return next < entries.size();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more entries in this iterator of state store '" + name + "'");
            }
            return entries.get(next++);
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more entries in this iterator of state store '" + name + "'");
            }
            return entries.get(next).key;
        }

        @Override
        public void close() {
            closed = true;
        }

        private void checkUsable() {
            if (closed) {
                throw new InvalidStateStoreException("this iterator of state store '" + name + "' is closed");
            }
            if (!open) {
                throw new InvalidStateStoreException("state store '" + name + "' is not open");
            }
        }
    }
}
