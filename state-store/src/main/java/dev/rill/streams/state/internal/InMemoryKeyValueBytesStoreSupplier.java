package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueStore;

/**
 * Supplies {@link InMemoryKeyValueStore}s: what {@code Stores.inMemoryKeyValueStore} returns. Each
 * {@link #get()} returns a new, empty store.
 */
@Internal
public final class InMemoryKeyValueBytesStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;

    /**
     * @param name the store name, already checked by {@code Stores}
     */
    public InMemoryKeyValueBytesStoreSupplier(String name) {
        this.name = name;
    }

    /** @return the name of the stores supplied */
    @Override
    public String name() {
        return name;
    }

    /** @return a new, empty, unopened in-memory store */
    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new InMemoryKeyValueStore(name);
    }

    /** @return {@code in-memory} */
    @Override
    public String metricsScope() {
        return "in-memory";
    }
}
