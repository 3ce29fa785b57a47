package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;

/**
 * Serdes for the {@link Windowed} keys of windowed aggregation results, for writing them to a topic or
 * reading them back. The byte formats are Kafka Streams':
 * <ul>
 *   <li>time windows (tumbling, hopping, sliding): key bytes, then the window start as 8 big-endian
 *       bytes; the reader must know the window size to rebuild the end;</li>
 *   <li>session windows: key bytes, then the session end and the session start, 8 big-endian bytes each.</li>
 * </ul>
 *
 * <pre>{@code
 * Serde<Windowed<String>> perMinute = WindowedSerdes.timeWindowedSerdeFrom(String.class, Duration.ofMinutes(1).toMillis());
 * Serde<Windowed<String>> sessions = WindowedSerdes.sessionWindowedSerdeFrom(String.class);
 * }</pre>
 */
@Stable
public final class WindowedSerdes {

    private WindowedSerdes() {
    }

    /**
     * The serde for time-windowed keys: {@link TimeWindowedSerializer} and {@link TimeWindowedDeserializer}.
     *
     * @param <T> the type of the inner key
     */
    @Stable
    public static final class TimeWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {

        /**
         * @param inner the serde of the key inside the window
         * @param windowSize the window size in milliseconds, which the deserializer needs to rebuild ends
         * @throws NullPointerException if {@code inner} is {@code null}
         * @throws IllegalArgumentException if {@code windowSize} is not positive
         */
        public TimeWindowedSerde(Serde<T> inner, long windowSize) {
            super(new TimeWindowedSerializer<>(requireInner(inner).serializer()),
                    new TimeWindowedDeserializer<>(inner.deserializer(), windowSize));
        }
    }

    /**
     * The serde for session-windowed keys: {@link SessionWindowedSerializer} and
     * {@link SessionWindowedDeserializer}.
     *
     * @param <T> the type of the inner key
     */
    @Stable
    public static final class SessionWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {

        /**
         * @param inner the serde of the key inside the session
         * @throws NullPointerException if {@code inner} is {@code null}
         */
        public SessionWindowedSerde(Serde<T> inner) {
            super(new SessionWindowedSerializer<>(requireInner(inner).serializer()),
                    new SessionWindowedDeserializer<>(inner.deserializer()));
        }
    }

    /**
     * A time-windowed serde whose inner serde is the built-in one for {@code type}.
     *
     * @param type the class of the inner key, one that {@link Serdes#serdeFrom(Class)} supports
     * @param windowSize the window size in milliseconds
     * @param <T> the type of the inner key
     * @return a new {@link TimeWindowedSerde}
     * @throws IllegalArgumentException if {@code type} has no built-in serde or {@code windowSize} is not positive
     */
    public static <T> Serde<Windowed<T>> timeWindowedSerdeFrom(Class<T> type, long windowSize) {
        return new TimeWindowedSerde<>(Serdes.serdeFrom(type), windowSize);
    }

    /**
     * A session-windowed serde whose inner serde is the built-in one for {@code type}.
     *
     * @param type the class of the inner key, one that {@link Serdes#serdeFrom(Class)} supports
     * @param <T> the type of the inner key
     * @return a new {@link SessionWindowedSerde}
     * @throws IllegalArgumentException if {@code type} has no built-in serde
     */
    public static <T> Serde<Windowed<T>> sessionWindowedSerdeFrom(Class<T> type) {
        return new SessionWindowedSerde<>(Serdes.serdeFrom(type));
    }

    private static <T> Serde<T> requireInner(Serde<T> inner) {
        if (inner == null) {
            throw new NullPointerException("inner serde must not be null");
        }
        return inner;
    }
}
