package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.ByteArraySerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.state.KeyValueIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Random sequences of operations on a RocksDB store, checked step by step against a {@link TreeMap} ordered
 * like the store (unsigned byte order). Keys come from a small alphabet around the signed/unsigned
 * boundary (0x7F/0x80) and the extremes, so that overwrites, prefixes and ordering edge cases are common.
 */
class RocksDBKeyValueStoreProperties {
    private static final String STORE = "prop-store";

    /** One step; values and bounds may be {@code null}. */
    interface Op {
    }

    record Put(Bytes key, Bytes value) implements Op {
    }

    record PutIfAbsent(Bytes key, Bytes value) implements Op {
    }

    record Delete(Bytes key) implements Op {
    }

    record PutAll(List<KeyValue<Bytes, Bytes>> entries) implements Op {
    }

    record Get(Bytes key) implements Op {
    }

    record Range(Bytes from, Bytes to, boolean reverse) implements Op {
    }

    record PrefixScan(Bytes prefix) implements Op {
    }

    record Flush() implements Op {
    }

    /** Closes the store and opens it from disk, as a new instance or the same one. */
    record Reopen(boolean sameInstance) implements Op {
    }

    /** With the default heap budget: the store keeps a heap copy until it is reopened with content. */
    @Property(tries = 100)
    void behavesLikeASortedMap(@ForAll("operations") List<Op> operations) throws IOException {
        check(operations, null);
    }

    /** Without heap copies every read and write goes to RocksDB itself. */
    @Property(tries = 100)
    void behavesLikeASortedMapWithoutAHeapCopy(@ForAll("operations") List<Op> operations) throws IOException {
        check(operations, 0L);
    }

    /** A budget of a few entries: the copy is dropped part way, its pending writes going to RocksDB. */
    @Property(tries = 100)
    void behavesLikeASortedMapWhenTheHeapBudgetRunsOut(@ForAll("operations") List<Op> operations) throws IOException {
        check(operations, 4L * HeapCopy.ENTRY_OVERHEAD_BYTES);
    }

    private void check(List<Op> operations, Long heapBudget) throws IOException {
        Path stateDir = Files.createTempDirectory("rill-rocksdb-properties");
        RocksDBKeyValueStoreTest.TestContext context = new RocksDBKeyValueStoreTest.TestContext(stateDir.toFile());
        // A small private budget: many tries each open a store.
        context.configs.put(StreamsConfig.STATESTORE_ROCKSDB_MEMORY_MAX_BYTES_CONFIG, 2L * 1024 * 1024);
        if (heapBudget != null) {
            context.configs.put(StreamsConfig.STATESTORE_ROCKSDB_HEAP_MAX_BYTES_CONFIG, heapBudget);
        }
        RocksDBKeyValueStore store = new RocksDBKeyValueStore(STORE);
        store.init(context, store);
        NavigableMap<Bytes, byte[]> model = new TreeMap<>();
        try {
            for (Op op : operations) {
                store = apply(op, store, context, model);
                assertThat(entries(store.all())).as("all() after %s", op).isEqualTo(entries(model));
            }
            assertThat(entries(store.reverseAll())).isEqualTo(entries(model.descendingMap()));
            assertThat(store.openIteratorCount()).isZero();
        } finally {
            store.close();
            deleteRecursively(stateDir);
        }
    }

    private static RocksDBKeyValueStore apply(Op op, RocksDBKeyValueStore store,
                                              RocksDBKeyValueStoreTest.TestContext context,
                                              NavigableMap<Bytes, byte[]> model) {
        if (op instanceof Put put) {
            store.put(put.key(), raw(put.value()));
            write(model, put.key(), raw(put.value()));
        } else if (op instanceof PutIfAbsent putIfAbsent) {
            byte[] expected = model.get(putIfAbsent.key());
            assertThat(store.putIfAbsent(putIfAbsent.key(), raw(putIfAbsent.value()))).as("%s", op).isEqualTo(expected);
            if (expected == null && putIfAbsent.value() != null) {
                model.put(putIfAbsent.key(), raw(putIfAbsent.value()));
            }
        } else if (op instanceof Delete delete) {
            assertThat(store.delete(delete.key())).as("%s", op).isEqualTo(model.remove(delete.key()));
        } else if (op instanceof PutAll putAll) {
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>();
            for (KeyValue<Bytes, Bytes> entry : putAll.entries()) {
                batch.add(KeyValue.pair(entry.key, raw(entry.value)));
                write(model, entry.key, raw(entry.value));
            }
            store.putAll(batch);
        } else if (op instanceof Get get) {
            assertThat(store.get(get.key())).as("%s", op).isEqualTo(model.get(get.key()));
        } else if (op instanceof Range range) {
            NavigableMap<Bytes, byte[]> expected = between(model, range.from(), range.to());
            if (range.reverse()) {
                assertThat(entries(store.reverseRange(range.from(), range.to()))).as("%s", op)
                    .isEqualTo(entries(expected.descendingMap()));
            } else {
                assertThat(entries(store.range(range.from(), range.to()))).as("%s", op).isEqualTo(entries(expected));
            }
        } else if (op instanceof PrefixScan scan) {
            byte[] prefix = scan.prefix().get();
            List<String> expected = new ArrayList<>();
            for (Map.Entry<Bytes, byte[]> entry : model.entrySet()) {
                byte[] key = entry.getKey().get();
                if (key.length >= prefix.length
                    && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                    expected.add(entry(entry.getKey(), entry.getValue()));
                }
            }
            assertThat(entries(store.prefixScan(prefix, new ByteArraySerializer()))).as("%s", op)
                .isEqualTo(expected);
        } else if (op instanceof Flush) {
            store.flush();
        } else if (op instanceof Reopen reopen) {
            store.close();
            RocksDBKeyValueStore reopened = reopen.sameInstance() ? store : new RocksDBKeyValueStore(STORE);
            reopened.init(context, reopened);
            return reopened;
        } else {
            throw new AssertionError("unknown operation " + op);
        }
        return store;
    }

    private static void write(NavigableMap<Bytes, byte[]> model, Bytes key, byte[] value) {
        if (value == null) {
            model.remove(key);
        } else {
            model.put(key, value);
        }
    }

    /** The model's inclusive range; null bounds are open, and from > to is empty as in the store. */
    private static NavigableMap<Bytes, byte[]> between(NavigableMap<Bytes, byte[]> model, Bytes from, Bytes to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            return new TreeMap<>();
        }
        NavigableMap<Bytes, byte[]> view = model;
        if (from != null) {
            view = view.tailMap(from, true);
        }
        if (to != null) {
            view = view.headMap(to, true);
        }
        return view;
    }

    private static byte[] raw(Bytes bytes) {
        return bytes == null ? null : bytes.get();
    }

    private static String entry(Bytes key, byte[] value) {
        return key + "=" + Bytes.wrap(value);
    }

    private static List<String> entries(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> out = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                Bytes peeked = iterator.peekNextKey();
                KeyValue<Bytes, byte[]> next = iterator.next();
                assertThat(next.key).isEqualTo(peeked);
                out.add(entry(next.key, next.value));
            }
        }
        return out;
    }

    private static List<String> entries(NavigableMap<Bytes, byte[]> model) {
        List<String> out = new ArrayList<>();
        model.forEach((key, value) -> out.add(entry(key, value)));
        return out;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Bytes> keys = keys();
        Arbitrary<Bytes> values = Arbitraries.bytes().list().ofMaxSize(3).map(RocksDBKeyValueStoreProperties::bytes)
            .injectNull(0.15);
        Arbitrary<Bytes> bounds = keys.injectNull(0.2);
        Arbitrary<KeyValue<Bytes, Bytes>> entries = Combinators.combine(keys, values).as(KeyValue::pair);
        return Arbitraries.frequencyOf(
            weighted(10, Combinators.combine(keys, values).as(Put::new)),
            weighted(4, Combinators.combine(keys, values).as(PutIfAbsent::new)),
            weighted(4, keys.map(Delete::new)),
            weighted(3, entries.list().ofMaxSize(6).map(PutAll::new)),
            weighted(3, keys.map(Get::new)),
            weighted(4, Combinators.combine(bounds, bounds, Arbitraries.of(true, false)).as(Range::new)),
            weighted(3, keys.map(PrefixScan::new)),
            weighted(1, Arbitraries.just(new Flush())),
            weighted(2, Arbitraries.of(true, false).map(Reopen::new))
        ).list().ofMaxSize(40);
    }

    private static Tuple2<Integer, Arbitrary<? extends Op>> weighted(int weight, Arbitrary<? extends Op> op) {
        return Tuple.of(weight, op);
    }

    /** Up to three bytes from an alphabet that straddles the signed/unsigned boundary. */
    private static Arbitrary<Bytes> keys() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF)
            .list().ofMaxSize(3).map(RocksDBKeyValueStoreProperties::bytes);
    }

    private static Bytes bytes(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return Bytes.wrap(out);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
