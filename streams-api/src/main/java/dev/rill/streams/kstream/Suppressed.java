package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.internal.BufferSpec;
import dev.rill.streams.kstream.internal.EagerBufferSpec;
import dev.rill.streams.kstream.internal.StrictBufferSpec;
import dev.rill.streams.kstream.internal.SuppressionSpec;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code KTable.suppress} holds back updates: either until a window closes, so that each window
 * emits exactly one final result, or until a key has been quiet for a while, so that bursts of updates
 * collapse into their latest value. Updates wait in a buffer per operator, whose size and behaviour
 * when full are set with a {@link BufferConfig}.
 *
 * <pre>{@code
 * Suppressed<Windowed> finalOnly = Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded());
 * Suppressed<String> rateLimited = Suppressed.untilTimeLimit(Duration.ofSeconds(10),
 *         Suppressed.BufferConfig.maxRecords(10_000).emitEarlyWhenFull());
 * }</pre>
 *
 * <p>{@link #untilWindowCloses} emits a window's result once stream time reaches {@code window end +
 * grace}, ordered by window end and then key; a window that never closes (because input stops) is never
 * emitted. Instances are immutable: every {@code with...} returns a new one.
 *
 * @param <K> the key type of the suppressed table
 */
@Stable
public interface Suppressed<K> {

    /**
     * Limits and full-buffer behaviour of a suppression buffer. Obtain one through the static
     * factories; implementations outside Rill are not supported.
     *
     * @param <BC> the concrete kind of buffer configuration, strict or eager
     */
    @Stable
    interface BufferConfig<BC extends BufferConfig<BC>> {

        /**
         * A buffer of at most {@code recordLimit} records that emits its oldest records early when full.
         *
         * @param recordLimit the largest number of records held; zero or more
         * @return the buffer configuration, with no byte limit
         * @throws IllegalArgumentException if {@code recordLimit} is negative
         */
        static EagerBufferConfig maxRecords(long recordLimit) {
            return EagerBufferSpec.UNBOUNDED.withMaxRecords(recordLimit);
        }

        /**
         * A buffer of at most {@code byteLimit} bytes of serialized keys and values that emits its oldest
         * records early when full.
         *
         * @param byteLimit the largest number of bytes held; zero or more
         * @return the buffer configuration, with no record limit
         * @throws IllegalArgumentException if {@code byteLimit} is negative
         */
        static EagerBufferConfig maxBytes(long byteLimit) {
            return EagerBufferSpec.UNBOUNDED.withMaxBytes(byteLimit);
        }

        /**
         * A buffer with no limit: it grows as needed and never emits early, so memory is the only bound.
         *
         * @return the buffer configuration
         */
        static StrictBufferConfig unbounded() {
            return StrictBufferSpec.UNBOUNDED;
        }

        /**
         * @param recordLimit the largest number of records held; zero or more
         * @return a copy with this record limit
         * @throws IllegalArgumentException if {@code recordLimit} is negative
         */
        BC withMaxRecords(long recordLimit);

        /**
         * @param byteLimit the largest number of bytes held; zero or more
         * @return a copy with this byte limit
         * @throws IllegalArgumentException if {@code byteLimit} is negative
         */
        BC withMaxBytes(long byteLimit);

        /**
         * @return a copy without record or byte limit, which never emits early
         */
        StrictBufferConfig withNoBound();

        /**
         * Keeps the limits but, instead of emitting early, stops the application with an error when the
         * buffer is full, so that no intermediate result ever escapes.
         *
         * @return a strict copy of this configuration
         */
        StrictBufferConfig shutDownWhenFull();

        /**
         * Keeps the limits and, when the buffer is full, emits the oldest records before their time,
         * trading strictness for bounded memory.
         *
         * @return an eager copy of this configuration
         */
        EagerBufferConfig emitEarlyWhenFull();

        /**
         * Turns off the changelog of the buffer: faster, but buffered records are lost on a crash.
         * Logging is on by default.
         *
         * @return a copy without changelog
         */
        BC withLoggingDisabled();

        /**
         * Turns on the changelog of the buffer with extra topic settings.
         *
         * @param config topic settings for the changelog, such as {@code retention.ms}; may be empty
         * @return a copy with logging on
         * @throws NullPointerException if {@code config} or one of its keys or values is {@code null}
         */
        BC withLoggingEnabled(Map<String, String> config);
    }

    /**
     * A buffer configuration that never emits early: unbounded, or failing when full. The only kind
     * {@link #untilWindowCloses} accepts, since final results must be final.
     */
    @Stable
    interface StrictBufferConfig extends BufferConfig<StrictBufferConfig> {
    }

    /** A bounded buffer configuration that emits its oldest records early when full. */
    @Stable
    interface EagerBufferConfig extends BufferConfig<EagerBufferConfig> {
    }

    /**
     * Holds back every update of a windowed table until its window closes, then emits the window's
     * final result once.
     *
     * @param bufferConfig the buffer, strict so that no early result escapes
     * @return the suppression
     * @throws IllegalArgumentException if {@code bufferConfig} is {@code null}
     */
    @SuppressWarnings("rawtypes")
    static Suppressed<Windowed> untilWindowCloses(StrictBufferConfig bufferConfig) {
        return SuppressionSpec.untilWindowCloses(BufferSpec.of(bufferConfig));
    }

    /**
     * Holds back the updates of each key until {@code timeToWaitForMoreEvents} of stream time has passed
     * since the key's first held update, then emits the latest value.
     *
     * @param timeToWaitForMoreEvents how long, in stream time, to wait for further updates; zero or more
     * @param bufferConfig the buffer
     * @param <K> the key type
     * @return the suppression
     * @throws IllegalArgumentException if an argument is {@code null}, the duration is negative or too large
     *     to express in milliseconds
     */
    static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig) {
        return SuppressionSpec.untilTimeLimit(timeToWaitForMoreEvents, BufferSpec.of(bufferConfig));
    }

    /**
     * Names the suppression operator, which also names its buffer's store and changelog.
     *
     * @param name ASCII letters, digits, '.', '_' and '-', at most 249 characters
     * @return a copy with this name
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if the name is empty, too long or has illegal characters
     */
    Suppressed<K> withName(String name);
}
