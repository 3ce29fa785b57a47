package dev.rill.streams.state.internal;

import static dev.rill.streams.state.internal.CachingKeyValueStoreTest.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.Serializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.internal.CachingKeyValueStoreTest.TestContext;
import dev.rill.streams.state.internal.CachingKeyValueStoreTest.TreeMapStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random operations on two caching stores sharing one small cache agree with a TreeMap model on every
 * read, and after a final flush each store beneath, and a replay of its flush listener, equal the model.
 */
class CachingKeyValueStoreProperties {

    /** One operation on store {@code store} (0 or 1). */
    sealed interface Op permits Put, Delete, PutIfAbsent, Get, Range, Prefix, Flush { }

    record Put(int store, byte[] key, byte[] value) implements Op {
        @Override
        public String toString() {
            return "Put" + store + "(" + hex(key) + "=" + hex(value) + ")";
        }
    }

    record Delete(int store, byte[] key) implements Op {
        @Override
        public String toString() {
            return "Delete" + store + "(" + hex(key) + ")";
        }
    }

    record PutIfAbsent(int store, byte[] key, byte[] value) implements Op {
        @Override
        public String toString() {
            return "PutIfAbsent" + store + "(" + hex(key) + "=" + hex(value) + ")";
        }
    }

    record Get(int store, byte[] key) implements Op {
        @Override
        public String toString() {
            return "Get" + store + "(" + hex(key) + ")";
        }
    }

    /** A range read; a {@code null} bound is open. */
    record Range(int store, byte[] from, byte[] to, boolean reverse) implements Op {
        @Override
        public String toString() {
            return (reverse ? "ReverseRange" : "Range") + store + "(" + hex(from) + ".." + hex(to) + ")";
        }
    }

    record Prefix(int store, byte[] prefix) implements Op {
        @Override
        public String toString() {
            return "Prefix" + store + "(" + hex(prefix) + ")";
        }
    }

    record Flush(int store) implements Op { }

    private static String hex(byte[] bytes) {
        return bytes == null ? "*" : HexFormat.of().formatHex(bytes);
    }

    @Property(tries = 300)
    void cachedStoresAgreeWithAModel(@ForAll("budgets") long budget, @ForAll("ops") List<Op> ops) {
        StoreCache cache = new StoreCache(budget);
        TestContext context = new TestContext(cache);
        List<TreeMapStore> inners = List.of(new TreeMapStore("s0"), new TreeMapStore("s1"));
        List<TreeMap<Bytes, byte[]>> models = List.of(new TreeMap<>(), new TreeMap<>());
        List<TreeMap<Bytes, byte[]>> replays = List.of(new TreeMap<>(), new TreeMap<>());
        List<CachingKeyValueStore> stores = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TreeMap<Bytes, byte[]> replay = replays.get(i);
            CachingKeyValueStore store = new CachingKeyValueStore(inners.get(i));
            store.setFlushListener((key, newValue, oldValue, timestamp) -> {
                // The old value is what the store beneath held before this write.
                assertThat(oldValue).isEqualTo(replay.get(key));
                if (newValue == null) {
                    replay.remove(key);
                } else {
                    replay.put(key, newValue);
                }
            });
            store.init(context, store);
            stores.add(store);
        }

        long time = 0;
        for (Op op : ops) {
            context.timestamp = time++;
            apply(op, stores, models);
            if (budget > 0) {
                assertThat(cache.sizeBytes()).isLessThanOrEqualTo(budget);
            }
        }

        for (int i = 0; i < 2; i++) {
            CachingKeyValueStore store = stores.get(i);
            assertThat(list(store.all())).isEqualTo(expected(models.get(i), false));
            store.flush();
            assertThat(render(inners.get(i).map)).isEqualTo(render(models.get(i)));
            assertThat(render(replays.get(i))).isEqualTo(render(models.get(i)));
            store.close();
        }
        assertThat(cache.sizeBytes()).isZero();
    }

    private static void apply(Op op, List<CachingKeyValueStore> stores, List<TreeMap<Bytes, byte[]>> models) {
        if (op instanceof Put p) {
            stores.get(p.store()).put(Bytes.wrap(p.key()), p.value());
            models.get(p.store()).put(Bytes.wrap(p.key()), p.value());
        } else if (op instanceof Delete d) {
            byte[] expected = models.get(d.store()).remove(Bytes.wrap(d.key()));
            assertThat(stores.get(d.store()).delete(Bytes.wrap(d.key()))).isEqualTo(expected);
        } else if (op instanceof PutIfAbsent p) {
            byte[] expected = models.get(p.store()).putIfAbsent(Bytes.wrap(p.key()), p.value());
            assertThat(stores.get(p.store()).putIfAbsent(Bytes.wrap(p.key()), p.value())).isEqualTo(expected);
        } else if (op instanceof Get g) {
            assertThat(stores.get(g.store()).get(Bytes.wrap(g.key())))
                    .isEqualTo(models.get(g.store()).get(Bytes.wrap(g.key())));
        } else if (op instanceof Range r) {
            Bytes from = Bytes.wrap(r.from());
            Bytes to = Bytes.wrap(r.to());
            CachingKeyValueStore store = stores.get(r.store());
            KeyValueIterator<Bytes, byte[]> it = r.reverse() ? store.reverseRange(from, to) : store.range(from, to);
            assertThat(list(it)).isEqualTo(expected(view(models.get(r.store()), from, to), r.reverse()));
        } else if (op instanceof Prefix p) {
            Serializer<byte[]> identity = (topic, data) -> data;
            Bytes from = Bytes.wrap(p.prefix());
            Bytes to = Bytes.increment(from);
            TreeMap<Bytes, byte[]> model = models.get(p.store());
            NavigableMap<Bytes, byte[]> view = to == null ? model.tailMap(from, true) : model.subMap(from, true, to, false);
            assertThat(list(stores.get(p.store()).prefixScan(p.prefix(), identity))).isEqualTo(expected(view, false));
        } else if (op instanceof Flush f) {
            stores.get(f.store()).flush();
        } else {
            throw new AssertionError("unknown op " + op);
        }
    }

    private static NavigableMap<Bytes, byte[]> view(TreeMap<Bytes, byte[]> model, Bytes from, Bytes to) {
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

    private static List<String> expected(NavigableMap<Bytes, byte[]> view, boolean reverse) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Bytes, byte[]> e : (reverse ? view.descendingMap() : view).entrySet()) {
            out.add(hex(e.getKey().get()) + "=" + hex(e.getValue()));
        }
        return out;
    }

    private static List<String> list(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                out.add(hex(kv.key.get()) + "=" + hex(kv.value));
            }
        }
        return out;
    }

    private static Map<String, String> render(Map<Bytes, byte[]> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(hex(k.get()), hex(v)));
        return out;
    }

    @Provide
    Arbitrary<Long> budgets() {
        // 0 (no caching), room for less than one entry, and room for a handful: most writes evict.
        return Arbitraries.oneOf(
                Arbitraries.just(0L),
                Arbitraries.longs().between(1, weight(2, 3) * 12));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> store = Arbitraries.integers().between(0, 1);
        Arbitrary<byte[]> value = Arbitraries.bytes().array(byte[].class).ofMaxSize(3);
        Arbitrary<byte[]> optionalKey = Arbitraries.oneOf(keys(), Arbitraries.just(null));
        return Arbitraries.frequencyOf(
                        Tuple.of(8, Combinators.combine(store, keys(), value).as(Put::new)),
                        Tuple.of(3, Combinators.combine(store, keys()).as(Delete::new)),
                        Tuple.of(2, Combinators.combine(store, keys(), value).as(PutIfAbsent::new)),
                        Tuple.of(4, Combinators.combine(store, keys()).as(Get::new)),
                        Tuple.of(2, Combinators.combine(store, optionalKey, optionalKey,
                                Arbitraries.of(true, false)).as(Range::new)),
                        Tuple.of(1, Combinators.combine(store, keys().map(k -> k.length > 1
                                ? new byte[] {k[0]} : k)).as(Prefix::new)),
                        Tuple.of(1, store.map(Flush::new)))
                .map(op -> (Op) op)
                .list().ofMaxSize(120);
    }

    /** Keys of 0 to 2 bytes from an alphabet that exercises unsigned order and prefix bounds (0xFF). */
    private static Arbitrary<byte[]> keys() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)
                .list().ofMaxSize(2)
                .map(list -> {
                    byte[] key = new byte[list.size()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = list.get(i);
                    }
                    return key;
                });
    }
}
