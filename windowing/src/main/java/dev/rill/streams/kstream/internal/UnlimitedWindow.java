package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.Window;

/**
 * The one window of {@link dev.rill.streams.kstream.UnlimitedWindows}: from its start, inclusive, to
 * {@link Long#MAX_VALUE}, the end of time.
 */
@Internal
public final class UnlimitedWindow extends Window {

    /**
     * @param startMs start in milliseconds since the epoch, inclusive, not negative
     * @throws IllegalArgumentException if the start is negative
     */
    public UnlimitedWindow(long startMs) {
        super(startMs, Long.MAX_VALUE);
    }

    /**
     * Unlimited windows reach to the end of time, so any two of them overlap.
     *
     * @throws IllegalArgumentException if {@code other} is not an unlimited window
     */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof UnlimitedWindow)) {
            throw new IllegalArgumentException("cannot compare an unlimited window with " + other.getClass().getSimpleName());
        }
        return true;
    }
}
