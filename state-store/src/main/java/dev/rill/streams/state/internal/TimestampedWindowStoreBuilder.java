package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import java.util.Objects;

/**
 * Builds timestamped window stores over a {@link WindowBytesStoreSupplier}: what
 * {@code Stores.timestampedWindowStoreBuilder} returns. Layers as {@link WindowStoreBuilder}; values are
 * stored and logged as the 8-byte timestamp followed by the serialized value.
 *
 * @param <K> key type
 * @param <V> value type, without its timestamp
 */
@Internal
public final class TimestampedWindowStoreBuilder<K, V> extends LayeredStoreBuilder<TimestampedWindowStore<K, V>> {
    private final WindowBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    /**
     * @param supplier creates the bytes store for each task
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the serde of the plain values, or {@code null} for the application's default
     * @throws NullPointerException if the supplier or its name is {@code null}
     */
    public TimestampedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier must not be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /**
     * @return a new store for one task, to open with {@code init}
     * @throws IllegalStateException if the supplier returns {@code null} or a store of another name
     */
    @Override
    public TimestampedWindowStore<K, V> build() {
        return new TimestampedSerdeWindowStore<>(WindowStoreBuilder.buildBytes(this, supplier, true), keySerde, valueSerde);
    }
}
