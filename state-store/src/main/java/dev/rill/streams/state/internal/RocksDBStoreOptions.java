package dev.rill.streams.state.internal;

import dev.rill.common.errors.ConfigException;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.RocksDBConfigSetter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * What a RocksDB store opens its database with, besides the database itself: Rill's options as the user's
 * {@link RocksDBConfigSetter} left them, the Bloom filter, write and flush options, the memtable flush
 * schedule, the memory budget the store draws on (the application's, or its own outside a task) and the
 * heap budget of its copies. Created from the store's context and released together once the database has
 * closed, so that nothing RocksDB still uses is freed first. Shared by the key-value store and the
 * segmented window and session stores.
 */
final class RocksDBStoreOptions {
    final File directory;
    final Options options;
    final WriteOptions writeOptions;
    final FlushOptions flushOptions;
    final MemtableFlushSchedule memtableFlushes;
    final RocksDBMemory memory;
    final HeapCopyBudget heapBudget;
    private final String storeName;
    private final RocksDBMemory ownedMemory;
    private final BloomFilter filter;
    private final RocksDBConfigSetter configSetter;

    private RocksDBStoreOptions(String storeName, File directory, Options options, BloomFilter filter, RocksDBMemory memory,
                                RocksDBMemory ownedMemory, RocksDBConfigSetter configSetter, HeapCopyBudget heapBudget) {
        this.storeName = storeName;
        this.directory = directory;
        this.options = options;
        this.filter = filter;
        this.memory = memory;
        this.ownedMemory = ownedMemory;
        this.configSetter = configSetter;
        this.heapBudget = heapBudget;
        this.writeOptions = new WriteOptions();
        this.flushOptions = new FlushOptions().setWaitForFlush(true);
        this.memtableFlushes = new MemtableFlushSchedule(options.writeBufferSize());
    }

    /**
     * Creates the store's directory ({@code <state dir>/rocksdb/<store name>}) and its options.
     *
     * @param storeName the store name
     * @param context the store's context
     * @return the options; the caller releases them with {@link #release()} after closing its database
     * @throws InvalidStateStoreException naming the store and directory if the directory cannot be created
     * @throws ConfigException if the memory budgets or the config setter are invalid, or the setter fails
     */
    static RocksDBStoreOptions create(String storeName, StateStoreContext context) {
        File stateDir = Objects.requireNonNull(context.stateDir(),
            "the context of state store '" + storeName + "' has no state directory");
        File dir = new File(new File(stateDir, RocksDBKeyValueStore.DIRECTORY), storeName).getAbsoluteFile();
        try {
            Files.createDirectories(dir.toPath());
        } catch (IOException | RuntimeException e) {
            throw new InvalidStateStoreException("state store '" + storeName + "' cannot create its directory " + dir
                + ": " + e + ". Check that the state directory is writable and the path is not a file", e);
        }
        Map<String, Object> configs = context.appConfigs() == null ? Map.of() : context.appConfigs();
        // Read the configuration before any native object exists, so that a bad value leaks nothing.
        long budget = RocksDBMemory.budgetFrom(configs);
        RocksDBConfigSetter setter = RocksDBSetup.configSetter(storeName, configs);
        HeapCopyBudget heapBudget = HeapCopyBudget.of(context);
        RocksDBMemory shared = RocksDBSetup.sharedMemory(context, budget);
        RocksDBMemory owned = shared == null ? new RocksDBMemory(budget) : null;
        BloomFilter filter = null;
        Options options = null;
        try {
            filter = RocksDBSetup.newFilter();
            options = RocksDBSetup.newOptions(shared != null ? shared : owned, filter);
            if (setter != null) {
                try {
                    setter.setConfig(storeName, options, Collections.unmodifiableMap(configs));
                } catch (RuntimeException e) {
                    throw new ConfigException("RocksDBConfigSetter " + setter.getClass().getName()
                        + " failed for state store '" + storeName + "': " + e.getMessage(), e);
                }
            }
            return new RocksDBStoreOptions(storeName, dir, options, filter, shared != null ? shared : owned, owned, setter,
                heapBudget);
        } catch (RuntimeException | Error e) {
            if (setter != null && options != null) {
                try {
                    setter.close(storeName, options);
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (options != null) {
                options.close();
            }
            if (filter != null) {
                filter.close();
            }
            if (owned != null) {
                owned.close();
            }
            throw e;
        }
    }

    /** Flushes memtables of the store's database with the given options. */
    @FunctionalInterface
    interface MemtableFlush {
        void flush(FlushOptions options) throws RocksDBException;
    }

    /**
     * Writes out the buffer of the write-ahead log, which makes the store's logged writes durable against a
     * crash of the process, then flushes memtables when {@link MemtableFlushSchedule} says so: waiting for
     * it if restored, unlogged records need it, in the background otherwise.
     *
     * @param db the store's database
     * @param flushMemtables flushes the store's column families with the options it is given
     * @throws RocksDBException if writing or flushing fails
     */
    void writeOutLog(RocksDB db, MemtableFlush flushMemtables) throws RocksDBException {
        db.flushWal(false);
        if (memtableFlushes.due(db.getAggregatedLongProperty(RocksDBKeyValueStore.MEMTABLE_BYTES_PROPERTY))) {
            flushMemtables.flush(flushOptions.setWaitForFlush(memtableFlushes.mustWait()));
            memtableFlushes.flushed(db.getAggregatedLongProperty(RocksDBKeyValueStore.MEMTABLE_BYTES_PROPERTY));
        }
    }

    /**
     * Releases everything, the config setter's {@code close} first: call it after the database has closed.
     *
     * @throws InvalidStateStoreException if the config setter's {@code close} fails; the rest is released anyway
     */
    void release() {
        RuntimeException setterFailure = null;
        if (configSetter != null) {
            try {
                configSetter.close(storeName, options);
            } catch (RuntimeException e) {
                setterFailure = e;
            }
        }
        options.close();
        writeOptions.close();
        flushOptions.close();
        filter.close();
        if (ownedMemory != null) {
            ownedMemory.close();
        }
        if (setterFailure != null) {
            throw new InvalidStateStoreException("RocksDBConfigSetter " + setterFailure.getClass().getName()
                + " failed to close for state store '" + storeName + "'; the store is closed anyway", setterFailure);
        }
    }
}
