package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;

/**
 * When a window is closed to new records. The windowed aggregations, the stream-stream joins and
 * {@code emitStrategy(onWindowClose)} all ask here, so that every operator draws the line at the same
 * millisecond. Stream time is the task's largest record timestamp so far ({@code -1} before the first
 * record); all values are milliseconds.
 */
@Internal
public final class WindowExpiry {

    private WindowExpiry() {
    }

    /**
     * The close time for windows with the given grace period: windows ending at or before it accept
     * no more records.
     *
     * @param streamTimeMs the task's stream time
     * @param graceMs the grace period, zero or more
     * @return {@code streamTime - grace}, saturated at {@link Long#MIN_VALUE}
     */
    public static long closeTime(long streamTimeMs, long graceMs) {
        return DurationArguments.saturatedSubtract(streamTimeMs, graceMs);
    }

    /**
     * Whether a tumbling or hopping window {@code [start, end)} is closed: {@code end <= streamTime -
     * grace}. A record for a closed window is dropped as late.
     *
     * @param windowEndMs the window's end, exclusive
     * @param streamTimeMs the task's stream time, including the record being processed
     * @param graceMs the grace period
     * @return {@code true} if the window accepts no more records
     */
    public static boolean isTimeWindowClosed(long windowEndMs, long streamTimeMs, long graceMs) {
        return windowEndMs <= closeTime(streamTimeMs, graceMs);
    }

    /**
     * Whether a session {@code [start, end]} is closed: {@code end < streamTime - grace - gap}. The
     * aggregation checks the session a record would produce after merging, so a record that extends a
     * still-open session is accepted even if its own timestamp is old.
     *
     * @param sessionEndMs the (merged) session's end, inclusive
     * @param streamTimeMs the task's stream time, including the record being processed
     * @param gapMs the inactivity gap
     * @param graceMs the grace period
     * @return {@code true} if the session accepts no more records
     */
    public static boolean isSessionClosed(long sessionEndMs, long streamTimeMs, long gapMs, long graceMs) {
        return sessionEndMs < closeTime(closeTime(streamTimeMs, graceMs), gapMs);
    }

    /**
     * Whether the result of {@code suppress(untilWindowCloses)} or {@code emitStrategy(onWindowClose)}
     * may be emitted for a window: {@code windowEnd + grace <= streamTime}, exactly at the boundary.
     *
     * @param windowEndMs the window's end as reported in its {@code Windowed} key
     * @param streamTimeMs the operator's stream time
     * @param graceMs the grace period
     * @return {@code true} if the window's final result is ready
     */
    public static boolean isFinal(long windowEndMs, long streamTimeMs, long graceMs) {
        return isTimeWindowClosed(windowEndMs, streamTimeMs, graceMs);
    }
}
