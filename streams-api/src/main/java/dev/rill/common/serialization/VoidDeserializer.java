package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * The deserializer for keys or values that must be absent: {@code null} bytes deserialize to
 * {@code null}, and anything else, even an empty array, is rejected. Use it to assert that a topic
 * carries no keys (or no values).
 */
@Stable
public final class VoidDeserializer implements Deserializer<Void> {

    /** Creates the deserializer; it has no settings. */
    public VoidDeserializer() {
    }

    /**
     * Accepts only {@code null}.
     *
     * @param topic the topic the bytes were read from; named in the error message
     * @param data must be {@code null}
     * @return {@code null}
     * @throws dev.rill.common.errors.SerializationException if {@code data} is not {@code null}
     */
    @Override
    public Void deserialize(String topic, byte[] data) {
        if (data != null) {
            throw SerdeSupport.unreadable("VoidDeserializer", topic,
                    "expected null but got " + data.length + " bytes", null);
        }
        return null;
    }
}
