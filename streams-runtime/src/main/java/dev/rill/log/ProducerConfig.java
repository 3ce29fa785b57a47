package dev.rill.log;

import dev.rill.annotation.Evolving;
import dev.rill.common.errors.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of a {@link Producer}, under Kafka's names where Kafka has the setting.
 *
 * @param clientId names the producer in logs and thread names ({@value #CLIENT_ID})
 * @param lingerMs how long a partial batch waits for more records before it is appended, milliseconds ({@value #LINGER_MS})
 * @param batchSize bytes of records per partition at which a batch is appended at once ({@value #BATCH_SIZE})
 * @param maxRequestSize the largest record a send accepts, bytes ({@value #MAX_REQUEST_SIZE})
 * @param compressionType how batches are compressed ({@value #COMPRESSION_TYPE}: {@code none} or {@code gzip})
 * @param transactionalId the id that makes the producer transactional, or {@code null} ({@value #TRANSACTIONAL_ID})
 * @param bufferMemory bytes of records waiting to be appended at which {@code send} blocks ({@value #BUFFER_MEMORY})
 * @param maxBlockMs how long {@code send} blocks for buffer space, milliseconds ({@value #MAX_BLOCK_MS})
 */
@Evolving
public record ProducerConfig(String clientId, long lingerMs, int batchSize, int maxRequestSize,
                             CompressionType compressionType, String transactionalId, long bufferMemory, long maxBlockMs) {
    /** Setting name. */
    public static final String CLIENT_ID = "client.id";
    /** Setting name. */
    public static final String LINGER_MS = "linger.ms";
    /** Setting name. */
    public static final String BATCH_SIZE = "batch.size";
    /** Setting name. */
    public static final String MAX_REQUEST_SIZE = "max.request.size";
    /** Setting name. */
    public static final String COMPRESSION_TYPE = "compression.type";
    /** Setting name. */
    public static final String TRANSACTIONAL_ID = "transactional.id";
    /** Setting name. */
    public static final String BUFFER_MEMORY = "buffer.memory";
    /** Setting name. */
    public static final String MAX_BLOCK_MS = "max.block.ms";

    /** @throws ConfigException naming the setting if a value is out of range */
    public ProducerConfig {
        Objects.requireNonNull(clientId, "clientId must not be null");
        Objects.requireNonNull(compressionType, "compressionType must not be null");
        SettingParser p = new SettingParser("producer");
        p.check(LINGER_MS, lingerMs, 0, Long.MAX_VALUE);
        p.check(BATCH_SIZE, batchSize, 1, Integer.MAX_VALUE);
        p.check(MAX_REQUEST_SIZE, maxRequestSize, 1, Integer.MAX_VALUE);
        p.check(BUFFER_MEMORY, bufferMemory, 1, Long.MAX_VALUE);
        p.check(MAX_BLOCK_MS, maxBlockMs, 0, Long.MAX_VALUE);
        if (transactionalId != null && transactionalId.isBlank()) {
            throw new ConfigException("producer setting " + TRANSACTIONAL_ID + " must not be blank; leave it unset "
                + "for a producer without transactions");
        }
    }

    /** @return the defaults: linger 5 ms, 16 KiB batches, 1 MiB records, no compression, no transactions */
    public static ProducerConfig defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clientId = clientId;
        b.lingerMs = lingerMs;
        b.batchSize = batchSize;
        b.maxRequestSize = maxRequestSize;
        b.compressionType = compressionType;
        b.transactionalId = transactionalId;
        b.bufferMemory = bufferMemory;
        b.maxBlockMs = maxBlockMs;
        return b;
    }

    /**
     * Builds settings from Kafka's names; values may be strings or typed.
     *
     * @param settings setting name to value
     * @return the settings, the rest defaults
     * @throws ConfigException if a name is unknown or a value is malformed or out of range
     */
    public static ProducerConfig fromMap(Map<String, ?> settings) {
        SettingParser p = new SettingParser("producer");
        Builder b = new Builder();
        for (Map.Entry<String, ?> e : settings.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            switch (name) {
                case CLIENT_ID -> b.clientId = p.string(v);
                case LINGER_MS -> b.lingerMs = p.longValue(name, v, 0, Long.MAX_VALUE);
                case BATCH_SIZE -> b.batchSize = (int) p.longValue(name, v, 1, Integer.MAX_VALUE);
                case MAX_REQUEST_SIZE -> b.maxRequestSize = (int) p.longValue(name, v, 1, Integer.MAX_VALUE);
                case COMPRESSION_TYPE -> b.compressionType = switch (p.string(v)) {
                    case "none" -> CompressionType.NONE;
                    case "gzip" -> CompressionType.GZIP;
                    default -> throw p.badChoice(name, v, "none, gzip");
                };
                case TRANSACTIONAL_ID -> b.transactionalId = v == null || p.string(v).isEmpty() ? null : p.string(v);
                case BUFFER_MEMORY -> b.bufferMemory = p.longValue(name, v, 1, Long.MAX_VALUE);
                case MAX_BLOCK_MS -> b.maxBlockMs = p.longValue(name, v, 0, Long.MAX_VALUE);
                default -> throw p.unknown(name, v, List.of(CLIENT_ID, LINGER_MS, BATCH_SIZE, MAX_REQUEST_SIZE,
                    COMPRESSION_TYPE, TRANSACTIONAL_ID, BUFFER_MEMORY, MAX_BLOCK_MS));
            }
        }
        return b.build();
    }

    /**
     * @param props settings by Kafka name
     * @return as {@link #fromMap(Map)}
     * @throws ConfigException if a name is unknown or a value is malformed or out of range
     */
    public static ProducerConfig fromProperties(Properties props) {
        return fromMap(SettingParser.fromProperties(props));
    }

    /** @return every setting under its Kafka name; {@code transactional.id} only if set */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(CLIENT_ID, clientId);
        m.put(LINGER_MS, lingerMs);
        m.put(BATCH_SIZE, batchSize);
        m.put(MAX_REQUEST_SIZE, maxRequestSize);
        m.put(COMPRESSION_TYPE, compressionType == CompressionType.GZIP ? "gzip" : "none");
        if (transactionalId != null) {
            m.put(TRANSACTIONAL_ID, transactionalId);
        }
        m.put(BUFFER_MEMORY, bufferMemory);
        m.put(MAX_BLOCK_MS, maxBlockMs);
        return m;
    }

    /** Builds a {@link ProducerConfig}; {@link #build()} checks the values. Not thread-safe. */
    @Evolving
    public static final class Builder {
        private String clientId = "producer";
        private long lingerMs = 5;
        private int batchSize = 16384;
        private int maxRequestSize = 1024 * 1024;
        private CompressionType compressionType = CompressionType.NONE;
        private String transactionalId;
        private long bufferMemory = 32L * 1024 * 1024;
        private long maxBlockMs = 60_000;

        private Builder() {
        }

        /** @param v the client id @return this */
        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        /** @param v linger in milliseconds, {@code >= 0} @return this */
        public Builder lingerMs(long v) {
            lingerMs = v;
            return this;
        }

        /** @param v batch size in bytes, {@code >= 1} @return this */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** @param v the largest record in bytes @return this */
        public Builder maxRequestSize(int v) {
            maxRequestSize = v;
            return this;
        }

        /** @param v the batch compression @return this */
        public Builder compressionType(CompressionType v) {
            compressionType = v;
            return this;
        }

        /** @param v the transactional id, or {@code null} for none @return this */
        public Builder transactionalId(String v) {
            transactionalId = v;
            return this;
        }

        /** @param v bytes waiting before send blocks @return this */
        public Builder bufferMemory(long v) {
            bufferMemory = v;
            return this;
        }

        /** @param v milliseconds send may block @return this */
        public Builder maxBlockMs(long v) {
            maxBlockMs = v;
            return this;
        }

        /**
         * @return the settings
         * @throws ConfigException naming the setting if a value is out of range
         */
        public ProducerConfig build() {
            return new ProducerConfig(clientId, lingerMs, batchSize, maxRequestSize, compressionType, transactionalId,
                bufferMemory, maxBlockMs);
        }
    }
}
