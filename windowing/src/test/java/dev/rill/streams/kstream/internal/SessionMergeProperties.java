package dev.rill.streams.kstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SessionMergeProperties {

    private static final Function<SessionWindow, SessionWindow> SELF = w -> w;

    @Property(tries = 300)
    void finalSessionsDoNotDependOnArrivalOrderAndEqualGapClustering(
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 0, max = 2_000) Long> timestamps,
            @ForAll @LongRange(min = 0, max = 200) long gap) {
        List<SessionWindow> sessions = replay(timestamps, gap);

        assertThat(sessions).containsExactlyElementsOf(clusters(timestamps, gap));
    }

    @Property(tries = 300)
    void mergedSessionCoversTheRecordAndEveryAbsorbedSession(
            @ForAll @Size(max = 30) List<@LongRange(min = 0, max = 2_000) Long> history,
            @ForAll @LongRange(min = 0, max = 2_000) long timestamp,
            @ForAll @LongRange(min = 0, max = 200) long gap) {
        List<SessionWindow> stored = replay(history, gap);

        SessionMerge<SessionWindow> merge = SessionMerge.of(timestamp, gap, stored, SELF);

        assertThat(merge.window().start()).isLessThanOrEqualTo(timestamp);
        assertThat(merge.window().end()).isGreaterThanOrEqualTo(timestamp);
        for (SessionWindow absorbed : merge.absorbed()) {
            assertThat(merge.window().start()).isLessThanOrEqualTo(absorbed.start());
            assertThat(merge.window().end()).isGreaterThanOrEqualTo(absorbed.end());
            assertThat(absorbed.end()).isGreaterThanOrEqualTo(timestamp - gap);
            assertThat(absorbed.start()).isLessThanOrEqualTo(timestamp + gap);
        }
        for (SessionWindow untouched : stored) {
            if (!merge.absorbed().contains(untouched)) {
                assertThat(untouched.end() < timestamp - gap || untouched.start() > timestamp + gap).isTrue();
            }
        }
        assertThat(merge.absorbed()).isSortedAccordingTo(Comparator.comparingLong(SessionWindow::start));
        boolean pointOnly = merge.window().equals(new SessionWindow(timestamp, timestamp));
        assertThat(merge.replacesStoredSessions()).isEqualTo(!pointOnly);
    }

    @Property(tries = 300)
    void noTwoSessionsAreWithinTheGapOfEachOther(
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 0, max = 2_000) Long> timestamps,
            @ForAll @LongRange(min = 0, max = 200) long gap) {
        List<SessionWindow> sessions = replay(timestamps, gap);

        for (int i = 1; i < sessions.size(); i++) {
            assertThat(sessions.get(i).start() - sessions.get(i - 1).end()).isGreaterThan(gap);
        }
    }

    /** Feeds the timestamps in the given order through the merge rule, as a store would hold them. */
    private static List<SessionWindow> replay(List<Long> timestamps, long gap) {
        List<SessionWindow> store = new ArrayList<>();
        for (long ts : timestamps) {
            SessionMerge<SessionWindow> merge = SessionMerge.of(ts, gap, store, SELF);
            store.removeAll(merge.absorbed());
            store.add(merge.window());
        }
        store.sort(Comparator.comparingLong(SessionWindow::start));
        return store;
    }

    /** Sorted timestamps split wherever two neighbours are more than the gap apart. */
    private static List<SessionWindow> clusters(List<Long> timestamps, long gap) {
        List<Long> sorted = timestamps.stream().sorted().toList();
        List<SessionWindow> result = new ArrayList<>();
        long start = sorted.get(0);
        long end = start;
        for (long ts : sorted.subList(1, sorted.size())) {
            if (ts - end > gap) {
                result.add(new SessionWindow(start, end));
                start = ts;
            }
            end = ts;
        }
        result.add(new SessionWindow(start, end));
        return result;
    }
}
