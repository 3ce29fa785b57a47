package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a record does to the sessions of its key: the session it ends up in and the stored sessions
 * that session replaces. A record at {@code ts} absorbs every stored session that ends no earlier than
 * {@code ts - gap} and starts no later than {@code ts + gap} (the bounds a session store's
 * {@code findSessions(key, ts - gap, ts + gap)} uses); the merged session spans the record and all of
 * them.
 *
 * <p>The session aggregation then checks {@link WindowExpiry#isSessionClosed} on the merged window.
 * If it is open and {@link #replacesStoredSessions()} holds, it deletes and tombstones every absorbed
 * session in the order of {@link #absorbed()} before writing and emitting the merged one.
 *
 * @param timestamp the record's timestamp in milliseconds
 * @param window the merged session, {@code [min start, max end]} over the record and the absorbed sessions
 * @param absorbed the stored sessions merged into {@code window}, in ascending order of start; immutable
 * @param <S> whatever the caller uses to carry a stored session, typically a key-window-value entry
 */
@Internal
public record SessionMerge<S>(long timestamp, SessionWindow window, List<S> absorbed) {

    /**
     * @throws NullPointerException if {@code window} or {@code absorbed} is {@code null}
     */
    public SessionMerge {
        Objects.requireNonNull(window, "window");
        absorbed = List.copyOf(absorbed);
    }

    /**
     * Merges a record into the sessions of its key.
     *
     * @param timestamp the record's timestamp in milliseconds, not negative
     * @param gapMs the inactivity gap in milliseconds, zero or more
     * @param candidates stored sessions of the record's key, in any order; those out of reach of the
     *     record are ignored, so passing more than the store's range query returns is harmless
     * @param windowOf gives the session window of a candidate
     * @param <S> the candidates' type
     * @return the merge
     * @throws IllegalArgumentException if {@code timestamp} is negative
     */
    public static <S> SessionMerge<S> of(long timestamp, long gapMs, Iterable<? extends S> candidates,
                                         Function<? super S, ? extends Window> windowOf) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a session cannot start at the negative timestamp " + timestamp + " ms");
        }
        long earliestEnd = timestamp - gapMs;
        long latestStart = timestamp > Long.MAX_VALUE - gapMs ? Long.MAX_VALUE : timestamp + gapMs;
        List<S> reached = new ArrayList<>();
        long start = timestamp;
        long end = timestamp;
        for (S candidate : candidates) {
            Window w = windowOf.apply(candidate);
            if (w.end() >= earliestEnd && w.start() <= latestStart) {
                reached.add(candidate);
                start = Math.min(start, w.start());
                end = Math.max(end, w.end());
            }
        }
        reached.sort(Comparator.comparingLong(s -> windowOf.apply(s).start()));
        return new SessionMerge<>(timestamp, new SessionWindow(start, end), reached);
    }

    /**
     * Whether the stored sessions must be deleted, with a tombstone each, before the merged session is
     * written. That is every case except a record landing on a session that is exactly its own point
     * {@code [ts, ts]} (or on no session at all): then the merged session overwrites in place.
     *
     * @return {@code true} if the absorbed sessions are replaced by a different window
     */
    public boolean replacesStoredSessions() {
        return window.start() != timestamp || window.end() != timestamp;
    }
}
