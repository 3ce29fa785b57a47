package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.state.StoreBuilder;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the in-memory buffer of a suppression. The buffer has no record cache in front of it (it is
 * a cache of sorts itself), so the caching switches do nothing; logging is on unless turned off.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public final class TimeOrderedChangeBufferBuilder<K, V> implements StoreBuilder<InMemoryTimeOrderedChangeBuffer<K, V>> {
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private boolean loggingEnabled = true;
    private Map<String, String> logConfig = Map.of();

    /**
     * @param name the store name
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the value serde, or {@code null} for the application's default
     */
    public TimeOrderedChangeBufferBuilder(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = Objects.requireNonNull(name, "store name must not be null");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /** Does nothing: the buffer has no record cache. */
    @Override
    public StoreBuilder<InMemoryTimeOrderedChangeBuffer<K, V>> withCachingEnabled() {
        return this;
    }

    /** Does nothing: the buffer has no record cache. */
    @Override
    public StoreBuilder<InMemoryTimeOrderedChangeBuffer<K, V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<InMemoryTimeOrderedChangeBuffer<K, V>> withLoggingEnabled(Map<String, String> config) {
        logConfig = Map.copyOf(Objects.requireNonNull(config, "config must not be null"));
        loggingEnabled = true;
        return this;
    }

    @Override
    public StoreBuilder<InMemoryTimeOrderedChangeBuffer<K, V>> withLoggingDisabled() {
        loggingEnabled = false;
        logConfig = Map.of();
        return this;
    }

    @Override
    public InMemoryTimeOrderedChangeBuffer<K, V> build() {
        return new InMemoryTimeOrderedChangeBuffer<>(name, keySerde, valueSerde, loggingEnabled);
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    @Override
    public String name() {
        return name;
    }
}
