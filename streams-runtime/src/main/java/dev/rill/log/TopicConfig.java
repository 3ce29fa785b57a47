package dev.rill.log;

import dev.rill.annotation.Evolving;
import dev.rill.common.errors.ConfigException;
import dev.rill.common.record.TimestampType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one topic of the {@link EmbeddedLog}, immutable. Build one with {@link #builder()} or
 * from Kafka's setting names with {@link #fromMap(Map)}; every value is checked when it is set.
 *
 * <pre>{@code
 * TopicConfig config = TopicConfig.builder()
 *     .partitions(4)
 *     .retentionMs(Duration.ofDays(3).toMillis())
 *     .cleanupPolicy(TopicConfig.CleanupPolicy.DELETE)
 *     .build();
 * }</pre>
 *
 * @param partitions number of partitions, {@code >= 1}
 * @param retentionMs how long, in milliseconds, an inactive segment is kept after its newest record's
 *        timestamp; {@code -1} keeps segments forever
 * @param retentionBytes the size in bytes above which a partition's oldest inactive segments are deleted;
 *        {@code -1} means no limit
 * @param segmentBytes the size in bytes at which a segment is closed and a new one started
 * @param segmentMs the age in milliseconds (wall clock, since the segment was created) at which the
 *        active segment is closed on the next append
 * @param maxMessageBytes the largest batch, in bytes as stored, that an append accepts
 * @param cleanupPolicy whether old data is deleted, compacted, or both
 * @param minCompactionLagMs a segment whose newest record is younger than this, in milliseconds, is not
 *        compacted
 * @param deleteRetentionMs how long, in milliseconds after its timestamp, a tombstone is kept by compaction
 * @param timestampType {@link TimestampType#CREATE_TIME} keeps the producer's timestamps,
 *        {@link TimestampType#LOG_APPEND_TIME} replaces them with the time of the append
 * @param indexIntervalBytes bytes of batches between two entries of a segment's sparse offset and time
 *        indexes
 * @param segmentIndexBytes the size in bytes of a segment's offset index at which the segment is closed
 * @param flushMessages fsync a partition after this many appended records; {@code Long.MAX_VALUE} (the
 *        default) fsyncs only on transaction markers and explicit flushes
 * @param flushMs fsync a partition when its oldest unflushed append is this many milliseconds old;
 *        {@code Long.MAX_VALUE} (the default) never fsyncs by time
 */
@Evolving
public record TopicConfig(
    int partitions,
    long retentionMs,
    long retentionBytes,
    int segmentBytes,
    long segmentMs,
    int maxMessageBytes,
    CleanupPolicy cleanupPolicy,
    long minCompactionLagMs,
    long deleteRetentionMs,
    TimestampType timestampType,
    int indexIntervalBytes,
    int segmentIndexBytes,
    long flushMessages,
    long flushMs) {

    /** Setting name of {@link #partitions()} (not a Kafka topic setting; Kafka passes it separately). */
    public static final String PARTITIONS = "partitions";
    /** Setting name of {@link #retentionMs()}. */
    public static final String RETENTION_MS = "retention.ms";
    /** Setting name of {@link #retentionBytes()}. */
    public static final String RETENTION_BYTES = "retention.bytes";
    /** Setting name of {@link #segmentBytes()}. */
    public static final String SEGMENT_BYTES = "segment.bytes";
    /** Setting name of {@link #segmentMs()}. */
    public static final String SEGMENT_MS = "segment.ms";
    /** Setting name of {@link #maxMessageBytes()}. */
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    /** Setting name of {@link #cleanupPolicy()}: {@code delete}, {@code compact} or {@code compact,delete}. */
    public static final String CLEANUP_POLICY = "cleanup.policy";
    /** Setting name of {@link #minCompactionLagMs()}. */
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    /** Setting name of {@link #deleteRetentionMs()}. */
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    /** Setting name of {@link #timestampType()}: {@code CreateTime} or {@code LogAppendTime}. */
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    /** Setting name of {@link #indexIntervalBytes()}. */
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    /** Setting name of {@link #segmentIndexBytes()}. */
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    /** Setting name of {@link #flushMessages()}. */
    public static final String FLUSH_MESSAGES = "flush.messages";
    /** Setting name of {@link #flushMs()}. */
    public static final String FLUSH_MS = "flush.ms";

    /** Default {@code retention.ms}: 7 days. */
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    /** Default {@code segment.bytes}: 1 GiB. */
    public static final int DEFAULT_SEGMENT_BYTES = 1 << 30;
    /** Default {@code max.message.bytes}: 1 MiB plus room for a batch header, as in Kafka. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
    /** Default {@code delete.retention.ms}: 1 day. */
    public static final long DEFAULT_DELETE_RETENTION_MS = 24L * 60 * 60 * 1000;
    /** The smallest {@code segment.bytes} accepted. */
    public static final int MIN_SEGMENT_BYTES = 64;

    /** What happens to old data of a topic. */
    @Evolving
    public enum CleanupPolicy {
        /** Whole inactive segments are deleted by {@code retention.ms} and {@code retention.bytes}. */
        DELETE("delete"),
        /** Only the latest record per key is kept; tombstones go after {@code delete.retention.ms}. */
        COMPACT("compact"),
        /** Both: compacted, and old segments deleted by retention. */
        COMPACT_DELETE("compact,delete");

        private final String configValue;

        CleanupPolicy(String configValue) {
            this.configValue = configValue;
        }

        /** @return the value of {@code cleanup.policy} that selects this policy */
        public String configValue() {
            return configValue;
        }

        /** @return whether old segments are deleted by retention */
        public boolean deletes() {
            return this != COMPACT;
        }

        /** @return whether the topic is compacted */
        public boolean compacts() {
            return this != DELETE;
        }
    }

    /**
     * Checks every setting.
     *
     * @throws ConfigException naming the setting and value if one is out of range
     * @throws NullPointerException if the policy or timestamp type is {@code null}
     */
    public TopicConfig {
        Objects.requireNonNull(cleanupPolicy, CLEANUP_POLICY + " must not be null");
        Objects.requireNonNull(timestampType, MESSAGE_TIMESTAMP_TYPE + " must not be null");
        atLeast(PARTITIONS, partitions, 1);
        if (retentionMs < -1) {
            throw bad(RETENTION_MS, retentionMs, "-1 (forever) or >= 0");
        }
        if (retentionBytes < -1) {
            throw bad(RETENTION_BYTES, retentionBytes, "-1 (no limit) or >= 0");
        }
        atLeast(SEGMENT_BYTES, segmentBytes, MIN_SEGMENT_BYTES);
        atLeast(SEGMENT_MS, segmentMs, 1);
        atLeast(MAX_MESSAGE_BYTES, maxMessageBytes, 0);
        atLeast(MIN_COMPACTION_LAG_MS, minCompactionLagMs, 0);
        atLeast(DELETE_RETENTION_MS, deleteRetentionMs, 0);
        if (timestampType == TimestampType.NO_TIMESTAMP_TYPE) {
            throw bad(MESSAGE_TIMESTAMP_TYPE, timestampType, "CreateTime or LogAppendTime");
        }
        atLeast(INDEX_INTERVAL_BYTES, indexIntervalBytes, 0);
        atLeast(SEGMENT_INDEX_BYTES, segmentIndexBytes, 16);
        atLeast(FLUSH_MESSAGES, flushMessages, 1);
        atLeast(FLUSH_MS, flushMs, 0);
    }

    /** @return a builder with every setting at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the configuration with every setting at its default (one partition, 7 days retention) */
    public static TopicConfig defaults() {
        return new Builder().build();
    }

    /**
     * Builds a configuration from Kafka's setting names ({@code retention.ms}, {@code cleanup.policy}, ...,
     * plus {@value #PARTITIONS}); settings not given keep their defaults.
     *
     * @param settings setting name to value
     * @return the configuration
     * @throws ConfigException naming the setting if one is unknown or its value is not of the right type
     *         or out of range
     */
    public static TopicConfig fromMap(Map<String, String> settings) {
        Builder b = new Builder();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            switch (name) {
                case PARTITIONS -> b.partitions = (int) parse(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case RETENTION_MS -> b.retentionMs = parse(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case RETENTION_BYTES -> b.retentionBytes = parse(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case SEGMENT_BYTES -> b.segmentBytes = (int) parse(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case SEGMENT_MS -> b.segmentMs = parse(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case MAX_MESSAGE_BYTES -> b.maxMessageBytes = (int) parse(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case CLEANUP_POLICY -> b.cleanupPolicy = parsePolicy(value);
                case MIN_COMPACTION_LAG_MS -> b.minCompactionLagMs = parse(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case DELETE_RETENTION_MS -> b.deleteRetentionMs = parse(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case MESSAGE_TIMESTAMP_TYPE -> b.timestampType = parseTimestampType(value);
                case INDEX_INTERVAL_BYTES -> b.indexIntervalBytes = (int) parse(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case SEGMENT_INDEX_BYTES -> b.segmentIndexBytes = (int) parse(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case FLUSH_MESSAGES -> b.flushMessages = parse(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case FLUSH_MS -> b.flushMs = parse(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                default -> throw new ConfigException("unknown topic setting '" + name + "' (value '" + value
                    + "'); known settings: " + String.join(", ", new Builder().build().toMap().keySet()));
            }
        }
        return b.build();
    }

    /** @return every setting under its Kafka name, values as strings, in a stable order */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PARTITIONS, Integer.toString(partitions));
        m.put(RETENTION_MS, Long.toString(retentionMs));
        m.put(RETENTION_BYTES, Long.toString(retentionBytes));
        m.put(SEGMENT_BYTES, Integer.toString(segmentBytes));
        m.put(SEGMENT_MS, Long.toString(segmentMs));
        m.put(MAX_MESSAGE_BYTES, Integer.toString(maxMessageBytes));
        m.put(CLEANUP_POLICY, cleanupPolicy.configValue());
        m.put(MIN_COMPACTION_LAG_MS, Long.toString(minCompactionLagMs));
        m.put(DELETE_RETENTION_MS, Long.toString(deleteRetentionMs));
        m.put(MESSAGE_TIMESTAMP_TYPE, timestampType == TimestampType.LOG_APPEND_TIME ? "LogAppendTime" : "CreateTime");
        m.put(INDEX_INTERVAL_BYTES, Integer.toString(indexIntervalBytes));
        m.put(SEGMENT_INDEX_BYTES, Integer.toString(segmentIndexBytes));
        m.put(FLUSH_MESSAGES, Long.toString(flushMessages));
        m.put(FLUSH_MS, Long.toString(flushMs));
        return m;
    }

    private static long parse(String name, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("topic setting '" + name + "' must be a whole number, was '" + value + "'", e);
        }
        if (v < min || v > max) {
            throw new ConfigException("topic setting '" + name + "' is out of range: " + value);
        }
        return v;
    }

    private static CleanupPolicy parsePolicy(String value) {
        String normalized = value.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (normalized) {
            case "delete" -> CleanupPolicy.DELETE;
            case "compact" -> CleanupPolicy.COMPACT;
            case "compact,delete", "delete,compact" -> CleanupPolicy.COMPACT_DELETE;
            default -> throw new ConfigException("topic setting '" + CLEANUP_POLICY + "' must be delete, compact or "
                + "compact,delete, was '" + value + "'");
        };
    }

    private static TimestampType parseTimestampType(String value) {
        return switch (value) {
            case "CreateTime" -> TimestampType.CREATE_TIME;
            case "LogAppendTime" -> TimestampType.LOG_APPEND_TIME;
            default -> throw new ConfigException("topic setting '" + MESSAGE_TIMESTAMP_TYPE
                + "' must be CreateTime or LogAppendTime, was '" + value + "'");
        };
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw bad(name, value, ">= " + min);
        }
    }

    private static ConfigException bad(String name, Object value, String accepted) {
        return new ConfigException("topic setting '" + name + "' was " + value + ", must be " + accepted);
    }

    /** A mutable builder of {@link TopicConfig}; {@link #build()} checks every value. Not thread-safe. */
    @Evolving
    public static final class Builder {
        private int partitions = 1;
        private long retentionMs = DEFAULT_RETENTION_MS;
        private long retentionBytes = -1;
        private int segmentBytes = DEFAULT_SEGMENT_BYTES;
        private long segmentMs = DEFAULT_RETENTION_MS;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private CleanupPolicy cleanupPolicy = CleanupPolicy.DELETE;
        private long minCompactionLagMs = 0;
        private long deleteRetentionMs = DEFAULT_DELETE_RETENTION_MS;
        private TimestampType timestampType = TimestampType.CREATE_TIME;
        private int indexIntervalBytes = 4096;
        private int segmentIndexBytes = 10 * 1024 * 1024;
        private long flushMessages = Long.MAX_VALUE;
        private long flushMs = Long.MAX_VALUE;

        private Builder() {
        }

        private Builder(TopicConfig c) {
            partitions = c.partitions;
            retentionMs = c.retentionMs;
            retentionBytes = c.retentionBytes;
            segmentBytes = c.segmentBytes;
            segmentMs = c.segmentMs;
            maxMessageBytes = c.maxMessageBytes;
            cleanupPolicy = c.cleanupPolicy;
            minCompactionLagMs = c.minCompactionLagMs;
            deleteRetentionMs = c.deleteRetentionMs;
            timestampType = c.timestampType;
            indexIntervalBytes = c.indexIntervalBytes;
            segmentIndexBytes = c.segmentIndexBytes;
            flushMessages = c.flushMessages;
            flushMs = c.flushMs;
        }

        /** @param v number of partitions, {@code >= 1} @return this @throws ConfigException if out of range */
        public Builder partitions(int v) {
            atLeast(PARTITIONS, v, 1);
            partitions = v;
            return this;
        }

        /** @param v retention in milliseconds, or {@code -1} for ever @return this @throws ConfigException if below -1 */
        public Builder retentionMs(long v) {
            if (v < -1) {
                throw bad(RETENTION_MS, v, "-1 (forever) or >= 0");
            }
            retentionMs = v;
            return this;
        }

        /** @param v size limit in bytes per partition, or {@code -1} @return this @throws ConfigException if below -1 */
        public Builder retentionBytes(long v) {
            if (v < -1) {
                throw bad(RETENTION_BYTES, v, "-1 (no limit) or >= 0");
            }
            retentionBytes = v;
            return this;
        }

        /** @param v segment size in bytes @return this @throws ConfigException if below {@value #MIN_SEGMENT_BYTES} */
        public Builder segmentBytes(int v) {
            atLeast(SEGMENT_BYTES, v, MIN_SEGMENT_BYTES);
            segmentBytes = v;
            return this;
        }

        /** @param v segment age in milliseconds @return this @throws ConfigException if below 1 */
        public Builder segmentMs(long v) {
            atLeast(SEGMENT_MS, v, 1);
            segmentMs = v;
            return this;
        }

        /** @param v largest batch in bytes @return this @throws ConfigException if negative */
        public Builder maxMessageBytes(int v) {
            atLeast(MAX_MESSAGE_BYTES, v, 0);
            maxMessageBytes = v;
            return this;
        }

        /** @param v the cleanup policy @return this @throws NullPointerException if {@code null} */
        public Builder cleanupPolicy(CleanupPolicy v) {
            cleanupPolicy = Objects.requireNonNull(v, CLEANUP_POLICY + " must not be null");
            return this;
        }

        /** @param v minimum age in milliseconds before compaction @return this @throws ConfigException if negative */
        public Builder minCompactionLagMs(long v) {
            atLeast(MIN_COMPACTION_LAG_MS, v, 0);
            minCompactionLagMs = v;
            return this;
        }

        /** @param v tombstone retention in milliseconds @return this @throws ConfigException if negative */
        public Builder deleteRetentionMs(long v) {
            atLeast(DELETE_RETENTION_MS, v, 0);
            deleteRetentionMs = v;
            return this;
        }

        /**
         * @param v {@code CREATE_TIME} or {@code LOG_APPEND_TIME}
         * @return this
         * @throws ConfigException if {@code NO_TIMESTAMP_TYPE}
         */
        public Builder timestampType(TimestampType v) {
            Objects.requireNonNull(v, MESSAGE_TIMESTAMP_TYPE + " must not be null");
            if (v == TimestampType.NO_TIMESTAMP_TYPE) {
                throw bad(MESSAGE_TIMESTAMP_TYPE, v, "CreateTime or LogAppendTime");
            }
            timestampType = v;
            return this;
        }

        /** @param v bytes between index entries @return this @throws ConfigException if negative */
        public Builder indexIntervalBytes(int v) {
            atLeast(INDEX_INTERVAL_BYTES, v, 0);
            indexIntervalBytes = v;
            return this;
        }

        /** @param v offset index size in bytes that closes a segment @return this @throws ConfigException if below 16 */
        public Builder segmentIndexBytes(int v) {
            atLeast(SEGMENT_INDEX_BYTES, v, 16);
            segmentIndexBytes = v;
            return this;
        }

        /** @param v records between fsyncs @return this @throws ConfigException if below 1 */
        public Builder flushMessages(long v) {
            atLeast(FLUSH_MESSAGES, v, 1);
            flushMessages = v;
            return this;
        }

        /** @param v milliseconds between fsyncs @return this @throws ConfigException if negative */
        public Builder flushMs(long v) {
            atLeast(FLUSH_MS, v, 0);
            flushMs = v;
            return this;
        }

        /** @return the configuration @throws ConfigException if a setting is out of range */
        public TopicConfig build() {
            return new TopicConfig(partitions, retentionMs, retentionBytes, segmentBytes, segmentMs, maxMessageBytes,
                cleanupPolicy, minCompactionLagMs, deleteRetentionMs, timestampType, indexIntervalBytes,
                segmentIndexBytes, flushMessages, flushMs);
        }
    }
}
