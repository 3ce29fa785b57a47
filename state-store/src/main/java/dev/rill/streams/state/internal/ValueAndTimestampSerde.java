package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.errors.SerializationException;
import dev.rill.common.header.Headers;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Serializes a {@link ValueAndTimestamp} as the 8-byte big-endian timestamp followed by the value's
 * own bytes: the layout of timestamped stores and their changelogs, the same as Kafka Streams', so
 * changelog topics read the same in both. {@code null} stays {@code null}.
 *
 * @param <V> value type
 */
@Internal
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
    private static final int TIMESTAMP_BYTES = Long.BYTES;

    private final Serde<V> valueSerde;
    private final Serializer<ValueAndTimestamp<V>> serializer;
    private final Deserializer<ValueAndTimestamp<V>> deserializer;

    /**
     * @param valueSerde the serde of the plain value
     * @throws NullPointerException if {@code valueSerde} is {@code null}
     */
    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
        Serializer<V> values = valueSerde.serializer();
        Deserializer<V> valueReader = valueSerde.deserializer();
        this.serializer = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, ValueAndTimestamp<V> data) {
                return serialize(topic, null, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, ValueAndTimestamp<V> data) {
                if (data == null) {
                    return null;
                }
                byte[] value = values.serialize(topic, headers, data.value());
                if (value == null) {
                    return null;
                }
                return ByteBuffer.allocate(TIMESTAMP_BYTES + value.length).putLong(data.timestamp()).put(value).array();
            }
        };
        this.deserializer = new Deserializer<>() {
            @Override
            public ValueAndTimestamp<V> deserialize(String topic, byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public ValueAndTimestamp<V> deserialize(String topic, Headers headers, byte[] data) {
                if (data == null) {
                    return null;
                }
                if (data.length < TIMESTAMP_BYTES) {
                    throw new SerializationException("a timestamped value needs at least " + TIMESTAMP_BYTES
                        + " bytes, got " + data.length + (topic == null ? "" : " (topic " + topic + ")"));
                }
                long timestamp = ByteBuffer.wrap(data, 0, TIMESTAMP_BYTES).getLong();
                V value = valueReader.deserialize(topic, headers, Arrays.copyOfRange(data, TIMESTAMP_BYTES, data.length));
                return ValueAndTimestamp.make(value, timestamp);
            }
        };
    }

    /**
     * @param timestamped a value in this serde's layout, at least 8 bytes
     * @return its timestamp in milliseconds
     */
    public static long timestampOf(byte[] timestamped) {
        return ByteBuffer.wrap(timestamped, 0, TIMESTAMP_BYTES).getLong();
    }

    /**
     * @param timestamped a value in this serde's layout, at least 8 bytes
     * @return the plain value's bytes, without the timestamp
     */
    public static byte[] plainValueOf(byte[] timestamped) {
        return Arrays.copyOfRange(timestamped, TIMESTAMP_BYTES, timestamped.length);
    }

    /**
     * Rebuilds a stored value from a changelog record of a timestamped store, which holds the plain
     * value and carries the timestamp as the record's own.
     *
     * @param plain the changelog record's value, or {@code null} for a deletion
     * @param timestamp the changelog record's timestamp
     * @return the value in this serde's layout, or {@code null}
     */
    public static byte[] fromChangelog(byte[] plain, long timestamp) {
        if (plain == null) {
            return null;
        }
        return ByteBuffer.allocate(TIMESTAMP_BYTES + plain.length).putLong(timestamp).put(plain).array();
    }

    /** @return the serde of the plain value */
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
