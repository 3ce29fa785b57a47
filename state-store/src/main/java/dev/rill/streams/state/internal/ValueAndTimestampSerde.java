package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.errors.SerializationException;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The serde of timestamped store values: the 8-byte big-endian timestamp, then the value's own bytes, as
 * Kafka Streams lays out the values of timestamped stores and their changelogs. {@code null} stays
 * {@code null}.
 *
 * @param <V> the type of the values
 */
@Internal
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
    private final Serde<V> valueSerde;
    private final Serializer<ValueAndTimestamp<V>> serializer;
    private final Deserializer<ValueAndTimestamp<V>> deserializer;

    /**
     * @param valueSerde the serde of the plain values
     * @throws NullPointerException if it is {@code null}
     */
    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde must not be null");
        this.serializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            byte[] value = valueSerde.serializer().serialize(topic, data.value());
            if (value == null) {
                return null;
            }
            return ByteBuffer.allocate(8 + value.length).putLong(data.timestamp()).put(value).array();
        };
        this.deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length < 8) {
                throw new SerializationException("a timestamped value needs at least 8 bytes for its timestamp, got "
                    + data.length + " (topic " + topic + ")");
            }
            long timestamp = ByteBuffer.wrap(data).getLong();
            return ValueAndTimestamp.make(valueSerde.deserializer().deserialize(topic, Arrays.copyOfRange(data, 8, data.length)), timestamp);
        };
    }

    /** @return the serde of the plain values */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        valueSerde.configure(configs, isKey);
    }

    @Override
    public void close() {
        valueSerde.close();
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        return deserializer;
    }
}
