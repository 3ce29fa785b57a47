package dev.rill.streams.state.internal;

import dev.rill.common.errors.ConfigException;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.processor.StateStoreContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap bytes that the {@link HeapCopy heap copies} of all RocksDB stores of an application may
 * hold together ({@code statestore.rocksdb.heap.max.bytes}). Stores reserve bytes as their copies grow
 * and give them back when they drop a copy; a store whose reservation fails drops its own copies, so the
 * total stays near the budget however many stores and keys there are. Thread-safe.
 */
final class HeapCopyBudget implements AutoCloseable {
    /** Default budget: 32 MiB, as {@code statestore.rocksdb.heap.max.bytes} documents. */
    static final long DEFAULT_BUDGET_BYTES = 32L << 20;

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    HeapCopyBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param context the store's context; stores of one task context share one budget
     * @return the application's budget, or a budget of the store's own outside a task
     * @throws ConfigException if {@code statestore.rocksdb.heap.max.bytes} is not a number of bytes >= 0
     */
    static HeapCopyBudget of(StateStoreContext context) {
        long max = budgetFrom(context.appConfigs());
        if (context instanceof StoreTaskContext stc && stc.applicationResources() != null) {
            return stc.applicationResources().get(HeapCopyBudget.class, () -> new HeapCopyBudget(max));
        }
        return new HeapCopyBudget(max);
    }

    static long budgetFrom(Map<String, Object> appConfigs) {
        String key = StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG;
        Object value = appConfigs == null ? null : appConfigs.get(key);
        long bytes;
        if (value == null) {
            return DEFAULT_BUDGET_BYTES;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            bytes = ((Number) value).longValue();
        } else if (value instanceof String s) {
            try {
                bytes = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid value '" + value + "' for setting '" + key
                    + "': expected a whole number of bytes >= 0", e);
            }
        } else {
            throw new ConfigException("Invalid value of type " + value.getClass().getName() + " for setting '" + key
                + "': expected a Long, an Integer or a String holding a whole number of bytes");
        }
        if (bytes < 0) {
            throw new ConfigException("Invalid value " + bytes + " for setting '" + key + "': expected a number of bytes >= 0");
        }
        return bytes;
    }

    /** @return whether a new, empty copy may start: some of the budget is free */
    boolean hasRoom() {
        return used.get() < maxBytes;
    }

    /**
     * Takes bytes from the budget, or gives them back when negative.
     *
     * @param delta the change, in bytes
     * @return whether the budget still holds after the change
     */
    boolean reserve(long delta) {
        return used.addAndGet(delta) <= maxBytes;
    }

    /** @return the bytes in use, for tests */
    long usedBytes() {
        return used.get();
    }

    /** @return the budget, in bytes */
    long maxBytes() {
        return maxBytes;
    }

    @Override
    public void close() {
        // Nothing native: the copies are garbage once their stores close.
    }
}
