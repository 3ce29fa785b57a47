package dev.rill.streams;

import dev.rill.annotation.Evolving;
import dev.rill.annotation.Stable;
import dev.rill.common.errors.ConfigException;
import dev.rill.common.errors.RillException;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.ConfigSetting.Kind;
import dev.rill.streams.processor.TimestampExtractor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The validated, immutable configuration of a Rill application. It accepts the setting names Kafka
 * Streams users already write, so an existing {@code Properties} file or map can be passed as is.
 *
 * <p>From properties, where values may be Strings (as read from a file) or typed objects:
 * <pre>{@code
 * Properties props = new Properties();
 * props.put(StreamsConfig.APPLICATION_ID_CONFIG, "word-count");
 * props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
 * props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
 * StreamsConfig config = new StreamsConfig(props);
 * }</pre>
 *
 * <p>With the typed builder, which checks each argument as it is given:
 * <pre>{@code
 * StreamsConfig config = StreamsConfig.builder()
 *     .applicationId("word-count")
 *     .defaultKeySerde(Serdes.String())
 *     .commitInterval(Duration.ofSeconds(1))
 *     .exactlyOnce()
 *     .build();
 * }</pre>
 *
 * <p>Every problem is reported when the configuration is created, as a {@link ConfigException} whose
 * message names the setting, the value given and what is accepted: unknown names (with a suggestion
 * when a known name is close), a missing {@link #APPLICATION_ID_CONFIG application.id}, numbers that
 * do not parse or are out of range, unknown choices, and classes that cannot be loaded or instantiated.
 * Instances of this class are immutable and safe to share between threads.
 */
@Stable
public final class StreamsConfig {

    /** {@code application.id}: required; names the application, using only letters, digits, '.', '_' and '-'. */
    public static final String APPLICATION_ID_CONFIG = "application.id";

    /**
     * {@code bootstrap.servers}: accepted so that code ported from Kafka Streams runs unchanged, but
     * unused, because Rill runs without a broker. Default {@code null}.
     */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";

    /** {@code client.id}: prefix for thread names, metrics and log lines. Default {@code ""}. */
    public static final String CLIENT_ID_CONFIG = "client.id";

    /**
     * {@code state.dir}: directory (a String path) under which state stores and partition logs are kept.
     * Default {@code System.getProperty("java.io.tmpdir") + "/rill-streams"}.
     */
    public static final String STATE_DIR_CONFIG = "state.dir";

    /**
     * {@code default.key.serde}: serde for keys when an operator is given none; a {@link Serde} class, class
     * name (nested classes as {@code Outer$Inner}) or instance. Default none.
     */
    public static final String DEFAULT_KEY_SERDE_CLASS_CONFIG = "default.key.serde";

    /**
     * {@code default.value.serde}: serde for values when an operator is given none; a {@link Serde} class,
     * class name or instance. Default none.
     */
    public static final String DEFAULT_VALUE_SERDE_CLASS_CONFIG = "default.value.serde";

    /**
     * {@code default.timestamp.extractor}: the {@link TimestampExtractor} for source topics; a class, class
     * name or instance. Default {@link dev.rill.streams.processor.FailOnInvalidTimestamp}.
     */
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG = "default.timestamp.extractor";

    /**
     * {@code commit.interval.ms}: how often progress and state are committed, in milliseconds, {@code >= 0}.
     * Default 30000, or 100 when {@link #PROCESSING_GUARANTEE_CONFIG} is {@link #EXACTLY_ONCE_V2} and this is
     * not set.
     */
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";

    /**
     * {@code processing.guarantee}: {@link #AT_LEAST_ONCE} (default) or {@link #EXACTLY_ONCE_V2}. The
     * removed Kafka values {@code exactly_once} and {@code exactly_once_beta} are rejected.
     */
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";

    /** Value of {@link #PROCESSING_GUARANTEE_CONFIG}: after a failure, records may be processed again. */
    public static final String AT_LEAST_ONCE = "at_least_once";

    /** Value of {@link #PROCESSING_GUARANTEE_CONFIG}: each record affects state and output exactly once. */
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";

    /**
     * {@code default.dsl.store}: where stateful DSL operators keep state when their {@code Materialized}
     * does not say: {@value #ROCKS_DB} (the default) or {@value #IN_MEMORY}.
     */
    public static final String DEFAULT_DSL_STORE_CONFIG = "default.dsl.store";

    /** Value of {@link #DEFAULT_DSL_STORE_CONFIG}: RocksDB stores on local disk. */
    public static final String ROCKS_DB = "rocksDB";

    /** Value of {@link #DEFAULT_DSL_STORE_CONFIG}: stores in heap memory, rebuilt from their changelogs. */
    public static final String IN_MEMORY = "in_memory";

    /**
     * {@code statestore.cache.max.bytes}: total bytes of record caches over all threads, {@code >= 0}; 0 disables
     * caching. Default 10485760 (10 MiB).
     */
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";

    /**
     * {@code cache.max.bytes.buffering}: deprecated alias of {@link #STATESTORE_CACHE_MAX_BYTES_CONFIG}; its
     * value is used only when the new name is not set.
     *
     * @deprecated use {@link #STATESTORE_CACHE_MAX_BYTES_CONFIG}
     */
    @Deprecated
    public static final String CACHE_MAX_BYTES_BUFFERING_CONFIG = "cache.max.bytes.buffering";

    /** {@code num.stream.threads}: number of processing threads, {@code >= 1}. Default 1. */
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";

    /** {@code poll.ms}: how long a thread blocks waiting for input, in milliseconds, {@code >= 0}. Default 100. */
    public static final String POLL_MS_CONFIG = "poll.ms";

    /**
     * {@code max.task.idle.ms}: how long a task waits for data on all of its inputs before processing, in
     * milliseconds, {@code >= -1}; -1 never waits. Default 0.
     */
    public static final String MAX_TASK_IDLE_MS_CONFIG = "max.task.idle.ms";

    /** {@code buffered.records.per.partition}: records buffered per input partition, {@code >= 1}. Default 1000. */
    public static final String BUFFERED_RECORDS_PER_PARTITION_CONFIG = "buffered.records.per.partition";

    /** {@code topology.optimization}: {@link #NO_OPTIMIZATION} (default) or {@link #OPTIMIZE}. */
    public static final String TOPOLOGY_OPTIMIZATION_CONFIG = "topology.optimization";

    /** Value of {@link #TOPOLOGY_OPTIMIZATION_CONFIG}: the topology runs as written. */
    public static final String NO_OPTIMIZATION = "none";

    /** Value of {@link #TOPOLOGY_OPTIMIZATION_CONFIG}: apply every available topology optimization. */
    public static final String OPTIMIZE = "all";

    /** {@code metrics.recording.level}: {@code INFO} (default), {@code DEBUG} or {@code TRACE}. */
    public static final String METRICS_RECORDING_LEVEL_CONFIG = "metrics.recording.level";

    /**
     * {@code state.cleanup.delay.ms}: how long the state of a task that is no longer owned is kept before it
     * is deleted, in milliseconds, {@code >= 0}. Default 600000 (10 minutes).
     */
    public static final String STATE_CLEANUP_DELAY_MS_CONFIG = "state.cleanup.delay.ms";

    /**
     * {@code rocksdb.config.setter}: a class implementing {@code dev.rill.streams.state.RocksDBConfigSetter}
     * (a Class, a class name, or an instance), called for every RocksDB store after Rill's own settings, so
     * it can change any RocksDB option. Default none.
     */
    public static final String ROCKSDB_CONFIG_SETTER_CLASS_CONFIG = "rocksdb.config.setter";

    /**
     * {@code statestore.rocksdb.memory.max.bytes}: the off-heap memory, in bytes, that all RocksDB stores of
     * the application share for their block cache and write buffers, {@code >= 1048576}. It bounds
     * RocksDB's memory however many stores and keys there are. Default 134217728 (128 MiB).
     */
    public static final String STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG = "statestore.rocksdb.memory.max.bytes";

    /**
     * {@code statestore.rocksdb.heap.max.bytes}: the heap memory, in bytes, that all RocksDB stores of the
     * application may use to keep a copy of their recent state on the heap, {@code >= 0}: a key-value store
     * while it is small, and the newest segments of window and session stores. Reads of that state then
     * stay on the heap and writes reach RocksDB in one batch per flush; nothing observable changes. Stores
     * drop their copies when the budget runs out, so it bounds the heap they use; 0 turns copies off.
     * Default 33554432 (32 MiB).
     */
    public static final String STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG = "statestore.rocksdb.heap.max.bytes";

    private final Map<String, Object> originals;
    private final Map<String, Object> values;

    /**
     * Parses and validates a configuration. A {@link Properties} object can be passed directly (its
     * chained defaults are included). Values may be Strings, which are trimmed and parsed, or typed
     * objects ({@link Integer}, {@link Long}, {@link Class}, a {@link Serde} instance, ...). A {@code null}
     * value counts as not set.
     *
     * @param props the settings by name; names must be Strings
     * @throws NullPointerException if {@code props} is {@code null}
     * @throws ConfigException if a name is not a String or not a known setting, {@code application.id} is
     *     missing, or a value is invalid; the message names the setting and value
     */
    public StreamsConfig(Map<?, ?> props) {
        Objects.requireNonNull(props, "props must not be null");
        Map<String, Object> copy = ConfigDefinitions.copyOriginals(props);
        this.values = Collections.unmodifiableMap(ConfigDefinitions.resolve(copy));
        this.originals = Collections.unmodifiableMap(copy);
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return an unmodifiable copy of what was passed in, unparsed, in the order given */
    public Map<String, Object> originals() {
        return originals;
    }

    /**
     * @return an unmodifiable map, sorted by name, of every defined setting with its parsed value or
     *     default: Strings, Integers, Longs, and for class settings a {@link Class} or the instance given.
     *     Settings without a value map to {@code null}.
     */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * @param name a setting name
     * @return its parsed value or default, possibly {@code null}
     * @throws ConfigException if {@code name} is not a known setting
     */
    public Object get(String name) {
        return values.get(ConfigDefinitions.lookup(name).name());
    }

    /**
     * @param name the name of a String setting
     * @return its value or default, possibly {@code null}
     * @throws ConfigException if {@code name} is not a known setting or does not hold a String
     */
    public String getString(String name) {
        return (String) values.get(ConfigDefinitions.lookup(name, Kind.STRING, "getString").name());
    }

    /**
     * @param name the name of an int setting
     * @return its value or default
     * @throws ConfigException if {@code name} is not a known setting or does not hold an int
     */
    public int getInt(String name) {
        return (Integer) values.get(ConfigDefinitions.lookup(name, Kind.INT, "getInt").name());
    }

    /**
     * @param name the name of a long or int setting
     * @return its value or default
     * @throws ConfigException if {@code name} is not a known setting or does not hold a whole number
     */
    public long getLong(String name) {
        ConfigSetting setting = ConfigDefinitions.lookup(name);
        if (setting.kind() != Kind.INT) {
            ConfigDefinitions.lookup(name, Kind.LONG, "getLong");
        }
        return ((Number) values.get(setting.name())).longValue();
    }

    /** @return {@code application.id} */
    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    /** @return {@code state.dir} as a path; default {@code <java.io.tmpdir>/rill-streams} */
    public Path stateDir() {
        return Path.of(getString(STATE_DIR_CONFIG));
    }

    /** @return {@code commit.interval.ms}, in milliseconds: 30000 by default, 100 by default under exactly-once */
    public long commitIntervalMs() {
        return getLong(COMMIT_INTERVAL_MS_CONFIG);
    }

    /** @return {@code processing.guarantee}: {@link #AT_LEAST_ONCE} or {@link #EXACTLY_ONCE_V2} */
    public String processingGuarantee() {
        return getString(PROCESSING_GUARANTEE_CONFIG);
    }

    /** @return whether {@code processing.guarantee} is {@link #EXACTLY_ONCE_V2} */
    public boolean exactlyOnce() {
        return EXACTLY_ONCE_V2.equals(processingGuarantee());
    }

    /** @return {@code default.dsl.store}: {@value #ROCKS_DB} or {@value #IN_MEMORY} */
    public String defaultDslStore() {
        return getString(DEFAULT_DSL_STORE_CONFIG);
    }

    /**
     * @return the record cache size in bytes: {@code statestore.cache.max.bytes}, or the deprecated
     *     {@code cache.max.bytes.buffering} if only that is set; default 10485760
     */
    public long stateStoreCacheMaxBytes() {
        return getLong(STATESTORE_CACHE_MAX_BYTES_CONFIG);
    }

    /** @return {@code num.stream.threads}, at least 1 */
    public int numStreamThreads() {
        return getInt(NUM_STREAM_THREADS_CONFIG);
    }

    /** @return whether {@code default.key.serde} is set */
    public boolean hasDefaultKeySerde() {
        return values.get(DEFAULT_KEY_SERDE_CLASS_CONFIG) != null;
    }

    /** @return whether {@code default.value.serde} is set */
    public boolean hasDefaultValueSerde() {
        return values.get(DEFAULT_VALUE_SERDE_CLASS_CONFIG) != null;
    }

    /**
     * Returns the configured default key serde, configured for keys with {@code configure(originals(), true)}.
     * If an instance was given it is that instance (configured again on each call); if a class or class name
     * was given it is a new instance on each call.
     *
     * @return the default key serde
     * @throws ConfigException if {@code default.key.serde} is not set, or the serde cannot be created
     */
    public Serde<?> defaultKeySerde() {
        return serde(DEFAULT_KEY_SERDE_CLASS_CONFIG, true);
    }

    /**
     * Returns the configured default value serde, configured for values with
     * {@code configure(originals(), false)}. If an instance was given it is that instance (configured again
     * on each call); if a class or class name was given it is a new instance on each call.
     *
     * @return the default value serde
     * @throws ConfigException if {@code default.value.serde} is not set, or the serde cannot be created
     */
    public Serde<?> defaultValueSerde() {
        return serde(DEFAULT_VALUE_SERDE_CLASS_CONFIG, false);
    }

    /**
     * @return the configured {@code default.timestamp.extractor}: the instance given, or a new instance of
     *     the class given (by default {@link dev.rill.streams.processor.FailOnInvalidTimestamp})
     * @throws ConfigException if the class cannot be instantiated
     */
    public TimestampExtractor defaultTimestampExtractor() {
        return instance(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, TimestampExtractor.class);
    }

    /** @return the settings, one {@code name = value} per line, sorted by name */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("StreamsConfig values:");
        values.forEach((name, value) -> text.append(System.lineSeparator()).append("    ").append(name)
            .append(" = ").append(value instanceof Class<?> cls ? cls.getName() : String.valueOf(value)));
        return text.toString();
    }

    private Serde<?> serde(String name, boolean isKey) {
        if (values.get(name) == null) {
            String which = isKey ? "key" : "value";
            throw new ConfigException("No default " + which + " serde is configured: set '" + name
                + "' (for example Serdes.StringSerde) or pass serdes to the operator");
        }
        Serde<?> serde = instance(name, Serde.class);
        try {
            serde.configure(originals, isKey);
        } catch (RuntimeException e) {
            if (e instanceof RillException) {
                throw e;
            }
            throw new ConfigException("Could not configure " + serde.getClass().getName() + " given as '"
                + name + "': " + e, e);
        }
        return serde;
    }

    private <T> T instance(String name, Class<T> type) {
        Object value = values.get(name);
        return value instanceof Class<?> cls ? ConfigDefinitions.newInstance(name, cls, type) : type.cast(value);
    }

    /**
     * Builds a {@link StreamsConfig} with typed setters. Each setter checks its argument at once and
     * throws {@link NullPointerException} or {@link IllegalArgumentException} naming the setting; values
     * given through {@link #set(String, Object)} are checked by {@link #build()}. Setting a value twice
     * keeps the last one. A builder is not thread-safe.
     */
    @Evolving
    public static final class Builder {

        private static final Duration MAX_MILLIS = Duration.ofMillis(Long.MAX_VALUE);

        private final Map<String, Object> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets {@code application.id}.
         * @param applicationId a non-empty name of letters, digits, '.', '_' and '-'
         * @return this builder
         * @throws NullPointerException if {@code applicationId} is {@code null}
         * @throws IllegalArgumentException if it is empty or contains other characters
         */
        public Builder applicationId(String applicationId) {
            requireNonNull(applicationId, "applicationId", APPLICATION_ID_CONFIG);
            requireArgument(applicationId.matches("[a-zA-Z0-9._-]+"), "applicationId (" + APPLICATION_ID_CONFIG
                + ") must be non-empty and contain only letters, digits, '.', '_' and '-', but was '"
                + applicationId + "'");
            return put(APPLICATION_ID_CONFIG, applicationId);
        }

        /**
         * Sets {@code state.dir}.
         * @param stateDir the directory for state stores and partition logs
         * @return this builder
         * @throws NullPointerException if {@code stateDir} is {@code null}
         * @throws IllegalArgumentException if it is the empty path
         */
        public Builder stateDir(Path stateDir) {
            requireNonNull(stateDir, "stateDir", STATE_DIR_CONFIG);
            requireArgument(!stateDir.toString().isEmpty(), "stateDir (" + STATE_DIR_CONFIG + ") must not be empty");
            return put(STATE_DIR_CONFIG, stateDir.toString());
        }

        /**
         * Sets {@code default.key.serde} to an instance, which {@link StreamsConfig#defaultKeySerde()} configures
         * and returns.
         *
         * @param serde the serde for keys
         * @return this builder
         * @throws NullPointerException if {@code serde} is {@code null}
         */
        public Builder defaultKeySerde(Serde<?> serde) {
            requireNonNull(serde, "defaultKeySerde", DEFAULT_KEY_SERDE_CLASS_CONFIG);
            return put(DEFAULT_KEY_SERDE_CLASS_CONFIG, serde);
        }

        /**
         * Sets {@code default.value.serde} to an instance, which {@link StreamsConfig#defaultValueSerde()}
         * configures and returns.
         *
         * @param serde the serde for values
         * @return this builder
         * @throws NullPointerException if {@code serde} is {@code null}
         */
        public Builder defaultValueSerde(Serde<?> serde) {
            requireNonNull(serde, "defaultValueSerde", DEFAULT_VALUE_SERDE_CLASS_CONFIG);
            return put(DEFAULT_VALUE_SERDE_CLASS_CONFIG, serde);
        }

        /**
         * Sets {@code default.timestamp.extractor} to an instance.
         * @param extractor the extractor for source topics
         * @return this builder
         * @throws NullPointerException if {@code extractor} is {@code null}
         */
        public Builder defaultTimestampExtractor(TimestampExtractor extractor) {
            requireNonNull(extractor, "defaultTimestampExtractor", DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG);
            return put(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, extractor);
        }

        /**
         * Sets {@code commit.interval.ms}, truncated to whole milliseconds (at most {@code Long.MAX_VALUE}).
         * @param interval how often to commit; zero commits as often as possible
         * @return this builder
         * @throws NullPointerException if {@code interval} is {@code null}
         * @throws IllegalArgumentException if it is negative
         */
        public Builder commitInterval(Duration interval) {
            requireNonNull(interval, "commitInterval", COMMIT_INTERVAL_MS_CONFIG);
            requireArgument(!interval.isNegative(),
                "commitInterval (" + COMMIT_INTERVAL_MS_CONFIG + ") must not be negative, but was " + interval);
            return put(COMMIT_INTERVAL_MS_CONFIG,
                interval.compareTo(MAX_MILLIS) >= 0 ? Long.MAX_VALUE : interval.toMillis());
        }

        /**
         * Sets {@code processing.guarantee}.
         * @param guarantee {@link StreamsConfig#AT_LEAST_ONCE} or {@link StreamsConfig#EXACTLY_ONCE_V2}
         * @return this builder
         * @throws NullPointerException if {@code guarantee} is {@code null}
         * @throws IllegalArgumentException if it is any other value
         */
        public Builder processingGuarantee(String guarantee) {
            requireNonNull(guarantee, "processingGuarantee", PROCESSING_GUARANTEE_CONFIG);
            try {
                return put(PROCESSING_GUARANTEE_CONFIG,
                    ConfigDefinitions.SETTINGS.get(PROCESSING_GUARANTEE_CONFIG).parse(guarantee));
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        /**
         * Sets {@code processing.guarantee} to {@link StreamsConfig#EXACTLY_ONCE_V2}.
         * @return this builder
         */
        public Builder exactlyOnce() {
            return put(PROCESSING_GUARANTEE_CONFIG, EXACTLY_ONCE_V2);
        }

        /**
         * Sets {@code statestore.cache.max.bytes}.
         * @param bytes total bytes of record caches over all threads; 0 disables caching
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder stateStoreCacheMaxBytes(long bytes) {
            requireArgument(bytes >= 0, "stateStoreCacheMaxBytes (" + STATESTORE_CACHE_MAX_BYTES_CONFIG
                + ") must not be negative, but was " + bytes);
            return put(STATESTORE_CACHE_MAX_BYTES_CONFIG, bytes);
        }

        /**
         * Sets {@code num.stream.threads}.
         * @param threads number of processing threads
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is less than 1
         */
        public Builder numStreamThreads(int threads) {
            requireArgument(threads >= 1, "numStreamThreads (" + NUM_STREAM_THREADS_CONFIG
                + ") must be at least 1, but was " + threads);
            return put(NUM_STREAM_THREADS_CONFIG, threads);
        }

        /**
         * Sets any setting by name, as in a properties map; name and value are checked by {@link #build()}.
         * @param name the setting name, e.g. {@link StreamsConfig#POLL_MS_CONFIG}
         * @param value its value, as a String or a typed object
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is {@code null}
         */
        public Builder set(String name, Object value) {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(value, () -> "value for '" + name + "' must not be null");
            return put(name, value);
        }

        /**
         * @return a new {@link Properties} holding what was set: numbers as Strings, Strings as is, and
         *     classes and instances (serdes, extractors) as objects
         */
        public Properties toProperties() {
            Properties properties = new Properties();
            settings.forEach((name, value) ->
                properties.put(name, value instanceof Number ? value.toString() : value));
            return properties;
        }

        /**
         * @return a new configuration from what was set
         * @throws ConfigException if a setting is unknown or invalid, or {@code application.id} is not set
         */
        public StreamsConfig build() {
            return new StreamsConfig(settings);
        }

        private Builder put(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        private static void requireNonNull(Object argument, String parameter, String setting) {
            if (argument == null) {
                throw new NullPointerException(parameter + " (" + setting + ") must not be null");
            }
        }

        private static void requireArgument(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
