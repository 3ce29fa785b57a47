package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.internal.DurationArguments;
import java.time.Duration;

/**
 * Windows of activity separated by gaps of inactivity. A session is {@code [start, end]}, both
 * inclusive, from its first to its last record; a session of one record has {@code start == end}. A
 * record joins every session of its key that ends at most {@code inactivityGap} before it or starts at
 * most {@code inactivityGap} after it, merging them into one.
 *
 * <p>A record is dropped as late iff the session it would end up in ends before
 * {@code streamTime - grace - inactivityGap}.
 *
 * <pre>{@code
 * SessionWindows visits = SessionWindows.ofInactivityGapAndGrace(Duration.ofMinutes(30), Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Stable
public final class SessionWindows {

    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        if (gapMs < 0) {
            throw new IllegalArgumentException("Session inactivity gap (inactivityGap) must not be negative, but was " + gapMs + " ms");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period (afterWindowEnd) must not be negative, but was " + graceMs + " ms");
        }
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    /**
     * Defines session windows with no grace period.
     *
     * @param inactivityGap the longest quiet time within one session; zero or more (with zero, only records
     *     with equal timestamps share a session)
     * @return the window definition
     * @throws IllegalArgumentException if {@code inactivityGap} is {@code null}, negative, or too
     *     large to express in milliseconds
     */
    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return new SessionWindows(DurationArguments.toMillis(inactivityGap, "inactivityGap"), 0L);
    }

    /**
     * Defines session windows that accept out-of-order records for {@code afterWindowEnd} longer.
     *
     * @param inactivityGap the longest quiet time within one session; zero or more (with zero, only records
     *     with equal timestamps share a session)
     * @param afterWindowEnd the grace period; zero or more
     * @return the window definition
     * @throws IllegalArgumentException if an argument is {@code null}, negative, or too large to
     *     express in milliseconds; the message names the argument
     */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration afterWindowEnd) {
        long gap = DurationArguments.toMillis(inactivityGap, "inactivityGap");
        return new SessionWindows(gap, DurationArguments.toMillis(afterWindowEnd, "afterWindowEnd"));
    }

    /** @return the inactivity gap in milliseconds */
    public long inactivityGap() {
        return gapMs;
    }

    /** @return the grace period in milliseconds */
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionWindows w && gapMs == w.gapMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(gapMs) + Long.hashCode(graceMs);
    }

    /** @return the gap and grace period in milliseconds */
    @Override
    public String toString() {
        return "SessionWindows{gapMs=" + gapMs + ", graceMs=" + graceMs + '}';
    }
}
