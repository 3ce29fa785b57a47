package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds typed key-value stores over a {@link KeyValueBytesStoreSupplier}: what
 * {@code Stores.keyValueStoreBuilder} returns. Each {@link #build()} stacks, from the outside in:
 * {@link SerdeKeyValueStore} (typed), {@link CachingKeyValueStore} (if caching is on),
 * {@link ChangeLoggingKeyValueStore} (if logging is on), and the supplier's bytes store. The cache sits
 * above the changelog so that only what the cache evicts or flushes is logged.
 *
 * <p>Starts with logging on (no topic settings) and caching off, as Kafka Streams does. Not
 * thread-safe: configure it, then hand it to the topology.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public final class KeyValueStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private boolean cachingEnabled;
    private boolean loggingEnabled = true;
    private Map<String, String> logConfig = Collections.emptyMap();

    /**
     * @param supplier creates the bytes store for each task
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the value serde, or {@code null} for the application's default
     * @throws NullPointerException if the supplier or its name is {@code null}
     */
    public KeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        this.supplier = Objects.requireNonNull(supplier, "supplier must not be null");
        Objects.requireNonNull(supplier.name(), "the store supplier's name must not be null");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /**
     * Puts the task's record cache in front of the store.
     *
     * @return this
     */
    @Override
    public KeyValueStoreBuilder<K, V> withCachingEnabled() {
        cachingEnabled = true;
        return this;
    }

    /**
     * Removes the cache (the default).
     *
     * @return this
     */
    @Override
    public KeyValueStoreBuilder<K, V> withCachingDisabled() {
        cachingEnabled = false;
        return this;
    }

    /**
     * Turns changelogging on with topic settings.
     *
     * @param config changelog topic settings; copied
     * @return this
     * @throws NullPointerException if {@code config} is {@code null}
     */
    @Override
    public KeyValueStoreBuilder<K, V> withLoggingEnabled(Map<String, String> config) {
        Objects.requireNonNull(config, () -> "changelog config of state store '" + name() + "' must not be null");
        loggingEnabled = true;
        logConfig = Collections.unmodifiableMap(new HashMap<>(config));
        return this;
    }

    /**
     * Turns changelogging off: the store's content cannot be rebuilt after it is lost.
     *
     * @return this
     */
    @Override
    public KeyValueStoreBuilder<K, V> withLoggingDisabled() {
        loggingEnabled = false;
        logConfig = Collections.emptyMap();
        return this;
    }

    /**
     * Builds one store, for one task; it must be opened with {@code init} before use.
     *
     * @return the typed outermost layer of a new store
     * @throws IllegalStateException if the supplier returns {@code null} or a store of another name
     */
    @Override
    public KeyValueStore<K, V> build() {
        return new SerdeKeyValueStore<>(buildBytesLayers(false), keySerde, valueSerde);
    }

    /**
     * @param timestampedValues whether values carry a timestamp prefix (see {@link ChangeLoggingKeyValueStore})
     * @return a new bytes store from the supplier, with the changelog and cache layers this builder's
     *     options ask for
     * @throws IllegalStateException if the supplier returns {@code null} or a store of another name
     */
    KeyValueStore<Bytes, byte[]> buildBytesLayers(boolean timestampedValues) {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (store == null) {
            throw new IllegalStateException("the supplier of state store '" + name() + "' ("
                + supplier.getClass().getName() + ") returned null");
        }
        if (!name().equals(store.name())) {
            // The runtime finds stores, changelogs and directories by name: a mismatch would mix them up.
            throw new IllegalStateException("the supplier of state store '" + name() + "' (" + supplier.getClass().getName()
                + ") returned a store named '" + store.name() + "'; a supplier's stores must have the supplier's name");
        }
        if (loggingEnabled) {
            store = new ChangeLoggingKeyValueStore(store, timestampedValues);
        }
        if (cachingEnabled) {
            store = new CachingKeyValueStore(store);
        }
        return store;
    }

    /** @return the changelog topic settings (read-only); empty when logging is off */
    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    /** @return whether changelogging is on */
    @Override
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** @return whether a cache is put in front of the store */
    boolean cachingEnabled() {
        return cachingEnabled;
    }

    /** @return the supplier's store name */
    @Override
    public String name() {
        return supplier.name();
    }
}
