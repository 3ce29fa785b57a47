package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.errors.ConfigException;
import dev.rill.streams.StreamsConfig;
import java.util.Map;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The off-heap memory budget that every RocksDB store of one application shares.
 *
 * <h2>Design</h2>
 * Left alone, each RocksDB instance takes its own block cache and its own memtables (write buffers), so
 * an application's native memory grows with the number of stores (tasks x stores per task) and, through
 * index and filter blocks, with the number of keys. Rill instead gives all stores of an application one
 * instance of this class, through {@link ApplicationResources}:
 * <ul>
 *   <li>one {@link LRUCache} of {@link #budgetBytes()} bytes is the block cache of every store;</li>
 *   <li>index and filter blocks go into that cache too ({@code cacheIndexAndFilterBlocks}), with high
 *       priority, so they are charged to the budget instead of growing, unaccounted, with the data;</li>
 *   <li>one {@link WriteBufferManager} charges the memtables of all stores to the same cache and, once
 *       they hold more than {@link #writeBufferBytes()} (a quarter of the budget), makes the largest
 *       memtable flush.</li>
 * </ul>
 * Total memory for blocks, indexes, filters and memtables therefore stays near the budget however many
 * stores and keys there are. Index and filter blocks are partitioned, so only their small top level is
 * pinned and the rest can be evicted as the number of keys grows.
 *
 * <h2>Limits of the bound</h2>
 * The limit is soft, for three reasons:
 * <ul>
 *   <li>The cache has no strict capacity limit: with one, a read whose block does not fit would fail
 *       instead of evicting. Blocks pinned by open iterators can push it over.</li>
 *   <li>The write buffer manager makes the store that writes switch its memtable when the total is over
 *       its share, but the switched (immutable) memtables stay in memory until a background thread has
 *       flushed them, and RocksDB's default environment has one flush thread for the whole process. When
 *       many stores write faster than that thread flushes, memtables may exceed the budget for a while;
 *       each store holds at most one immutable memtable besides its mutable one, of at most 16 MiB or an
 *       eighth of the budget. Stalling writers instead ({@code allow_stall}) is not used: a writer would
 *       wait forever when the memory is held by idle stores, which only flush when they write or
 *       commit.</li>
 *   <li>Memtables of stores that stop writing are flushed only by their next write or by
 *       {@code flush()}, which the runtime calls at every commit.</li>
 * </ul>
 * Memory outside the cache (table readers' own structures, per-instance overhead of a few hundred
 * kilobytes, the JVM's own heap) is not counted.
 *
 * <p>Thread-safe: RocksDB's cache and write buffer manager are shared by many instances by design.
 * Closing releases the Java handles; RocksDB keeps the native objects alive while an open store still
 * refers to them, yet the application should close this only after its stores.
 */
@Internal
public final class RocksDBMemory implements AutoCloseable {
    /** Default budget: 128 MiB, as {@code statestore.rocksdb.memory.max.bytes} documents. */
    static final long DEFAULT_BUDGET_BYTES = 128L * 1024 * 1024;
    /** The smallest budget accepted: below this RocksDB's fixed costs dominate and stores thrash. */
    static final long MIN_BUDGET_BYTES = 1024L * 1024;
    /** Share of the cache reserved for index and filter blocks, so data blocks cannot evict them all. */
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

    static {
        RocksDB.loadLibrary();
    }

    private final long budgetBytes;
    private final long writeBufferBytes;
    private final LRUCache cache;
    private final WriteBufferManager writeBufferManager;
    private boolean closed;

    /**
     * Creates the shared block cache and write buffer manager.
     *
     * @param budgetBytes the total off-heap bytes for block cache, index and filter blocks and memtables
     *                    of all stores; write buffers may use a quarter of it
     * @throws ConfigException if the budget is below 1 MiB
     */
    public RocksDBMemory(long budgetBytes) {
        if (budgetBytes < MIN_BUDGET_BYTES) {
            throw new ConfigException("Invalid value " + budgetBytes + " for setting '"
                + StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG
                + "': RocksDB's memory budget must be at least " + MIN_BUDGET_BYTES + " bytes (1 MiB)");
        }
        this.budgetBytes = budgetBytes;
        this.writeBufferBytes = budgetBytes / 4;
        // numShardBits -1 lets RocksDB choose the number of shards from the capacity.
        this.cache = new LRUCache(budgetBytes, -1, false, HIGH_PRIORITY_POOL_RATIO);
        this.writeBufferManager = new WriteBufferManager(writeBufferBytes, cache);
    }

    /**
     * Reads the budget from the application's configuration.
     *
     * @param appConfigs the configuration; may be {@code null}
     * @return the value of {@code statestore.rocksdb.memory.max.bytes} (a Long, Integer or numeric String),
     *         or 128 MiB if it is absent
     * @throws ConfigException if the value is neither a whole number nor a numeric string
     */
    static long budgetFrom(Map<String, Object> appConfigs) {
        String key = StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG;
        Object value = appConfigs == null ? null : appConfigs.get(key);
        if (value == null) {
            return DEFAULT_BUDGET_BYTES;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof String) {
            try {
                return Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid value '" + value + "' for setting '" + key
                    + "': expected a whole number of bytes >= " + MIN_BUDGET_BYTES, e);
            }
        }
        throw new ConfigException("Invalid value of type " + value.getClass().getName() + " for setting '" + key
            + "': expected a Long, an Integer or a String holding a whole number of bytes");
    }

    /** @return the total budget, in bytes */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** @return the part of the budget memtables may fill before the largest is flushed, in bytes */
    public long writeBufferBytes() {
        return writeBufferBytes;
    }

    /**
     * @return the bytes the shared cache holds now: data, index and filter blocks plus the memtable memory
     *         charged to it; 0 once closed
     */
    public synchronized long usageBytes() {
        return closed ? 0 : cache.getUsage();
    }

    /** @return the shared block cache, for a store's table options */
    Cache cache() {
        checkOpen();
        return cache;
    }

    /** @return the shared write buffer manager, for a store's options */
    WriteBufferManager writeBufferManager() {
        checkOpen();
        return writeBufferManager;
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the application's RocksDB memory budget is closed; "
                + "stores cannot open after the application closed");
        }
    }

    /** Releases the cache and write buffer manager. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The manager refers to the cache, so it goes first.
        writeBufferManager.close();
        cache.close();
    }
}
