package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.kstream.internal.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TimeWindowsProperties {

    @Property(tries = 300)
    void farFromZeroARecordIsInExactlySizeOverAdvanceHoppingWindows(
            @ForAll @LongRange(min = 1, max = 5_000) long advance,
            @ForAll @IntRange(min = 1, max = 12) int hopsPerWindow,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long offset) {
        long size = advance * hopsPerWindow;
        long timestamp = size + offset;
        TimeWindows windows = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)).advanceBy(Duration.ofMillis(advance));

        Map<Long, TimeWindow> found = windows.windowsFor(timestamp);

        assertThat(found).hasSize(hopsPerWindow);
        found.values().forEach(w -> assertThat(w.start()).isLessThanOrEqualTo(timestamp));
        found.values().forEach(w -> assertThat(w.end()).isGreaterThan(timestamp));
    }

    @Property(tries = 300)
    void windowsForListsExactlyTheAlignedWindowsContainingTheTimestampInAscendingOrder(
            @ForAll @LongRange(min = 1, max = 10_000) long size,
            @ForAll @LongRange(min = 1, max = 10_000) long advanceCandidate,
            @ForAll @LongRange(min = 0, max = 100_000) long timestamp) {
        long advance = Math.min(size, advanceCandidate);
        TimeWindows windows = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)).advanceBy(Duration.ofMillis(advance));

        Map<Long, TimeWindow> found = windows.windowsFor(timestamp);

        // Brute force: every non-negative multiple of the advance whose window covers the timestamp.
        List<Long> expectedStarts = new ArrayList<>();
        for (long start = 0; start <= timestamp; start += advance) {
            if (timestamp < start + size) {
                expectedStarts.add(start);
            }
        }
        assertThat(new ArrayList<>(found.keySet())).containsExactlyElementsOf(expectedStarts);
        found.forEach((start, window) -> {
            assertThat(window.start()).isEqualTo(start).isNotNegative();
            assertThat(window.end() - window.start()).isEqualTo(size);
        });
    }

    @Property(tries = 300)
    void tumblingWindowsPartitionTime(
            @ForAll @LongRange(min = 1, max = 10_000) long size,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long timestamp) {
        TimeWindows tumbling = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size));

        Map<Long, TimeWindow> here = tumbling.windowsFor(timestamp);
        Map<Long, TimeWindow> next = tumbling.windowsFor(timestamp + 1);

        assertThat(here).hasSize(1);
        assertThat(next).hasSize(1);
        TimeWindow a = here.values().iterator().next();
        TimeWindow b = next.values().iterator().next();
        // Either both timestamps share a window or the next window begins exactly where this one ends.
        assertThat(a.equals(b) || a.end() == b.start()).isTrue();
        assertThat(a.start() % size).isZero();
    }

    @Property(tries = 200)
    void hoppingWindowsNeverStartBeforeZero(
            @ForAll @LongRange(min = 1, max = 10_000) long size,
            @ForAll @LongRange(min = 1, max = 10_000) long advanceCandidate,
            @ForAll @LongRange(min = 0, max = 20_000) long timestamp) {
        long advance = Math.min(size, advanceCandidate);
        TimeWindows windows = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)).advanceBy(Duration.ofMillis(advance));

        assertThat(windows.windowsFor(timestamp).keySet()).allSatisfy(start -> assertThat(start).isNotNegative());
        assertThat(windows.windowsFor(timestamp)).isNotEmpty();
    }

    @Property(tries = 100)
    void negativeTimestampsAreInNoWindow(@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long timestamp,
                                         @ForAll @LongRange(min = 1, max = 10_000) long size) {
        assertThat(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)).windowsFor(timestamp)).isEmpty();
    }

    @Property(tries = 100)
    void negativeOrZeroSizesAreRejectedNamingTheValue(@ForAll @LongRange(min = -1_000_000, max = 0) long size) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sizeMs")
                .hasMessageContaining(size + " ms");
    }

    @Property(tries = 100)
    void advanceLargerThanSizeIsRejected(@ForAll @LongRange(min = 1, max = 10_000) long size,
                                         @ForAll @LongRange(min = 1, max = 10_000) long extra) {
        TimeWindows tumbling = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tumbling.advanceBy(Duration.ofMillis(size + extra)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("advanceMs")
                .hasMessageContaining((size + extra) + " ms");
    }
}
