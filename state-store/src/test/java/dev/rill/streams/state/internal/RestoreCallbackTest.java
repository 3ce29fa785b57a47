package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.Stores;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The restore callbacks the bytes stores register: captured through a test context, fed batches of
 * changelog records, checked against the store's content.
 */
class RestoreCallbackTest {
    private static final String STORE = "restored";

    /** The two bytes stores, created closed. */
    enum Kind {
        ROCKSDB(RocksDBKeyValueStore::new, Stores::persistentKeyValueStore),
        IN_MEMORY(InMemoryKeyValueStore::new, Stores::inMemoryKeyValueStore);

        final Function<String, KeyValueStore<Bytes, byte[]>> factory;
        final Function<String, KeyValueBytesStoreSupplier> supplier;

        Kind(Function<String, KeyValueStore<Bytes, byte[]>> factory,
             Function<String, KeyValueBytesStoreSupplier> supplier) {
            this.factory = factory;
            this.supplier = supplier;
        }
    }

    @TempDir
    Path stateDir;

    private final List<StateStore> opened = new ArrayList<>();
    private TestStoreContext context;

    @AfterEach
    void closeStores() {
        for (StateStore store : opened) {
            store.close();
        }
        if (context instanceof CapturingTaskContext task) {
            task.resources.close();
        }
    }

    private KeyValueStore<Bytes, byte[]> open(Kind kind) {
        context = new CapturingContext(stateDir.toFile());
        KeyValueStore<Bytes, byte[]> store = kind.factory.apply(STORE);
        store.init(context, store);
        opened.add(store);
        return store;
    }

    private BatchingStateRestoreCallback callback() {
        StateRestoreCallback callback = context.registered.get(STORE);
        assertThat(callback).isInstanceOf(BatchingStateRestoreCallback.class);
        return (BatchingStateRestoreCallback) callback;
    }

    // ---- both stores -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void storeRegistersABatchingCallbackForItsRoot(Kind kind) {
        context = new CapturingContext(stateDir.toFile());
        KeyValueStore<Bytes, byte[]> store = kind.factory.apply(STORE);
        StateStore root = new NamedStore(STORE);
        store.init(context, root);
        opened.add(store);
        assertThat(context.roots).containsExactly(root);
        assertThat(context.registered.get(STORE)).isInstanceOf(BatchingStateRestoreCallback.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void batchAppliesPutsOverwritesAndDeletesInOrder(Kind kind) {
        KeyValueStore<Bytes, byte[]> store = open(kind);
        store.put(key("kept"), bytes("k"));
        store.put(key("deleted-before"), bytes("x"));

        callback().restoreAll(List.of(
            record("a", "1"),
            record("b", "2"),
            record("a", "3"),
            record("c", "4"),
            record("b", null),
            record("deleted-before", null),
            record("d", "5"),
            record("d", null),
            record("d", "6"),
            record("never-there", null)));

        assertThat(contents(store)).containsExactly(
            Map.entry("a", "3"), Map.entry("c", "4"), Map.entry("d", "6"), Map.entry("kept", "k"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void singleRecordRestoreIsABatchOfOne(Kind kind) {
        KeyValueStore<Bytes, byte[]> store = open(kind);
        StateRestoreCallback callback = callback();
        callback.restore(bytes("a"), bytes("1"));
        callback.restore(bytes("b"), bytes("2"));
        callback.restore(bytes("a"), null);
        callback.restore(bytes("b"), bytes("3"));
        assertThat(contents(store)).containsExactly(Map.entry("b", "3"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void emptyBatchChangesNothing(Kind kind) {
        KeyValueStore<Bytes, byte[]> store = open(kind);
        store.put(key("a"), bytes("1"));
        callback().restoreAll(List.of());
        assertThat(contents(store)).containsExactly(Map.entry("a", "1"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nullKeyRejectsTheWholeBatch(Kind kind) {
        KeyValueStore<Bytes, byte[]> store = open(kind);
        List<KeyValue<byte[], byte[]>> batch = new ArrayList<>();
        batch.add(record("a", "1"));
        batch.add(KeyValue.pair(null, bytes("2")));
        assertThatThrownBy(() -> callback().restoreAll(batch))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining(STORE);
        assertThat(contents(store)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void largeBatchRestoresCorrectly(Kind kind) {
        KeyValueStore<Bytes, byte[]> store = open(kind);
        List<KeyValue<byte[], byte[]>> batch = largeBatch();
        assertThat(batch).hasSize(100_000);
        callback().restoreAll(batch);
        assertThat(contents(store)).isEqualTo(model(batch));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void consecutiveBatchesApplyInOrder(Kind kind) {
        KeyValueStore<Bytes, byte[]> store = open(kind);
        List<KeyValue<byte[], byte[]>> all = largeBatch();
        for (int from = 0; from < all.size(); from += 7_919) {
            callback().restoreAll(all.subList(from, Math.min(all.size(), from + 7_919)));
        }
        assertThat(contents(store)).isEqualTo(model(all));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restoredRecordsBypassTheLayersAboveAndAreNotLogged(Kind kind) {
        CapturingTaskContext task = new CapturingTaskContext(stateDir.toFile());
        context = task;
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(kind.supplier.apply(STORE),
            Serdes.String(), Serdes.String()).withCachingEnabled().build();
        store.init(task, store);
        opened.add(store);

        assertThat(task.roots).containsExactly(store);
        callback().restoreAll(List.of(record("a", "1"), record("b", "2"), record("a", null)));

        assertThat(store.get("a")).isNull();
        assertThat(store.get("b")).isEqualTo("2");
        assertThat(task.logged).isEmpty();
        // Ordinary writes still go to the changelog.
        store.put("c", "3");
        store.flush();
        assertThat(task.logged).containsExactly("c");
    }

    // ---- RocksDB ---------------------------------------------------------------------------------------

    @Test
    void restoredRocksDBDataSurvivesCloseAndReopen() {
        KeyValueStore<Bytes, byte[]> store = open(Kind.ROCKSDB);
        List<KeyValue<byte[], byte[]>> batch = largeBatch();
        callback().restoreAll(batch);
        store.close();

        // A new instance over the same directory.
        RocksDBKeyValueStore reopened = new RocksDBKeyValueStore(STORE);
        reopened.init(context, reopened);
        opened.add(reopened);
        assertThat(contents(reopened)).isEqualTo(model(batch));
        reopened.close();

        // The same instance, reopened: it registers a new callback, which restores on top.
        store.init(context, store);
        callback().restoreAll(List.of(record("k000001", "again"), record("k000002", null)));
        store.close();
        store.init(context, store);
        TreeMap<String, String> expected = model(batch);
        expected.put("k000001", "again");
        expected.remove("k000002");
        assertThat(contents(store)).isEqualTo(expected);
    }

    @Test
    void restoredRocksDBDataSurvivesFlushAndReopen() {
        KeyValueStore<Bytes, byte[]> store = open(Kind.ROCKSDB);
        callback().restoreAll(List.of(record("a", "1"), record("b", "2")));
        store.flush();
        store.put(key("c"), bytes("3"));
        store.close();
        store.init(context, store);
        assertThat(contents(store)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @Test
    void rocksDBRestorationSkipsTheWriteAheadLog() throws IOException {
        RocksDBKeyValueStore store = (RocksDBKeyValueStore) open(Kind.ROCKSDB);
        List<KeyValue<byte[], byte[]>> batch = largeBatch();
        long before = walBytes(store.directory());
        callback().restoreAll(batch);
        long afterRestore = walBytes(store.directory());
        assertThat(afterRestore - before).as("WAL bytes written by restoring %d records", batch.size())
            .isLessThan(1024);

        // The same records written as ordinary writes do go through the log: the check above means something.
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>();
        for (KeyValue<byte[], byte[]> record : batch) {
            writes.add(KeyValue.pair(Bytes.wrap(record.key), record.value));
        }
        store.putAll(writes);
        assertThat(walBytes(store.directory()) - afterRestore).isGreaterThan(100_000);
    }

    @Test
    void rocksDBRestoreIntoAClosedStoreFailsNamingIt() {
        KeyValueStore<Bytes, byte[]> store = open(Kind.ROCKSDB);
        BatchingStateRestoreCallback callback = callback();
        store.close();
        assertThatThrownBy(() -> callback.restoreAll(List.of(record("a", "1"))))
            .isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining(STORE);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /**
     * 100,000 records over 60,000 keys: 60,000 puts, then 20,000 overwrites and 20,000 deletions (some of
     * keys never written, some of keys overwritten), so that the last record of a key must win.
     */
    private static List<KeyValue<byte[], byte[]>> largeBatch() {
        List<KeyValue<byte[], byte[]>> batch = new ArrayList<>(100_000);
        for (int i = 0; i < 60_000; i++) {
            batch.add(record(String.format("k%06d", i), "v" + i));
        }
        for (int i = 0; i < 20_000; i++) {
            batch.add(record(String.format("k%06d", i * 3), "overwritten" + i));
        }
        for (int i = 0; i < 19_000; i++) {
            batch.add(record(String.format("k%06d", i * 2 + 1), null));
        }
        for (int i = 0; i < 1_000; i++) {
            batch.add(record(String.format("absent%04d", i), null));
        }
        return batch;
    }

    /** What a store holds after applying the records in order to an empty store. */
    private static TreeMap<String, String> model(List<KeyValue<byte[], byte[]>> records) {
        TreeMap<String, String> model = new TreeMap<>();
        for (KeyValue<byte[], byte[]> record : records) {
            String k = new String(record.key, StandardCharsets.UTF_8);
            if (record.value == null) {
                model.remove(k);
            } else {
                model.put(k, new String(record.value, StandardCharsets.UTF_8));
            }
        }
        return model;
    }

    /** The store's content as strings, in key order (ASCII keys: byte order and string order agree). */
    private static TreeMap<String, String> contents(KeyValueStore<Bytes, byte[]> store) {
        TreeMap<String, String> contents = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> next = all.next();
                contents.put(new String(next.key.get(), StandardCharsets.UTF_8),
                    new String(next.value, StandardCharsets.UTF_8));
            }
        }
        return contents;
    }

    /** Total size of RocksDB's write-ahead log files ({@code NNNNNN.log}) in a store directory. */
    private static long walBytes(File dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.toPath())) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+\\.log"))
                .mapToLong(p -> p.toFile().length())
                .sum();
        }
    }

    private static KeyValue<byte[], byte[]> record(String key, String value) {
        return KeyValue.pair(bytes(key), value == null ? null : bytes(value));
    }

    private static Bytes key(String key) {
        return Bytes.wrap(bytes(key));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- contexts --------------------------------------------------------------------------------------

    /** A plain context that captures registered callbacks; re-registering after a reopen replaces. */
    static class CapturingContext extends TestStoreContext {
        CapturingContext(File stateDir) {
            super("restore-test", stateDir);
        }
    }

    /** A context like the runtime's: with changelog (keys recorded as strings), cache and shared resources. */
    static final class CapturingTaskContext extends TestTaskContext {
        final List<String> logged = new ArrayList<>();

        CapturingTaskContext(File stateDir) {
            super("restore-test", stateDir, new StoreCache(1024 * 1024), new ApplicationResources());
        }

        @Override
        void changeLogged(String storeName, Bytes key, byte[] value) {
            logged.add(new String(key.get(), StandardCharsets.UTF_8));
        }
    }

    /** A stand-in for the outer layers of a store: only its name and identity matter. */
    private static final class NamedStore implements StateStore {
        private final String name;

        NamedStore(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
