package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.internal.DurationArguments;
import java.time.Duration;

/**
 * Windows that slide continuously along the time axis, defined by a maximum time difference between
 * the records they hold. Two records are in a common window iff their timestamps are at most {@code
 * timeDifference} apart. Windows are created from record timestamps: each record has a window ending at
 * its timestamp, {@code [ts - timeDifference, ts]}, and one starting just after it,
 * {@code [ts + 1, ts + 1 + timeDifference]}. Both bounds are inclusive, and a window is reported with
 * {@code end = start + timeDifference}. A record with {@code ts < timeDifference} goes into
 * {@code [0, timeDifference]}, since windows never start before 0.
 *
 * <p>A record is dropped as late once stream time is more than the grace period past the end of every
 * window it could be in.
 *
 * <pre>{@code
 * SlidingWindows lastTenSeconds = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Stable
public final class SlidingWindows {

    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        if (timeDifferenceMs < 0) {
            throw new IllegalArgumentException("Window time difference (timeDifference) must not be negative, but was " + timeDifferenceMs + " ms");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Window grace period (afterWindowEnd) must not be negative, but was " + graceMs + " ms");
        }
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    /**
     * Defines sliding windows with no grace period.
     *
     * @param timeDifference the largest difference, inclusive, between two records of one window; zero or more
     * @return the window definition
     * @throws IllegalArgumentException if {@code timeDifference} is {@code null}, negative, or too large to
     *     express in milliseconds
     */
    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return new SlidingWindows(DurationArguments.toMillis(timeDifference, "timeDifference"), 0L);
    }

    /**
     * Defines sliding windows that accept out-of-order records until stream time is {@code
     * afterWindowEnd} past a window's end.
     *
     * @param timeDifference the largest difference, inclusive, between two records of one window; zero or more
     * @param afterWindowEnd the grace period; zero or more
     * @return the window definition
     * @throws IllegalArgumentException if an argument is {@code null}, negative, or too large to express
     *     in milliseconds; the message names the argument
     */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        long differenceMs = DurationArguments.toMillis(timeDifference, "timeDifference");
        return new SlidingWindows(differenceMs, DurationArguments.toMillis(afterWindowEnd, "afterWindowEnd"));
    }

    /** @return the largest time difference, inclusive, between records of one window, in milliseconds */
    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    /** @return the grace period in milliseconds */
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlidingWindows w && timeDifferenceMs == w.timeDifferenceMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(timeDifferenceMs) + Long.hashCode(graceMs);
    }

    /** @return the time difference and grace period in milliseconds */
    @Override
    public String toString() {
        return "SlidingWindows{timeDifferenceMs=" + timeDifferenceMs + ", graceMs=" + graceMs + '}';
    }
}
