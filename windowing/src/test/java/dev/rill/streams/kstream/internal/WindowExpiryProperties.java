package dev.rill.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class WindowExpiryProperties {

    @Property(tries = 300)
    void timeWindowIsClosedExactlyWhenItsEndIsAtOrBeforeStreamTimeMinusGrace(
            @ForAll @LongRange(min = 1, max = 1_000_000) long end,
            @ForAll @LongRange(min = -1, max = 2_000_000) long streamTime,
            @ForAll @LongRange(min = 0, max = 1_000_000) long grace) {
        assertThat(WindowExpiry.isTimeWindowClosed(end, streamTime, grace)).isEqualTo(end <= streamTime - grace);
        assertThat(WindowExpiry.isFinal(end, streamTime, grace)).isEqualTo(end + grace <= streamTime);
    }

    @Property(tries = 300)
    void onceClosedAWindowStaysClosedAsStreamTimeAdvances(
            @ForAll @LongRange(min = 1, max = 1_000_000) long end,
            @ForAll @LongRange(min = -1, max = 2_000_000) long streamTime,
            @ForAll @LongRange(min = 0, max = 1_000_000) long advance,
            @ForAll @LongRange(min = 0, max = 1_000_000) long gap,
            @ForAll @LongRange(min = 0, max = 1_000_000) long grace) {
        if (WindowExpiry.isTimeWindowClosed(end, streamTime, grace)) {
            assertThat(WindowExpiry.isTimeWindowClosed(end, streamTime + advance, grace)).isTrue();
        }
        if (WindowExpiry.isSessionClosed(end, streamTime, gap, grace)) {
            assertThat(WindowExpiry.isSessionClosed(end, streamTime + advance, gap, grace)).isTrue();
        }
        assertThat(WindowExpiry.isSessionClosed(end, streamTime, gap, grace)).isEqualTo(end < streamTime - grace - gap);
    }
}
