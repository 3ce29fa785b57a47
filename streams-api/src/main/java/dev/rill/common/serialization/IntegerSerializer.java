package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * Serializes a {@link Integer} as a two's-complement {@code int} (4 bytes, most significant byte
 * first), the same bytes as Kafka's {@code IntegerSerializer}. A {@code null} value serializes to
 * {@code null}.
 */
@Stable
public final class IntegerSerializer implements Serializer<Integer> {

    /** Creates the serializer; it has no settings. */
    public IntegerSerializer() {
    }

    /**
     * Writes the value as 4 big-endian bytes.
     *
     * @param topic the topic the bytes are written to; not used
     * @param data the value, may be {@code null}
     * @return 4 bytes, or {@code null} for a {@code null} value
     */
    @Override
    public byte[] serialize(String topic, Integer data) {
        if (data == null) {
            return null;
        }
        int v = data;
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
