package dev.rill.benchmarks;

import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.internal.ApplicationResources;
import dev.rill.streams.state.internal.RocksDBMemory;
import dev.rill.streams.state.internal.StoreCache;
import dev.rill.streams.state.internal.StoreTaskContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The context of a store opened outside any task, for benchmarks: what the runtime's task context gives
 * Rill's store layers (a state directory, a task record cache, the application's shared resources such as
 * RocksDB's memory budget), minus the changelog, which a benchmark has nowhere to write. Stores opened with
 * it must have logging disabled.
 *
 * <p>The state directory is a fresh temporary directory ({@code java.io.tmpdir}); {@link #close()} closes
 * the shared resources and deletes the directory, and a shutdown hook deletes it if the JVM ends first.
 * Close the stores before the context. Not thread-safe, like a task.
 */
final class BenchmarkStoreContext implements StateStoreContext, StoreTaskContext, AutoCloseable {
    /** The task record cache's budget: 10 MiB, the runtime's default {@code statestore.cache.max.bytes}. */
    static final long CACHE_BYTES = 10L * 1024 * 1024;

    private final String applicationId;
    private final TaskId taskId = new TaskId(0, 0);
    private final Path root;
    private final File stateDir;
    private final Map<String, Object> appConfigs;
    private final StoreCache cache = new StoreCache(CACHE_BYTES);
    private final ApplicationResources resources = new ApplicationResources();
    private final Thread cleanup;
    private long recordTimestamp;
    private boolean closed;

    /**
     * Creates the temporary state directory.
     *
     * @param applicationId the application id (also in the changelog topic name serdes are given)
     * @throws UncheckedIOException if the directory cannot be created
     */
    BenchmarkStoreContext(String applicationId) {
        this.applicationId = applicationId;
        try {
            root = Files.createTempDirectory("rill-bench-stores-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark's state directory", e);
        }
        stateDir = root.resolve(taskId.toString()).toFile();
        appConfigs = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        cleanup = new Thread(() -> deleteRecursively(root), "rill-bench-stores-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** @return the directory that holds the state directory, deleted by {@link #close()} */
    Path root() {
        return root;
    }

    /**
     * @return the bytes RocksDB's shared block cache holds now (blocks, index and filter partitions and the
     *         memtables charged to it); 0 if no RocksDB store has been opened with this context
     */
    long rocksDbCacheUsageBytes() {
        try {
            return resources.get(RocksDBMemory.class, () -> {
                throw new NoSuchElementException();
            }).usageBytes();
        } catch (NoSuchElementException | IllegalStateException e) {
            return 0; // no RocksDB store opened yet, or the resources are closed
        }
    }

    /** @return the bytes of all files under the state directory */
    long diskUsageBytes() {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted meanwhile by a compaction
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public TaskId taskId() {
        return taskId;
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return appConfigs;
    }

    /** @return {@code null}: the benchmark passes its serdes to the store builder */
    @Override
    public Serde<?> keySerde() {
        return null;
    }

    /** @return {@code null}: the benchmark passes its serdes to the store builder */
    @Override
    public Serde<?> valueSerde() {
        return null;
    }

    /** Nothing to restore from: there is no changelog. */
    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
    }

    /**
     * @throws UnsupportedOperationException always: benchmark stores are built with logging disabled
     */
    @Override
    public void logChange(String storeName, Bytes key, byte[] value) {
        throw new UnsupportedOperationException("the benchmark context has no changelog; build store '"
            + storeName + "' with withLoggingDisabled()");
    }

    @Override
    public long currentRecordTimestamp() {
        return recordTimestamp;
    }

    @Override
    public void withRecordTimestamp(long timestamp, Runnable write) {
        long saved = recordTimestamp;
        recordTimestamp = timestamp;
        try {
            write.run();
        } finally {
            recordTimestamp = saved;
        }
    }

    @Override
    public StoreCache cache() {
        return cache;
    }

    @Override
    public ApplicationResources applicationResources() {
        return resources;
    }

    /** Closes the shared resources (after the stores) and deletes the state directory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resources.close();
        } finally {
            deleteRecursively(root);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already; the hook does the same thing.
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("could not delete " + p + ": " + e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
