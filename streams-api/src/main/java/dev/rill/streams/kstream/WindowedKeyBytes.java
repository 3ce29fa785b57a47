package dev.rill.streams.kstream;

import dev.rill.common.errors.SerializationException;
import java.util.Arrays;

/**
 * The byte layout of windowed keys, shared by the time- and session-windowed serializers and
 * deserializers: the inner key's bytes followed by one or two 8-byte big-endian timestamps. This is
 * the layout Kafka Streams writes to output topics, so windowed results can be read by either.
 */
final class WindowedKeyBytes {

    static final int TIMESTAMP_SIZE = 8;

    private WindowedKeyBytes() {
    }

    /**
     * Serializes the inner key, failing clearly on a {@code null} result: a windowed key without key
     * bytes could not be told apart from a different key on reading.
     */
    static byte[] innerKey(String serializerName, String topic, byte[] innerBytes, Object key) {
        if (innerBytes == null) {
            throw new SerializationException(serializerName + " cannot write to topic '" + topic + "': the inner serializer returned null for key "
                    + key + "; a windowed key needs key bytes");
        }
        return innerBytes;
    }

    /** Appends {@code timestamps} to {@code key}, each as 8 big-endian bytes. */
    static byte[] append(byte[] key, long... timestamps) {
        byte[] out = Arrays.copyOf(key, key.length + TIMESTAMP_SIZE * timestamps.length);
        int at = key.length;
        for (long t : timestamps) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[at++] = (byte) (t >>> shift);
            }
        }
        return out;
    }

    /** Reads 8 big-endian bytes starting at {@code offset}. */
    static long readLong(byte[] data, int offset) {
        long v = 0;
        for (int i = offset; i < offset + TIMESTAMP_SIZE; i++) {
            v = (v << 8) | (data[i] & 0xFF);
        }
        return v;
    }

    /**
     * Checks that {@code data} holds at least the trailing timestamps.
     *
     * @throws SerializationException naming the deserializer, the topic and the lengths
     */
    static void requireTimestamps(String deserializerName, String topic, byte[] data, int timestamps, String layout) {
        if (data.length < TIMESTAMP_SIZE * timestamps) {
            throw unreadable(deserializerName, topic, "expected at least " + (TIMESTAMP_SIZE * timestamps) + " bytes (" + layout
                    + ") but got " + data.length, null);
        }
    }

    static SerializationException unreadable(String deserializerName, String topic, String problem, Throwable cause) {
        String message = deserializerName + " cannot read topic '" + topic + "': " + problem;
        return cause == null ? new SerializationException(message) : new SerializationException(message, cause);
    }
}
