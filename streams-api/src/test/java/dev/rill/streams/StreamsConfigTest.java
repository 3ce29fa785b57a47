package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.ConfigException;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.processor.FailOnInvalidTimestamp;
import dev.rill.streams.processor.LogAndSkipOnInvalidTimestamp;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import dev.rill.streams.processor.WallclockTimestampExtractor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // exercises the deprecated cache.max.bytes.buffering alias
class StreamsConfigTest {

    private static Properties props(Object... keysAndValues) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "my-app");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    private static StreamsConfig config(Object... keysAndValues) {
        return new StreamsConfig(props(keysAndValues));
    }

    /** A serde that records how it was configured. */
    public static final class RecordingSerde implements Serde<String> {
        final List<String> calls = new ArrayList<>();
        Map<String, ?> lastConfigs;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            calls.add(isKey ? "key" : "value");
            lastConfigs = configs;
        }

        @Override
        public Serializer<String> serializer() {
            return (topic, data) -> data == null ? null : data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public Deserializer<String> deserializer() {
            return (topic, data) -> data == null ? null : new String(data, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A serde without a no-arg constructor. */
    public static final class NoDefaultConstructorSerde extends Serdes.WrapperSerde<String> {
        public NoDefaultConstructorSerde(String unused) {
            super(Serdes.String().serializer(), Serdes.String().deserializer());
        }
    }

    /** A serde whose constructor fails. */
    public static final class ExplodingSerde extends Serdes.WrapperSerde<String> {
        public ExplodingSerde() {
            super(Serdes.String().serializer(), Serdes.String().deserializer());
            throw new IllegalStateException("boom");
        }
    }

    @Nested
    class Defaults {

        @Test
        void onlyApplicationIdIsRequired() {
            StreamsConfig config = config();
            assertThat(config.applicationId()).isEqualTo("my-app");
            assertThat(config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isNull();
            assertThat(config.getString(StreamsConfig.CLIENT_ID_CONFIG)).isEmpty();
            assertThat(config.stateDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "rill-streams"));
            assertThat(config.commitIntervalMs()).isEqualTo(30_000L);
            assertThat(config.processingGuarantee()).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
            assertThat(config.exactlyOnce()).isFalse();
            assertThat(config.stateStoreCacheMaxBytes()).isEqualTo(10_485_760L);
            assertThat(config.numStreamThreads()).isEqualTo(1);
            assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(100L);
            assertThat(config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isZero();
            assertThat(config.getInt(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG)).isEqualTo(1000);
            assertThat(config.getString(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG))
                .isEqualTo(StreamsConfig.NO_OPTIMIZATION);
            assertThat(config.getString(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG)).isEqualTo("INFO");
            assertThat(config.getLong(StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG)).isEqualTo(600_000L);
            assertThat(config.hasDefaultKeySerde()).isFalse();
            assertThat(config.hasDefaultValueSerde()).isFalse();
            assertThat(config.defaultTimestampExtractor()).isInstanceOf(FailOnInvalidTimestamp.class);
        }

        @Test
        void valuesListsEveryDefinedSettingAndIsUnmodifiable() {
            StreamsConfig config = config();
            assertThat(config.values()).containsKeys(StreamsConfig.APPLICATION_ID_CONFIG,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, StreamsConfig.CLIENT_ID_CONFIG, StreamsConfig.STATE_DIR_CONFIG,
                StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG,
                StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                StreamsConfig.POLL_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
                StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG,
                StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG,
                StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG,
                StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, StreamsConfig.DEFAULT_DSL_STORE_CONFIG);
            assertThat(config.values()).hasSize(22);
            assertThat(config.values().get(StreamsConfig.DEFAULT_DSL_STORE_CONFIG)).isEqualTo(StreamsConfig.ROCKS_DB);
            assertThat(config.values().get(StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG)).isEqualTo(134_217_728L);
            assertThat(config.values().get(StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG)).isEqualTo(33_554_432L);
            assertThat(config.values().get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isNull();
            assertThat(config.values().get(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG))
                .isEqualTo(FailOnInvalidTimestamp.class);
            assertThatThrownBy(() -> config.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> config.originals().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void originalsIsACopyOfWhatWasPassed() {
            Properties props = props(StreamsConfig.POLL_MS_CONFIG, "5");
            StreamsConfig config = new StreamsConfig(props);
            props.put(StreamsConfig.POLL_MS_CONFIG, "6");
            assertThat(config.originals()).containsEntry(StreamsConfig.POLL_MS_CONFIG, "5")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "my-app").hasSize(2);
            assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(5L);
        }

        @Test
        void toStringListsSettingsSortedOnePerLine() {
            String text = config(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "3").toString();
            List<String> lines = text.lines().skip(1).map(String::trim).toList();
            assertThat(lines).hasSize(22).isSorted();
            assertThat(lines).contains("application.id = my-app", "num.stream.threads = 3",
                "default.timestamp.extractor = " + FailOnInvalidTimestamp.class.getName());
        }
    }

    @Nested
    class Parsing {

        @Test
        void stringValuesFromAPropertiesFileAreParsedAndTrimmed() {
            StreamsConfig config = config(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, " 100 ",
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4",
                StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1",
                StreamsConfig.STATE_DIR_CONFIG, " /var/lib/rill ",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2",
                StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, "all",
                StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            assertThat(config.commitIntervalMs()).isEqualTo(100L);
            assertThat(config.numStreamThreads()).isEqualTo(4);
            assertThat(config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
            assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/rill"));
            assertThat(config.exactlyOnce()).isTrue();
            assertThat(config.getString(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG)).isEqualTo(StreamsConfig.OPTIMIZE);
            assertThat(config.getString(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG)).isEqualTo("DEBUG");
            assertThat(config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("localhost:9092");
        }

        @Test
        void typedValuesAreAccepted() {
            Map<String, Object> map = new HashMap<>();
            map.put(StreamsConfig.APPLICATION_ID_CONFIG, "typed");
            map.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250);          // Integer for a long
            map.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2L);           // Long for an int
            map.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
            map.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("/tmp/typed"));
            map.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, WallclockTimestampExtractor.class);
            StreamsConfig config = new StreamsConfig(map);
            assertThat(config.commitIntervalMs()).isEqualTo(250L);
            assertThat(config.numStreamThreads()).isEqualTo(2);
            assertThat(config.stateStoreCacheMaxBytes()).isZero();
            assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/typed"));
            assertThat(config.defaultTimestampExtractor()).isInstanceOf(WallclockTimestampExtractor.class);
        }

        @Test
        void choicesAreCaseInsensitiveAndStoredCanonically() {
            StreamsConfig config = config(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "EXACTLY_ONCE_V2",
                StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "trace");
            assertThat(config.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
            assertThat(config.getString(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG)).isEqualTo("TRACE");
        }

        @Test
        void propertiesDefaultsAreIncluded() {
            Properties defaults = props(StreamsConfig.POLL_MS_CONFIG, "7");
            Properties props = new Properties(defaults);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
            StreamsConfig config = new StreamsConfig(props);
            assertThat(config.applicationId()).isEqualTo("my-app");
            assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(7L);
            assertThat(config.numStreamThreads()).isEqualTo(2);
        }

        @Test
        void nullValuesCountAsNotSet() {
            Map<String, Object> map = new HashMap<>();
            map.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
            map.put(StreamsConfig.POLL_MS_CONFIG, null);
            assertThat(new StreamsConfig(map).getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(100L);
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownNameSuggestsTheClosestSetting() {
            Properties props = new Properties();
            props.put("aplication.id", "my-app");
            assertThatThrownBy(() -> new StreamsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration 'aplication.id'. Did you mean 'application.id'?");
            assertThatThrownBy(() -> config("commit.interval.mss", "5"))
                .hasMessageContaining("Did you mean 'commit.interval.ms'?");
        }

        @Test
        void misspelledCaseAndSeparatorsAreRecognised() {
            assertThatThrownBy(() -> config("Commit.Interval.MS", "5"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration 'Commit.Interval.MS'. Did you mean 'commit.interval.ms'?");
            assertThatThrownBy(() -> config("NUM_STREAM_THREADS", "2"))
                .hasMessageContaining("Did you mean 'num.stream.threads'?");
            assertThatThrownBy(() -> config("POLL_MS_CONFIG", "2"))
                .hasMessageContaining("Did you mean 'poll.ms'?");
        }

        @Test
        void unknownNameFarFromAnySettingHasNoSuggestion() {
            assertThatThrownBy(() -> config("replication.factor", "3"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration 'replication.factor'.");
        }

        @Test
        void nonStringNamesAreRejected() {
            Map<Object, Object> map = new HashMap<>();
            map.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
            map.put(42, "x");
            assertThatThrownBy(() -> new StreamsConfig(map))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("names must be Strings")
                .hasMessageContaining("42");
        }

        @Test
        void invalidNumberNamesSettingValueAndWhatIsAccepted() {
            assertThatThrownBy(() -> config(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "abc"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'abc' for configuration 'commit.interval.ms': "
                    + "expected a whole number of milliseconds >= 0");
            assertThatThrownBy(() -> config(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1.5"))
                .hasMessageContaining("'num.stream.threads'");
            assertThatThrownBy(() -> config(StreamsConfig.POLL_MS_CONFIG, 1.5d))
                .hasMessageContaining("'1.5' (a java.lang.Double)")
                .hasMessageContaining("'poll.ms'");
        }

        @Test
        void outOfRangeValuesAreRejected() {
            assertThatThrownBy(() -> config(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '-1' for configuration 'commit.interval.ms': "
                    + "expected a whole number of milliseconds >= 0");
            assertThatThrownBy(() -> config(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 0))
                .hasMessageContaining("'num.stream.threads'").hasMessageContaining(">= 1");
            assertThatThrownBy(() -> config(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "3000000000"))
                .hasMessageContaining("'3000000000'").hasMessageContaining("'num.stream.threads'");
            assertThatThrownBy(() -> config(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-2"))
                .hasMessageContaining(">= -1");
            assertThatThrownBy(() -> config(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, -5L))
                .hasMessageContaining("bytes >= 0");
        }

        @Test
        void unknownChoicesListWhatIsAccepted() {
            assertThatThrownBy(() -> config(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_most_once"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'at_most_once' for configuration 'processing.guarantee': "
                    + "expected one of 'at_least_once', 'exactly_once_v2'");
            assertThatThrownBy(() -> config(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, "some"))
                .hasMessageContaining("'none', 'all'");
            assertThatThrownBy(() -> config(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "WARN"))
                .hasMessageContaining("'INFO', 'DEBUG', 'TRACE'");
        }

        @Test
        void removedExactlyOnceValuesPointToV2() {
            for (String removed : List.of("exactly_once", "exactly_once_beta")) {
                assertThatThrownBy(() -> config(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, removed))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'" + removed + "'")
                    .hasMessageContaining("use 'exactly_once_v2'");
            }
        }

        @Test
        void missingApplicationId() {
            assertThatThrownBy(() -> new StreamsConfig(new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Missing required configuration 'application.id'");
        }

        @Test
        void invalidApplicationId() {
            assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "my app")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value 'my app' for configuration 'application.id'");
            assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "")))
                .hasMessageStartingWith("Invalid value '' for configuration 'application.id'");
        }

        @Test
        void gettersRejectUnknownNamesAndWrongTypes() {
            StreamsConfig config = config();
            assertThatThrownBy(() -> config.get("aplication.id"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration 'aplication.id'. Did you mean 'application.id'?");
            assertThatThrownBy(() -> config.getString("nope")).hasMessageContaining("'nope'");
            assertThatThrownBy(() -> config.getInt(StreamsConfig.POLL_MS_CONFIG))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'poll.ms'");
            assertThatThrownBy(() -> config.getString(StreamsConfig.NUM_STREAM_THREADS_CONFIG))
                .isInstanceOf(ConfigException.class);
            assertThat(config.getLong(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1L);
            assertThat(config.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1);
        }
    }

    @Nested
    class DerivedDefaults {

        @Test
        void exactlyOnceLowersTheDefaultCommitInterval() {
            assertThat(config(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .commitIntervalMs()).isEqualTo(100L);
            assertThat(config(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
                .commitIntervalMs()).isEqualTo(30_000L);
        }

        @Test
        void explicitCommitIntervalWinsUnderExactlyOnce() {
            StreamsConfig config = config(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "30000");
            assertThat(config.commitIntervalMs()).isEqualTo(30_000L);
        }

        @Test
        void deprecatedCacheAliasIsUsedWhenAlone() {
            StreamsConfig config = config(StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, "1024");
            assertThat(config.stateStoreCacheMaxBytes()).isEqualTo(1024L);
        }

        @Test
        void newCacheNameWinsOverTheAlias() {
            StreamsConfig config = config(StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, "1024",
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "2048");
            assertThat(config.stateStoreCacheMaxBytes()).isEqualTo(2048L);
        }

        @Test
        void invalidAliasValueIsStillRejected() {
            assertThatThrownBy(() -> config(StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, "lots"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'cache.max.bytes.buffering'");
        }
    }

    @Nested
    class ClassSettings {

        @Test
        void serdeFromClass() {
            StreamsConfig config = config(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            assertThat(config.hasDefaultKeySerde()).isTrue();
            Serde<?> first = config.defaultKeySerde();
            assertThat(first).isInstanceOf(Serdes.StringSerde.class);
            assertThat(config.defaultKeySerde()).isNotSameAs(first);
        }

        @Test
        void serdeFromClassName() {
            StreamsConfig config = config(
                StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, "dev.rill.common.serialization.Serdes$StringSerde",
                StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, " dev.rill.common.serialization.Serdes.LongSerde ");
            assertThat(config.defaultKeySerde()).isInstanceOf(Serdes.StringSerde.class);
            assertThat(config.defaultValueSerde()).isInstanceOf(Serdes.LongSerde.class);
            assertThat(config.values().get(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG))
                .isEqualTo(Serdes.LongSerde.class);
        }

        @Test
        void serdeClassIsConfiguredForKeyOrValue() {
            StreamsConfig config = config(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, RecordingSerde.class.getName(),
                StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, RecordingSerde.class);
            RecordingSerde key = (RecordingSerde) config.defaultKeySerde();
            RecordingSerde value = (RecordingSerde) config.defaultValueSerde();
            assertThat(key.calls).containsExactly("key");
            assertThat(value.calls).containsExactly("value");
            assertThat(key.lastConfigs).isEqualTo(config.originals());
        }

        @Test
        void serdeFromInstanceIsThatInstanceConfigured() {
            RecordingSerde serde = new RecordingSerde();
            StreamsConfig config = config(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, serde);
            assertThat(config.defaultValueSerde()).isSameAs(serde);
            assertThat(serde.calls).containsExactly("value");
            assertThat(serde.lastConfigs.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("my-app");
        }

        @Test
        void missingDefaultSerdeExplainsWhatToDo() {
            StreamsConfig config = config();
            assertThatThrownBy(config::defaultKeySerde)
                .isInstanceOf(ConfigException.class)
                .hasMessage("No default key serde is configured: set 'default.key.serde' "
                    + "(for example Serdes.StringSerde) or pass serdes to the operator");
            assertThatThrownBy(config::defaultValueSerde)
                .hasMessageContaining("No default value serde is configured: set 'default.value.serde'");
        }

        @Test
        void unknownClassNameIsRejected() {
            assertThatThrownBy(() -> config(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, "com.example.NoSuchSerde"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'default.key.serde'")
                .hasMessageContaining("com.example.NoSuchSerde")
                .hasMessageContaining("could not be found");
        }

        @Test
        void classNotImplementingTheInterfaceIsRejected() {
            assertThatThrownBy(() -> config(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, "java.lang.String"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'default.value.serde'")
                .hasMessageContaining("class 'java.lang.String' does not implement "
                    + "dev.rill.common.serialization.Serde");
            assertThatThrownBy(() -> config(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                Serdes.StringSerde.class))
                .hasMessageContaining("'default.timestamp.extractor'")
                .hasMessageContaining("does not implement dev.rill.streams.processor.TimestampExtractor");
            assertThatThrownBy(() -> config(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, 42))
                .hasMessageContaining("'default.key.serde'")
                .hasMessageContaining("not a dev.rill.common.serialization.Serde");
        }

        @Test
        void classWithoutPublicNoArgConstructorIsRejected() {
            assertThatThrownBy(() -> config(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
                NoDefaultConstructorSerde.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'default.key.serde'")
                .hasMessageContaining(NoDefaultConstructorSerde.class.getName())
                .hasMessageContaining("no public no-argument constructor");
            assertThatThrownBy(() -> config(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.WrapperSerde.class))
                .hasMessageContaining("'default.key.serde'");
        }

        @Test
        void failingConstructorIsReportedWhenTheSerdeIsCreated() {
            StreamsConfig config = config(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, ExplodingSerde.class);
            assertThatThrownBy(config::defaultKeySerde)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ExplodingSerde.class.getName())
                .hasMessageContaining("'default.key.serde'")
                .hasMessageContaining("boom");
        }

        @Test
        void timestampExtractorFromClassNameOrInstance() {
            assertThat(config(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                LogAndSkipOnInvalidTimestamp.class.getName()).defaultTimestampExtractor())
                .isInstanceOf(LogAndSkipOnInvalidTimestamp.class);
            TimestampExtractor extractor = new UsePartitionTimeOnInvalidTimestamp();
            assertThat(config(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, extractor)
                .defaultTimestampExtractor()).isSameAs(extractor);
        }
    }

    @Nested
    class BuilderTest {

        @Test
        void roundTrip() {
            RecordingSerde keySerde = new RecordingSerde();
            Serde<Long> valueSerde = Serdes.Long();
            TimestampExtractor extractor = new WallclockTimestampExtractor();
            StreamsConfig.Builder builder = StreamsConfig.builder()
                .applicationId("built")
                .stateDir(Path.of("/tmp/built"))
                .defaultKeySerde(keySerde)
                .defaultValueSerde(valueSerde)
                .defaultTimestampExtractor(extractor)
                .commitInterval(Duration.ofSeconds(2))
                .exactlyOnce()
                .stateStoreCacheMaxBytes(0)
                .numStreamThreads(3)
                .set(StreamsConfig.POLL_MS_CONFIG, "25");
            StreamsConfig config = builder.build();
            assertThat(config.applicationId()).isEqualTo("built");
            assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/built"));
            assertThat(config.defaultKeySerde()).isSameAs(keySerde);
            assertThat(config.defaultValueSerde()).isSameAs(valueSerde);
            assertThat(config.defaultTimestampExtractor()).isSameAs(extractor);
            assertThat(config.commitIntervalMs()).isEqualTo(2000L);
            assertThat(config.exactlyOnce()).isTrue();
            assertThat(config.stateStoreCacheMaxBytes()).isZero();
            assertThat(config.numStreamThreads()).isEqualTo(3);
            assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(25L);

            Properties props = builder.toProperties();
            assertThat(props.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("2000");
            assertThat(props.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("3");
            assertThat(props.get(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG)).isSameAs(keySerde);
            assertThat(new StreamsConfig(props).values()).isEqualTo(config.values());
        }

        @Test
        void processingGuaranteeAcceptsTheTwoValues() {
            assertThat(StreamsConfig.builder().applicationId("a").processingGuarantee("at_least_once").build()
                .exactlyOnce()).isFalse();
            assertThat(StreamsConfig.builder().applicationId("a").processingGuarantee(StreamsConfig.EXACTLY_ONCE_V2)
                .build().commitIntervalMs()).isEqualTo(100L);
        }

        @Test
        void settersCheckTheirArgumentsAtOnce() {
            StreamsConfig.Builder builder = StreamsConfig.builder();
            assertThatThrownBy(() -> builder.applicationId(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("application.id");
            assertThatThrownBy(() -> builder.applicationId("has space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application.id")
                .hasMessageContaining("'has space'");
            assertThatThrownBy(() -> builder.stateDir(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("state.dir");
            assertThatThrownBy(() -> builder.defaultKeySerde(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("default.key.serde");
            assertThatThrownBy(() -> builder.defaultValueSerde(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("default.value.serde");
            assertThatThrownBy(() -> builder.defaultTimestampExtractor(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("default.timestamp.extractor");
            assertThatThrownBy(() -> builder.commitInterval(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("commit.interval.ms");
            assertThatThrownBy(() -> builder.commitInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit.interval.ms")
                .hasMessageContaining("negative");
            assertThatThrownBy(() -> builder.processingGuarantee("exactly_once"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly_once_v2");
            assertThatThrownBy(() -> builder.stateStoreCacheMaxBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statestore.cache.max.bytes");
            assertThatThrownBy(() -> builder.numStreamThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num.stream.threads");
            assertThatThrownBy(() -> builder.set(null, "x")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> builder.set("poll.ms", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("poll.ms");
        }

        @Test
        void genericSettingsAreValidatedAtBuild() {
            StreamsConfig.Builder builder = StreamsConfig.builder().applicationId("a").set("pol.ms", "5");
            assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigException.class).hasMessageContaining("Did you mean 'poll.ms'?");
            StreamsConfig.Builder invalid = StreamsConfig.builder().applicationId("a").set("poll.ms", "soon");
            assertThatThrownBy(invalid::build).isInstanceOf(ConfigException.class).hasMessageContaining("'soon'");
        }

        @Test
        void buildWithoutApplicationIdFails() {
            assertThatThrownBy(() -> StreamsConfig.builder().numStreamThreads(2).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Missing required configuration 'application.id'");
        }
    }
}
