package dev.rill.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowExpiryTest {

    @Test
    void timeWindowClosesWhenItsEndReachesStreamTimeMinusGrace() {
        // Window [0, 10000) with 2000 ms of grace closes at stream time 12000, not a millisecond before.
        assertThat(WindowExpiry.isTimeWindowClosed(10_000, 11_999, 2_000)).isFalse();
        assertThat(WindowExpiry.isTimeWindowClosed(10_000, 12_000, 2_000)).isTrue();
        assertThat(WindowExpiry.isTimeWindowClosed(10_000, 9_999, 0)).isFalse();
        assertThat(WindowExpiry.isTimeWindowClosed(10_000, 10_000, 0)).isTrue();
    }

    @Test
    void sessionClosesOnlyWhenItsEndIsBeforeStreamTimeMinusGraceAndGap() {
        // gap 5000, grace 1000: session ending at 4000 is open until stream time 10000 and closed after.
        assertThat(WindowExpiry.isSessionClosed(4_000, 10_000, 5_000, 1_000)).isFalse();
        assertThat(WindowExpiry.isSessionClosed(4_000, 10_001, 5_000, 1_000)).isTrue();
    }

    @Test
    void finalResultIsReadyExactlyAtWindowEndPlusGrace() {
        assertThat(WindowExpiry.isFinal(10_000, 10_499, 500)).isFalse();
        assertThat(WindowExpiry.isFinal(10_000, 10_500, 500)).isTrue();
    }

    @Test
    void hugeGraceNeverClosesAWindowInsteadOfWrappingAround() {
        assertThat(WindowExpiry.closeTime(-1, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(WindowExpiry.isTimeWindowClosed(1, -1, Long.MAX_VALUE)).isFalse();
        assertThat(WindowExpiry.isSessionClosed(0, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)).isFalse();
    }
}
