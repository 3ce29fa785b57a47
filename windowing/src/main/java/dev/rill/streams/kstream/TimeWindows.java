package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.internal.DurationArguments;
import dev.rill.streams.kstream.internal.TimeWindow;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fixed-size windows aligned to the epoch: tumbling when the advance equals the size (every timestamp
 * is in exactly one window), hopping when the advance is smaller (windows overlap and a timestamp is
 * in {@code size / advance} of them).
 *
 * <p>Each window is {@code [start, start + size)}: start inclusive, end exclusive, and every start is a
 * multiple of the advance. Windows never start before 0, so a timestamp near 0 is in fewer hopping
 * windows: with a size of 10 s and an advance of 5 s, timestamp 1000 is only in {@code [0, 10000)}.
 *
 * <p>A record is added to a window only while the window is open: window {@code [s, e)} is closed, and
 * records for it are dropped as late, once {@code e <= streamTime - grace}.
 *
 * <pre>{@code
 * TimeWindows tumbling = TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(5));
 * TimeWindows hopping = TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30))
 *         .advanceBy(Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Stable
public final class TimeWindows extends Windows<TimeWindow> {

    /** The size of each window in milliseconds, greater than zero. */
    public final long sizeMs;

    /** The distance between the starts of consecutive windows in milliseconds, in {@code (0, sizeMs]}. */
    public final long advanceMs;

    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("Window size (sizeMs) must be larger than zero, but was " + sizeMs + " ms");
        }
        if (advanceMs <= 0 || advanceMs > sizeMs) {
            throw new IllegalArgumentException("Window advance (advanceMs) must be larger than zero and no larger than the window size of "
                    + sizeMs + " ms, but was " + advanceMs + " ms");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period (afterWindowEnd) must not be negative, but was " + graceMs + " ms");
        }
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
    }

    /**
     * Defines tumbling windows of the given size with no grace period: a record is dropped as soon as
     * stream time has reached the end of its window.
     *
     * @param size the size of each window; at least one millisecond
     * @return tumbling windows; use {@link #advanceBy(Duration)} to make them hop
     * @throws IllegalArgumentException if {@code size} is {@code null}, not positive, or too large to
     *     express in milliseconds
     */
    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        long sizeMs = DurationArguments.toMillis(size, "size");
        return new TimeWindows(sizeMs, sizeMs, 0L);
    }

    /**
     * Defines tumbling windows of the given size that accept out-of-order records until stream time is
     * {@code afterWindowEnd} past a window's end.
     *
     * @param size the size of each window; at least one millisecond
     * @param afterWindowEnd the grace period; zero or more
     * @return tumbling windows; use {@link #advanceBy(Duration)} to make them hop
     * @throws IllegalArgumentException if an argument is {@code null}, out of range, or too large to
     *     express in milliseconds; the message names the argument
     */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration afterWindowEnd) {
        long sizeMs = DurationArguments.toMillis(size, "size");
        long graceMs = DurationArguments.toMillis(afterWindowEnd, "afterWindowEnd");
        return new TimeWindows(sizeMs, sizeMs, graceMs);
    }

    /**
     * Returns hopping windows with this size and grace period whose starts are {@code advance} apart.
     *
     * @param advance the distance between window starts; more than zero and at most the window size
     * @return a new definition; this one is unchanged
     * @throws IllegalArgumentException if {@code advance} is {@code null}, not positive, larger than the
     *     size, or too large to express in milliseconds
     */
    public TimeWindows advanceBy(Duration advance) {
        return new TimeWindows(sizeMs, DurationArguments.toMillis(advance, "advance"), graceMs);
    }

    /**
     * Lists the windows that contain {@code timestamp}: every {@code [s, s + size)} with {@code s} a
     * non-negative multiple of the advance and {@code s <= timestamp < s + size}.
     *
     * @param timestamp a record timestamp in milliseconds since the epoch
     * @return an unmodifiable map from window start to window, in ascending order of start; empty for a
     *     negative timestamp
     * @throws IllegalArgumentException if a window containing {@code timestamp} would end after
     *     {@link Long#MAX_VALUE}
     */
    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        if (timestamp < 0) {
            return Map.of();
        }
        // The earliest window that still contains the timestamp, clamped to 0 near the epoch.
        long start = Math.max(0L, timestamp - sizeMs + advanceMs) / advanceMs * advanceMs;
        Map<Long, TimeWindow> windows = new LinkedHashMap<>();
        for (; start <= timestamp; start += advanceMs) {
            if (start > Long.MAX_VALUE - sizeMs) {
                throw new IllegalArgumentException("Timestamp " + timestamp + " ms is too close to the largest timestamp: the "
                        + sizeMs + " ms window starting at " + start + " ms would end after " + Long.MAX_VALUE + " ms");
            }
            windows.put(start, new TimeWindow(start, start + sizeMs));
        }
        return Collections.unmodifiableMap(windows);
    }

    /** @return the size of each window in milliseconds */
    @Override
    public long size() {
        return sizeMs;
    }

    /** @return the grace period in milliseconds: how long after its end a window still accepts records */
    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindows w && sizeMs == w.sizeMs && advanceMs == w.advanceMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(sizeMs) + Long.hashCode(advanceMs)) + Long.hashCode(graceMs);
    }

    /** @return the size, advance and grace period in milliseconds */
    @Override
    public String toString() {
        return "TimeWindows{sizeMs=" + sizeMs + ", advanceMs=" + advanceMs + ", graceMs=" + graceMs + '}';
    }
}
