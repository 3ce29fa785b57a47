package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import dev.rill.common.errors.SerializationException;

/**
 * The serializer for keys or values that are always absent: it writes {@code null} for {@code null}, the
 * only value of type {@link Void}, which is what Kafka's {@code VoidSerializer} writes too.
 *
 * <p>No non-null {@code Void} exists, so a non-null argument can only arrive through a raw or unchecked
 * reference; the cast the compiler inserts then fails with {@link ClassCastException} before this class
 * sees it, as for any serializer given a value of the wrong type.
 */
@Stable
public final class VoidSerializer implements Serializer<Void> {

    /** Creates the serializer; it has no settings. */
    public VoidSerializer() {
    }

    /**
     * Returns {@code null}.
     *
     * @param topic the topic the bytes are written to; named in the error message
     * @param data must be {@code null}
     * @return {@code null}
     * @throws SerializationException if {@code data} is not {@code null}
     */
    @Override
    public byte[] serialize(String topic, Void data) {
        // Unreachable with today's JDK, but it keeps the contract explicit should a Void ever turn up.
        if (data != null) {
            throw new SerializationException("VoidSerializer cannot write to topic '" + topic
                    + "': it only accepts null but was given a " + data.getClass().getName());
        }
        return null;
    }
}
