package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * Passes the bytes read through unchanged, as Kafka's {@code ByteArrayDeserializer} does; any length,
 * including zero, is accepted. The array is not copied. {@code null} bytes deserialize to {@code null}.
 */
@Stable
public final class ByteArrayDeserializer implements Deserializer<byte[]> {

    /** Creates the deserializer; it has no settings. */
    public ByteArrayDeserializer() {
    }

    /**
     * Returns the bytes as given.
     *
     * @param topic the topic the bytes were read from; not used
     * @param data the bytes, may be {@code null}
     * @return {@code data} itself, not a copy
     */
    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }
}
