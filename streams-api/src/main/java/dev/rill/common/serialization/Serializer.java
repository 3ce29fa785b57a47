package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import java.io.Closeable;
import java.util.Map;

/**
 * Turns a value of type {@code T} into bytes. Implementations must accept {@code null} (usually
 * returning {@code null}, which is how tombstones travel).
 *
 * @param <T> the type serialized
 */
@Stable
public interface Serializer<T> extends Closeable {

    /**
     * Configures this serializer before first use. The default does nothing.
     *
     * @param configs the application's configuration
     * @param isKey whether this serializer is used for keys
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /**
     * @param topic the topic the bytes are written to
     * @param data the value to serialize, may be {@code null}
     * @return the bytes, or {@code null} for a {@code null} value
     * @throws dev.rill.common.errors.SerializationException if the value cannot be serialized
     */
    byte[] serialize(String topic, T data);

    /**
     * Serializes with access to the record's headers. The default ignores the headers.
     *
     * @param topic the topic the bytes are written to
     * @param headers the record's headers, which a serializer may add to
     * @param data the value to serialize, may be {@code null}
     * @return the bytes, or {@code null} for a {@code null} value
     * @throws dev.rill.common.errors.SerializationException if the value cannot be serialized
     */
    default byte[] serialize(String topic, Headers headers, T data) {
        return serialize(topic, data);
    }

    /** Releases resources. The default does nothing. */
    @Override
    default void close() {
    }
}
