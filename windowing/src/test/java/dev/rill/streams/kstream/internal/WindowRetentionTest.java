package dev.rill.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.kstream.JoinWindows;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.kstream.UnlimitedWindows;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowRetentionTest {

    @Test
    void eachKindKeepsWhatItsOperatorNeeds() {
        assertThat(WindowRetention.minimumFor(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2))))
                .isEqualTo(12_000);
        assertThat(WindowRetention.minimumFor(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2))))
                .isEqualTo(22_000);
        assertThat(WindowRetention.minimumFor(SessionWindows.ofInactivityGapAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2))))
                .isEqualTo(12_000);
        assertThat(WindowRetention.minimumFor(JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2))))
                .isEqualTo(22_000);
        assertThat(WindowRetention.minimumFor(UnlimitedWindows.of())).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void hugeGraceMeansForeverRatherThanANegativeRetention() {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofMillis(Long.MAX_VALUE));

        assertThat(WindowRetention.minimumFor(windows)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void configuredRetentionBelowTheMinimumIsRejectedNamingStoreAndValues() {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(2));
        long minimum = WindowRetention.minimumFor(windows);

        assertThat(WindowRetention.resolve("counts", minimum, null, windows)).isEqualTo(12_000);
        assertThat(WindowRetention.resolve("counts", minimum, Duration.ofHours(1), windows)).isEqualTo(3_600_000);
        assertThatThrownBy(() -> WindowRetention.resolve("counts", minimum, Duration.ofSeconds(11), windows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'counts'").hasMessageContaining("12000 ms").hasMessageContaining("11000 ms")
                .hasMessageContaining("TimeWindows{");
    }
}
