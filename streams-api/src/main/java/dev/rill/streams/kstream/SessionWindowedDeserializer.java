package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.serialization.Deserializer;
import dev.rill.streams.kstream.internal.SessionWindow;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what {@link SessionWindowedSerializer} (or Kafka Streams' {@code SessionWindowedSerializer})
 * wrote: the inner key's bytes, then the session end, then the session start, each as 8 big-endian
 * bytes. Returns a session window {@code [start, end]}. {@code null} bytes deserialize to {@code null}.
 *
 * <p>Thread-safe if the inner deserializer is.
 *
 * @param <T> the type of the inner key
 */
@Stable
public final class SessionWindowedDeserializer<T> implements Deserializer<Windowed<T>> {

    private static final String NAME = "SessionWindowedDeserializer";

    private final Deserializer<T> inner;

    /**
     * @param inner deserializes the key inside the session
     * @throws NullPointerException if {@code inner} is {@code null}
     */
    public SessionWindowedDeserializer(Deserializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner deserializer must not be null");
    }

    /**
     * Configures the inner deserializer.
     *
     * @param configs the application's configuration
     * @param isKey whether this deserializer is used for keys
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    /**
     * @param topic the topic the bytes were read from, passed to the inner deserializer and named in errors
     * @param data the bytes, may be {@code null}
     * @return the windowed key, or {@code null} for {@code null} bytes
     * @throws dev.rill.common.errors.SerializationException if there are fewer than 16 bytes, the start
     *     is negative or after the end, or the inner deserializer fails
     */
    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    /**
     * Like {@link #deserialize(String, byte[])}, giving the inner deserializer the record's headers.
     *
     * @param topic the topic the bytes were read from
     * @param headers the record's headers, or {@code null}
     * @param data the bytes, may be {@code null}
     * @return the windowed key, or {@code null} for {@code null} bytes
     * @throws dev.rill.common.errors.SerializationException if the bytes are not a session-windowed key
     */
    @Override
    public Windowed<T> deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        WindowedKeyBytes.requireTimestamps(NAME, topic, data, 2, "key bytes then an 8-byte session end and an 8-byte session start");
        int keyLength = data.length - 2 * WindowedKeyBytes.TIMESTAMP_SIZE;
        long end = WindowedKeyBytes.readLong(data, keyLength);
        long start = WindowedKeyBytes.readLong(data, keyLength + WindowedKeyBytes.TIMESTAMP_SIZE);
        if (start < 0 || end < start) {
            throw WindowedKeyBytes.unreadable(NAME, topic, "the session [" + start + ", " + end
                    + "] ms is not valid: the start must be zero or more and not after the end", null);
        }
        byte[] keyBytes = Arrays.copyOf(data, keyLength);
        T key = headers == null ? inner.deserialize(topic, keyBytes) : inner.deserialize(topic, headers, keyBytes);
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    /** Closes the inner deserializer. */
    @Override
    public void close() {
        inner.close();
    }
}
