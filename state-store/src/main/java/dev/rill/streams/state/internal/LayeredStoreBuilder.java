package dev.rill.streams.state.internal;

import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the window and session store builders share: the name and the caching and logging switches,
 * starting with logging on (no topic settings) and caching off, as Kafka Streams does. Not thread-safe:
 * configure it, then hand it to the topology.
 *
 * @param <T> the store type built
 */
abstract class LayeredStoreBuilder<T extends StateStore> implements StoreBuilder<T> {
    private final String name;
    boolean cachingEnabled;
    boolean loggingEnabled = true;
    private Map<String, String> logConfig = Collections.emptyMap();

    LayeredStoreBuilder(String name) {
        this.name = Objects.requireNonNull(name, "the store supplier's name must not be null");
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        cachingEnabled = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        cachingEnabled = false;
        return this;
    }

    /**
     * @throws NullPointerException if {@code config} is {@code null}
     */
    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        Objects.requireNonNull(config, () -> "changelog config of state store '" + name + "' must not be null");
        loggingEnabled = true;
        logConfig = Collections.unmodifiableMap(new HashMap<>(config));
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        loggingEnabled = false;
        logConfig = Collections.emptyMap();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** @return whether a cache is put in front of the store */
    boolean cachingEnabled() {
        return cachingEnabled;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * @throws IllegalStateException if the supplier returned {@code null} or a store of another name
     */
    <S extends StateStore> S checkSupplied(S store, Object supplier) {
        if (store == null) {
            throw new IllegalStateException("the supplier of state store '" + name + "' (" + supplier.getClass().getName()
                + ") returned null");
        }
        if (!name.equals(store.name())) {
            throw new IllegalStateException("the supplier of state store '" + name + "' (" + supplier.getClass().getName()
                + ") returned a store named '" + store.name() + "'; a supplier's stores must have the supplier's name");
        }
        return store;
    }
}
