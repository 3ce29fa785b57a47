package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.serialization.Serdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerGroupTest {
    @TempDir
    Path dir;

    private static final class Recorder implements ConsumerRebalanceListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add("revoked " + new TreeSet<>(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add("assigned " + new TreeSet<>(partitions));
        }
    }

    private static Consumer<String, String> member(EmbeddedLog log, ConsumerConfig.AssignmentStrategy strategy) {
        return log.consumer(ConsumerConfig.builder().groupId("g").assignmentStrategy(strategy)
                .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST).build(),
            Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    private static void send(EmbeddedLog log, String topic, int count) {
        try (Producer<String, String> p = log.producer(ProducerConfig.defaults(), Serdes.String().serializer(),
            Serdes.String().serializer())) {
            for (int i = 0; i < count; i++) {
                p.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
        }
    }

    private static void pollAll(List<Consumer<String, String>> members, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (Consumer<String, String> c : members) {
                c.poll(Duration.ZERO);
                assertNoPartitionOwnedTwice(members);
            }
        }
    }

    private static void assertNoPartitionOwnedTwice(List<Consumer<String, String>> members) {
        Set<TopicPartition> seen = new HashSet<>();
        for (Consumer<String, String> c : members) {
            for (TopicPartition tp : c.assignment()) {
                assertThat(seen.add(tp)).as("%s owned by two members", tp).isTrue();
            }
        }
    }

    private static Set<TopicPartition> union(List<Consumer<String, String>> members) {
        Set<TopicPartition> all = new TreeSet<>();
        members.forEach(c -> all.addAll(c.assignment()));
        return all;
    }

    @Test
    void membersShareThePartitionsAndRebalanceWhenOneJoinsOrLeaves() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().partitions(6).retentionMs(-1).build());
            Set<TopicPartition> all = new TreeSet<>();
            for (int p = 0; p < 6; p++) {
                all.add(new TopicPartition("t", p));
            }
            for (ConsumerConfig.AssignmentStrategy strategy : ConsumerConfig.AssignmentStrategy.values()) {
                Recorder first = new Recorder();
                Consumer<String, String> a = member(log, strategy);
                a.subscribe(List.of("t"), first);
                a.poll(Duration.ZERO);
                assertThat(a.assignment()).isEqualTo(all);

                List<Consumer<String, String>> members = new ArrayList<>(List.of(a));
                for (int i = 0; i < 2; i++) {
                    Consumer<String, String> c = member(log, strategy);
                    c.subscribe(List.of("t"));
                    members.add(c);
                    pollAll(members, 3);
                    assertThat(union(members)).as("%s with %d members", strategy, members.size()).isEqualTo(all);
                    members.forEach(m -> assertThat(m.assignment()).hasSize(6 / members.size()));
                }
                assertThat(first.events.get(0)).isEqualTo("assigned " + all);
                assertThat(first.events).anyMatch(e -> e.startsWith("revoked"));

                members.remove(1).close();
                pollAll(members, 3);
                assertThat(union(members)).isEqualTo(all);
                members.forEach(m -> assertThat(m.assignment()).hasSize(3));
                members.forEach(Consumer::close);
            }
        }
    }

    @Test
    void aGroupReadsEveryRecordOnceAcrossARebalance() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().partitions(4).retentionMs(-1).build());
            send(log, "t", 400);
            Set<String> values = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            Consumer<String, String> a = log.consumer(ConsumerConfig.builder().groupId("g").maxPollRecords(30)
                    .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST).build(),
                Serdes.String().deserializer(), Serdes.String().deserializer());
            a.subscribe(List.of("t"));
            for (int i = 0; i < 3; i++) {
                a.poll(Duration.ZERO).forEach(r -> (values.add(r.value()) ? values : duplicates).add(r.value()));
            }
            Consumer<String, String> b = member(log, ConsumerConfig.AssignmentStrategy.RANGE);
            b.subscribe(List.of("t"));
            for (int i = 0; i < 40; i++) {
                for (Consumer<String, String> c : List.of(a, b)) {
                    c.poll(Duration.ZERO).forEach(r -> (values.add(r.value()) ? values : duplicates).add(r.value()));
                }
            }
            assertThat(duplicates).isEmpty();
            assertThat(values).hasSize(400);
            a.close();
            b.close();
        }
    }

    @Test
    void committedOffsetsSurviveAReopen() {
        TopicPartition tp = new TopicPartition("t", 0);
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().retentionMs(-1).build());
            send(log, "t", 10);
            Consumer<String, String> c = log.consumer(ConsumerConfig.builder().groupId("g").enableAutoCommit(false)
                    .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST).maxPollRecords(4).build(),
                Serdes.String().deserializer(), Serdes.String().deserializer());
            c.subscribe(List.of("t"));
            assertThat(c.poll(Duration.ofSeconds(5)).count()).isEqualTo(4);
            c.commitSync();
            assertThat(c.committed(tp)).contains(new OffsetAndMetadata(4));
            c.close();
        }
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            Consumer<String, String> c = log.consumer(ConsumerConfig.builder().groupId("g").build(),
                Serdes.String().deserializer(), Serdes.String().deserializer());
            c.subscribe(List.of("t"));
            List<ConsumerRecord<String, String>> rest = new ArrayList<>();
            for (int i = 0; i < 5 && rest.size() < 6; i++) {
                c.poll(Duration.ofMillis(200)).forEach(rest::add);
            }
            assertThat(rest).extracting(ConsumerRecord::offset).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
            c.close();
            Consumer<String, String> other = log.consumer(ConsumerConfig.builder().groupId("g").build(),
                Serdes.String().deserializer(), Serdes.String().deserializer());
            assertThat(other.committed(tp)).as("auto commit on close").contains(new OffsetAndMetadata(10));
        }
    }

    @Test
    void resetPolicyAndSeeksDecideWhereReadingStarts() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().retentionMs(-1).build());
            send(log, "t", 5);
            TopicPartition tp = new TopicPartition("t", 0);
            Consumer<String, String> none = log.consumer(ConsumerConfig.builder().groupId("n")
                    .autoOffsetReset(ConsumerConfig.AutoOffsetReset.NONE).build(),
                Serdes.String().deserializer(), Serdes.String().deserializer());
            none.assign(List.of(tp));
            assertThatThrownBy(() -> none.poll(Duration.ZERO)).isInstanceOf(NoOffsetForPartitionException.class)
                .hasMessageContaining("t-0").hasMessageContaining("auto.offset.reset");
            Consumer<String, String> latest = log.consumer(ConsumerConfig.builder().build(),
                Serdes.String().deserializer(), Serdes.String().deserializer());
            latest.assign(List.of(tp));
            assertThat(latest.poll(Duration.ZERO).isEmpty()).isTrue();
            assertThat(latest.position(tp)).isEqualTo(5);
            send(log, "t", 1);
            assertThat(latest.poll(Duration.ofSeconds(5)).records(tp)).extracting(ConsumerRecord::offset).containsExactly(5L);
            latest.seek(tp, 2);
            assertThat(latest.poll(Duration.ZERO).records(tp)).extracting(ConsumerRecord::offset).containsExactly(2L, 3L, 4L, 5L);
            latest.seekToBeginning(List.of(tp));
            assertThat(latest.position(tp)).isZero();
            latest.seekToEnd(List.of(tp));
            assertThat(latest.position(tp)).isEqualTo(6);
            assertThatThrownBy(() -> latest.seek(new TopicPartition("t", 1), 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aMemberThatStopsPollingIsRemovedAndItsPartitionsMove() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        try (EmbeddedLog log = EmbeddedLog.open(dir, LogConfig.defaults(), now::get)) {
            log.createTopic("t", TopicConfig.builder().partitions(4).retentionMs(-1).build());
            ConsumerConfig config = ConsumerConfig.builder().groupId("g").maxPollIntervalMs(1000).build();
            Recorder slowEvents = new Recorder();
            Consumer<String, String> slow = log.consumer(config, Serdes.String().deserializer(), Serdes.String().deserializer());
            Consumer<String, String> busy = log.consumer(config, Serdes.String().deserializer(), Serdes.String().deserializer());
            slow.subscribe(List.of("t"), slowEvents);
            busy.subscribe(List.of("t"));
            pollAll(List.of(slow, busy), 2);
            Set<TopicPartition> before = new TreeSet<>(slow.assignment());
            assertThat(before).hasSize(2);

            now.addAndGet(1500);
            busy.poll(Duration.ZERO);
            busy.poll(Duration.ZERO);
            assertThat(busy.assignment()).as("the silent member's partitions moved").hasSize(4);

            slow.poll(Duration.ZERO);
            assertThat(slowEvents.events).contains("revoked " + before);
            pollAll(List.of(slow, busy), 3);
            assertThat(union(List.of(slow, busy))).hasSize(4);
            assertThat(slow.assignment()).hasSize(2);
        }
    }
}
