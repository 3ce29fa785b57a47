package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import java.io.Closeable;
import java.util.Map;

/**
 * Turns bytes back into a value of type {@code T}. Implementations must accept {@code null} bytes
 * (usually returning {@code null}).
 *
 * @param <T> the type deserialized
 */
@Stable
public interface Deserializer<T> extends Closeable {

    /**
     * Configures this deserializer before first use. The default does nothing.
     *
     * @param configs the application's configuration
     * @param isKey whether this deserializer is used for keys
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /**
     * @param topic the topic the bytes were read from
     * @param data the bytes, may be {@code null}
     * @return the value, or {@code null} for {@code null} bytes
     * @throws dev.rill.common.errors.SerializationException if the bytes are not a valid {@code T}
     */
    T deserialize(String topic, byte[] data);

    /**
     * Deserializes with access to the record's headers. The default ignores the headers.
     *
     * @param topic the topic the bytes were read from
     * @param headers the record's headers
     * @param data the bytes, may be {@code null}
     * @return the value, or {@code null} for {@code null} bytes
     * @throws dev.rill.common.errors.SerializationException if the bytes are not a valid {@code T}
     */
    default T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /** Releases resources. The default does nothing. */
    @Override
    default void close() {
    }
}
