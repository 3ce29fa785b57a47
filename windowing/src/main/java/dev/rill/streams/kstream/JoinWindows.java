package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.internal.DurationArguments;
import java.time.Duration;
import java.util.Map;

/**
 * The time bounds of a stream-stream join. A record of the left stream with timestamp {@code ts} joins
 * every right record with a timestamp in {@code [ts - before, ts + after]}, both inclusive;
 * symmetrically a right record at {@code ts} joins left records in {@code [ts - after, ts + before]}.
 * {@link #ofTimeDifferenceWithNoGrace(Duration)} sets {@code before} and {@code after} to the same
 * difference; {@link #before(Duration)} and {@link #after(Duration)} make the window asymmetric, and
 * one of them may be negative as long as {@code before + after} is not.
 *
 * <p>The grace period says how long out-of-order records are still joined; for left and outer joins a
 * record without a partner is emitted with a {@code null} partner once stream time passes the end of
 * its window plus the grace period.
 *
 * <pre>{@code
 * JoinWindows withinFiveMinutes = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30));
 * JoinWindows onlyLater = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(5)).before(Duration.ZERO);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Stable
public final class JoinWindows extends Windows<Window> {

    /** How far, in milliseconds, the other stream's timestamps may lie before this stream's. */
    public final long beforeMs;

    /** How far, in milliseconds, the other stream's timestamps may lie after this stream's. */
    public final long afterMs;

    private final long graceMs;

    private JoinWindows(long beforeMs, long afterMs, long graceMs) {
        long size;
        try {
            size = Math.addExact(beforeMs, afterMs);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Join window interval (beforeMs + afterMs) must fit in a long, but was "
                    + beforeMs + " ms + " + afterMs + " ms", e);
        }
        if (size < 0) {
            throw new IllegalArgumentException("Join window interval (beforeMs + afterMs) must not be negative, but was "
                    + beforeMs + " ms + " + afterMs + " ms = " + size + " ms");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period (afterWindowEnd) must not be negative, but was " + graceMs + " ms");
        }
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
    }

    /**
     * Defines a symmetric join window with no grace period: records join iff their timestamps are at
     * most {@code timeDifference} apart.
     *
     * @param timeDifference the largest difference between joined timestamps; zero or more
     * @return the join window
     * @throws IllegalArgumentException if {@code timeDifference} is {@code null}, negative, or too large
     *     to express in milliseconds
     */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        long differenceMs = DurationArguments.toMillis(timeDifference, "timeDifference");
        return new JoinWindows(differenceMs, differenceMs, 0L);
    }

    /**
     * Defines a symmetric join window that keeps joining out-of-order records for {@code
     * afterWindowEnd} after a window has ended.
     *
     * @param timeDifference the largest difference between joined timestamps; zero or more
     * @param afterWindowEnd the grace period; zero or more
     * @return the join window
     * @throws IllegalArgumentException if an argument is {@code null}, negative, or too large to express
     *     in milliseconds; the message names the argument
     */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        long differenceMs = DurationArguments.toMillis(timeDifference, "timeDifference");
        return new JoinWindows(differenceMs, differenceMs, DurationArguments.toMillis(afterWindowEnd, "afterWindowEnd"));
    }

    /**
     * Changes how far the other stream's timestamps may lie before this stream's, keeping {@code after}
     * and the grace period.
     *
     * @param timeDifference the new {@code before}; may be negative if {@code before + after} stays zero or more
     * @return a new join window; this one is unchanged
     * @throws IllegalArgumentException if {@code timeDifference} is {@code null} or too large to express
     *     in milliseconds, or if {@code before + after} would be negative
     */
    public JoinWindows before(Duration timeDifference) {
        return new JoinWindows(DurationArguments.toMillis(timeDifference, "timeDifference"), afterMs, graceMs);
    }

    /**
     * Changes how far the other stream's timestamps may lie after this stream's, keeping {@code before}
     * and the grace period.
     *
     * @param timeDifference the new {@code after}; may be negative if {@code before + after} stays zero or more
     * @return a new join window; this one is unchanged
     * @throws IllegalArgumentException if {@code timeDifference} is {@code null} or too large to express
     *     in milliseconds, or if {@code before + after} would be negative
     */
    public JoinWindows after(Duration timeDifference) {
        return new JoinWindows(beforeMs, DurationArguments.toMillis(timeDifference, "timeDifference"), graceMs);
    }

    /**
     * Not supported: join windows are placed around each record, not assigned from a timestamp.
     *
     * @param timestamp ignored
     * @return never returns
     * @throws UnsupportedOperationException always
     */
    @Override
    public Map<Long, Window> windowsFor(long timestamp) {
        throw new UnsupportedOperationException("windowsFor() is not supported by JoinWindows: a join window is placed around each record");
    }

    /** @return {@code before + after}, the width of the join window in milliseconds */
    @Override
    public long size() {
        return beforeMs + afterMs;
    }

    /** @return the grace period in milliseconds */
    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinWindows w && beforeMs == w.beforeMs && afterMs == w.afterMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(beforeMs) + Long.hashCode(afterMs)) + Long.hashCode(graceMs);
    }

    /** @return the before, after and grace period in milliseconds */
    @Override
    public String toString() {
        return "JoinWindows{beforeMs=" + beforeMs + ", afterMs=" + afterMs + ", graceMs=" + graceMs + '}';
    }
}
