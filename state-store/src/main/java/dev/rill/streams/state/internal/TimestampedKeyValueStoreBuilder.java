package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Map;

/**
 * Builds {@link TimestampedKeyValueStore}s: the same layers as {@link KeyValueStoreBuilder}, with
 * each value stored as its timestamp followed by its bytes ({@link ValueAndTimestampSerde}). What
 * {@code Stores.timestampedKeyValueStoreBuilder} returns, and what the DSL keeps tables in.
 *
 * <p>Starts with logging on and caching off. Not thread-safe: configure it, then hand it to the topology.
 *
 * @param <K> key type
 * @param <V> value type, without its timestamp
 */
@Internal
public final class TimestampedKeyValueStoreBuilder<K, V> implements StoreBuilder<TimestampedKeyValueStore<K, V>> {
    private final KeyValueStoreBuilder<K, V> layers;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    /**
     * @param supplier creates the bytes store for each task
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the serde of the plain values, or {@code null} for the application's default
     * @throws NullPointerException if the supplier or its name is {@code null}
     */
    public TimestampedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        this.layers = new KeyValueStoreBuilder<>(supplier, keySerde, valueSerde);
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public TimestampedKeyValueStoreBuilder<K, V> withCachingEnabled() {
        layers.withCachingEnabled();
        return this;
    }

    @Override
    public TimestampedKeyValueStoreBuilder<K, V> withCachingDisabled() {
        layers.withCachingDisabled();
        return this;
    }

    @Override
    public TimestampedKeyValueStoreBuilder<K, V> withLoggingEnabled(Map<String, String> config) {
        layers.withLoggingEnabled(config);
        return this;
    }

    @Override
    public TimestampedKeyValueStoreBuilder<K, V> withLoggingDisabled() {
        layers.withLoggingDisabled();
        return this;
    }

    /**
     * @return the typed outermost layer of a new store, for one task
     * @throws IllegalStateException if the supplier returns {@code null} or a store of another name
     */
    @Override
    public TimestampedKeyValueStore<K, V> build() {
        return new TimestampedSerdeKeyValueStore<>(layers.buildBytesLayers(true), keySerde, valueSerde);
    }

    @Override
    public Map<String, String> logConfig() {
        return layers.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return layers.loggingEnabled();
    }

    @Override
    public String name() {
        return layers.name();
    }

    /** @return whether a cache is put in front of the store */
    boolean cachingEnabled() {
        return layers.cachingEnabled();
    }

    /** The typed layer of a timestamped store. */
    static final class TimestampedSerdeKeyValueStore<K, V> extends SerdeKeyValueStore<K, ValueAndTimestamp<V>>
            implements TimestampedKeyValueStore<K, V> {

        @SuppressWarnings({"unchecked", "rawtypes"})
        TimestampedSerdeKeyValueStore(dev.rill.streams.state.KeyValueStore<dev.rill.common.utils.Bytes, byte[]> inner,
                                      Serde<K> keySerde, Serde<V> valueSerde) {
            super(inner, keySerde, valueSerde, plain -> new ValueAndTimestampSerde(plain));
        }
    }
}
