package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import java.util.Map;

/**
 * A definition of fixed-size windows: which windows a record timestamp belongs to, how long each
 * window is, and how long after a window's end records are still accepted into it (the grace period).
 *
 * <p>Implemented by {@link TimeWindows}, {@link JoinWindows} and {@link UnlimitedWindows}. Session and
 * sliding windows are defined by the records themselves and have their own types,
 * {@link SessionWindows} and {@link SlidingWindows}. Implementations are immutable and thread-safe.
 *
 * @param <W> the type of window this definition creates
 */
@Stable
public abstract class Windows<W extends Window> {

    /** For subclasses. */
    protected Windows() {
    }

    /**
     * Lists the windows that contain a timestamp.
     *
     * @param timestamp a record timestamp in milliseconds since the epoch
     * @return the windows containing {@code timestamp}, keyed by window start, iterating in ascending
     *     order of start; empty if there is none (for example for a negative timestamp)
     * @throws UnsupportedOperationException if this kind of window is not assigned per timestamp
     */
    public abstract Map<Long, W> windowsFor(long timestamp);

    /**
     * @return the size of each window in milliseconds
     */
    public abstract long size();

    /**
     * @return how long in milliseconds, after a window has ended in stream time, records are still
     *     added to it; later records are dropped as late
     */
    public abstract long gracePeriodMs();
}
