package dev.rill.log;

import dev.rill.annotation.Evolving;
import dev.rill.common.errors.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of a {@link Consumer}, under Kafka's names.
 *
 * @param groupId the consumer group, or {@code null} for a consumer that only uses {@code assign} ({@value #GROUP_ID})
 * @param clientId names the consumer in logs and member ids ({@value #CLIENT_ID})
 * @param autoOffsetReset where to start without a committed offset ({@value #AUTO_OFFSET_RESET})
 * @param enableAutoCommit whether positions are committed by {@code poll} and {@code close} ({@value #ENABLE_AUTO_COMMIT})
 * @param autoCommitIntervalMs milliseconds between automatic commits ({@value #AUTO_COMMIT_INTERVAL_MS})
 * @param isolationLevel what of transactions the consumer sees ({@value #ISOLATION_LEVEL})
 * @param maxPollRecords the most records one poll returns ({@value #MAX_POLL_RECORDS})
 * @param maxPartitionFetchBytes bytes of batches read from one partition at a time ({@value #MAX_PARTITION_FETCH_BYTES})
 * @param assignmentStrategy how a group's partitions are shared ({@value #PARTITION_ASSIGNMENT_STRATEGY})
 * @param maxPollIntervalMs a member that does not poll for this long, milliseconds, is removed from its
 *        group and its partitions given to the others ({@value #MAX_POLL_INTERVAL_MS})
 */
@Evolving
public record ConsumerConfig(String groupId, String clientId, AutoOffsetReset autoOffsetReset, boolean enableAutoCommit,
                             long autoCommitIntervalMs, IsolationLevel isolationLevel, int maxPollRecords,
                             int maxPartitionFetchBytes, AssignmentStrategy assignmentStrategy, long maxPollIntervalMs) {
    /** Setting name. */
    public static final String GROUP_ID = "group.id";
    /** Setting name. */
    public static final String CLIENT_ID = "client.id";
    /** Setting name. */
    public static final String AUTO_OFFSET_RESET = "auto.offset.reset";
    /** Setting name. */
    public static final String ENABLE_AUTO_COMMIT = "enable.auto.commit";
    /** Setting name. */
    public static final String AUTO_COMMIT_INTERVAL_MS = "auto.commit.interval.ms";
    /** Setting name. */
    public static final String ISOLATION_LEVEL = "isolation.level";
    /** Setting name. */
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    /** Setting name. */
    public static final String MAX_PARTITION_FETCH_BYTES = "max.partition.fetch.bytes";
    /** Setting name: {@code range} or {@code roundrobin}. */
    public static final String PARTITION_ASSIGNMENT_STRATEGY = "partition.assignment.strategy";
    /** Setting name. */
    public static final String MAX_POLL_INTERVAL_MS = "max.poll.interval.ms";

    /** Where a consumer starts reading a partition for which its group has no committed offset. */
    @Evolving
    public enum AutoOffsetReset {
        /** At the log start offset. */
        EARLIEST,
        /** At the end: only records appended later are read. */
        LATEST,
        /** Nowhere: {@code poll} throws {@link NoOffsetForPartitionException}. */
        NONE
    }

    /** How the partitions of a group's topics are shared among its members. */
    @Evolving
    public enum AssignmentStrategy {
        /** Per topic, consecutive ranges of partitions to members in member order. */
        RANGE,
        /** All partitions of all topics dealt out to members in turn. */
        ROUND_ROBIN
    }

    /** @throws ConfigException naming the setting if a value is out of range */
    public ConsumerConfig {
        Objects.requireNonNull(clientId, "clientId must not be null");
        Objects.requireNonNull(autoOffsetReset, "autoOffsetReset must not be null");
        Objects.requireNonNull(isolationLevel, "isolationLevel must not be null");
        Objects.requireNonNull(assignmentStrategy, "assignmentStrategy must not be null");
        SettingParser p = new SettingParser("consumer");
        p.check(AUTO_COMMIT_INTERVAL_MS, autoCommitIntervalMs, 0, Long.MAX_VALUE);
        p.check(MAX_POLL_RECORDS, maxPollRecords, 1, Integer.MAX_VALUE);
        p.check(MAX_PARTITION_FETCH_BYTES, maxPartitionFetchBytes, 1, Integer.MAX_VALUE);
        p.check(MAX_POLL_INTERVAL_MS, maxPollIntervalMs, 1, Long.MAX_VALUE);
        if (groupId != null && groupId.isBlank()) {
            throw new ConfigException("consumer setting " + GROUP_ID + " must not be blank; leave it unset for a "
                + "consumer that only uses assign");
        }
    }

    /** @return a builder starting from the defaults (Kafka's: latest, auto commit every 5 s, read_uncommitted, 500 records) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.groupId = groupId;
        b.clientId = clientId;
        b.autoOffsetReset = autoOffsetReset;
        b.enableAutoCommit = enableAutoCommit;
        b.autoCommitIntervalMs = autoCommitIntervalMs;
        b.isolationLevel = isolationLevel;
        b.maxPollRecords = maxPollRecords;
        b.maxPartitionFetchBytes = maxPartitionFetchBytes;
        b.assignmentStrategy = assignmentStrategy;
        b.maxPollIntervalMs = maxPollIntervalMs;
        return b;
    }

    /**
     * Builds settings from Kafka's names; values may be strings or typed.
     *
     * @param settings setting name to value
     * @return the settings, the rest defaults
     * @throws ConfigException if a name is unknown or a value is malformed or out of range
     */
    public static ConsumerConfig fromMap(Map<String, ?> settings) {
        SettingParser p = new SettingParser("consumer");
        Builder b = new Builder();
        for (Map.Entry<String, ?> e : settings.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            switch (name) {
                case GROUP_ID -> b.groupId = v == null || p.string(v).isEmpty() ? null : p.string(v);
                case CLIENT_ID -> b.clientId = p.string(v);
                case AUTO_OFFSET_RESET -> b.autoOffsetReset = switch (p.string(v)) {
                    case "earliest" -> AutoOffsetReset.EARLIEST;
                    case "latest" -> AutoOffsetReset.LATEST;
                    case "none" -> AutoOffsetReset.NONE;
                    default -> throw p.badChoice(name, v, "earliest, latest, none");
                };
                case ENABLE_AUTO_COMMIT -> b.enableAutoCommit = p.booleanValue(name, v);
                case AUTO_COMMIT_INTERVAL_MS -> b.autoCommitIntervalMs = p.longValue(name, v, 0, Long.MAX_VALUE);
                case ISOLATION_LEVEL -> b.isolationLevel = switch (p.string(v)) {
                    case "read_committed" -> IsolationLevel.READ_COMMITTED;
                    case "read_uncommitted" -> IsolationLevel.READ_UNCOMMITTED;
                    default -> throw p.badChoice(name, v, "read_committed, read_uncommitted");
                };
                case MAX_POLL_RECORDS -> b.maxPollRecords = (int) p.longValue(name, v, 1, Integer.MAX_VALUE);
                case MAX_PARTITION_FETCH_BYTES -> b.maxPartitionFetchBytes = (int) p.longValue(name, v, 1, Integer.MAX_VALUE);
                case PARTITION_ASSIGNMENT_STRATEGY -> b.assignmentStrategy = switch (p.string(v)) {
                    case "range" -> AssignmentStrategy.RANGE;
                    case "roundrobin" -> AssignmentStrategy.ROUND_ROBIN;
                    default -> throw p.badChoice(name, v, "range, roundrobin");
                };
                case MAX_POLL_INTERVAL_MS -> b.maxPollIntervalMs = p.longValue(name, v, 1, Long.MAX_VALUE);
                default -> throw p.unknown(name, v, List.of(GROUP_ID, CLIENT_ID, AUTO_OFFSET_RESET, ENABLE_AUTO_COMMIT,
                    AUTO_COMMIT_INTERVAL_MS, ISOLATION_LEVEL, MAX_POLL_RECORDS, MAX_PARTITION_FETCH_BYTES,
                    PARTITION_ASSIGNMENT_STRATEGY, MAX_POLL_INTERVAL_MS));
            }
        }
        return b.build();
    }

    /**
     * @param props settings by Kafka name
     * @return as {@link #fromMap(Map)}
     * @throws ConfigException if a name is unknown or a value is malformed or out of range
     */
    public static ConsumerConfig fromProperties(Properties props) {
        return fromMap(SettingParser.fromProperties(props));
    }

    /** @return every setting under its Kafka name; {@code group.id} only if set */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (groupId != null) {
            m.put(GROUP_ID, groupId);
        }
        m.put(CLIENT_ID, clientId);
        m.put(AUTO_OFFSET_RESET, autoOffsetReset.name().toLowerCase(java.util.Locale.ROOT));
        m.put(ENABLE_AUTO_COMMIT, enableAutoCommit);
        m.put(AUTO_COMMIT_INTERVAL_MS, autoCommitIntervalMs);
        m.put(ISOLATION_LEVEL, isolationLevel.name().toLowerCase(java.util.Locale.ROOT));
        m.put(MAX_POLL_RECORDS, maxPollRecords);
        m.put(MAX_PARTITION_FETCH_BYTES, maxPartitionFetchBytes);
        m.put(PARTITION_ASSIGNMENT_STRATEGY, assignmentStrategy == AssignmentStrategy.RANGE ? "range" : "roundrobin");
        m.put(MAX_POLL_INTERVAL_MS, maxPollIntervalMs);
        return m;
    }

    /** Builds a {@link ConsumerConfig}; {@link #build()} checks the values. Not thread-safe. */
    @Evolving
    public static final class Builder {
        private String groupId;
        private String clientId = "consumer";
        private AutoOffsetReset autoOffsetReset = AutoOffsetReset.LATEST;
        private boolean enableAutoCommit = true;
        private long autoCommitIntervalMs = 5000;
        private IsolationLevel isolationLevel = IsolationLevel.READ_UNCOMMITTED;
        private int maxPollRecords = 500;
        private int maxPartitionFetchBytes = 1024 * 1024;
        private AssignmentStrategy assignmentStrategy = AssignmentStrategy.RANGE;
        private long maxPollIntervalMs = 300_000;

        private Builder() {
        }

        /** @param v the group, or {@code null} @return this */
        public Builder groupId(String v) {
            groupId = v;
            return this;
        }

        /** @param v the client id @return this */
        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        /** @param v where to start without a committed offset @return this */
        public Builder autoOffsetReset(AutoOffsetReset v) {
            autoOffsetReset = v;
            return this;
        }

        /** @param v whether to commit automatically @return this */
        public Builder enableAutoCommit(boolean v) {
            enableAutoCommit = v;
            return this;
        }

        /** @param v milliseconds between automatic commits @return this */
        public Builder autoCommitIntervalMs(long v) {
            autoCommitIntervalMs = v;
            return this;
        }

        /** @param v the isolation level @return this */
        public Builder isolationLevel(IsolationLevel v) {
            isolationLevel = v;
            return this;
        }

        /** @param v records per poll @return this */
        public Builder maxPollRecords(int v) {
            maxPollRecords = v;
            return this;
        }

        /** @param v bytes read from a partition at a time @return this */
        public Builder maxPartitionFetchBytes(int v) {
            maxPartitionFetchBytes = v;
            return this;
        }

        /** @param v the assignment strategy @return this */
        public Builder assignmentStrategy(AssignmentStrategy v) {
            assignmentStrategy = v;
            return this;
        }

        /** @param v milliseconds without poll before a member is removed @return this */
        public Builder maxPollIntervalMs(long v) {
            maxPollIntervalMs = v;
            return this;
        }

        /**
         * @return the settings
         * @throws ConfigException naming the setting if a value is out of range
         */
        public ConsumerConfig build() {
            return new ConsumerConfig(groupId, clientId, autoOffsetReset, enableAutoCommit, autoCommitIntervalMs,
                isolationLevel, maxPollRecords, maxPartitionFetchBytes, assignmentStrategy, maxPollIntervalMs);
        }
    }
}
