package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import java.time.Instant;

/**
 * A time interval that records are grouped into, from {@link #start()} to {@link #end()} in
 * milliseconds since the epoch. Whether each bound is inclusive depends on the kind of window:
 * time windows include their start and exclude their end, session windows include both.
 *
 * <p>Windows are immutable. Two windows are equal when they are of the same class and have the same
 * bounds.
 */
@Stable
public abstract class Window {
    /** Start of the window in milliseconds since the epoch. */
    protected final long startMs;
    /** End of the window in milliseconds since the epoch. */
    protected final long endMs;

    /**
     * @param startMs start of the window in milliseconds since the epoch, not negative
     * @param endMs end of the window in milliseconds since the epoch, not before {@code startMs}
     * @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs} is before it
     */
    protected Window(long startMs, long endMs) {
        if (startMs < 0) {
            throw new IllegalArgumentException("window start must not be negative, was " + startMs + " ms");
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException(
                    "window end (" + endMs + " ms) must not be before window start (" + startMs + " ms)");
        }
        this.startMs = startMs;
        this.endMs = endMs;
    }

    /** @return start of the window in milliseconds since the epoch */
    public long start() {
        return startMs;
    }

    /** @return end of the window in milliseconds since the epoch */
    public long end() {
        return endMs;
    }

    /** @return start of the window as an instant */
    public Instant startTime() {
        return Instant.ofEpochMilli(startMs);
    }

    /** @return end of the window as an instant */
    public Instant endTime() {
        return Instant.ofEpochMilli(endMs);
    }

    /**
     * Tells whether this window and {@code other} share at least one instant, by the bound
     * conventions of this kind of window.
     *
     * @param other a window of the same kind
     * @return {@code true} if the windows overlap
     * @throws IllegalArgumentException if {@code other} is a different kind of window
     */
    public abstract boolean overlap(Window other);

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        Window w = (Window) o;
        return startMs == w.startMs && endMs == w.endMs;
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(startMs) + Long.hashCode(endMs);
    }

    @Override
    public String toString() {
        return "Window{startMs=" + startMs + ", endMs=" + endMs + '}';
    }
}
