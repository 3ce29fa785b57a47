package dev.rill.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionMergeTest {

    @Test
    void recordBridgingTwoSessionsAbsorbsBothInAscendingOrder() {
        List<Map.Entry<String, SessionWindow>> stored = List.of(
                Map.entry("late", new SessionWindow(20, 25)),
                Map.entry("early", new SessionWindow(0, 5)),
                Map.entry("far", new SessionWindow(100, 100)));

        SessionMerge<Map.Entry<String, SessionWindow>> merge = SessionMerge.of(12, 10, stored, Map.Entry::getValue);

        assertThat(merge.window()).isEqualTo(new SessionWindow(0, 25));
        assertThat(merge.absorbed()).extracting(Map.Entry::getKey).containsExactly("early", "late");
        assertThat(merge.replacesStoredSessions()).isTrue();
    }

    @Test
    void sessionExactlyTheGapAwayIsMergedAndOneMoreIsNot() {
        assertThat(SessionMerge.of(15, 10, List.of(new SessionWindow(0, 5)), w -> w).window()).isEqualTo(new SessionWindow(0, 15));
        assertThat(SessionMerge.of(16, 10, List.of(new SessionWindow(0, 5)), w -> w).window()).isEqualTo(new SessionWindow(16, 16));
        assertThat(SessionMerge.of(16, 10, List.of(new SessionWindow(0, 5)), w -> w).absorbed()).isEmpty();
    }

    @Test
    void recordOnItsOwnPointSessionUpdatesInPlaceWithoutTombstone() {
        SessionMerge<SessionWindow> merge = SessionMerge.of(7, 10, List.of(new SessionWindow(7, 7)), w -> w);

        assertThat(merge.window()).isEqualTo(new SessionWindow(7, 7));
        assertThat(merge.absorbed()).containsExactly(new SessionWindow(7, 7));
        assertThat(merge.replacesStoredSessions()).isFalse();
    }

    @Test
    void recordInsideAnExistingSessionKeepsItsBoundsButStillReplacesIt() {
        SessionMerge<SessionWindow> merge = SessionMerge.of(5, 10, List.of(new SessionWindow(0, 10)), w -> w);

        assertThat(merge.window()).isEqualTo(new SessionWindow(0, 10));
        assertThat(merge.replacesStoredSessions()).isTrue();
    }

    @Test
    void negativeTimestampIsRejected() {
        assertThatThrownBy(() -> SessionMerge.of(-1, 10, List.<SessionWindow>of(), w -> w))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 ms");
    }
}
