package dev.rill.streams;

import static dev.rill.streams.StreamsConfig.APPLICATION_ID_CONFIG;
import static dev.rill.streams.StreamsConfig.AT_LEAST_ONCE;
import static dev.rill.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
import static dev.rill.streams.StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG;
import static dev.rill.streams.StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG;
import static dev.rill.streams.StreamsConfig.CLIENT_ID_CONFIG;
import static dev.rill.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
import static dev.rill.streams.StreamsConfig.DEFAULT_DSL_STORE_CONFIG;
import static dev.rill.streams.StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG;
import static dev.rill.streams.StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG;
import static dev.rill.streams.StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG;
import static dev.rill.streams.StreamsConfig.EXACTLY_ONCE_V2;
import static dev.rill.streams.StreamsConfig.IN_MEMORY;
import static dev.rill.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG;
import static dev.rill.streams.StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG;
import static dev.rill.streams.StreamsConfig.NO_OPTIMIZATION;
import static dev.rill.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG;
import static dev.rill.streams.StreamsConfig.OPTIMIZE;
import static dev.rill.streams.StreamsConfig.POLL_MS_CONFIG;
import static dev.rill.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
import static dev.rill.streams.StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG;
import static dev.rill.streams.StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG;
import static dev.rill.streams.StreamsConfig.ROCKS_DB;
import static dev.rill.streams.StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG;
import static dev.rill.streams.StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG;
import static dev.rill.streams.StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG;
import static dev.rill.streams.StreamsConfig.STATE_DIR_CONFIG;
import static dev.rill.streams.StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG;

import dev.rill.common.errors.ConfigException;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.ConfigSetting.Kind;
import dev.rill.streams.ConfigSetting.Validator;
import dev.rill.streams.processor.FailOnInvalidTimestamp;
import dev.rill.streams.processor.TimestampExtractor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The table of every {@link StreamsConfig} setting, and the validators the table is built from. */
@SuppressWarnings("deprecation") // defines and reads the deprecated cache.max.bytes.buffering alias
final class ConfigDefinitions {

    /** {@code commit.interval.ms} when nothing else applies. */
    static final long DEFAULT_COMMIT_INTERVAL_MS = 30_000L;

    /** {@code commit.interval.ms} under {@code exactly_once_v2} when the user did not set it. */
    static final long EOS_DEFAULT_COMMIT_INTERVAL_MS = 100L;

    private static final Logger LOG = LoggerFactory.getLogger(StreamsConfig.class);

    private static final Pattern APPLICATION_ID = Pattern.compile("[a-zA-Z0-9._-]+");

    /** Every setting by name, sorted; unmodifiable. */
    static final SortedMap<String, ConfigSetting> SETTINGS = define();

    private ConfigDefinitions() {
    }

    private static SortedMap<String, ConfigSetting> define() {
        String serdeExample = "dev.rill.common.serialization.Serdes$StringSerde";
        List<ConfigSetting> all = List.of(
            required(APPLICATION_ID_CONFIG, Kind.STRING, matches(APPLICATION_ID),
                "a non-empty name made of letters, digits, '.', '_' and '-'",
                "Identifies the application; it names the state directory and internal topics."),
            setting(BOOTSTRAP_SERVERS_CONFIG, Kind.STRING, null, any(), "a string (ignored)",
                "Accepted so that code ported from Kafka Streams runs, but unused: Rill has no broker."),
            setting(CLIENT_ID_CONFIG, Kind.STRING, "", any(), "a string",
                "A prefix for thread names, metrics and log lines; empty means derived from application.id."),
            setting(STATE_DIR_CONFIG, Kind.STRING, System.getProperty("java.io.tmpdir") + "/rill-streams",
                directory(), "a non-empty directory path",
                "Directory under which each application keeps its state stores and partition logs."),
            setting(DEFAULT_KEY_SERDE_CLASS_CONFIG, Kind.CLASS, null, plugin(Serde.class),
                "a Serde class, class name or instance (for example " + serdeExample + ")",
                "Serde for record keys when an operator is not given one explicitly; none by default."),
            setting(DEFAULT_VALUE_SERDE_CLASS_CONFIG, Kind.CLASS, null, plugin(Serde.class),
                "a Serde class, class name or instance (for example " + serdeExample + ")",
                "Serde for record values when an operator is not given one explicitly; none by default."),
            setting(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, Kind.CLASS, FailOnInvalidTimestamp.class,
                plugin(TimestampExtractor.class),
                "a TimestampExtractor class, class name or instance (for example "
                    + "dev.rill.streams.processor.LogAndSkipOnInvalidTimestamp)",
                "Decides the event time of records read from source topics."),
            setting(COMMIT_INTERVAL_MS_CONFIG, Kind.LONG, DEFAULT_COMMIT_INTERVAL_MS, atLeast(0),
                "a whole number of milliseconds >= 0",
                "How often, in milliseconds, progress and state are committed; 100 under exactly_once_v2."),
            setting(PROCESSING_GUARANTEE_CONFIG, Kind.STRING, AT_LEAST_ONCE, processingGuarantee(),
                "one of '" + AT_LEAST_ONCE + "', '" + EXACTLY_ONCE_V2 + "'",
                "Whether a record may be processed again after a failure (at_least_once) or exactly once."),
            setting(DEFAULT_DSL_STORE_CONFIG, Kind.STRING, ROCKS_DB, oneOf(ROCKS_DB, IN_MEMORY),
                "one of '" + ROCKS_DB + "', '" + IN_MEMORY + "'",
                "Where stateful DSL operators keep their state unless their Materialized says otherwise."),
            setting(STATESTORE_CACHE_MAX_BYTES_CONFIG, Kind.LONG, 10_485_760L, atLeast(0),
                "a whole number of bytes >= 0",
                "Total bytes of record caches across all threads; 0 disables caching."),
            setting(CACHE_MAX_BYTES_BUFFERING_CONFIG, Kind.LONG, 10_485_760L, atLeast(0),
                "a whole number of bytes >= 0",
                "Deprecated alias of statestore.cache.max.bytes, used only when that is not set."),
            setting(NUM_STREAM_THREADS_CONFIG, Kind.INT, 1, atLeast(1), "a whole number >= 1",
                "Number of threads that process tasks."),
            setting(POLL_MS_CONFIG, Kind.LONG, 100L, atLeast(0), "a whole number of milliseconds >= 0",
                "How long, in milliseconds, a thread blocks waiting for input when none is buffered."),
            setting(MAX_TASK_IDLE_MS_CONFIG, Kind.LONG, 0L, atLeast(-1),
                "a whole number of milliseconds >= -1",
                "How long, in milliseconds, a task waits for data on all inputs before processing; -1 never waits."),
            setting(BUFFERED_RECORDS_PER_PARTITION_CONFIG, Kind.INT, 1000, atLeast(1), "a whole number >= 1",
                "Maximum number of records buffered per input partition before reading pauses."),
            setting(TOPOLOGY_OPTIMIZATION_CONFIG, Kind.STRING, NO_OPTIMIZATION, oneOf(NO_OPTIMIZATION, OPTIMIZE),
                "one of '" + NO_OPTIMIZATION + "', '" + OPTIMIZE + "'",
                "Whether the topology is rewritten to reuse topics and merge repartitions."),
            setting(METRICS_RECORDING_LEVEL_CONFIG, Kind.STRING, "INFO", oneOf("INFO", "DEBUG", "TRACE"),
                "one of 'INFO', 'DEBUG', 'TRACE'", "The most detailed level of metrics that is recorded."),
            setting(STATE_CLEANUP_DELAY_MS_CONFIG, Kind.LONG, 600_000L, atLeast(0),
                "a whole number of milliseconds >= 0",
                "How long, in milliseconds, the state of a task no longer owned is kept before deletion."),
            // The setter interface lives with the RocksDB stores, which this module does not see; the
            // store checks the type when it loads the class.
            setting(ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, Kind.CLASS, null, plugin(Object.class),
                "a RocksDBConfigSetter class, class name or instance",
                "Called for every RocksDB store after Rill's own options, to change any RocksDB option."),
            setting(STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG, Kind.LONG, 134_217_728L, atLeast(1_048_576),
                "a whole number of bytes >= 1048576",
                "Off-heap bytes all RocksDB stores share for block cache and write buffers."),
            setting(STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, Kind.LONG, 33_554_432L, atLeast(0),
                "a whole number of bytes >= 0",
                "Heap bytes all RocksDB stores share for copies of small stores and of the newest window segments; 0 turns them off."));
        SortedMap<String, ConfigSetting> byName = new TreeMap<>();
        for (ConfigSetting setting : all) {
            if (byName.put(setting.name(), setting) != null) {
                throw new AssertionError("duplicate setting " + setting.name());
            }
        }
        return Collections.unmodifiableSortedMap(byName);
    }

    private static ConfigSetting setting(
        String name, Kind kind, Object defaultValue, Validator validator, String accepted, String doc) {
        return new ConfigSetting(name, kind, defaultValue, false, validator, accepted, doc);
    }

    private static ConfigSetting required(String name, Kind kind, Validator validator, String accepted, String doc) {
        return new ConfigSetting(name, kind, null, true, validator, accepted, doc);
    }

    // ---- validators ------------------------------------------------------------------------------

    private static Validator any() {
        return value -> value;
    }

    private static Validator atLeast(long min) {
        return value -> {
            if (((Number) value).longValue() < min) {
                throw new IllegalArgumentException((String) null);
            }
            return value;
        };
    }

    private static Validator matches(Pattern pattern) {
        return value -> {
            if (!pattern.matcher((String) value).matches()) {
                throw new IllegalArgumentException((String) null);
            }
            return value;
        };
    }

    private static Validator directory() {
        return value -> {
            String path = (String) value;
            if (path.isEmpty()) {
                throw new IllegalArgumentException((String) null);
            }
            try {
                Path.of(path);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid path (" + e.getMessage() + ")");
            }
            return value;
        };
    }

    /** Accepts the allowed values in any letter case and stores the canonical spelling. */
    private static Validator oneOf(String... allowed) {
        return value -> {
            for (String candidate : allowed) {
                if (candidate.equalsIgnoreCase((String) value)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException((String) null);
        };
    }

    private static Validator processingGuarantee() {
        Validator known = oneOf(AT_LEAST_ONCE, EXACTLY_ONCE_V2);
        return value -> {
            String text = ((String) value).toLowerCase(Locale.ROOT);
            if (text.equals("exactly_once") || text.equals("exactly_once_beta")) {
                throw new IllegalArgumentException("'" + value + "' is no longer supported, use '"
                    + EXACTLY_ONCE_V2 + "' (StreamsConfig.EXACTLY_ONCE_V2) instead");
            }
            return known.validate(value);
        };
    }

    /** Accepts an instance of {@code type}, or a public concrete implementation with a public no-arg constructor. */
    private static Validator plugin(Class<?> type) {
        return value -> {
            if (value instanceof Class<?> cls) {
                checkInstantiable(cls, type);
                return cls;
            }
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("a " + value.getClass().getName() + " is not a "
                    + type.getName());
            }
            return value;
        };
    }

    private static void checkInstantiable(Class<?> cls, Class<?> type) {
        String name = "class '" + cls.getName() + "'";
        if (!type.isAssignableFrom(cls)) {
            throw new IllegalArgumentException(name + " does not implement " + type.getName());
        }
        if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
            throw new IllegalArgumentException(name + " is abstract and cannot be instantiated");
        }
        if (!Modifier.isPublic(cls.getModifiers())) {
            throw new IllegalArgumentException(name + " is not public, so it cannot be instantiated");
        }
        Constructor<?> constructor;
        try {
            constructor = cls.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(name + " has no public no-argument constructor");
        }
        if (!Modifier.isPublic(constructor.getModifiers())) {
            throw new IllegalArgumentException(name + " has no public no-argument constructor");
        }
    }

    // ---- resolving user values ------------------------------------------------------------------

    /**
     * Copies what the user passed, keeping insertion order. Keys must be Strings. For a
     * {@link Properties}, defaults chained behind it are included too.
     *
     * @throws ConfigException if a key is not a String
     */
    static Map<String, Object> copyOriginals(Map<?, ?> props) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : new ArrayList<>(props.entrySet())) {
            if (!(entry.getKey() instanceof String name)) {
                Object key = entry.getKey();
                throw new ConfigException("Configuration names must be Strings, but got " + key
                    + (key == null ? "" : " (a " + key.getClass().getName() + ")") + " with value "
                    + entry.getValue());
            }
            copy.put(name, entry.getValue());
        }
        if (props instanceof Properties properties) {
            for (String name : properties.stringPropertyNames()) {
                copy.putIfAbsent(name, properties.getProperty(name));
            }
        }
        return copy;
    }

    /**
     * Parses every setting from the user's values, applying defaults, the deprecated alias and the
     * exactly-once commit interval default.
     *
     * @param originals the user's values; a {@code null} value counts as not set
     * @return every setting by name, sorted, with its parsed value (possibly {@code null})
     * @throws ConfigException for an unknown name, a missing required setting or an invalid value
     */
    static SortedMap<String, Object> resolve(Map<String, Object> originals) {
        List<String> unknown = new ArrayList<>();
        for (String name : originals.keySet()) {
            if (!SETTINGS.containsKey(name)) {
                unknown.add(unknownMessage(name));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(String.join(" ", unknown));
        }
        SortedMap<String, Object> values = new TreeMap<>();
        for (ConfigSetting setting : SETTINGS.values()) {
            Object raw = originals.get(setting.name());
            if (raw != null) {
                values.put(setting.name(), setting.parse(raw));
            } else if (setting.required()) {
                throw new ConfigException("Missing required configuration '" + setting.name() + "': expected "
                    + setting.accepted() + ". " + setting.doc());
            } else {
                values.put(setting.name(), setting.defaultValue());
            }
        }
        boolean aliasSet = originals.get(CACHE_MAX_BYTES_BUFFERING_CONFIG) != null;
        boolean newNameSet = originals.get(STATESTORE_CACHE_MAX_BYTES_CONFIG) != null;
        if (aliasSet && newNameSet) {
            LOG.warn("Both '{}' and its deprecated alias '{}' are set; using '{}' = {} and ignoring the alias",
                STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES_BUFFERING_CONFIG,
                STATESTORE_CACHE_MAX_BYTES_CONFIG, values.get(STATESTORE_CACHE_MAX_BYTES_CONFIG));
        } else if (aliasSet) {
            LOG.warn("Configuration '{}' is deprecated; use '{}' instead",
                CACHE_MAX_BYTES_BUFFERING_CONFIG, STATESTORE_CACHE_MAX_BYTES_CONFIG);
            values.put(STATESTORE_CACHE_MAX_BYTES_CONFIG, values.get(CACHE_MAX_BYTES_BUFFERING_CONFIG));
        }
        if (EXACTLY_ONCE_V2.equals(values.get(PROCESSING_GUARANTEE_CONFIG))
            && originals.get(COMMIT_INTERVAL_MS_CONFIG) == null) {
            values.put(COMMIT_INTERVAL_MS_CONFIG, EOS_DEFAULT_COMMIT_INTERVAL_MS);
        }
        return values;
    }

    // ---- lookups and instances -------------------------------------------------------------------

    /**
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws ConfigException if {@code name} is not a setting, suggesting a close one
     */
    static ConfigSetting lookup(String name) {
        Objects.requireNonNull(name, "configuration name must not be null");
        ConfigSetting setting = SETTINGS.get(name);
        if (setting == null) {
            throw new ConfigException(unknownMessage(name));
        }
        return setting;
    }

    /** @throws ConfigException if {@code name} is not a setting or does not hold {@code kind} */
    static ConfigSetting lookup(String name, Kind kind, String getter) {
        ConfigSetting setting = lookup(name);
        if (setting.kind() != kind) {
            throw new ConfigException("Configuration '" + name + "' holds " + setting.kind().description()
                + ", not " + kind.description() + ", so " + getter + " cannot read it; use "
                + (setting.kind() == Kind.CLASS ? "get" : "a matching getter") + " instead");
        }
        return setting;
    }

    /**
     * Creates an instance of a class given for setting {@code name} with its public no-arg constructor.
     *
     * @throws ConfigException naming the setting and class if that fails
     */
    static <T> T newInstance(String name, Class<?> cls, Class<T> type) {
        try {
            return type.cast(cls.getDeclaredConstructor().newInstance());
        } catch (InvocationTargetException e) {
            throw new ConfigException("Could not create " + cls.getName() + " given as '" + name
                + "': its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigException("Could not create " + cls.getName() + " given as '" + name + "': " + e, e);
        }
    }

    // ---- unknown names ---------------------------------------------------------------------------

    /** Builds the message for a name that is not a setting, suggesting a close known name if there is one. */
    static String unknownMessage(String name) {
        String suggestion = suggest(name);
        return "Unknown configuration '" + name + "'."
            + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?");
    }

    /** Returns the known name closest to {@code name}, or {@code null} if none is close. */
    static String suggest(String name) {
        String normalized = normalize(name);
        for (String known : SETTINGS.keySet()) {
            if (normalize(known).equals(normalized)) {
                return known;
            }
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String known : SETTINGS.keySet()) {
            int distance = editDistance(lower, known, bestDistance);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Lower case, '_' and '-' as '.', without a trailing "_CONFIG" (as in the Java constant names). */
    private static String normalize(String name) {
        String result = name.trim().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
        return result.endsWith(".config") ? result.substring(0, result.length() - ".config".length()) : result;
    }

    /** Levenshtein distance, or any value {@code >= limit} once it is known to reach {@code limit}. */
    static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
