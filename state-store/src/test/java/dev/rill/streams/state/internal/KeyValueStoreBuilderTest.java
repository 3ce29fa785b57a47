package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.serialization.Serializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.Stores;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueStoreBuilderTest {

    // ================================================================ configuration

    @Test
    void defaultsAreLoggingOnWithEmptyConfigAndCachingOff() {
        KeyValueStoreBuilder<String, Long> builder = builder("counts");
        assertThat(builder.name()).isEqualTo("counts");
        assertThat(builder.loggingEnabled()).isTrue();
        assertThat(builder.logConfig()).isEmpty();
        assertThat(builder.cachingEnabled()).isFalse();
    }

    @Test
    void storesFactoryReturnsThisBuilder() {
        assertThat(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.Long()))
            .isInstanceOf(KeyValueStoreBuilder.class)
            .satisfies(b -> assertThat(b.loggingEnabled()).isTrue());
    }

    @Test
    void settersReturnThisAndLoggingConfigIsCopied() {
        KeyValueStoreBuilder<String, Long> builder = builder("counts");
        Map<String, String> config = new HashMap<>(Map.of("retention.ms", "1000"));
        assertThat(builder.withLoggingEnabled(config)).isSameAs(builder);
        config.put("cleanup.policy", "delete");
        assertThat(builder.logConfig()).containsExactly(Map.entry("retention.ms", "1000"));
        assertThatThrownBy(() -> builder.logConfig().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);

        assertThat(builder.withLoggingDisabled()).isSameAs(builder);
        assertThat(builder.loggingEnabled()).isFalse();
        assertThat(builder.logConfig()).isEmpty();

        assertThat(builder.withCachingEnabled()).isSameAs(builder);
        assertThat(builder.cachingEnabled()).isTrue();
        assertThat(builder.withCachingDisabled()).isSameAs(builder);
        assertThat(builder.cachingEnabled()).isFalse();
    }

    @Test
    void nullLoggingConfigIsRejectedNamingTheStore() {
        assertThatThrownBy(() -> builder("counts").withLoggingEnabled(null))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("'counts'");
    }

    @Test
    void eachBuildReturnsANewTypedStore() {
        KeyValueStoreBuilder<String, Long> builder = builder("counts");
        KeyValueStore<String, Long> one = builder.build();
        assertThat(one).isInstanceOf(SerdeKeyValueStore.class).isNotSameAs(builder.build());
        assertThat(one.name()).isEqualTo("counts");
        assertThat(one.persistent()).isFalse();
    }

    @Test
    void supplierReturningAStoreOfAnotherNameIsRejected() {
        KeyValueBytesStoreSupplier liar = new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return "expected";
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new InMemoryKeyValueStore("other");
            }

            @Override
            public String metricsScope() {
                return "test";
            }
        };
        assertThatThrownBy(() -> new KeyValueStoreBuilder<>(liar, Serdes.String(), Serdes.String()).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("'expected'").hasMessageContaining("'other'");
    }

    // ================================================================ logging layer

    @Test
    void loggingIsOnByDefaultAndLogsEveryWriteWithSerializedBytes() {
        TaskContext context = new TaskContext();
        KeyValueStore<String, Long> store = open(builder("counts").build(), context);

        store.put("a", 1L);
        store.put("a", 2L);
        assertThat(store.putIfAbsent("a", 9L)).isEqualTo(2L);   // no write: not logged
        assertThat(store.putIfAbsent("b", 3L)).isNull();
        store.putAll(List.of(KeyValue.pair("c", 4L), KeyValue.pair("d", 5L)));
        assertThat(store.delete("c")).isEqualTo(4L);
        store.put("d", null);

        assertThat(context.logged).containsExactly(
            "counts:a=1", "counts:a=2", "counts:b=3", "counts:c=4", "counts:d=5", "counts:c=null", "counts:d=null");
        assertThat(store.get("a")).isEqualTo(2L);
        assertThat(store.approximateNumEntries()).isEqualTo(2);
    }

    @Test
    void loggingWithAContextThatCannotWriteAChangelogFails() {
        KeyValueStore<String, Long> store = builder("counts").build();
        assertThatThrownBy(() -> store.init(new InMemoryKeyValueStoreTest.PlainContext(), store))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("'counts'")
            .hasMessageContaining("withLoggingDisabled()");
    }

    @Test
    void withLoggingDisabledNothingIsLoggedAndAPlainContextWorks() {
        TaskContext context = new TaskContext();
        KeyValueStore<String, Long> store = open(builder("counts").withLoggingDisabled().build(), context);
        store.put("a", 1L);
        store.delete("a");
        assertThat(context.logged).isEmpty();

        KeyValueStore<String, Long> plain = builder("plain").withLoggingDisabled().build();
        plain.init(new InMemoryKeyValueStoreTest.PlainContext(), plain);
        plain.put("x", 7L);
        assertThat(plain.get("x")).isEqualTo(7L);
    }

    @Test
    void withCachingTheChangelogGetsTheLatestValueOnFlush() {
        TaskContext context = new TaskContext();
        KeyValueStore<String, Long> store = open(builder("counts").withCachingEnabled().build(), context);
        store.put("a", 1L);
        store.put("a", 2L);
        assertThat(store.get("a")).isEqualTo(2L);
        store.flush();
        assertThat(context.logged).last().isEqualTo("counts:a=2");
        assertThat(store.get("a")).isEqualTo(2L);
    }

    // ================================================================ typed layer

    @Test
    void typedLayerTakesDefaultSerdesFromTheContext() {
        TaskContext context = new TaskContext();
        context.keySerde = Serdes.String();
        context.valueSerde = Serdes.Integer();
        KeyValueStore<String, Integer> store = open(
            new KeyValueStoreBuilder<String, Integer>(Stores.inMemoryKeyValueStore("d"), null, null).build(), context);
        store.put("k", 42);
        assertThat(store.get("k")).isEqualTo(42);
        assertThat(context.loggedValues.get(0)).containsExactly(ByteBuffer.allocate(4).putInt(42).array());
    }

    @Test
    void missingDefaultSerdeNamesTheStoreAndTheSetting() {
        KeyValueStore<String, Long> noKey = new KeyValueStoreBuilder<String, Long>(Stores.inMemoryKeyValueStore("d"), null, Serdes.Long()).build();
        assertThatThrownBy(() -> noKey.init(new TaskContext(), noKey))
            .isInstanceOf(StreamsException.class).hasMessageContaining("'d'").hasMessageContaining("default.key.serde");
        KeyValueStore<String, Long> noValue = new KeyValueStoreBuilder<String, Long>(Stores.inMemoryKeyValueStore("d"), Serdes.String(), null).build();
        assertThatThrownBy(() -> noValue.init(new TaskContext(), noValue))
            .isInstanceOf(StreamsException.class).hasMessageContaining("'d'").hasMessageContaining("default.value.serde");
    }

    @Test
    void serializesWithTheChangelogTopicName() {
        List<String> topics = new ArrayList<>();
        Serde<String> recording = Serdes.serdeFrom((topic, data) -> {
            topics.add(topic);
            return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
        }, (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8));
        KeyValueStore<String, String> store = open(
            new KeyValueStoreBuilder<>(Stores.inMemoryKeyValueStore("words"), recording, recording).build(), new TaskContext());
        store.put("k", "v");
        assertThat(topics).containsOnly("app-words-changelog").hasSize(2);
    }

    @Test
    void typedRangesAndPrefixScan() {
        KeyValueStore<String, Long> store = open(builder("counts").build(), new TaskContext());
        for (String k : List.of("apple", "apricot", "banana", "cherry")) {
            store.put(k, (long) k.length());
        }
        assertThat(keys(store.range("apricot", "banana"))).containsExactly("apricot", "banana");
        assertThat(keys(store.range(null, "apricot"))).containsExactly("apple", "apricot");
        assertThat(keys(store.reverseRange("b", null))).containsExactly("cherry", "banana");
        assertThat(keys(store.reverseAll())).containsExactly("cherry", "banana", "apricot", "apple");
        assertThat(keys(store.prefixScan("ap", new StringSerializer()))).containsExactly("apple", "apricot");

        try (KeyValueIterator<String, Long> it = store.all()) {
            assertThat(it.peekNextKey()).isEqualTo("apple");
            assertThat(it.next()).isEqualTo(KeyValue.pair("apple", 5L));
        }
    }

    @Test
    void prefixScanSerializesThePrefixWithTheStoreTopic() {
        List<String> topics = new ArrayList<>();
        Serializer<String> prefixSerializer = (topic, data) -> {
            topics.add(topic);
            return data.getBytes(StandardCharsets.UTF_8);
        };
        KeyValueStore<String, Long> store = open(builder("counts").build(), new TaskContext());
        store.put("ab", 1L);
        assertThat(keys(store.prefixScan("a", prefixSerializer))).containsExactly("ab");
        assertThat(topics).containsExactly("app-counts-changelog");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void serdeFailuresNameTheStoreAndTheClass() {
        KeyValueStore raw = open(builder("counts").build(), new TaskContext());
        assertThatThrownBy(() -> raw.put(12, 1L))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("'counts'").hasMessageContaining("key").hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> raw.put("k", "not a long"))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("'counts'").hasMessageContaining("value").hasMessageContaining("java.lang.String");
    }

    @Test
    void typedLayerRejectsNullKeysAndUseBeforeInit() {
        KeyValueStore<String, Long> store = builder("counts").build();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("'counts'");
        open(store, new TaskContext());
        assertThatThrownBy(() -> store.put(null, 1L)).isInstanceOf(NullPointerException.class).hasMessageContaining("'counts'");
        store.close();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("'counts'");
    }

    // ================================================================ helpers

    private static KeyValueStoreBuilder<String, Long> builder(String name) {
        return new KeyValueStoreBuilder<>(new InMemoryKeyValueBytesStoreSupplier(name), Serdes.String(), Serdes.Long());
    }

    private static <K, V> KeyValueStore<K, V> open(KeyValueStore<K, V> store, StateStoreContext context) {
        store.init(context, store);
        return store;
    }

    private static <K> List<K> keys(KeyValueIterator<K, ?> it) {
        List<K> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    /** A task-like context that records changelog writes, decoding keys as strings and values as longs. */
    static final class TaskContext extends TestTaskContext {
        final List<String> logged = new ArrayList<>();
        final List<byte[]> loggedValues = new ArrayList<>();

        TaskContext() {
            super("app", new File("unused"), new StoreCache(1024 * 1024), new ApplicationResources());
            timestamp = 17L;
        }

        @Override
        void changeLogged(String storeName, Bytes key, byte[] value) {
            loggedValues.add(value);
            String v = value == null ? "null" : value.length == 8 ? String.valueOf(ByteBuffer.wrap(value).getLong()) : "?";
            logged.add(storeName + ":" + new String(key.get(), StandardCharsets.UTF_8) + "=" + v);
        }
    }
}
