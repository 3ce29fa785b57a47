package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.Window;

/**
 * The window of a session: from its first to its last record's timestamp, both inclusive. A
 * session of one record has start equal to end.
 */
@Internal
public final class SessionWindow extends Window {

    /**
     * @param startMs timestamp of the session's first record in milliseconds since the epoch
     * @param endMs timestamp of the session's last record, not before {@code startMs}
     * @throws IllegalArgumentException if the start is negative or after the end
     */
    public SessionWindow(long startMs, long endMs) {
        super(startMs, endMs);
    }

    /**
     * @throws IllegalArgumentException if {@code other} is not a session window
     */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof SessionWindow)) {
            throw new IllegalArgumentException("cannot compare a session window with " + other.getClass().getSimpleName());
        }
        return startMs <= other.end() && other.start() <= endMs;
    }
}
