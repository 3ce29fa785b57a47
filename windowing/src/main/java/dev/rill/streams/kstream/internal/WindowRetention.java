package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.JoinWindows;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.Windows;
import java.time.Duration;

/**
 * How long the store behind each kind of windowed operator must keep data, in milliseconds. The
 * minimum is what the operator needs to find every window that can still change; a user may ask for
 * more through {@code Materialized.withRetention}, never for less. Sums that overflow are capped at
 * {@link Long#MAX_VALUE}, which means "keep forever".
 */
@Internal
public final class WindowRetention {

    private WindowRetention() {
    }

    /**
     * Tumbling, hopping and unlimited windows keep a window for its size plus the grace period after
     * its start, the longest it can still receive records.
     *
     * @param windows the window definition
     * @return {@code size + grace}
     */
    public static long minimumFor(Windows<?> windows) {
        return DurationArguments.saturatedAdd(windows.size(), windows.gracePeriodMs());
    }

    /**
     * A stream-stream join keeps each side's records for the join window's width plus the grace period.
     *
     * @param windows the join window
     * @return {@code before + after + grace}
     */
    public static long minimumFor(JoinWindows windows) {
        return DurationArguments.saturatedAdd(windows.size(), windows.gracePeriodMs());
    }

    /**
     * A sliding-window aggregation keeps twice the time difference plus the grace period: creating the
     * right window of an out-of-order record needs windows starting as early as {@code ts - 2 *
     * timeDifference}.
     *
     * @param windows the window definition
     * @return {@code 2 * timeDifference + grace}
     */
    public static long minimumFor(SlidingWindows windows) {
        long twice = DurationArguments.saturatedAdd(windows.timeDifferenceMs(), windows.timeDifferenceMs());
        return DurationArguments.saturatedAdd(twice, windows.gracePeriodMs());
    }

    /**
     * A session aggregation keeps sessions for the inactivity gap plus the grace period past their end.
     *
     * @param windows the window definition
     * @return {@code inactivityGap + grace}
     */
    public static long minimumFor(SessionWindows windows) {
        return DurationArguments.saturatedAdd(windows.inactivityGap(), windows.gracePeriodMs());
    }

    /**
     * Picks the retention of a windowed store: the minimum unless the user configured one, which must
     * then be at least the minimum.
     *
     * @param storeName the store, named in the error
     * @param minimumMs the operator's minimum, from one of the {@code minimumFor} methods
     * @param configured the retention the user asked for, or {@code null} for the minimum
     * @param windows the window definition, described in the error
     * @return the retention to use, in milliseconds
     * @throws IllegalArgumentException if {@code configured} cannot be expressed in milliseconds or is
     *     below the minimum; the message names the store, the window definition and both values
     */
    public static long resolve(String storeName, long minimumMs, Duration configured, Object windows) {
        if (configured == null) {
            return minimumMs;
        }
        long configuredMs = DurationArguments.toMillis(configured, "retention");
        if (configuredMs < minimumMs) {
            throw new IllegalArgumentException("The retention period of the store '" + storeName + "' must be at least "
                    + minimumMs + " ms for " + windows + ", but was " + configuredMs
                    + " ms; raise it with Materialized.withRetention or leave it unset");
        }
        return configuredMs;
    }
}
