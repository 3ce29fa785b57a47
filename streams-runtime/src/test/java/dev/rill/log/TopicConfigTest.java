package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.ConfigException;
import dev.rill.common.record.TimestampType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigTest {

    @Test
    void defaultsFollowKafka() {
        TopicConfig c = TopicConfig.defaults();
        assertThat(c.retentionMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(c.retentionBytes()).isEqualTo(-1);
        assertThat(c.segmentBytes()).isEqualTo(1 << 30);
        assertThat(c.maxMessageBytes()).isEqualTo(1048588);
        assertThat(c.deleteRetentionMs()).isEqualTo(86_400_000L);
        assertThat(c.indexIntervalBytes()).isEqualTo(4096);
        assertThat(c.cleanupPolicy()).isEqualTo(TopicConfig.CleanupPolicy.DELETE);
        assertThat(c.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
    }

    @Test
    void kafkaSettingNamesRoundTrip() {
        TopicConfig c = TopicConfig.fromMap(Map.of("partitions", "4", "cleanup.policy", "compact,delete",
            "message.timestamp.type", "LogAppendTime", "retention.bytes", "1000", "flush.messages", "1"));
        assertThat(c.partitions()).isEqualTo(4);
        assertThat(c.cleanupPolicy()).isEqualTo(TopicConfig.CleanupPolicy.COMPACT_DELETE);
        assertThat(c.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(TopicConfig.fromMap(c.toMap())).isEqualTo(c);
        assertThat(c.toBuilder().partitions(2).build().retentionBytes()).isEqualTo(1000);
    }

    @Test
    void unknownMistypedAndOutOfRangeSettingsNameTheSetting() {
        assertThatThrownBy(() -> TopicConfig.fromMap(Map.of("retention.msec", "5")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown topic setting 'retention.msec'")
            .hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> TopicConfig.fromMap(Map.of("segment.bytes", "big")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("'segment.bytes'").hasMessageContaining("'big'");
        assertThatThrownBy(() -> TopicConfig.fromMap(Map.of("segment.bytes", "9999999999")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("'segment.bytes' is out of range");
        assertThatThrownBy(() -> TopicConfig.fromMap(Map.of("cleanup.policy", "shred")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("cleanup.policy").hasMessageContaining("shred");
        assertThatThrownBy(() -> TopicConfig.builder().retentionMs(-2))
            .isInstanceOf(ConfigException.class).hasMessageContaining("retention.ms").hasMessageContaining("-2");
        assertThatThrownBy(() -> TopicConfig.builder().partitions(0))
            .isInstanceOf(ConfigException.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> TopicConfig.builder().segmentBytes(10))
            .isInstanceOf(ConfigException.class).hasMessageContaining("segment.bytes").hasMessageContaining(">= 64");
    }
}
