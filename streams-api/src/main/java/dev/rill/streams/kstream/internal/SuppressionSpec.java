package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.internal.Names;
import dev.rill.streams.kstream.Suppressed;
import dev.rill.streams.kstream.Windowed;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the suppress operator needs from a {@link Suppressed}: when records are released, the
 * buffer, and the operator's name if the user gave one.
 *
 * @param mode when held records are released
 * @param timeLimitMs for {@link Mode#UNTIL_TIME_LIMIT}, how long in stream time a key's update is held;
 *     0 for {@link Mode#UNTIL_WINDOW_CLOSES}, where the window's end plus grace decides
 * @param buffer the buffer's limits and full behaviour
 * @param name the operator name, or {@code null} for a generated one
 * @param <K> the key type of the suppressed table
 */
@Internal
public record SuppressionSpec<K>(Mode mode, long timeLimitMs, BufferSpec buffer, String name) implements Suppressed<K> {

    /** When held records are released. */
    public enum Mode {
        /** Once stream time reaches the window's end plus the grace period; only final results. */
        UNTIL_WINDOW_CLOSES,
        /** Once a key's oldest held update is {@code timeLimitMs} old in stream time. */
        UNTIL_TIME_LIMIT
    }

    /**
     * @throws NullPointerException if {@code mode} or {@code buffer} is {@code null}
     * @throws IllegalArgumentException if {@code timeLimitMs} is negative, or an until-window-closes
     *     suppression has a buffer that emits early
     */
    public SuppressionSpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(buffer, "buffer");
        if (timeLimitMs < 0) {
            throw new IllegalArgumentException("timeToWaitForMoreEvents must not be negative, but was " + timeLimitMs + " ms");
        }
        if (mode == Mode.UNTIL_WINDOW_CLOSES && !buffer.shutsDownWhenFull()) {
            throw new IllegalArgumentException("untilWindowCloses needs a strict buffer (unbounded or shutDownWhenFull), but got one that emits early");
        }
    }

    /**
     * @param buffer a strict buffer
     * @return the final-results suppression
     */
    @SuppressWarnings("rawtypes")
    public static Suppressed<Windowed> untilWindowCloses(BufferSpec buffer) {
        return new SuppressionSpec<>(Mode.UNTIL_WINDOW_CLOSES, 0L, buffer, null);
    }

    /**
     * @param timeToWaitForMoreEvents how long to hold each key's updates
     * @param buffer the buffer
     * @param <K> the key type
     * @return the rate-limiting suppression
     * @throws IllegalArgumentException if the duration is {@code null}, negative or too large
     */
    public static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferSpec buffer) {
        return new SuppressionSpec<>(Mode.UNTIL_TIME_LIMIT,
                DurationArguments.toMillis(timeToWaitForMoreEvents, "timeToWaitForMoreEvents"), buffer, null);
    }

    /**
     * @param suppressed a suppression from {@link Suppressed}'s factories
     * @param <K> the key type
     * @return its description
     * @throws IllegalArgumentException if {@code suppressed} is {@code null} or was not made by Rill
     */
    public static <K> SuppressionSpec<K> of(Suppressed<K> suppressed) {
        if (suppressed instanceof SuppressionSpec<K> spec) {
            return spec;
        }
        throw new IllegalArgumentException("suppressed must be created with Suppressed.untilWindowCloses(..) or Suppressed.untilTimeLimit(..), but was "
                + (suppressed == null ? "null" : suppressed.getClass().getName()));
    }

    @Override
    public Suppressed<K> withName(String name) {
        return new SuppressionSpec<>(mode, timeLimitMs, buffer, Names.requireLegal(name, "suppression name"));
    }
}
