package dev.rill.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.record.TimestampType;
import dev.rill.streams.errors.StreamsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampExtractorsTest {

    private static ConsumerRecord<Object, Object> record(long timestamp) {
        return new ConsumerRecord<>("orders", 3, 42L, timestamp,
            timestamp < 0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME, "k", "v",
            new RecordHeaders());
    }

    @Test
    void failOnInvalidReturnsTheRecordTimestamp() {
        assertThat(new FailOnInvalidTimestamp().extract(record(1_700_000_000_000L), -1L))
            .isEqualTo(1_700_000_000_000L);
        assertThat(new FailOnInvalidTimestamp().extract(record(0L), 5L)).isZero();
    }

    @Test
    void failOnInvalidThrowsNamingTheRecordAndTheAlternatives() {
        assertThatThrownBy(() -> new FailOnInvalidTimestamp().extract(record(-1L), 100L))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("topic 'orders'")
            .hasMessageContaining("partition 3")
            .hasMessageContaining("offset 42")
            .hasMessageContaining("timestamp -1")
            .hasMessageContaining("default.timestamp.extractor")
            .hasMessageContaining("LogAndSkipOnInvalidTimestamp")
            .hasMessageContaining("UsePartitionTimeOnInvalidTimestamp");
    }

    @Test
    void logAndSkipReturnsValidTimestampsUnchanged() {
        assertThat(new LogAndSkipOnInvalidTimestamp().extract(record(1234L), -1L)).isEqualTo(1234L);
    }

    @Test
    void logAndSkipReturnsTheNegativeTimestampSoTheRecordIsSkipped() {
        assertThat(new LogAndSkipOnInvalidTimestamp().extract(record(-1L), 500L)).isEqualTo(-1L);
        assertThat(new LogAndSkipOnInvalidTimestamp().extract(record(-7L), -1L)).isEqualTo(-7L);
    }

    @Test
    void usePartitionTimeReturnsValidTimestampsUnchanged() {
        assertThat(new UsePartitionTimeOnInvalidTimestamp().extract(record(1234L), 9999L)).isEqualTo(1234L);
    }

    @Test
    void usePartitionTimeSubstitutesPartitionTimeForNegativeTimestamps() {
        assertThat(new UsePartitionTimeOnInvalidTimestamp().extract(record(-1L), 9999L)).isEqualTo(9999L);
        assertThat(new UsePartitionTimeOnInvalidTimestamp().extract(record(-1L), 0L)).isZero();
    }

    @Test
    void usePartitionTimeThrowsWhenNoPartitionTimeIsKnown() {
        assertThatThrownBy(() -> new UsePartitionTimeOnInvalidTimestamp().extract(record(-1L), -1L))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("topic 'orders'")
            .hasMessageContaining("partition 3")
            .hasMessageContaining("offset 42")
            .hasMessageContaining("LogAndSkipOnInvalidTimestamp");
    }

    @Test
    void wallclockReturnsTheCurrentTimeWhateverTheRecordSays() {
        long before = System.currentTimeMillis();
        long extracted = new WallclockTimestampExtractor().extract(record(5L), 10L);
        long after = System.currentTimeMillis();
        assertThat(extracted).isBetween(before, after);
        assertThat(new WallclockTimestampExtractor().extract(record(-1L), -1L)).isGreaterThanOrEqualTo(before);
    }

    @Test
    void lambdasAreExtractors() {
        TimestampExtractor fromValue = (record, partitionTime) -> Long.parseLong((String) record.value());
        ConsumerRecord<Object, Object> record =
            new ConsumerRecord<>("t", 0, 0L, -1L, TimestampType.NO_TIMESTAMP_TYPE, null, "77", new RecordHeaders());
        assertThat(fromValue.extract(record, -1L)).isEqualTo(77L);
    }

    @Test
    void builtInExtractorsCanBeCreatedFromTheirClassName() throws Exception {
        for (Class<?> cls : List.of(FailOnInvalidTimestamp.class, LogAndSkipOnInvalidTimestamp.class,
            UsePartitionTimeOnInvalidTimestamp.class, WallclockTimestampExtractor.class)) {
            Object instance = Class.forName(cls.getName()).getDeclaredConstructor().newInstance();
            assertThat(instance).isInstanceOf(TimestampExtractor.class);
        }
    }
}
