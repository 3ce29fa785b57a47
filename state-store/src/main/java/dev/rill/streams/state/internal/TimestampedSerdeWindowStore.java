package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.WindowStore;

/**
 * The typed layer of a timestamped window store: values are stored and logged as the 8-byte timestamp
 * followed by the serialized value ({@link ValueAndTimestampSerde}).
 *
 * @param <K> key type
 * @param <V> value type, without its timestamp
 */
@Internal
public final class TimestampedSerdeWindowStore<K, V> extends SerdeWindowStore<K, ValueAndTimestamp<V>>
    implements TimestampedWindowStore<K, V> {

    /**
     * @param inner the bytes store below
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the serde of the plain values, or {@code null} for the application's default
     */
    @SuppressWarnings("unchecked")
    TimestampedSerdeWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, keySerde, fallback -> {
            Serde<V> plain = valueSerde != null ? valueSerde : (Serde<V>) fallback;
            return plain == null ? null : new ValueAndTimestampSerde<>(plain);
        });
    }
}
