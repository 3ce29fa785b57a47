package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.SessionStore;

/**
 * Supplies session stores of bytes, RocksDB (one column family per time segment of session ends) or
 * in-memory: what {@code Stores.persistentSessionStore} and {@code Stores.inMemorySessionStore} return.
 * Arguments are checked by {@code Stores}.
 *
 * @param name the store name
 * @param retentionPeriod how long sessions are kept after they end, in milliseconds
 * @param segmentIntervalMs the length of a time segment, in milliseconds
 * @param persistent whether the store is RocksDB (else in memory)
 */
@Internal
public record SegmentedSessionBytesStoreSupplier(String name, long retentionPeriod, long segmentIntervalMs, boolean persistent)
    implements SessionBytesStoreSupplier {

    /** @return a new, unopened store */
    @Override
    public SessionStore<Bytes, byte[]> get() {
        return new SegmentedSessionStore(persistent
            ? new RocksDBSegmentedBytesStore(name, StoreKeySchema.SESSION, retentionPeriod, segmentIntervalMs)
            : new InMemorySegmentedBytesStore(name, StoreKeySchema.SESSION, retentionPeriod));
    }

    /** @return {@code rocksdb-session} or {@code in-memory-session} */
    @Override
    public String metricsScope() {
        return persistent ? "rocksdb-session" : "in-memory-session";
    }
}
