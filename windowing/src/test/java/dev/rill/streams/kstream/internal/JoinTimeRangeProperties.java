package dev.rill.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.kstream.JoinWindows;
import java.time.Duration;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class JoinTimeRangeProperties {

    @Property(tries = 300)
    void leftRecordJoinsRightTimestampsFromBeforeToAfterInclusive(
            @ForAll @LongRange(min = -1_000, max = 10_000) long before,
            @ForAll @LongRange(min = -1_000, max = 10_000) long after,
            @ForAll @LongRange(min = 20_000, max = 1_000_000) long leftTs,
            @ForAll @LongRange(min = 0, max = 1_100_000) long rightTs) {
        Assume.that(before + after >= 0);
        JoinWindows windows = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(20_000))
                .before(Duration.ofMillis(before)).after(Duration.ofMillis(after));

        boolean expected = leftTs - before <= rightTs && rightTs <= leftTs + after;

        assertThat(JoinTimeRange.forLeftRecord(leftTs, windows).contains(rightTs)).isEqualTo(expected);
        // Whichever side arrives second must find the other: the two look-ups agree.
        assertThat(JoinTimeRange.forRightRecord(rightTs, windows).contains(leftTs)).isEqualTo(expected);
    }

    @Property(tries = 100)
    void rangesNeverReachBelowZero(@ForAll @LongRange(min = 0, max = 1_000) long ts,
                                   @ForAll @LongRange(min = 0, max = 10_000) long difference) {
        JoinWindows windows = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(difference));

        assertThat(JoinTimeRange.forLeftRecord(ts, windows).fromMs()).isNotNegative();
        assertThat(JoinTimeRange.forRightRecord(ts, windows).fromMs()).isNotNegative();
        assertThat(JoinTimeRange.forLeftRecord(ts, windows).toMs()).isEqualTo(ts + difference);
    }
}
