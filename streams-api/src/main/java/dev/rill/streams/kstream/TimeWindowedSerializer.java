package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.serialization.Serializer;
import java.util.Map;
import java.util.Objects;

/**
 * Serializes the {@link Windowed} keys of tumbling, hopping and sliding window results: the inner
 * key's bytes followed by the window start as 8 big-endian bytes. The end is not written; {@link
 * TimeWindowedDeserializer} rebuilds it from the window size. The bytes are those of Kafka Streams'
 * {@code TimeWindowedSerializer}. A {@code null} windowed key serializes to {@code null}.
 *
 * <p>Thread-safe if the inner serializer is.
 *
 * @param <T> the type of the inner key
 */
@Stable
public final class TimeWindowedSerializer<T> implements Serializer<Windowed<T>> {

    private final Serializer<T> inner;

    /**
     * @param inner serializes the key inside the window
     * @throws NullPointerException if {@code inner} is {@code null}
     */
    public TimeWindowedSerializer(Serializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner serializer must not be null");
    }

    /**
     * Configures the inner serializer.
     *
     * @param configs the application's configuration
     * @param isKey whether this serializer is used for keys
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    /**
     * @param topic the topic the bytes are written to, passed to the inner serializer
     * @param data the windowed key, may be {@code null}
     * @return the key bytes then the 8-byte window start, or {@code null} for a {@code null} key
     * @throws dev.rill.common.errors.SerializationException if the inner serializer fails or returns
     *     {@code null}
     */
    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        byte[] key = WindowedKeyBytes.innerKey("TimeWindowedSerializer", topic, inner.serialize(topic, data.key()), data.key());
        return WindowedKeyBytes.append(key, data.window().start());
    }

    /**
     * Like {@link #serialize(String, Windowed)}, giving the inner serializer the record's headers.
     *
     * @param topic the topic the bytes are written to
     * @param headers the record's headers
     * @param data the windowed key, may be {@code null}
     * @return the key bytes then the 8-byte window start, or {@code null} for a {@code null} key
     * @throws dev.rill.common.errors.SerializationException if the inner serializer fails or returns
     *     {@code null}
     */
    @Override
    public byte[] serialize(String topic, Headers headers, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        byte[] key = WindowedKeyBytes.innerKey("TimeWindowedSerializer", topic, inner.serialize(topic, headers, data.key()), data.key());
        return WindowedKeyBytes.append(key, data.window().start());
    }

    /** Closes the inner serializer. */
    @Override
    public void close() {
        inner.close();
    }
}
