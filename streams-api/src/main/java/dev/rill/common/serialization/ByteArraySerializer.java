package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * Passes a {@code byte[]} through unchanged: the bytes written are the array itself, as with Kafka's
 * {@code ByteArraySerializer}. The array is not copied, so the caller must not modify it after handing
 * it over. A {@code null} array serializes to {@code null}.
 */
@Stable
public final class ByteArraySerializer implements Serializer<byte[]> {

    /** Creates the serializer; it has no settings. */
    public ByteArraySerializer() {
    }

    /**
     * Returns the array as given.
     *
     * @param topic the topic the bytes are written to; not used
     * @param data the bytes, may be {@code null}
     * @return {@code data} itself, not a copy
     */
    @Override
    public byte[] serialize(String topic, byte[] data) {
        return data;
    }
}
