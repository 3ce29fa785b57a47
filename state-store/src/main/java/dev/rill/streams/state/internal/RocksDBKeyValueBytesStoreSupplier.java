package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueStore;
import java.util.Objects;

/**
 * Supplies {@link RocksDBKeyValueStore}s: what {@code Stores.persistentKeyValueStore(name)} returns. Each
 * call to {@link #get()} gives a new, unopened store; each task opens its own in its state directory.
 */
@Internal
public final class RocksDBKeyValueBytesStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;

    /**
     * @param name the store name, also its directory name under {@code <task state dir>/rocksdb}
     * @throws NullPointerException if the name is {@code null}
     */
    public RocksDBKeyValueBytesStoreSupplier(String name) {
        this.name = Objects.requireNonNull(name, "store name must not be null");
    }

    /** @return the store name */
    @Override
    public String name() {
        return name;
    }

    /** @return a new RocksDB store, not yet opened */
    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new RocksDBKeyValueStore(name);
    }

    /** @return {@code "rocksdb"}, the metrics scope Kafka Streams uses for RocksDB stores */
    @Override
    public String metricsScope() {
        return "rocksdb";
    }
}
