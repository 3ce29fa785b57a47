package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.JoinWindows;

/**
 * The timestamps of the other stream that a record joins with: {@code [from, to]}, both inclusive, in
 * milliseconds. Both bounds are clamped to 0, as no stored record has a negative timestamp.
 *
 * @param fromMs the earliest timestamp joined
 * @param toMs the latest timestamp joined
 */
@Internal
public record JoinTimeRange(long fromMs, long toMs) {

    /**
     * The range a left-stream record looks up in the right stream's store: {@code [ts - before, ts +
     * after]}.
     *
     * @param timestamp the left record's timestamp
     * @param windows the join window
     * @return the range of right timestamps joined
     */
    public static JoinTimeRange forLeftRecord(long timestamp, JoinWindows windows) {
        return around(timestamp, windows.beforeMs, windows.afterMs);
    }

    /**
     * The range a right-stream record looks up in the left stream's store: {@code [ts - after, ts +
     * before]}, the mirror image of {@link #forLeftRecord}.
     *
     * @param timestamp the right record's timestamp
     * @param windows the join window
     * @return the range of left timestamps joined
     */
    public static JoinTimeRange forRightRecord(long timestamp, JoinWindows windows) {
        return around(timestamp, windows.afterMs, windows.beforeMs);
    }

    /**
     * @param timestamp a timestamp of the other stream
     * @return {@code true} if it is inside this range
     */
    public boolean contains(long timestamp) {
        return fromMs <= timestamp && timestamp <= toMs;
    }

    private static JoinTimeRange around(long timestamp, long beforeMs, long afterMs) {
        return new JoinTimeRange(Math.max(0L, DurationArguments.saturatedSubtract(timestamp, beforeMs)),
                Math.max(0L, DurationArguments.saturatedAdd(timestamp, afterMs)));
    }
}
