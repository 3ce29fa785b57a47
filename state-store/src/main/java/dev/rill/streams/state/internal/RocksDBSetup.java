package dev.rill.streams.state.internal;

import dev.rill.common.errors.ConfigException;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.RocksDBConfigSetter;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.IndexType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * How every RocksDB database of Rill is set up: options drawing on the application's shared memory
 * budget, the bloom filter, the user's {@link RocksDBConfigSetter}, and the errors RocksDB failures
 * become. Shared by the key-value store and the segmented window and session stores.
 */
final class RocksDBSetup {
    /** Upper bound of one memtable; the write buffer manager bounds the total. */
    private static final long MAX_WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    private static final long MIN_WRITE_BUFFER_BYTES = 64L * 1024;
    /**
     * Memtables per store, the mutable one included. Two rather than Kafka's three: immutable memtables
     * waiting for the (shared, single by default) flush thread are what exceeds the budget when many
     * stores write at once, and each store may hold at most {@code MAX_WRITE_BUFFERS - 1} of them.
     */
    private static final int MAX_WRITE_BUFFERS = 2;
    private static final double BLOOM_BITS_PER_KEY = 10;

    private RocksDBSetup() {
    }

    /**
     * Rill's RocksDB options for a store: the shared block cache and write buffer manager of {@code memory},
     * partitioned index and filters cached with high priority, bounded memtables and info logs. Window and
     * session stores use them for each of their segments too.
     *
     * @param memory the memory budget the store draws on
     * @param filter the Bloom filter policy, owned by the caller
     * @return new options; the caller closes them
     */
    static Options newOptions(RocksDBMemory memory, BloomFilter filter) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
            .setBlockCache(memory.cache())
            .setCacheIndexAndFilterBlocks(true)
            .setCacheIndexAndFilterBlocksWithHighPriority(true)
            // Partitioned index and filters: only their small top level stays pinned, the partitions
            // are evictable, so cache use does not grow with the number of keys.
            .setIndexType(IndexType.kTwoLevelIndexSearch)
            .setPartitionFilters(true)
            .setPinTopLevelIndexAndFilter(true)
            .setFilterPolicy(filter);
        long writeBufferSize = Math.max(MIN_WRITE_BUFFER_BYTES,
            Math.min(MAX_WRITE_BUFFER_BYTES, memory.writeBufferBytes() / 2));
        return new Options()
            .setCreateIfMissing(true)
            .setTableFormatConfig(table)
            .setWriteBufferManager(memory.writeBufferManager())
            .setWriteBufferSize(writeBufferSize)
            .setMaxWriteBufferNumber(MAX_WRITE_BUFFERS)
            // Without limits RocksDB keeps up to 1000 info logs of unbounded size per store.
            .setMaxLogFileSize(16L * 1024 * 1024)
            .setKeepLogFileNum(5)
            // Writes fill a buffer of the write-ahead log that flush() writes out at each commit, instead of
            // one write system call per put: durability is promised from the commit on, not per put.
            .setManualWalFlush(true);
    }

    static BloomFilter newFilter() {
        return new BloomFilter(BLOOM_BITS_PER_KEY, false);
    }

    static RocksDBMemory sharedMemory(StateStoreContext context, long budget) {
        if (!(context instanceof StoreTaskContext)) {
            return null;
        }
        ApplicationResources resources = ((StoreTaskContext) context).applicationResources();
        return resources == null ? null : resources.get(RocksDBMemory.class, () -> new RocksDBMemory(budget));
    }

    static InvalidStateStoreException openFailure(String name, File dbDir, RocksDBException e) {
        String said = describe(e);
        Status status = e.getStatus();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains(File.separator + "LOCK") || message.contains("lock hold")
            || message.contains("While lock file")) {
            return new InvalidStateStoreException("state store '" + name + "' cannot open directory " + dbDir
                + ": its LOCK is held by another process or by another open instance of this store. Close that "
                + "instance first, or give each application instance its own state directory. RocksDB said: "
                + said, e);
        }
        if (status != null && status.getCode() == Status.Code.Corruption) {
            return new InvalidStateStoreException("state store '" + name + "' cannot open directory " + dbDir
                + ": its RocksDB files are damaged. Delete the directory to rebuild the store from its changelog"
                + " (without a changelog its content is lost). RocksDB said: " + said, e);
        }
        return new InvalidStateStoreException("state store '" + name + "' cannot open directory " + dbDir
            + ". Check the directory's permissions and free space; if its files (such as CURRENT or MANIFEST-*)"
            + " are damaged or missing, delete the directory to rebuild the store from its changelog"
            + " (without a changelog its content is lost). RocksDB said: " + said, e);
    }

    /** RocksDB's status code and message, which may be absent from one or the other. */
    static String describe(RocksDBException e) {
        Status status = e.getStatus();
        String message = e.getMessage();
        if (status == null) {
            return String.valueOf(message);
        }
        // getCodeString() appends "(Undefined)" for exceptions built from a message only.
        Status.SubCode sub = status.getSubCode();
        String code = status.getCode().name()
            + (sub == null || sub == Status.SubCode.None || sub == Status.SubCode.Undefined ? "" : "(" + sub.name() + ")");
        if (message == null || message.isEmpty()) {
            return code + (status.getState() == null ? "" : ": " + status.getState());
        }
        return message.startsWith(code) ? message : code + ": " + message;
    }

    /**
     * Resolves {@code rocksdb.config.setter}: an instance is used as is (shared by all stores), a class or
     * class name gives this store a new instance.
     */
    static RocksDBConfigSetter configSetter(String name, Map<String, Object> configs) {
        String key = StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG;
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof RocksDBConfigSetter) {
            return (RocksDBConfigSetter) value;
        }
        Class<?> cls;
        if (value instanceof Class) {
            cls = (Class<?>) value;
        } else if (value instanceof String) {
            String className = ((String) value).trim();
            if (className.isEmpty()) {
                return null;
            }
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                cls = Class.forName(className, true,
                    loader == null ? RocksDBSetup.class.getClassLoader() : loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigException("Invalid value '" + className + "' for setting '" + key
                    + "' of state store '" + name + "': the class cannot be loaded (" + e
                    + "). Check the class name and that it is on the class path", e);
            }
        } else {
            throw new ConfigException("Invalid value of type " + value.getClass().getName() + " for setting '"
                + key + "' of state store '" + name + "': expected a " + RocksDBConfigSetter.class.getName()
                + " class, class name or instance");
        }
        if (!RocksDBConfigSetter.class.isAssignableFrom(cls)) {
            throw new ConfigException("Invalid value " + cls.getName() + " for setting '" + key
                + "' of state store '" + name + "': the class does not implement "
                + RocksDBConfigSetter.class.getName());
        }
        try {
            return (RocksDBConfigSetter) cls.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ConfigException("Invalid value " + cls.getName() + " for setting '" + key
                + "' of state store '" + name + "': the class needs a public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new ConfigException("Cannot create " + cls.getName() + " (setting '" + key + "') for state store '"
                + name + "': its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new ConfigException("Cannot create " + cls.getName() + " (setting '" + key + "') for state store '"
                + name + "': " + e + ". The class must be public, concrete and have a public no-arg constructor", e);
        }
    }
}
