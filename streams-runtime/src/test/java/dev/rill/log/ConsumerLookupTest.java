package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serdes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looking partitions up by time and reading their bounds, without moving the consumer. */
class ConsumerLookupTest {
    @TempDir
    Path dir;

    @Test
    void offsetsForTimesFindsTheEarliestRecordAtOrAfterEachTimestamp() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("events", TopicConfig.builder().partitions(1).retentionMs(-1).build());
            try (Producer<String, String> producer = log.producer(ProducerConfig.builder().build(),
                    Serdes.String().serializer(), Serdes.String().serializer())) {
                long[] timestamps = {100, 200, 150, 300};
                for (long ts : timestamps) {
                    producer.send(new ProducerRecord<>("events", 0, ts, "k", "at-" + ts, null));
                }
                producer.flush();
            }
            TopicPartition tp = new TopicPartition("events", 0);
            try (Consumer<String, String> consumer = log.consumer(ConsumerConfig.builder().build(),
                    Serdes.String().deserializer(), Serdes.String().deserializer())) {
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, 140L));
                // The first record with a timestamp >= 140 is the one at offset 1 (ts 200), not the later ts 150.
                assertThat(found.get(tp)).isEqualTo(new OffsetAndTimestamp(1, 200));
                assertThat(consumer.offsetsForTimes(Map.of(tp, 0L)).get(tp)).isEqualTo(new OffsetAndTimestamp(0, 100));
                assertThat(consumer.offsetsForTimes(Map.of(tp, 301L)).get(tp)).isNull();
                assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 0L);
                assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, 4L);
                assertThatThrownBy(() -> consumer.offsetsForTimes(Map.of(tp, -1L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events-0");
                assertThatThrownBy(() -> consumer.offsetsForTimes(Map.of(new TopicPartition("nope", 0), 1L)))
                    .isInstanceOf(UnknownTopicException.class);
            }
        }
    }
}
