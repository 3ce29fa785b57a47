package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * Serializes a {@link Long} as a two's-complement {@code long} (8 bytes, most significant byte first),
 * the same bytes as Kafka's {@code LongSerializer}. A {@code null} value serializes to {@code null}.
 */
@Stable
public final class LongSerializer implements Serializer<Long> {

    /** Creates the serializer; it has no settings. */
    public LongSerializer() {
    }

    /**
     * Writes the value as 8 big-endian bytes.
     *
     * @param topic the topic the bytes are written to; not used
     * @param data the value, may be {@code null}
     * @return 8 bytes, or {@code null} for a {@code null} value
     */
    @Override
    public byte[] serialize(String topic, Long data) {
        if (data == null) {
            return null;
        }
        long v = data;
        return new byte[] {
            (byte) (v >>> 56), (byte) (v >>> 48), (byte) (v >>> 40), (byte) (v >>> 32),
            (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v
        };
    }
}
