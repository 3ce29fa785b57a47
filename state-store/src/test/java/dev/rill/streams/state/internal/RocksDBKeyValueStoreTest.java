package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rill.common.errors.ConfigException;
import dev.rill.common.serialization.Serializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.RocksDBConfigSetter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;

class RocksDBKeyValueStoreTest {
    private static final String STORE = "counts";

    @TempDir
    Path stateDir;

    private TestContext context;
    private final List<StateStore> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() {
        context = new TestContext(stateDir.toFile());
    }

    @AfterEach
    void tearDown() {
        for (StateStore store : toClose) {
            try {
                store.close();
            } catch (RuntimeException ignored) {
                // Some tests damage the store on purpose; closing is only cleanup here.
            }
        }
        RecordingSetter.CALLS.clear();
    }

    private RocksDBKeyValueStore open(String name, StateStoreContext ctx) {
        RocksDBKeyValueStore store = new RocksDBKeyValueStore(name);
        toClose.add(store);
        store.init(ctx, store);
        return store;
    }

    private RocksDBKeyValueStore open() {
        return open(STORE, context);
    }

    private static Bytes key(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Bytes.wrap(b);
    }

    private static Bytes key(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> out = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                out.add(new String(iterator.next().key.get(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<Bytes> rawKeys(KeyValueIterator<Bytes, byte[]> iterator) {
        List<Bytes> out = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }

    // ---- basics ----------------------------------------------------------------------------------------

    @Test
    void opensInStateDirRocksdbStoreNameAndIsPersistent() {
        RocksDBKeyValueStore store = open();
        assertThat(store.isOpen()).isTrue();
        assertThat(store.persistent()).isTrue();
        assertThat(store.name()).isEqualTo(STORE);
        assertThat(store.directory()).isEqualTo(stateDir.resolve("rocksdb").resolve(STORE).toFile().getAbsoluteFile());
        assertThat(new File(store.directory(), "CURRENT")).exists();
        assertThat(context.registered).containsKey(STORE);
    }

    @Test
    void supplierCreatesNewRocksDBStores() {
        RocksDBKeyValueBytesStoreSupplier supplier = new RocksDBKeyValueBytesStoreSupplier("s");
        assertThat(supplier.name()).isEqualTo("s");
        assertThat(supplier.metricsScope()).isEqualTo("rocksdb");
        assertThat(supplier.get()).isInstanceOf(RocksDBKeyValueStore.class).isNotSameAs(supplier.get());
        assertThat(supplier.get().name()).isEqualTo("s");
    }

    @Test
    void putGetOverwriteAndNullValueDeletes() {
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        assertThat(store.get(key("a"))).isEqualTo(value("1"));
        store.put(key("a"), value("2"));
        assertThat(store.get(key("a"))).isEqualTo(value("2"));
        store.put(key("a"), null);
        assertThat(store.get(key("a"))).isNull();
        assertThat(store.get(key("missing"))).isNull();
    }

    @Test
    void emptyKeyAndEmptyValueAreOrdinaryEntries() {
        RocksDBKeyValueStore store = open();
        store.put(key(), new byte[0]);
        assertThat(store.get(key())).isEqualTo(new byte[0]);
        assertThat(rawKeys(store.all())).containsExactly(key());
    }

    @Test
    void putIfAbsentReturnsExistingValueAndWritesOnlyWhenAbsent() {
        RocksDBKeyValueStore store = open();
        assertThat(store.putIfAbsent(key("a"), value("1"))).isNull();
        assertThat(store.putIfAbsent(key("a"), value("2"))).isEqualTo(value("1"));
        assertThat(store.get(key("a"))).isEqualTo(value("1"));
        assertThat(store.putIfAbsent(key("b"), null)).isNull();
        assertThat(store.get(key("b"))).isNull();
    }

    @Test
    void deleteReturnsOldValue() {
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        assertThat(store.delete(key("a"))).isEqualTo(value("1"));
        assertThat(store.get(key("a"))).isNull();
        assertThat(store.delete(key("a"))).isNull();
    }

    @Test
    void putAllWritesAndDeletesInOneBatch() {
        RocksDBKeyValueStore store = open();
        store.put(key("gone"), value("x"));
        store.putAll(List.of(KeyValue.pair(key("a"), value("1")), KeyValue.pair(key("b"), value("2")),
            KeyValue.pair(key("gone"), null), KeyValue.pair(key("a"), value("3"))));
        assertThat(keys(store.all())).containsExactly("a", "b");
        assertThat(store.get(key("a"))).isEqualTo(value("3"));
    }

    @Test
    void putAllWithNullKeyWritesNothing() {
        RocksDBKeyValueStore store = open();
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
        entries.add(KeyValue.pair(key("a"), value("1")));
        entries.add(KeyValue.pair(null, value("2")));
        assertThatThrownBy(() -> store.putAll(entries)).isInstanceOf(NullPointerException.class).hasMessageContaining(STORE);
        assertThat(store.get(key("a"))).isNull();
    }

    @Test
    void nullKeysAreRejectedNamingTheStore() {
        RocksDBKeyValueStore store = open();
        assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class).hasMessageContaining(STORE);
        assertThatThrownBy(() -> store.put(null, value("1"))).isInstanceOf(NullPointerException.class)
            .hasMessageContaining(STORE);
        assertThatThrownBy(() -> store.putIfAbsent(null, value("1"))).isInstanceOf(NullPointerException.class)
            .hasMessageContaining(STORE);
        assertThatThrownBy(() -> store.delete(null)).isInstanceOf(NullPointerException.class).hasMessageContaining(STORE);
    }

    // ---- order and iteration -------------------------------------------------------------------------------

    @Test
    void keysAreInUnsignedByteOrder() {
        RocksDBKeyValueStore store = open();
        store.put(key(0x80), value("x"));
        store.put(key(0xFF), value("x"));
        store.put(key(0x7F), value("x"));
        store.put(key(0x00), value("x"));
        store.put(key(0x7F, 0x00), value("x"));
        store.put(key(), value("x"));
        assertThat(rawKeys(store.all())).containsExactly(key(), key(0x00), key(0x7F), key(0x7F, 0x00), key(0x80),
            key(0xFF));
        assertThat(rawKeys(store.reverseAll())).containsExactly(key(0xFF), key(0x80), key(0x7F, 0x00), key(0x7F),
            key(0x00), key());
    }

    @Test
    void rangeBoundsAreInclusiveAndNullIsOpen() {
        RocksDBKeyValueStore store = open();
        for (String k : List.of("a", "b", "c", "d", "e")) {
            store.put(key(k), value(k));
        }
        assertThat(keys(store.range(key("b"), key("d")))).containsExactly("b", "c", "d");
        assertThat(keys(store.range(key("bb"), key("dd")))).containsExactly("c", "d");
        assertThat(keys(store.range(null, key("b")))).containsExactly("a", "b");
        assertThat(keys(store.range(key("d"), null))).containsExactly("d", "e");
        assertThat(keys(store.range(null, null))).containsExactly("a", "b", "c", "d", "e");
        assertThat(keys(store.reverseRange(key("b"), key("d")))).containsExactly("d", "c", "b");
        assertThat(keys(store.reverseRange(key("bb"), key("dd")))).containsExactly("d", "c");
        assertThat(keys(store.reverseRange(null, key("b")))).containsExactly("b", "a");
        assertThat(keys(store.reverseRange(key("d"), null))).containsExactly("e", "d");
        assertThat(keys(store.range(key("c"), key("c")))).containsExactly("c");
    }

    @Test
    void rangeWithFromAfterToIsEmpty() {
        RocksDBKeyValueStore store = open();
        for (String k : List.of("a", "b", "c")) {
            store.put(key(k), value(k));
        }
        assertThat(keys(store.range(key("c"), key("a")))).isEmpty();
        assertThat(keys(store.reverseRange(key("c"), key("a")))).isEmpty();
        assertThat(store.openIteratorCount()).isZero();
    }

    @Test
    void prefixScanSerializesWithStoreNameAsTopicAndStopsAfterPrefix() {
        RocksDBKeyValueStore store = open();
        for (String k : List.of("a", "ab", "abc", "abd", "ac", "b")) {
            store.put(key(k), value(k));
        }
        List<String> topics = new ArrayList<>();
        StringSerializer strings = new StringSerializer();
        Serializer<String> serializer = (topic, data) -> {
            topics.add(topic);
            return strings.serialize(topic, data);
        };
        assertThat(keys(store.prefixScan("ab", serializer))).containsExactly("ab", "abc", "abd");
        assertThat(keys(store.prefixScan("a", serializer))).containsExactly("a", "ab", "abc", "abd", "ac");
        assertThat(keys(store.prefixScan("z", serializer))).isEmpty();
        assertThat(keys(store.prefixScan("", serializer))).hasSize(6);
        assertThat(topics).containsOnly(STORE);
    }

    @Test
    void prefixScanOverHighBytes() {
        RocksDBKeyValueStore store = open();
        store.put(key(0xFF), value("1"));
        store.put(key(0xFF, 0xFF), value("2"));
        store.put(key(0xFF, 0x00), value("3"));
        store.put(key(0xFE, 0xFF), value("4"));
        var serializer = new dev.rill.common.serialization.ByteArraySerializer();
        assertThat(rawKeys(store.prefixScan(new byte[] {(byte) 0xFF}, serializer)))
            .containsExactly(key(0xFF), key(0xFF, 0x00), key(0xFF, 0xFF));
    }

    @Test
    void peekNextKeyDoesNotAdvance() {
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        store.put(key("b"), value("2"));
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            assertThat(it.peekNextKey()).isEqualTo(key("a"));
            assertThat(it.peekNextKey()).isEqualTo(key("a"));
            KeyValue<Bytes, byte[]> first = it.next();
            assertThat(first.key).isEqualTo(key("a"));
            assertThat(first.value).isEqualTo(value("1"));
            assertThat(it.peekNextKey()).isEqualTo(key("b"));
            it.next();
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::peekNextKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void iteratorSeesTheStoreAsOfItsCreation() {
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            store.put(key("b"), value("2"));
            store.delete(key("a"));
            assertThat(rawKeys(it)).containsExactly(key("a"));
        }
    }

    @Test
    void closingAnIteratorTwiceIsHarmlessAndUsingItThrows() {
        context.configs.put(StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, 0L);   // native iterators
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        KeyValueIterator<Bytes, byte[]> it = store.all();
        assertThat(store.openIteratorCount()).isEqualTo(1);
        it.close();
        it.close();
        assertThat(store.openIteratorCount()).isZero();
        assertThatThrownBy(it::hasNext).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining(STORE);
    }

    @Test
    void closingTheStoreClosesOpenIterators() {
        context.configs.put(StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, 0L);   // native iterators
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        store.put(key("b"), value("2"));
        KeyValueIterator<Bytes, byte[]> all = store.all();
        KeyValueIterator<Bytes, byte[]> range = store.reverseRange(null, null);
        all.next();
        assertThat(store.openIteratorCount()).isEqualTo(2);
        store.close();
        assertThat(store.openIteratorCount()).isZero();
        assertThatThrownBy(all::hasNext).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("state store '" + STORE + "' is closed");
        assertThatThrownBy(range::next).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(range::peekNextKey).isInstanceOf(InvalidStateStoreException.class);
        all.close();
        range.close();
    }

    // ---- lifecycle -------------------------------------------------------------------------------------

    @Test
    void closedStoreRejectsEveryOperation() {
        RocksDBKeyValueStore store = open();
        store.close();
        store.close();
        assertThat(store.isOpen()).isFalse();
        List<Runnable> operations = List.of(
            () -> store.get(key("a")), () -> store.put(key("a"), value("1")),
            () -> store.putIfAbsent(key("a"), value("1")), () -> store.putAll(List.of()),
            () -> store.delete(key("a")), () -> store.range(null, null), () -> store.reverseRange(null, null),
            store::all, store::reverseAll, () -> store.prefixScan("a", new StringSerializer()),
            store::approximateNumEntries, store::flush);
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("state store '" + STORE + "' is closed");
        }
    }

    @Test
    void storeNeverOpenedSaysNotOpen() {
        RocksDBKeyValueStore store = new RocksDBKeyValueStore(STORE);
        assertThatThrownBy(() -> store.get(key("a"))).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("state store '" + STORE + "' is not open");
        store.close();
    }

    @Test
    void initTwiceIsRejected() {
        RocksDBKeyValueStore store = open();
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(STORE);
        assertThat(store.isOpen()).isTrue();
    }

    @Test
    void dataSurvivesCloseAndReopenFromDisk() {
        RocksDBKeyValueStore store = open();
        store.put(key("flushed"), value("1"));
        store.flush();
        store.put(key("logged"), value("2"));
        store.put(key("deleted"), value("3"));
        store.delete(key("deleted"));
        store.close();

        RocksDBKeyValueStore reopened = open();
        assertThat(reopened.get(key("flushed"))).isEqualTo(value("1"));
        assertThat(reopened.get(key("logged"))).isEqualTo(value("2"));
        assertThat(reopened.get(key("deleted"))).isNull();
        reopened.close();

        // The same instance can be opened again too.
        store.init(context, store);
        assertThat(keys(store.all())).containsExactly("flushed", "logged");
    }

    @Test
    void restoreCallbackWritesStraightIntoTheStore() {
        RocksDBKeyValueStore store = open();
        StateRestoreCallback callback = context.registered.get(STORE);
        callback.restore(value("a"), value("1"));
        callback.restore(value("b"), value("2"));
        callback.restore(value("a"), null);
        assertThat(keys(store.all())).containsExactly("b");
    }

    @Test
    void registrationFailureLeavesTheStoreClosedAndTheDirectoryUnlocked() {
        TestContext failing = new TestContext(stateDir.toFile()) {
            @Override
            public void register(StateStore store, StateRestoreCallback restoreCallback) {
                throw new IllegalStateException("already registered");
            }
        };
        RocksDBKeyValueStore store = new RocksDBKeyValueStore(STORE);
        assertThatThrownBy(() -> store.init(failing, store)).isInstanceOf(IllegalStateException.class);
        assertThat(store.isOpen()).isFalse();
        assertThat(open().isOpen()).isTrue();
    }

    @Test
    void approximateNumEntriesCountsKeys() {
        RocksDBKeyValueStore store = open();
        assertThat(store.approximateNumEntries()).isZero();
        for (int i = 0; i < 100; i++) {
            store.put(key("k" + i), value("v"));
        }
        store.flush();
        assertThat(store.approximateNumEntries()).isBetween(50L, 200L);
    }

    // ---- bad input -------------------------------------------------------------------------------------

    @Test
    void secondStoreOnTheSameDirectoryFailsClearly() {
        RocksDBKeyValueStore first = open();
        first.put(key("a"), value("1"));
        RocksDBKeyValueStore second = new RocksDBKeyValueStore(STORE);
        toClose.add(second);
        Throwable failure = catchThrowable(() -> second.init(context, second));
        assertThat(failure).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("state store '" + STORE + "'")
            .hasMessageContaining(first.directory().getPath())
            .hasMessageContaining("LOCK")
            .hasMessageContaining("another process or by another open instance");
        assertThat(second.isOpen()).isFalse();
        // The failed attempt neither hurt the first store nor kept anything open.
        assertThat(first.get(key("a"))).isEqualTo(value("1"));
        first.close();
        second.init(context, second);
        assertThat(second.get(key("a"))).isEqualTo(value("1"));
    }

    @Test
    void garbageCurrentFileFailsClearlyNamingTheDirectory() throws IOException {
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        File dir = store.directory();
        store.close();
        Files.write(dir.toPath().resolve("CURRENT"), "this is not a manifest name".getBytes(StandardCharsets.UTF_8));

        RocksDBKeyValueStore reopened = new RocksDBKeyValueStore(STORE);
        toClose.add(reopened);
        assertThatThrownBy(() -> reopened.init(context, reopened)).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("state store '" + STORE + "'")
            .hasMessageContaining(dir.getPath())
            .hasMessageContaining("Delete the directory")
            .hasMessageContaining("RocksDB said:");
        assertThat(reopened.isOpen()).isFalse();
    }

    @Test
    void garbageManifestFailsClearlyNamingTheDirectory() throws IOException {
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        store.flush();
        File dir = store.directory();
        store.close();
        try (Stream<Path> files = Files.list(dir.toPath())) {
            for (Path manifest : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).toList()) {
                Files.write(manifest, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
            }
        }
        RocksDBKeyValueStore reopened = new RocksDBKeyValueStore(STORE);
        toClose.add(reopened);
        assertThatThrownBy(() -> reopened.init(context, reopened)).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("state store '" + STORE + "'")
            .hasMessageContaining(dir.getPath())
            .hasMessageContaining("damaged")
            .hasMessageContaining("RocksDB said: Corruption");
    }

    @Test
    void directoryThatCannotBeCreatedFailsClearly() throws IOException {
        Files.writeString(stateDir.resolve("rocksdb"), "a file where the directory should be");
        RocksDBKeyValueStore store = new RocksDBKeyValueStore(STORE);
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("state store '" + STORE + "'")
            .hasMessageContaining(stateDir.resolve("rocksdb").resolve(STORE).toString());
    }

    @Test
    void failingWritesNameTheStoreAndLeaveItReadable() throws IOException {
        RocksDBKeyValueStore store = open();
        store.put(key("a"), value("1"));
        store.flush();
        // A restored record skips the write-ahead log, so the next flush has to write a table file.
        context.registered.get(STORE).restore(value("b"), value("2"));
        // Removing the directory under the open database makes the next flush fail as a full disk would.
        deleteRecursively(store.directory().toPath());
        assertThatThrownBy(store::flush).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("state store '" + STORE + "'")
            .hasMessageContaining(store.directory().getPath())
            .hasMessageContaining("stays readable");
        // RocksDB now refuses writes (background error) but still serves reads.
        Throwable write = catchThrowable(() -> store.put(key("c"), value("3")));
        if (write != null) {
            assertThat(write).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining(STORE);
        }
        assertThat(store.isOpen()).isTrue();
        assertThat(store.get(key("a"))).isEqualTo(value("1"));
        assertThat(store.get(key("b"))).isEqualTo(value("2"));
        assertThat(keys(store.all())).startsWith("a", "b");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- configuration ---------------------------------------------------------------------------------

    /** Records calls and raises the write buffer count, which shows up in RocksDB's OPTIONS file. */
    public static final class RecordingSetter implements RocksDBConfigSetter {
        static final List<String> CALLS = new CopyOnWriteArrayList<>();

        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            CALLS.add("set " + storeName + " maxWriteBufferNumber=" + options.maxWriteBufferNumber()
                + " hasMarker=" + configs.containsKey("marker"));
            options.setMaxWriteBufferNumber(7);
        }

        @Override
        public void close(String storeName, Options options) {
            CALLS.add("close " + storeName + " maxWriteBufferNumber=" + options.maxWriteBufferNumber());
        }
    }

    private static String optionsFile(File dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.toPath())) {
            Path latest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
                .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
            return Files.readString(latest);
        }
    }

    @Test
    void configSetterClassRunsAfterDefaultsAndIsClosedWithTheStore() throws IOException {
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RecordingSetter.class);
        context.configs.put("marker", "x");
        RocksDBKeyValueStore store = open();
        assertThat(RecordingSetter.CALLS).containsExactly("set " + STORE + " maxWriteBufferNumber=2 hasMarker=true");
        assertThat(optionsFile(store.directory())).contains("max_write_buffer_number=7");
        store.close();
        assertThat(RecordingSetter.CALLS).containsExactly("set " + STORE + " maxWriteBufferNumber=2 hasMarker=true",
            "close " + STORE + " maxWriteBufferNumber=7");
    }

    @Test
    void configSetterMayBeAClassNameOrAnInstance() {
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RecordingSetter.class.getName());
        open("by-name", context).close();
        RecordingSetter instance = new RecordingSetter();
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, instance);
        open("by-instance", context).close();
        assertThat(RecordingSetter.CALLS).containsExactly(
            "set by-name maxWriteBufferNumber=2 hasMarker=false", "close by-name maxWriteBufferNumber=7",
            "set by-instance maxWriteBufferNumber=2 hasMarker=false", "close by-instance maxWriteBufferNumber=7");
    }

    /** No public no-arg constructor. */
    public static final class NoDefaultConstructorSetter implements RocksDBConfigSetter {
        public NoDefaultConstructorSetter(String unused) {
        }

        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        }
    }

    @Test
    void badConfigSetterFailsNamingTheClassAndLeavesNothingOpen() {
        RocksDBKeyValueStore store = new RocksDBKeyValueStore(STORE);
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.NoSuchSetter");
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("com.example.NoSuchSetter").hasMessageContaining(STORE);
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, String.class);
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("java.lang.String").hasMessageContaining("does not implement");
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, NoDefaultConstructorSetter.class);
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(NoDefaultConstructorSetter.class.getName())
            .hasMessageContaining("public no-arg constructor");
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, 42);
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("java.lang.Integer");
        RocksDBConfigSetter throwing = (name, options, configs) -> {
            throw new IllegalArgumentException("boom");
        };
        context.configs.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, throwing);
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("boom").hasMessageContaining(STORE);
        assertThat(store.isOpen()).isFalse();
        // Nothing was left locked.
        context.configs.remove(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
        assertThat(open().isOpen()).isTrue();
    }

    // ---- memory ----------------------------------------------------------------------------------------

    @Test
    void memoryBudgetIsReadFromConfigInEveryForm() {
        assertThat(RocksDBMemory.budgetFrom(Map.of())).isEqualTo(128L * 1024 * 1024);
        assertThat(RocksDBMemory.budgetFrom(null)).isEqualTo(128L * 1024 * 1024);
        String k = StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG;
        assertThat(RocksDBMemory.budgetFrom(Map.of(k, 5_000_000L))).isEqualTo(5_000_000L);
        assertThat(RocksDBMemory.budgetFrom(Map.of(k, 5_000_000))).isEqualTo(5_000_000L);
        assertThat(RocksDBMemory.budgetFrom(Map.of(k, " 5000000 "))).isEqualTo(5_000_000L);
        assertThatThrownBy(() -> RocksDBMemory.budgetFrom(Map.of(k, "lots"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining(k);
        assertThatThrownBy(() -> RocksDBMemory.budgetFrom(Map.of(k, 1.5))).isInstanceOf(ConfigException.class)
            .hasMessageContaining(k);
        assertThatThrownBy(() -> new RocksDBMemory(1000)).isInstanceOf(ConfigException.class).hasMessageContaining(k);
        try (RocksDBMemory memory = new RocksDBMemory(8L * 1024 * 1024)) {
            assertThat(memory.budgetBytes()).isEqualTo(8L * 1024 * 1024);
            assertThat(memory.writeBufferBytes()).isEqualTo(2L * 1024 * 1024);
        }
    }

    @Test
    void storeWithPlainContextOwnsAPrivateBudgetSizedFromConfig() {
        context.configs.put(StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG, "4194304");
        RocksDBKeyValueStore a = open("a", context);
        RocksDBKeyValueStore b = open("b", context);
        assertThat(a.memory().budgetBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(a.memory()).isNotSameAs(b.memory());
        a.close();
        assertThat(a.memory()).isNull();
        assertThat(b.get(key("x"))).isNull();
    }

    @Test
    void manyStoresShareOneMemoryBudgetThroughApplicationResources() {
        long budget = 4L * 1024 * 1024;
        try (ApplicationResources resources = new ApplicationResources()) {
            List<RocksDBKeyValueStore> stores = new ArrayList<>();
            for (int task = 0; task < 4; task++) {
                TaskContext taskContext = new TaskContext(stateDir.resolve("task-" + task).toFile(), resources);
                taskContext.configs.put(StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG, budget);
                for (int s = 0; s < 5; s++) {
                    stores.add(open("store-" + s, taskContext));
                }
            }
            RocksDBMemory shared = resources.get(RocksDBMemory.class, () -> {
                throw new AssertionError("the stores should have created the shared budget");
            });
            assertThat(stores).allSatisfy(store -> assertThat(store.memory()).isSameAs(shared));
            assertThat(shared.budgetBytes()).isEqualTo(budget);

            // Write ten times the budget across all stores. Memtables are charged to the shared cache while
            // they exist; once flushed, blocks, indexes and filters of all stores fit the one budget.
            byte[] payload = new byte[1024];
            for (int i = 0; i < 2_000; i++) {
                for (RocksDBKeyValueStore store : stores) {
                    store.put(key("key-" + i), payload);
                }
            }
            assertThat(shared.usageBytes()).isPositive();
            stores.forEach(RocksDBKeyValueStore::flush);
            for (RocksDBKeyValueStore store : stores) {
                for (int i = 0; i < 2_000; i += 3) {
                    assertThat(store.get(key("key-" + i))).hasSize(1024);
                }
            }
            // Slack for the pinned top-level index and filter blocks of every table file.
            assertThat(shared.usageBytes()).isLessThanOrEqualTo(budget + budget / 4);

            // Closing the stores leaves the shared budget to the application.
            stores.forEach(RocksDBKeyValueStore::close);
            assertThat(resources.get(RocksDBMemory.class, () -> null)).isSameAs(shared);
        }
    }

    // ---- contexts --------------------------------------------------------------------------------------

    /** A plain store context over a directory and a mutable configuration map. */
    static class TestContext extends TestStoreContext {
        TestContext(File stateDir) {
            super("test-app", stateDir);
        }
    }

    /** A context as the runtime gives it: with application resources, without changelog or cache. */
    static final class TaskContext extends TestTaskContext {
        TaskContext(File stateDir, ApplicationResources resources) {
            super("test-app", stateDir, null, resources);
        }
    }
}
