package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import dev.rill.streams.state.WindowStore;

/**
 * Supplies window stores of bytes, RocksDB (one column family per time segment) or in-memory: what
 * {@code Stores.persistentWindowStore}, {@code persistentTimestampedWindowStore} and
 * {@code inMemoryWindowStore} return. Arguments are checked by {@code Stores}.
 *
 * @param name the store name
 * @param retentionPeriod how long windows are kept, in milliseconds
 * @param segmentIntervalMs the length of a time segment, in milliseconds
 * @param windowSize the window size, in milliseconds
 * @param retainDuplicates whether every put is kept
 * @param persistent whether the store is RocksDB (else in memory)
 */
@Internal
public record SegmentedWindowBytesStoreSupplier(String name, long retentionPeriod, long segmentIntervalMs, long windowSize,
                                                boolean retainDuplicates, boolean persistent) implements WindowBytesStoreSupplier {

    /** @return a new, unopened store */
    @Override
    public WindowStore<Bytes, byte[]> get() {
        SegmentedBytesStore bytes = persistent
            ? new RocksDBSegmentedBytesStore(name, StoreKeySchema.WINDOW, retentionPeriod, segmentIntervalMs)
            : new InMemorySegmentedBytesStore(name, StoreKeySchema.WINDOW, retentionPeriod);
        return new SegmentedWindowStore(bytes, windowSize, retainDuplicates);
    }

    /** @return {@code rocksdb-window} or {@code in-memory-window} */
    @Override
    public String metricsScope() {
        return persistent ? "rocksdb-window" : "in-memory-window";
    }
}
