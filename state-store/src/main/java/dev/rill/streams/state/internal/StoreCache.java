package dev.rill.streams.state.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.rill.annotation.Internal;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The record cache of one task: a cache bounded in bytes and shared by all the task's caching stores,
 * each store in its own namespace (its name). Writes are held as <em>dirty</em> entries until the store
 * is flushed (at every commit) or until the cache needs the room; repeated writes to a key in between
 * are absorbed, so the store beneath and the flush listener see only the latest value per key. That is
 * what lets a cached DSL operator forward fewer updates downstream.
 *
 * <p>Size-bounded eviction is Caffeine's (W-TinyLFU) over entries weighed as key bytes plus value
 * bytes plus {@value #ENTRY_OVERHEAD_BYTES} bytes of bookkeeping. A dirty entry that Caffeine evicts is
 * written through, together with every other dirty entry of its namespace, before the write that caused
 * the eviction returns; until then it stays readable, so no write is ever lost or seen out of order.
 * A budget of 0 disables caching: every write goes straight to the store beneath and to the listener.
 *
 * <p>Not thread-safe: a task and therefore its cache is used by one thread at a time. Only
 * {@link #sizeBytes()} and {@link #maxBytes()} may be read from elsewhere (for metrics).
 */
@Internal
public final class StoreCache {
    /**
     * Bytes charged per entry on top of its key and value: an estimate of the objects that hold it on a
     * 64-bit JVM with compressed pointers. Caffeine's node (about 48 bytes), the composite cache key
     * (16), the {@link Bytes} wrapper (16) and the headers of the key and value arrays (2 x 16), the
     * entry itself (24), the sorted index's tree node (40) and, while dirty, the dirty-order map's node
     * (40): about 230, rounded up so that the budget errs towards using less memory than configured.
     */
    static final int ENTRY_OVERHEAD_BYTES = 256;

    private final long maxBytes;
    /** {@code null} when caching is disabled (maxBytes 0). */
    private final Cache<CacheKey, Entry> cache;
    private final Map<String, Namespace> namespaces = new HashMap<>();
    /**
     * Dirty-or-not entries Caffeine has evicted but that this class has not yet taken out of its own
     * index. Caffeine's eviction listener runs inside the atomic removal and swallows exceptions, so it
     * must neither write to a store (a failed write would be silently lost) nor call back into the cache;
     * it only queues here, and {@link #drainEvictions()} does the work once Caffeine has returned.
     */
    private final ArrayDeque<Evicted> evicted = new ArrayDeque<>();
    /** Above 0 while flushing or draining: evictions caused meanwhile wait for the outermost one. */
    private int busy;

    /**
     * @param maxBytes the most bytes the cache may hold across all its namespaces; 0 disables caching
     * @throws IllegalArgumentException if {@code maxBytes} is negative
     */
    public StoreCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the cache size must not be negative, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.cache = maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey k, Entry e) -> weight(k.key(), e.value))
                // Run maintenance, and so eviction, on the writing thread before the write returns,
                // instead of on the common pool, so a dirty entry is written through synchronously.
                .executor(Runnable::run)
                .evictionListener((CacheKey k, Entry e, RemovalCause cause) -> {
                    if (k != null && e != null) {
                        evicted.add(new Evicted(k, e));
                    }
                })
                .build();
    }

    /** @return the budget this cache was created with, in bytes */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * @return the bytes the cache currently holds, by the same weighing as the budget (key, value and
     *     {@value #ENTRY_OVERHEAD_BYTES} bytes per entry); 0 when caching is disabled
     */
    public long sizeBytes() {
        if (cache == null) {
            return 0;
        }
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /**
     * Opens a namespace for one caching store.
     *
     * @param namespace the store name
     * @param underlying where dirty entries are written on flush and eviction
     * @param listener told of every entry written to {@code underlying}
     * @throws IllegalStateException if the namespace is already registered
     */
    void register(String namespace, KeyValueStore<Bytes, byte[]> underlying,
                  CachingKeyValueStore.FlushListener listener) {
        register(namespace, underlying, listener, (timestamp, write) -> write.run());
    }

    /**
     * Registers a store whose writes through the cache must run as if the record that made them were
     * being processed (so that a changelog below records that record's timestamp, not the flush's).
     *
     * @param namespace the store name
     * @param underlying the store the cache writes to
     * @param listener told of every write that reaches the underlying store
     * @param writeScope runs a write of the underlying store with the timestamp of the entry written
     */
    void register(String namespace, KeyValueStore<Bytes, byte[]> underlying,
                  CachingKeyValueStore.FlushListener listener, WriteScope writeScope) {
        Objects.requireNonNull(underlying, "underlying");
        register(namespace, new Backing() {
            @Override
            public byte[] get(Bytes key) {
                return underlying.get(key);
            }

            @Override
            public void put(Bytes key, byte[] value) {
                underlying.put(key, value);
            }
        }, listener, writeScope);
    }

    /**
     * Registers a store that is not a key-value store (a window or session store), through what the cache
     * needs of it: reading the value a key has beneath the cache, and writing one.
     *
     * @param namespace the store name
     * @param underlying reads and writes the store beneath, by cache key
     * @param listener told of every write that reaches the underlying store
     * @param writeScope runs a write of the underlying store with the timestamp of the entry written
     */
    void register(String namespace, Backing underlying,
                  CachingKeyValueStore.FlushListener listener, WriteScope writeScope) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(listener, "listener");
        if (namespaces.containsKey(namespace)) {
            throw new IllegalStateException("store " + namespace + " is already registered with the task's cache");
        }
        namespaces.put(namespace, new Namespace(underlying, listener, Objects.requireNonNull(writeScope, "writeScope")));
    }

    /**
     * @param namespace the store name
     * @param key the key
     * @return the cached entry (its value {@code null} for a cached deletion), or {@code null} if the key
     *     is not cached and the store beneath must be asked
     */
    Entry get(String namespace, Bytes key) {
        Namespace ns = namespace(namespace);
        Entry e = ns.index.get(key);
        if (e != null && cache != null) {
            // The index is authoritative (it still holds evicted entries not yet written through);
            // asking Caffeine as well records the access for its frequency-based eviction policy.
            cache.getIfPresent(new CacheKey(namespace, key));
            drainEvictions();
        }
        return e;
    }

    /**
     * Caches a write as dirty, or writes it through at once when caching is disabled.
     *
     * @param namespace the store name
     * @param key the key
     * @param value the value, or {@code null} for a deletion (cached as a tombstone)
     * @param timestamp the timestamp of the record that caused the write, passed to the listener
     */
    void put(String namespace, Bytes key, byte[] value, long timestamp) {
        Namespace ns = namespace(namespace);
        Objects.requireNonNull(key, "key");
        if (cache == null) {
            byte[] old = ns.oldValueFor(key, value);
            if (ns.skips(value, old)) {
                return;
            }
            ns.write(key, value, timestamp);
            ns.listener.apply(key, value, old, timestamp);
            return;
        }
        Entry e = new Entry(value, timestamp);
        ns.index.put(key, e);
        // Remove first so that the key moves to the end: flush order is the order of last update.
        ns.dirty.remove(key);
        ns.dirty.put(key, e);
        cache.put(new CacheKey(namespace, key), e);
        // Make sure any eviction this write calls for has happened, then write evicted dirty entries.
        cache.cleanUp();
        drainEvictions();
    }

    /**
     * Caches a deletion as a dirty tombstone.
     *
     * @param namespace the store name
     * @param key the key
     * @param timestamp the timestamp of the record that caused the deletion
     */
    void delete(String namespace, Bytes key, long timestamp) {
        put(namespace, key, null, timestamp);
    }

    /**
     * Sets whether the listener of a namespace is given the value each write replaces. Off saves a
     * lookup in the store beneath per write; the listener then gets {@code null} as the old value.
     *
     * @param namespace the store name
     * @param readOldValues whether to read the replaced values
     */
    void readOldValues(String namespace, boolean readOldValues) {
        namespace(namespace).readOldValues = readOldValues;
    }

    /**
     * Sets whether a namespace's listener forwards downstream (see {@code Namespace.forwarding}).
     *
     * @param namespace the store name
     * @param forwarding whether a forwarding listener is set
     */
    void forwarding(String namespace, boolean forwarding) {
        namespace(namespace).forwarding = forwarding;
    }

    /**
     * Writes every dirty entry of a namespace to its store, in the order the keys were last updated,
     * telling the listener of each; the entries stay cached, clean.
     *
     * @param namespace the store name
     */
    void flush(String namespace) {
        Namespace ns = namespace(namespace);
        busy++;
        try {
            flushNamespace(ns);
        } finally {
            busy--;
        }
        drainEvictions();
    }

    /**
     * Flushes a namespace like {@link #flush(String)} if a store registered it; a store without a cache
     * layer has none.
     *
     * @param namespace the store name
     */
    public void flushIfRegistered(String namespace) {
        if (namespaces.containsKey(namespace)) {
            flush(namespace);
        }
    }

    /**
     * Drops a namespace and its entries without writing them (the store flushes first when it closes).
     * Unknown namespaces are ignored, so closing twice is harmless.
     *
     * @param namespace the store name
     */
    void remove(String namespace) {
        Namespace ns = namespaces.remove(namespace);
        if (ns == null) {
            return;
        }
        if (cache != null) {
            // invalidate is an explicit removal: Caffeine does not call the eviction listener for it.
            for (Bytes key : ns.index.keySet()) {
                cache.invalidate(new CacheKey(namespace, key));
            }
        }
        ns.index.clear();
        ns.dirty.clear();
    }

    /**
     * @param namespace the store name
     * @return how many entries of the namespace are waiting to be written
     */
    long dirtyCount(String namespace) {
        return namespace(namespace).dirty.size();
    }

    /**
     * A copy of the namespace's cached entries in a key range, tombstones included, for merging with the
     * store's own iterators. A copy because callers may write to the store while they iterate, and an
     * entry evicted meanwhile must not vanish from an iterator that the store's snapshot may not cover.
     *
     * @param namespace the store name
     * @param from the lowest key, inclusive, or {@code null} for no bound
     * @param to the highest key, or {@code null} for no bound
     * @param toInclusive whether {@code to} itself belongs to the range
     * @param descending whether to list the entries from the highest key down
     * @return the entries in key order; empty if {@code from} is after {@code to}
     */
    List<KeyValue<Bytes, Entry>> snapshot(String namespace, Bytes from, Bytes to, boolean toInclusive,
                                          boolean descending) {
        Namespace ns = namespace(namespace);
        NavigableMap<Bytes, Entry> view = ns.index;
        if (from != null && to != null) {
            int c = from.compareTo(to);
            if (c > 0 || (c == 0 && !toInclusive)) {
                return Collections.emptyList();
            }
            view = view.subMap(from, true, to, toInclusive);
        } else if (from != null) {
            view = view.tailMap(from, true);
        } else if (to != null) {
            view = view.headMap(to, toInclusive);
        }
        if (descending) {
            view = view.descendingMap();
        }
        List<KeyValue<Bytes, Entry>> out = new ArrayList<>(view.size());
        for (Map.Entry<Bytes, Entry> e : view.entrySet()) {
            out.add(new KeyValue<>(e.getKey(), e.getValue()));
        }
        return out;
    }

    private Namespace namespace(String name) {
        Namespace ns = namespaces.get(name);
        if (ns == null) {
            throw new IllegalStateException("store " + name + " is not registered with the task's cache");
        }
        return ns;
    }

    /** Callers hold {@code busy} so that evictions caused by the listener wait until the end. */
    private void flushNamespace(Namespace ns) {
        if (ns.dirty.isEmpty()) {
            return;
        }
        // Take the dirty set and start a new one: the listener may write to this very store (a
        // downstream processor), and those writes belong to the next flush.
        LinkedHashMap<Bytes, Entry> batch = ns.dirty;
        ns.dirty = new LinkedHashMap<>();
        Iterator<Map.Entry<Bytes, Entry>> it = batch.entrySet().iterator();
        try {
            while (it.hasNext()) {
                Map.Entry<Bytes, Entry> next = it.next();
                Bytes key = next.getKey();
                Entry e = next.getValue();
                if (ns.index.get(key) != e) {
                    // Superseded by a write made from the listener during this flush (it is dirty again
                    // and will be written later) or dropped by remove(): writing it now could let an old
                    // value overwrite a newer one.
                    it.remove();
                    continue;
                }
                byte[] old = ns.oldValueFor(key, e.value);
                if (ns.skips(e.value, old)) {
                    e.dirty = false;
                    it.remove();
                    continue;
                }
                ns.write(key, e.value, e.timestamp);
                e.dirty = false;
                it.remove();
                ns.listener.apply(key, e.value, old, e.timestamp);
            }
        } finally {
            if (!batch.isEmpty()) {
                // A write or the listener failed: keep the unwritten entries dirty, ahead of anything
                // written since (which supersedes them for its own keys), so that a later flush still
                // writes them in order and nothing is lost.
                LinkedHashMap<Bytes, Entry> kept = new LinkedHashMap<>();
                for (Map.Entry<Bytes, Entry> rest : batch.entrySet()) {
                    Entry e = rest.getValue();
                    if (e.dirty && ns.index.get(rest.getKey()) == e) {
                        kept.put(rest.getKey(), e);
                    }
                }
                kept.putAll(ns.dirty);
                ns.dirty = kept;
            }
        }
    }

    /**
     * Handles the entries Caffeine has evicted: a dirty one is written through with its whole namespace
     * (flushing only the evicted key would let it overtake older dirty keys, and Kafka Streams does the
     * same), then it leaves the index. Deferred while a flush is running, because the flush listener
     * may cause evictions; the outermost caller drains them once the flush is complete.
     */
    private void drainEvictions() {
        if (busy > 0) {
            return;
        }
        busy++;
        try {
            Evicted ev;
            while ((ev = evicted.poll()) != null) {
                Namespace ns = namespaces.get(ev.key().namespace());
                Bytes key = ev.key().key();
                if (ns == null || ns.index.get(key) != ev.entry()) {
                    // The store closed, or the key was written again since (and is cached anew).
                    continue;
                }
                if (ev.entry().dirty) {
                    try {
                        flushNamespace(ns);
                    } catch (RuntimeException failure) {
                        // Keep the eviction for the next attempt: the entry is still indexed and dirty.
                        evicted.addFirst(ev);
                        throw failure;
                    }
                }
                // Re-check: the listener may have written the key again during that flush.
                if (ns.index.get(key) == ev.entry() && !ev.entry().dirty) {
                    ns.index.remove(key);
                }
            }
        } finally {
            busy--;
        }
    }

    private static int weight(Bytes key, byte[] value) {
        long w = (long) key.get().length + (value == null ? 0 : value.length) + ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    /** One store's part of the cache. */
    private static final class Namespace {
        final Backing underlying;
        final CachingKeyValueStore.FlushListener listener;
        /** Whether the listener is given the value each write replaces; reading it costs a lookup. */
        boolean readOldValues = true;
        /**
         * Whether a DSL operator forwards from the listener: then deleting a key the store beneath does
         * not hold is neither written nor told, so that no deletion of a row that never existed goes
         * downstream (or to the changelog), as in Kafka Streams.
         */
        boolean forwarding;

        byte[] oldValueFor(Bytes key, byte[] newValue) {
            return readOldValues || (forwarding && newValue == null) ? underlying.get(key) : null;
        }

        boolean skips(byte[] newValue, byte[] oldValue) {
            return forwarding && newValue == null && oldValue == null;
        }
        /** Every cached entry of the store in key order: Caffeine keeps none, and iterators need one. */
        final TreeMap<Bytes, Entry> index = new TreeMap<>();
        /** The dirty entries in the order their keys were last updated. */
        LinkedHashMap<Bytes, Entry> dirty = new LinkedHashMap<>();

        final WriteScope writeScope;

        Namespace(Backing underlying, CachingKeyValueStore.FlushListener listener, WriteScope writeScope) {
            this.underlying = underlying;
            this.listener = listener;
            this.writeScope = writeScope;
        }

        void write(Bytes key, byte[] value, long timestamp) {
            writeScope.run(timestamp, () -> underlying.put(key, value));
        }
    }

    /** Runs a write to an underlying store on behalf of the record, with the given timestamp, that made it. */
    @FunctionalInterface
    interface WriteScope {
        void run(long timestamp, Runnable write);
    }

    /** The store beneath a namespace, as the cache reads and writes it: by cache key. */
    interface Backing {
        /** @return the value the store beneath holds for a cache key, or {@code null} */
        byte[] get(Bytes key);

        /** Writes a value, or deletes for {@code null}, in the store beneath. */
        void put(Bytes key, byte[] value);
    }

    /** Caffeine's key: one map holds every namespace. */
    private record CacheKey(String namespace, Bytes key) { }

    private record Evicted(CacheKey key, Entry entry) { }

    /**
     * A cached value. Each write makes a new entry, so an entry's value never changes; only its dirty
     * flag does, when it is written to the store beneath.
     */
    static final class Entry {
        private final byte[] value;
        private final long timestamp;
        private boolean dirty = true;

        Entry(byte[] value, long timestamp) {
            this.value = value;
            this.timestamp = timestamp;
        }

        /** @return the value, or {@code null} for a cached deletion */
        byte[] value() {
            return value;
        }

        /** @return whether the entry is waiting to be written to the store beneath */
        boolean isDirty() {
            return dirty;
        }
    }
}
