package dev.rill.streams.kstream.internal;

import dev.rill.common.errors.SerializationException;
import dev.rill.common.header.Headers;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.processor.internal.DefaultSerdeConsumer;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Writes a {@link Change} to the repartition topic of {@code KTable.groupBy}, in the byte layout
 * Kafka Streams uses there, so that the topic reads the same in both: the old value followed by the
 * flag byte 0 (old only), the new value followed by 1 (new only), or a zig-zag varint length of the
 * new value, the new value, the old value and 2 (both). Without a value serde of its own it wraps the
 * application's default.
 */
final class ChangeSerde {
    private static final byte OLD_ONLY = 0;
    private static final byte NEW_ONLY = 1;
    private static final byte BOTH = 2;

    private ChangeSerde() {
    }

    /** Serializes changes; {@code inner} may be {@code null} until the default is known. */
    record ChangeSerializer<V>(Serializer<V> inner) implements Serializer<Change<V>>, DefaultSerdeConsumer {
        @Override
        public boolean needsDefault() {
            return inner == null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object withDefault(Serde<?> defaultSerde) {
            return new ChangeSerializer<>(((Serde<V>) defaultSerde).serializer());
        }

        @Override
        public byte[] serialize(String topic, Change<V> data) {
            return serialize(topic, null, data);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, Change<V> change) {
            if (change == null) {
                return null;
            }
            byte[] newBytes = change.newValue() == null ? null : inner.serialize(topic, headers, change.newValue());
            byte[] oldBytes = change.oldValue() == null ? null : inner.serialize(topic, headers, change.oldValue());
            if (newBytes != null && oldBytes != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(newBytes.length + oldBytes.length + 6);
                writeZigZagVarint(newBytes.length, out);
                out.writeBytes(newBytes);
                out.writeBytes(oldBytes);
                out.write(BOTH);
                return out.toByteArray();
            }
            if (newBytes != null) {
                return withFlag(newBytes, NEW_ONLY);
            }
            if (oldBytes != null) {
                return withFlag(oldBytes, OLD_ONLY);
            }
            throw new SerializationException("a table update to topic " + topic + " has neither a new nor an old value");
        }
    }

    /** Deserializes changes; {@code inner} may be {@code null} until the default is known. */
    record ChangeDeserializer<V>(Deserializer<V> inner) implements Deserializer<Change<V>>, DefaultSerdeConsumer {
        @Override
        public boolean needsDefault() {
            return inner == null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object withDefault(Serde<?> defaultSerde) {
            return new ChangeDeserializer<>(((Serde<V>) defaultSerde).deserializer());
        }

        @Override
        public Change<V> deserialize(String topic, byte[] data) {
            return deserialize(topic, null, data);
        }

        @Override
        public Change<V> deserialize(String topic, Headers headers, byte[] data) {
            if (data == null) {
                return null;
            }
            if (data.length == 0) {
                throw new SerializationException("an empty table update on topic " + topic);
            }
            byte flag = data[data.length - 1];
            switch (flag) {
                case OLD_ONLY:
                    return new Change<>(null, inner.deserialize(topic, headers, Arrays.copyOf(data, data.length - 1)));
                case NEW_ONLY:
                    return new Change<>(inner.deserialize(topic, headers, Arrays.copyOf(data, data.length - 1)), null);
                case BOTH: {
                    int[] position = {0};
                    int newLength = readZigZagVarint(data, position, topic);
                    int start = position[0];
                    if (newLength < 0 || start + newLength > data.length - 1) {
                        throw new SerializationException("a table update on topic " + topic + " gives its new value "
                            + newLength + " bytes, but only " + (data.length - 1 - start) + " follow");
                    }
                    V newValue = inner.deserialize(topic, headers, Arrays.copyOfRange(data, start, start + newLength));
                    V oldValue = inner.deserialize(topic, headers, Arrays.copyOfRange(data, start + newLength, data.length - 1));
                    return new Change<>(newValue, oldValue);
                }
                default:
                    throw new SerializationException("a table update on topic " + topic + " ends in the unknown flag " + flag);
            }
        }
    }

    private static byte[] withFlag(byte[] value, byte flag) {
        byte[] out = Arrays.copyOf(value, value.length + 1);
        out[value.length] = flag;
        return out;
    }

    private static void writeZigZagVarint(int value, ByteArrayOutputStream out) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readZigZagVarint(byte[] data, int[] position, String topic) {
        int raw = 0;
        int shift = 0;
        while (true) {
            if (position[0] >= data.length || shift > 28) {
                throw new SerializationException("a table update on topic " + topic + " has a malformed length prefix");
            }
            byte b = data[position[0]++];
            raw |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (raw >>> 1) ^ -(raw & 1);
    }
}
