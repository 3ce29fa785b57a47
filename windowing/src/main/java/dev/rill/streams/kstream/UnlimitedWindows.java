package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.kstream.internal.DurationArguments;
import dev.rill.streams.kstream.internal.UnlimitedWindow;
import java.time.Instant;
import java.util.Map;

/**
 * A single window per key that starts at a fixed time and never ends: {@code [start, Long.MAX_VALUE)}.
 * Records before the start are in no window. As the window never closes there is no grace period.
 *
 * <pre>{@code
 * UnlimitedWindows sinceLaunch = UnlimitedWindows.of().startOn(Instant.parse("2024-01-01T00:00:00Z"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Stable
public final class UnlimitedWindows extends Windows<UnlimitedWindow> {

    /** The start of the window in milliseconds since the epoch, inclusive. */
    public final long startMs;

    private UnlimitedWindows(long startMs) {
        this.startMs = startMs;
    }

    /**
     * @return an unlimited window starting at the epoch, 0 ms
     */
    public static UnlimitedWindows of() {
        return new UnlimitedWindows(0L);
    }

    /**
     * Returns an unlimited window starting at {@code start}.
     *
     * @param start the start, inclusive; not before the epoch
     * @return a new definition; this one is unchanged
     * @throws IllegalArgumentException if {@code start} is {@code null}, before the epoch, or too far
     *     away to express in milliseconds
     */
    public UnlimitedWindows startOn(Instant start) {
        long ms = DurationArguments.toEpochMillis(start, "start");
        if (ms < 0) {
            throw new IllegalArgumentException("Window start time (start) must not be before the epoch, but was " + start);
        }
        return new UnlimitedWindows(ms);
    }

    /**
     * @param timestamp a record timestamp in milliseconds since the epoch
     * @return the one window if {@code timestamp >= startMs}, else an empty map; unmodifiable
     */
    @Override
    public Map<Long, UnlimitedWindow> windowsFor(long timestamp) {
        return timestamp >= startMs ? Map.of(startMs, new UnlimitedWindow(startMs)) : Map.of();
    }

    /** @return {@link Long#MAX_VALUE}: the window never ends */
    @Override
    public long size() {
        return Long.MAX_VALUE;
    }

    /** @return 0: the window never closes, so no grace is needed */
    @Override
    public long gracePeriodMs() {
        return 0L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnlimitedWindows w && startMs == w.startMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startMs);
    }

    /** @return the start in milliseconds */
    @Override
    public String toString() {
        return "UnlimitedWindows{startMs=" + startMs + '}';
    }
}
