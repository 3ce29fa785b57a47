package dev.rill.streams.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.kstream.JoinWindows;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.WindowedSerdes;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.kstream.internal.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Checks window assignment, window validation and windowed key bytes against Kafka Streams itself, so
 * that a ported topology puts records in the same windows and writes the same output bytes.
 */
class WindowingDifferentialProperties {

    private static final String TOPIC = "out";

    @Property(tries = 300)
    void timeWindowsAssignTheSameWindowsAsKafkaStreams(
            @ForAll @LongRange(min = 1, max = 100_000) long size,
            @ForAll @LongRange(min = 1, max = 100_000) long advanceCandidate,
            @ForAll @LongRange(min = -10, max = 10_000_000) long timestamp) {
        long advance = Math.min(size, advanceCandidate);
        TimeWindows rill = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)).advanceBy(Duration.ofMillis(advance));
        org.apache.kafka.streams.kstream.TimeWindows kafka = org.apache.kafka.streams.kstream.TimeWindows
                .ofSizeWithNoGrace(Duration.ofMillis(size)).advanceBy(Duration.ofMillis(advance));

        List<long[]> expected = new ArrayList<>();
        for (Map.Entry<Long, org.apache.kafka.streams.kstream.internals.TimeWindow> e : kafka.windowsFor(timestamp).entrySet()) {
            expected.add(new long[] {e.getKey(), e.getValue().start(), e.getValue().end()});
        }
        List<long[]> actual = new ArrayList<>();
        for (Map.Entry<Long, TimeWindow> e : rill.windowsFor(timestamp).entrySet()) {
            actual.add(new long[] {e.getKey(), e.getValue().start(), e.getValue().end()});
        }

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(rill.size()).isEqualTo(kafka.size());
    }

    @Property(tries = 200)
    void validationAcceptsAndRejectsTheSameArgumentsAsKafkaStreams(
            @ForAll @LongRange(min = -5, max = 5) long a,
            @ForAll @LongRange(min = -5, max = 5) long b) {
        Duration first = Duration.ofMillis(a);
        Duration second = Duration.ofMillis(b);

        sameOutcome(() -> TimeWindows.ofSizeAndGrace(first, second),
                () -> org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(first, second));
        sameOutcome(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(5)).advanceBy(first),
                () -> org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(5)).advanceBy(first));
        sameOutcome(() -> SlidingWindows.ofTimeDifferenceAndGrace(first, second),
                () -> org.apache.kafka.streams.kstream.SlidingWindows.ofTimeDifferenceAndGrace(first, second));
        sameOutcome(() -> SessionWindows.ofInactivityGapAndGrace(first, second),
                () -> org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapAndGrace(first, second));
        sameOutcome(() -> JoinWindows.ofTimeDifferenceAndGrace(first, second),
                () -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(first, second));
        sameOutcome(() -> JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(3)).before(first).after(second),
                () -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(3)).before(first).after(second));
    }

    @Property(tries = 100)
    void joinWindowBoundsMatchKafkaStreams(@ForAll @LongRange(min = -5, max = 1_000) long before,
                                           @ForAll @LongRange(min = 5, max = 1_000) long after,
                                           @ForAll @LongRange(min = 0, max = 1_000) long grace) {
        JoinWindows rill = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(after), Duration.ofMillis(grace)).before(Duration.ofMillis(before));
        org.apache.kafka.streams.kstream.JoinWindows kafka = org.apache.kafka.streams.kstream.JoinWindows
                .ofTimeDifferenceAndGrace(Duration.ofMillis(after), Duration.ofMillis(grace)).before(Duration.ofMillis(before));

        assertThat(new long[] {rill.beforeMs, rill.afterMs, rill.size(), rill.gracePeriodMs()})
                .containsExactly(kafka.beforeMs, kafka.afterMs, kafka.size(), kafka.gracePeriodMs());
    }

    @Property(tries = 300)
    void timeWindowedKeysHaveKafkaStreamsBytes(@ForAll @StringLength(max = 20) String key,
                                               @ForAll @LongRange(min = 1, max = 1_000_000) long size,
                                               @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long start) {
        byte[] rill = WindowedSerdes.timeWindowedSerdeFrom(String.class, size).serializer()
                .serialize(TOPIC, new Windowed<>(key, new TimeWindow(start, start + size)));
        byte[] kafka = org.apache.kafka.streams.kstream.WindowedSerdes.timeWindowedSerdeFrom(String.class, size).serializer()
                .serialize(TOPIC, new org.apache.kafka.streams.kstream.Windowed<>(key,
                        new org.apache.kafka.streams.kstream.internals.TimeWindow(start, start + size)));

        assertThat(rill).isEqualTo(kafka);
        org.apache.kafka.streams.kstream.Windowed<String> readByKafka = org.apache.kafka.streams.kstream.WindowedSerdes
                .timeWindowedSerdeFrom(String.class, size).deserializer().deserialize(TOPIC, rill);
        assertThat(readByKafka.key()).isEqualTo(key);
        assertThat(readByKafka.window().start()).isEqualTo(start);
        assertThat(readByKafka.window().end()).isEqualTo(start + size);
    }

    @Property(tries = 300)
    void sessionWindowedKeysHaveKafkaStreamsBytes(@ForAll @StringLength(max = 20) String key,
                                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long start,
                                                  @ForAll @LongRange(min = 0, max = 1_000_000) long length) {
        byte[] rill = WindowedSerdes.sessionWindowedSerdeFrom(String.class).serializer()
                .serialize(TOPIC, new Windowed<>(key, new SessionWindow(start, start + length)));
        byte[] kafka = org.apache.kafka.streams.kstream.WindowedSerdes.sessionWindowedSerdeFrom(String.class).serializer()
                .serialize(TOPIC, new org.apache.kafka.streams.kstream.Windowed<>(key,
                        new org.apache.kafka.streams.kstream.internals.SessionWindow(start, start + length)));

        assertThat(rill).isEqualTo(kafka);
        Windowed<String> readByRill = WindowedSerdes.sessionWindowedSerdeFrom(String.class).deserializer().deserialize(TOPIC, kafka);
        Window window = readByRill.window();
        assertThat(readByRill.key()).isEqualTo(key);
        assertThat(new long[] {window.start(), window.end()}).containsExactly(start, start + length);
    }

    private static void sameOutcome(Runnable rill, Runnable kafka) {
        boolean kafkaRejects = rejects(kafka);
        if (kafkaRejects) {
            assertThatThrownBy(rill::run).isInstanceOf(IllegalArgumentException.class);
        } else {
            rill.run();
        }
    }

    private static boolean rejects(Runnable action) {
        try {
            action.run();
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
