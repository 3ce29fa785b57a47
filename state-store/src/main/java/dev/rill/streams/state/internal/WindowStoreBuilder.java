package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import dev.rill.streams.state.WindowStore;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds typed window stores over a {@link WindowBytesStoreSupplier}: what {@code Stores.windowStoreBuilder}
 * returns. Each {@link #build()} stacks, from the outside in: the typed layer, the cache (if on), the
 * changelog (if on) and the supplier's bytes store. Caching is never used for a supplier that retains
 * duplicates (a cache would merge puts that must stay apart), as in Kafka Streams.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public final class WindowStoreBuilder<K, V> extends LayeredStoreBuilder<WindowStore<K, V>> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowStoreBuilder.class);

    private final WindowBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    /**
     * @param supplier creates the bytes store for each task
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the value serde, or {@code null} for the application's default
     * @throws NullPointerException if the supplier or its name is {@code null}
     */
    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier must not be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /**
     * @param builder the caching and logging switches
     * @param supplier the bytes store's supplier
     * @param timestampedValues whether values start with an 8-byte timestamp, which the changelog then
     *     carries as its records' timestamps (see {@link ChangeLoggingWindowBytesStore})
     * @return the bytes layers: the supplier's store, changelog and cache as configured
     */
    static WindowStore<Bytes, byte[]> buildBytes(LayeredStoreBuilder<?> builder, WindowBytesStoreSupplier supplier, boolean timestampedValues) {
        WindowStore<Bytes, byte[]> store = builder.checkSupplied(supplier.get(), supplier);
        if (builder.loggingEnabled) {
            store = new ChangeLoggingWindowBytesStore(store, supplier.retainDuplicates(), timestampedValues);
        }
        if (builder.cachingEnabled) {
            if (supplier.retainDuplicates()) {
                LOG.warn("Caching is disabled for window store '{}': it retains duplicates, which a cache would merge", builder.name());
            } else {
                store = new CachingWindowStore(store, supplier.windowSize(), supplier.retentionPeriod(), supplier.segmentIntervalMs());
            }
        }
        return store;
    }

    /**
     * Builds one store, for one task; it must be opened with {@code init} before use.
     *
     * @return the typed outermost layer
     * @throws IllegalStateException if the supplier returns {@code null} or a store of another name
     */
    @Override
    @SuppressWarnings("unchecked")
    public WindowStore<K, V> build() {
        return new SerdeWindowStore<>(buildBytes(this, supplier, false), keySerde, fallback -> valueSerde != null ? valueSerde : (Serde<V>) fallback);
    }

    /** @return the supplier */
    WindowBytesStoreSupplier supplier() {
        return supplier;
    }
}
