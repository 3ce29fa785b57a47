package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.Window;

/**
 * A window of tumbling, hopping or sliding windows: start inclusive, end exclusive.
 */
@Internal
public final class TimeWindow extends Window {

    /**
     * @param startMs start in milliseconds since the epoch, inclusive, not negative
     * @param endMs end in milliseconds since the epoch, exclusive, after {@code startMs}
     * @throws IllegalArgumentException if the start is negative or the window is empty
     */
    public TimeWindow(long startMs, long endMs) {
        super(startMs, endMs);
        if (startMs == endMs) {
            throw new IllegalArgumentException("time window must not be empty: start and end are both " + startMs + " ms");
        }
    }

    /**
     * @throws IllegalArgumentException if {@code other} is not a time window
     */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof TimeWindow)) {
            throw new IllegalArgumentException("cannot compare a time window with " + other.getClass().getSimpleName());
        }
        return startMs < other.end() && other.start() < endMs;
    }
}
