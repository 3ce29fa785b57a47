package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.serialization.Deserializer;
import dev.rill.streams.kstream.internal.TimeWindow;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what {@link TimeWindowedSerializer} (or Kafka Streams' {@code TimeWindowedSerializer}) wrote:
 * the inner key's bytes followed by the window start as 8 big-endian bytes. The bytes carry no window
 * end, so the deserializer is given the window size and returns {@code [start, start + size)}; an end
 * past the largest timestamp is capped at {@link Long#MAX_VALUE}, as Kafka Streams does. Use the size
 * of the windows that produced the data: any other size silently yields wrong window ends. {@code null}
 * bytes deserialize to {@code null}.
 *
 * <p>Thread-safe if the inner deserializer is.
 *
 * @param <T> the type of the inner key
 */
@Stable
public final class TimeWindowedDeserializer<T> implements Deserializer<Windowed<T>> {

    private static final String NAME = "TimeWindowedDeserializer";

    private final Deserializer<T> inner;
    private final long windowSize;

    /**
     * @param inner deserializes the key inside the window
     * @param windowSize the size of the windows in milliseconds, used to rebuild each window's end
     * @throws NullPointerException if {@code inner} is {@code null}
     * @throws IllegalArgumentException if {@code windowSize} is not positive
     */
    public TimeWindowedDeserializer(Deserializer<T> inner, long windowSize) {
        this.inner = Objects.requireNonNull(inner, "inner deserializer must not be null");
        if (windowSize <= 0) {
            throw new IllegalArgumentException("windowSize must be larger than zero, but was " + windowSize + " ms");
        }
        this.windowSize = windowSize;
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
     * @throws dev.rill.common.errors.SerializationException if there are fewer than 8 bytes, the window
     *     start is negative or {@link Long#MAX_VALUE}, or the inner deserializer fails
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
     * @throws dev.rill.common.errors.SerializationException if the bytes are not a time-windowed key
     */
    @Override
    public Windowed<T> deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        WindowedKeyBytes.requireTimestamps(NAME, topic, data, 1, "key bytes then an 8-byte window start");
        int keyLength = data.length - WindowedKeyBytes.TIMESTAMP_SIZE;
        long start = WindowedKeyBytes.readLong(data, keyLength);
        if (start < 0 || start == Long.MAX_VALUE) {
            throw WindowedKeyBytes.unreadable(NAME, topic, "the window start " + start
                    + " ms is not a valid start (0 to " + (Long.MAX_VALUE - 1) + " ms)", null);
        }
        long end = start > Long.MAX_VALUE - windowSize ? Long.MAX_VALUE : start + windowSize;
        byte[] keyBytes = Arrays.copyOf(data, keyLength);
        T key = headers == null ? inner.deserialize(topic, keyBytes) : inner.deserialize(topic, headers, keyBytes);
        return new Windowed<>(key, new TimeWindow(start, end));
    }

    /** @return the window size in milliseconds this deserializer rebuilds window ends with */
    public long getWindowSize() {
        return windowSize;
    }

    /** Closes the inner deserializer. */
    @Override
    public void close() {
        inner.close();
    }
}
