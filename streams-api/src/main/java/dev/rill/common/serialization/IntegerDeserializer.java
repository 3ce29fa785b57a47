package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * Deserializes exactly 4 bytes, most significant byte first, into an {@link Integer} read as a
 * two's-complement {@code int}; the inverse of {@link IntegerSerializer} and of Kafka's {@code
 * IntegerSerializer}. {@code null} bytes deserialize to {@code null}.
 */
@Stable
public final class IntegerDeserializer implements Deserializer<Integer> {

    private static final int SIZE = 4;

    /** Creates the deserializer; it has no settings. */
    public IntegerDeserializer() {
    }

    /**
     * Reads the value from 4 big-endian bytes.
     *
     * @param topic the topic the bytes were read from; named in the error message
     * @param data the bytes, may be {@code null}
     * @return the value, or {@code null} for {@code null} bytes
     * @throws dev.rill.common.errors.SerializationException if {@code data} is not exactly 4 bytes long
     */
    @Override
    public Integer deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        SerdeSupport.requireSize("IntegerDeserializer", topic, data, SIZE);
        int v = 0;
        for (byte b : data) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
