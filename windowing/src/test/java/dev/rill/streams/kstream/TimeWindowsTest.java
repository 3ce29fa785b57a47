package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.kstream.internal.TimeWindow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {

    @Test
    void recordAtOneSecondIsOnlyInTheFirstHoppingWindowBecauseWindowsNeverStartBeforeZero() {
        TimeWindows windows = TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)).advanceBy(Duration.ofSeconds(5));

        assertThat(windows.windowsFor(1000)).containsExactly(org.assertj.core.api.Assertions.entry(0L, new TimeWindow(0, 10_000)));
    }

    @Test
    void hoppingWindowsAreReportedInAscendingStart() {
        TimeWindows windows = TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)).advanceBy(Duration.ofSeconds(5));

        assertThat(List.copyOf(windows.windowsFor(12_000).values()))
                .containsExactly(new TimeWindow(5_000, 15_000), new TimeWindow(10_000, 20_000));
    }

    @Test
    void windowEndIsExclusiveSoABoundaryTimestampStartsTheNextTumblingWindow() {
        TimeWindows tumbling = TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10));

        assertThat(tumbling.windowsFor(9_999).keySet()).containsExactly(0L);
        assertThat(tumbling.windowsFor(10_000).keySet()).containsExactly(10_000L);
    }

    @Test
    void factoriesSetSizeAdvanceAndGrace() {
        TimeWindows noGrace = TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10));
        TimeWindows withGrace = TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(3)).advanceBy(Duration.ofSeconds(2));

        assertThat(noGrace.size()).isEqualTo(10_000);
        assertThat(noGrace.sizeMs).isEqualTo(10_000);
        assertThat(noGrace.advanceMs).isEqualTo(10_000);
        assertThat(noGrace.gracePeriodMs()).isZero();
        assertThat(withGrace.advanceMs).isEqualTo(2_000);
        assertThat(withGrace.gracePeriodMs()).isEqualTo(3_000);
    }

    @Test
    void equalDefinitionsAreEqualAndPrintTheirSettings() {
        TimeWindows a = TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(1)).advanceBy(Duration.ofSeconds(5));
        TimeWindows b = TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(1)).advanceBy(Duration.ofSeconds(5));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertThat(a).isNotEqualTo(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2)).advanceBy(Duration.ofSeconds(5)));
        assertThat(a).hasToString("TimeWindows{sizeMs=10000, advanceMs=5000, graceMs=1000}");
    }

    @Test
    void invalidArgumentsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"size\"").hasMessageContaining("null");
        assertThatThrownBy(() -> TimeWindows.ofSizeAndGrace(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("afterWindowEnd").hasMessageContaining("-1 ms");
        assertThatThrownBy(() -> TimeWindows.ofSizeAndGrace(Duration.ofSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"afterWindowEnd\"");
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"size\"").hasMessageContaining("milliseconds");
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)).advanceBy(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advanceMs").hasMessageContaining("0 ms");
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)).advanceBy(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"advance\"");
    }

    @Test
    void timestampWhoseWindowWouldEndAfterTheLargestTimestampIsRejected() {
        TimeWindows tumbling = TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10));

        assertThatThrownBy(() -> tumbling.windowsFor(Long.MAX_VALUE - 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(Long.MAX_VALUE - 5));
    }
}
