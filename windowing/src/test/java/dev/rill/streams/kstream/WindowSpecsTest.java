package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.kstream.internal.UnlimitedWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowSpecsTest {

    @Test
    void slidingWindowsKeepTimeDifferenceAndGrace() {
        SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2));

        assertThat(windows.timeDifferenceMs()).isEqualTo(10_000);
        assertThat(windows.gracePeriodMs()).isEqualTo(2_000);
        assertThat(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ZERO).timeDifferenceMs()).isZero();
        assertThat(windows).isEqualTo(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .hasSameHashCodeAs(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .isNotEqualTo(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(10)))
                .hasToString("SlidingWindows{timeDifferenceMs=10000, graceMs=2000}");
    }

    @Test
    void slidingWindowsRejectNegativeNullAndOverflowingArguments() {
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeDifference").hasMessageContaining("-1 ms");
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(1), Duration.ofMillis(-7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("afterWindowEnd").hasMessageContaining("-7 ms");
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"timeDifference\"");
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(1), Duration.ofDays(Long.MAX_VALUE / 86_400)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"afterWindowEnd\"");
    }

    @Test
    void sessionWindowsKeepGapAndGrace() {
        SessionWindows windows = SessionWindows.ofInactivityGapAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30));

        assertThat(windows.inactivityGap()).isEqualTo(300_000);
        assertThat(windows.gracePeriodMs()).isEqualTo(30_000);
        assertThat(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMinutes(5)).gracePeriodMs()).isZero();
        assertThat(windows).isEqualTo(SessionWindows.ofInactivityGapAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30)))
                .hasSameHashCodeAs(SessionWindows.ofInactivityGapAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30)))
                .isNotEqualTo(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMinutes(5)))
                .hasToString("SessionWindows{gapMs=300000, graceMs=30000}");
    }

    @Test
    void sessionWindowsAcceptAZeroGapButRejectANegativeOne() {
        assertThat(SessionWindows.ofInactivityGapWithNoGrace(Duration.ZERO).inactivityGap()).isZero();
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(-3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inactivityGap").hasMessageContaining("-3 ms");
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapAndGrace(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("afterWindowEnd");
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapWithNoGrace(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"inactivityGap\"");
    }

    @Test
    void joinWindowsAreSymmetricUntilBeforeOrAfterIsChanged() {
        JoinWindows symmetric = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(1));
        JoinWindows onlyLater = symmetric.before(Duration.ZERO);
        JoinWindows shifted = symmetric.after(Duration.ofSeconds(-2));

        assertThat(symmetric.beforeMs).isEqualTo(5_000);
        assertThat(symmetric.afterMs).isEqualTo(5_000);
        assertThat(symmetric.size()).isEqualTo(10_000);
        assertThat(symmetric.gracePeriodMs()).isEqualTo(1_000);
        assertThat(onlyLater.beforeMs).isZero();
        assertThat(onlyLater.afterMs).isEqualTo(5_000);
        assertThat(onlyLater.gracePeriodMs()).isEqualTo(1_000);
        assertThat(shifted.size()).isEqualTo(3_000);
        assertThat(JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(5)).gracePeriodMs()).isZero();
        assertThat(symmetric).isEqualTo(JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasSameHashCodeAs(JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isNotEqualTo(onlyLater)
                .hasToString("JoinWindows{beforeMs=5000, afterMs=5000, graceMs=1000}");
    }

    @Test
    void joinWindowsRejectANegativeIntervalAndWindowsFor() {
        JoinWindows windows = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(5));

        assertThatThrownBy(() -> windows.before(Duration.ofSeconds(-6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beforeMs + afterMs").hasMessageContaining("-1000 ms");
        assertThatThrownBy(() -> JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beforeMs + afterMs");
        assertThatThrownBy(() -> JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("afterWindowEnd");
        assertThatThrownBy(() -> windows.after(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"timeDifference\"");
        assertThatThrownBy(() -> windows.windowsFor(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unlimitedWindowsHoldEveryTimestampFromTheirStart() {
        UnlimitedWindows fromEpoch = UnlimitedWindows.of();
        UnlimitedWindows later = fromEpoch.startOn(Instant.ofEpochMilli(1_000));

        assertThat(fromEpoch.windowsFor(0)).containsEntry(0L, new UnlimitedWindow(0));
        assertThat(later.windowsFor(999)).isEmpty();
        assertThat(later.windowsFor(1_000)).containsOnlyKeys(1_000L);
        assertThat(later.windowsFor(Long.MAX_VALUE - 1).get(1_000L).end()).isEqualTo(Long.MAX_VALUE);
        assertThat(later.size()).isEqualTo(Long.MAX_VALUE);
        assertThat(later.gracePeriodMs()).isZero();
        assertThat(later.startMs).isEqualTo(1_000);
        assertThat(later).isEqualTo(UnlimitedWindows.of().startOn(Instant.ofEpochMilli(1_000)))
                .hasSameHashCodeAs(UnlimitedWindows.of().startOn(Instant.ofEpochMilli(1_000)))
                .isNotEqualTo(fromEpoch)
                .hasToString("UnlimitedWindows{startMs=1000}");
    }

    @Test
    void unlimitedWindowsRejectAStartBeforeTheEpochOrNull() {
        assertThatThrownBy(() -> UnlimitedWindows.of().startOn(Instant.ofEpochMilli(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start");
        assertThatThrownBy(() -> UnlimitedWindows.of().startOn(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"start\"");
        assertThatThrownBy(() -> UnlimitedWindows.of().startOn(Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"start\"");
    }
}
