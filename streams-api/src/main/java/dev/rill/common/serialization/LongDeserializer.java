package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * Deserializes exactly 8 bytes, most significant byte first, into a {@link Long} read as a
 * two's-complement {@code long}; the inverse of {@link LongSerializer} and of Kafka's {@code
 * LongSerializer}. {@code null} bytes deserialize to {@code null}.
 */
@Stable
public final class LongDeserializer implements Deserializer<Long> {

    private static final int SIZE = 8;

    /** Creates the deserializer; it has no settings. */
    public LongDeserializer() {
    }

    /**
     * Reads the value from 8 big-endian bytes.
     *
     * @param topic the topic the bytes were read from; named in the error message
     * @param data the bytes, may be {@code null}
     * @return the value, or {@code null} for {@code null} bytes
     * @throws dev.rill.common.errors.SerializationException if {@code data} is not exactly 8 bytes long
     */
    @Override
    public Long deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        SerdeSupport.requireSize("LongDeserializer", topic, data, SIZE);
        long v = 0;
        for (byte b : data) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
