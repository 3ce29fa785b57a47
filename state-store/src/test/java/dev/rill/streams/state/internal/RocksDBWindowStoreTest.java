package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * The RocksDB window store on disk: one column family per time segment, dropped whole on expiry, found
 * again (with the stream time) when the store reopens; restoration skips expired records.
 */
class RocksDBWindowStoreTest {
    private static final String STORE = "windows";
    private static final Duration RETENTION = Duration.ofSeconds(120);   // segments of 60 s

    @TempDir
    Path stateDir;

    private final List<WindowStore<Bytes, byte[]>> opened = new ArrayList<>();
    private final ApplicationResources resources = new ApplicationResources();

    @AfterEach
    void close() {
        opened.forEach(WindowStore::close);
        resources.close();
    }

    private TestTaskContext context() {
        return new TestTaskContext("app", stateDir.toFile(), new StoreCache(0), resources);
    }

    private SegmentedWindowStore open(Duration retention, TestStoreContext context) {
        SegmentedWindowStore store = (SegmentedWindowStore) Stores.persistentWindowStore(STORE, retention, Duration.ofSeconds(10), false).get();
        store.init(context, store);
        opened.add(store);
        return store;
    }

    private static Bytes key(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> segments(SegmentedWindowStore store) {
        return ((RocksDBSegmentedBytesStore) store.bytes()).segmentIds();
    }

    private List<String> columnFamilies() throws Exception {
        List<String> names = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, stateDir.resolve("rocksdb").resolve(STORE).toString())) {
                names.add(new String(name, StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    private static List<String> contents(WindowStore<Bytes, byte[]> store) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<dev.rill.streams.kstream.Windowed<Bytes>, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> out.add(new String(kv.key.key().get(), StandardCharsets.UTF_8) + "@"
                + kv.key.window().start() + "=" + new String(kv.value, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void eachSegmentIsAColumnFamilyAndExpiryDropsWholeSegments() throws Exception {
        SegmentedWindowStore store = open(RETENTION, context());
        store.put(key("a"), value("0"), 0);
        store.put(key("a"), value("70"), 70_000);
        store.put(key("b"), value("130"), 130_000);
        assertThat(segments(store)).as("segment = start / 60 s; stream time 130 s keeps segments from 10 001 ms on")
            .containsExactly(0L, 1L, 2L);
        store.put(key("c"), value("250"), 250_000);
        assertThat(segments(store)).as("min live time 130 001 ms: segment 2 stays, with its expired window hidden")
            .containsExactly(2L, 4L);
        assertThat(store.fetch(key("b"), 130_000)).as("expired, though its segment is live").isNull();
        assertThat(contents(store)).containsExactly("c@250000=250");
        store.flush();
        store.close();
        assertThat(columnFamilies()).containsExactlyInAnyOrder("default", "segment.120000", "segment.240000");
        assertThat(resources.get(RocksDBMemory.class, () -> {
            throw new AssertionError("the store did not use the application's shared RocksDB memory");
        }).budgetBytes()).isPositive();
    }

    @Test
    void aReopenedStoreFindsItsSegmentsAndItsStreamTime() {
        SegmentedWindowStore store = open(RETENTION, context());
        store.put(key("a"), value("10"), 10_000);
        store.put(key("a"), value("100"), 100_000);
        store.put(key("b"), value("70"), 70_000);
        store.close();

        SegmentedWindowStore reopened = open(RETENTION, context());
        assertThat(segments(reopened)).containsExactly(0L, 1L);
        assertThat(contents(reopened)).as("by segment, then key bytes, then start")
            .containsExactly("a@10000=10", "a@100000=100", "b@70000=70");
        try (WindowStoreIterator<byte[]> it = reopened.backwardFetch(key("a"), 0, Long.MAX_VALUE)) {
            assertThat(it.next().key).isEqualTo(100_000L);
            assertThat(it.next().key).isEqualTo(10_000L);
            assertThat(it.hasNext()).isFalse();
        }
        reopened.put(key("c"), value("150"), 150_000);   // min live time 30 001 ms
        reopened.close();

        SegmentedWindowStore third = open(RETENTION, context());
        assertThat(third.droppedExpiredRecords()).isZero();
        // Writes expire by whole segments, reads by exact time (as in Kafka Streams): 20 s lands in the
        // live segment 0 but, before the min live time, is hidden from reads.
        third.put(key("late"), value("x"), 20_000);
        assertThat(third.droppedExpiredRecords()).isZero();
        assertThat(contents(third)).as("the stream time of 150 s survived the restart")
            .containsExactly("a@100000=100", "b@70000=70", "c@150000=150");
        third.put(key("later"), value("y"), 190_000);
        third.put(key("late"), value("x"), 60_000);
        assertThat(third.droppedExpiredRecords()).as("segment 1 is live until 180 s + 120 s").isZero();
        third.put(key("late"), value("x"), 59_999);
        assertThat(third.droppedExpiredRecords()).as("segment 0 expired at 180 s").isEqualTo(1);
    }

    @Test
    void reopeningWithAnotherSegmentIntervalFailsNamingTheStoreAndKeepsTheData() throws Exception {
        SegmentedWindowStore store = open(RETENTION, context());
        store.put(key("a"), value("70"), 70_000);
        store.close();
        SegmentedWindowStore other = (SegmentedWindowStore) Stores.persistentWindowStore(STORE, Duration.ofMinutes(10),
            Duration.ofSeconds(10), false).get();
        assertThatThrownBy(() -> other.init(context(), other)).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining(STORE).hasMessageContaining("segment interval");
        assertThat(columnFamilies()).contains("segment.60000");
        assertThat(contents(open(RETENTION, context()))).containsExactly("a@70000=70");
    }

    @Test
    void restoringWritesBatchesAcrossSegmentsAndSkipsExpiredRecords() {
        TestTaskContext context = context();
        SegmentedWindowStore store = open(RETENTION, context);
        BatchingStateRestoreCallback restore = (BatchingStateRestoreCallback) context.registered.get(STORE);
        StoreKeySchema schema = StoreKeySchema.WINDOW;
        restore.restoreAll(List.of(
            KeyValue.pair(schema.toStoreKey(value("a"), 0, 0).get(), value("expired by the batch's end")),
            KeyValue.pair(schema.toStoreKey(value("a"), 70_000, 0).get(), value("1")),
            KeyValue.pair(schema.toStoreKey(value("b"), 70_000, 0).get(), value("2")),
            KeyValue.pair(schema.toStoreKey(value("b"), 70_000, 0).get(), null),
            KeyValue.pair(schema.toStoreKey(value("c"), 180_000, 0).get(), value("3"))));
        restore.restoreAll(List.of(KeyValue.pair(schema.toStoreKey(value("d"), 10_000, 0).get(), value("late"))));
        assertThat(contents(store)).containsExactly("a@70000=1", "c@180000=3");
        assertThat(segments(store)).containsExactly(1L, 3L);
    }

    @Test
    void iteratorsOpenWhenTheStoreClosesThrowAndAnExhaustedOneSaysSo() {
        SegmentedWindowStore store = open(RETENTION, new TestStoreContext("app", stateDir.toFile()));
        store.put(key("a"), value("1"), 0);
        store.put(key("a"), value("2"), 70_000);
        KeyValueIterator<dev.rill.streams.kstream.Windowed<Bytes>, byte[]> it = store.all();
        assertThat(it.next().key.window().start()).isZero();
        WindowStoreIterator<byte[]> empty = store.fetch(key("zz"), 0, 10);
        assertThatThrownBy(empty::next).isInstanceOf(NoSuchElementException.class).hasMessageContaining(STORE);
        store.close();
        assertThatThrownBy(it::hasNext).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining(STORE);
        it.close();
        empty.close();
    }

    @Test
    void scansOverSegmentsDroppedWhileTheyRunStaySafe() {
        SegmentedWindowStore store = open(RETENTION, context());
        store.put(key("a"), value("0"), 0);
        store.put(key("b"), value("1"), 1_000);
        store.put(key("c"), value("70"), 70_000);
        KeyValueIterator<dev.rill.streams.kstream.Windowed<Bytes>, byte[]> started = store.all();
        KeyValueIterator<dev.rill.streams.kstream.Windowed<Bytes>, byte[]> untouched = store.all();
        assertThat(started.next().key.window().start()).isZero();
        store.put(key("d"), value("300"), 300_000);          // drops segments 0 and 1
        assertThat(segments(store)).containsExactly(5L);
        List<Long> rest = new ArrayList<>();
        started.forEachRemaining(kv -> rest.add(kv.key.window().start()));
        assertThat(rest).as("the segment being read keeps its snapshot; a dropped segment not yet reached is skipped")
            .containsExactly(1_000L);
        List<Long> skipped = new ArrayList<>();
        untouched.forEachRemaining(kv -> skipped.add(kv.key.window().start()));
        assertThat(skipped).as("segments dropped before the scan reached them are skipped").isEmpty();
        started.close();
        untouched.close();
    }
}
