package dev.rill.streams.state.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CachingKeyValueStoreTest {

    // ---------------------------------------------------------------- helpers shared with the properties

    static Bytes b(String s) {
        return Bytes.wrap(s.getBytes(UTF_8));
    }

    static byte[] v(String s) {
        return s.getBytes(UTF_8);
    }

    static String str(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    /** Drains an iterator into "key=value" strings and closes it. */
    static List<String> drain(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                out.add(kv.key + "=" + str(kv.value));
            }
        }
        return out;
    }

    /** A write that reached the store beneath the cache. */
    record Write(Bytes key, String value) { }

    /** One call of the flush listener. */
    record Flushed(Bytes key, String newValue, String oldValue, long timestamp) { }

    /** A plain TreeMap store that records every write it receives; its content survives close. */
    static final class TreeMapStore implements KeyValueStore<Bytes, byte[]> {
        final String name;
        final TreeMap<Bytes, byte[]> map = new TreeMap<>();
        final List<Write> writes = new ArrayList<>();
        int flushes;
        boolean open;

        TreeMapStore(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            open = true;
        }

        @Override
        public void flush() {
            check();
            flushes++;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        private void check() {
            if (!open) {
                throw new InvalidStateStoreException("store " + name + " is not open");
            }
        }

        @Override
        public byte[] get(Bytes key) {
            check();
            return map.get(key);
        }

        private KeyValueIterator<Bytes, byte[]> iterator(NavigableMap<Bytes, byte[]> view) {
            check();
            Iterator<Map.Entry<Bytes, byte[]>> it = new ArrayList<>(view.entrySet()).iterator();
            return new KeyValueIterator<>() {
                Map.Entry<Bytes, byte[]> peeked;

                @Override
                public boolean hasNext() {
                    return peeked != null || it.hasNext();
                }

                @Override
                public KeyValue<Bytes, byte[]> next() {
                    Map.Entry<Bytes, byte[]> e = peeked != null ? peeked : it.next();
                    peeked = null;
                    return new KeyValue<>(e.getKey(), e.getValue());
                }

                @Override
                public Bytes peekNextKey() {
                    if (peeked == null) {
                        if (!it.hasNext()) {
                            throw new NoSuchElementException();
                        }
                        peeked = it.next();
                    }
                    return peeked.getKey();
                }

                @Override
                public void close() {
                }
            };
        }

        private NavigableMap<Bytes, byte[]> view(Bytes from, Bytes to) {
            if (from != null && to != null && from.compareTo(to) > 0) {
                return new TreeMap<>();
            }
            NavigableMap<Bytes, byte[]> view = map;
            if (from != null) {
                view = view.tailMap(from, true);
            }
            if (to != null) {
                view = view.headMap(to, true);
            }
            return view;
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return iterator(view(from, to));
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return iterator(view(from, to).descendingMap());
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return iterator(map);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return iterator(map.descendingMap());
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            Bytes from = Bytes.wrap(serializer.serialize(null, prefix));
            Bytes to = Bytes.increment(from);
            return iterator(to == null ? map.tailMap(from, true) : map.subMap(from, true, to, false));
        }

        @Override
        public long approximateNumEntries() {
            check();
            return map.size();
        }

        @Override
        public void put(Bytes key, byte[] value) {
            check();
            writes.add(new Write(key, str(value)));
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            byte[] old = get(key);
            if (old == null) {
                put(key, value);
            }
            return old;
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            entries.forEach(e -> put(e.key, e.value));
        }

        @Override
        public byte[] delete(Bytes key) {
            byte[] old = get(key);
            put(key, null);
            return old;
        }
    }

    /** A task's context as the runtime would give it: both interfaces, a settable record timestamp. */
    static final class TestContext extends TestTaskContext {
        TestContext(StoreCache cache) {
            super("app", new java.io.File("unused"), cache, null);
        }
    }

    /** A context that is not a task's: the store must fall back to a private cache and timestamp 0. */
    static final class PlainContext extends TestStoreContext {
    }

    /** Weight the cache charges for a key and value of these lengths. */
    static long weight(int keyLength, int valueLength) {
        return keyLength + valueLength + StoreCache.ENTRY_OVERHEAD_BYTES;
    }

    // ---------------------------------------------------------------- fixture

    private final TreeMapStore inner = new TreeMapStore("store");
    private final List<Flushed> flushed = new ArrayList<>();

    private CachingKeyValueStore open(TestContext context) {
        CachingKeyValueStore store = new CachingKeyValueStore(inner);
        store.setFlushListener((k, n, o, ts) -> flushed.add(new Flushed(k, str(n), str(o), ts)));
        store.init(context, store);
        return store;
    }

    private CachingKeyValueStore open(long maxBytes) {
        return open(new TestContext(new StoreCache(maxBytes)));
    }

    // ---------------------------------------------------------------- tests

    @Test
    void repeatedUpdatesBetweenFlushesReachTheInnerStoreAndTheListenerOnce() {
        inner.open = true;
        inner.put(b("k"), v("v0"));
        inner.writes.clear();
        TestContext context = new TestContext(new StoreCache(1 << 20));
        CachingKeyValueStore store = open(context);

        for (int i = 1; i <= 5; i++) {
            context.timestamp = 100 + i;
            store.put(b("k"), v("v" + i));
        }
        assertThat(inner.writes).isEmpty();
        assertThat(flushed).isEmpty();

        store.flush();

        assertThat(inner.writes).containsExactly(new Write(b("k"), "v5"));
        assertThat(flushed).containsExactly(new Flushed(b("k"), "v5", "v0", 105));
        assertThat(inner.flushes).isEqualTo(1);

        // Clean after the flush: a second flush writes nothing.
        store.flush();
        assertThat(inner.writes).hasSize(1);
        assertThat(flushed).hasSize(1);
    }

    @Test
    void flushWritesInTheOrderKeysWereLastUpdated() {
        TestContext context = new TestContext(new StoreCache(1 << 20));
        CachingKeyValueStore store = open(context);
        store.put(b("a"), v("1"));
        store.put(b("b"), v("1"));
        store.put(b("c"), v("1"));
        store.put(b("a"), v("2"));
        store.delete(b("b"));
        store.put(b("d"), v("1"));

        store.flush();

        // "b" never reached the store beneath, so with a listener its deletion is neither written nor
        // told: downstream must not see the deletion of a row that never existed.
        assertThat(inner.writes).containsExactly(new Write(b("c"), "1"), new Write(b("a"), "2"), new Write(b("d"), "1"));
        assertThat(flushed).extracting(Flushed::key).containsExactly(b("c"), b("a"), b("d"));
    }

    @Test
    void withoutAListenerTheDeletionOfAnUnflushedKeyIsStillWritten() {
        TestContext context = new TestContext(new StoreCache(1 << 20));
        CachingKeyValueStore store = open(context);
        store.setFlushListener(null);
        store.put(b("b"), v("1"));
        store.delete(b("b"));

        store.flush();

        assertThat(inner.writes).containsExactly(new Write(b("b"), null));
    }

    @Test
    void deletingAKeyTheStoreBeneathHoldsIsWrittenAndToldWithItsOldValue() {
        TestContext context = new TestContext(new StoreCache(1 << 20));
        CachingKeyValueStore store = open(context);
        store.put(b("b"), v("1"));
        store.flush();
        store.delete(b("b"));

        store.flush();

        assertThat(inner.writes).containsExactly(new Write(b("b"), "1"), new Write(b("b"), null));
        assertThat(flushed.get(flushed.size() - 1)).isEqualTo(new Flushed(b("b"), null, "1", 0));
    }

    @Test
    void evictionUnderATinyBudgetWritesDirtyEntriesThroughAndLosesNothing() {
        // Room for about four entries: most writes evict.
        long budget = 4 * weight(3, 4);
        TestContext context = new TestContext(new StoreCache(budget));
        CachingKeyValueStore store = open(context);
        TreeMap<Bytes, String> model = new TreeMap<>();
        Map<Bytes, List<String>> putsPerKey = new HashMap<>();
        Random random = new Random(42);

        for (int i = 0; i < 2_000; i++) {
            Bytes key = b(String.format("k%02d", random.nextInt(30)));
            context.timestamp = i;
            if (random.nextInt(5) == 0) {
                store.delete(key);
                model.remove(key);
                putsPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(null);
            } else {
                String value = String.format("%04d", i);
                store.put(key, v(value));
                model.put(key, value);
                putsPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            assertThat(context.cache.sizeBytes()).isLessThanOrEqualTo(budget);
            Bytes probe = b(String.format("k%02d", random.nextInt(30)));
            assertThat(str(store.get(probe))).isEqualTo(model.get(probe));
        }
        // Evictions wrote through before any flush.
        assertThat(inner.writes).isNotEmpty();
        assertThat(inner.flushes).isZero();

        store.flush();

        TreeMap<Bytes, String> innerContent = new TreeMap<>();
        inner.map.forEach((k, val) -> innerContent.put(k, str(val)));
        assertThat(innerContent).isEqualTo(model);
        // Per key, the inner store saw a subsequence of the writes, in order: nothing reordered.
        Map<Bytes, List<String>> writesPerKey = new HashMap<>();
        inner.writes.forEach(w -> writesPerKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w.value()));
        writesPerKey.forEach((key, seen) -> assertThat(isSubsequence(seen, putsPerKey.get(key)))
                .as("writes of %s in order", key).isTrue());
        // Replaying the listener gives the same content, and each old value is what the store held.
        TreeMap<Bytes, String> replay = new TreeMap<>();
        for (Flushed f : flushed) {
            assertThat(f.oldValue()).isEqualTo(replay.get(f.key()));
            if (f.newValue() == null) {
                replay.remove(f.key());
            } else {
                replay.put(f.key(), f.newValue());
            }
        }
        assertThat(replay).isEqualTo(model);
    }

    private static boolean isSubsequence(List<String> sub, List<String> all) {
        int i = 0;
        for (String s : all) {
            if (i < sub.size() && java.util.Objects.equals(sub.get(i), s)) {
                i++;
            }
        }
        return i == sub.size();
    }

    @Test
    void evictingOneDirtyEntryFlushesItsNamespaceInLastUpdateOrder() {
        // Room for exactly two entries of this size: the third write must evict.
        long budget = 2 * weight(1, 1);
        TestContext context = new TestContext(new StoreCache(budget));
        CachingKeyValueStore store = open(context);
        store.put(b("b"), v("1"));
        store.put(b("a"), v("1"));
        assertThat(inner.writes).isEmpty();

        store.put(b("c"), v("1"));

        // Whatever Caffeine chose to evict, the dirty entries went out together, oldest update first.
        assertThat(inner.writes).isNotEmpty();
        List<Bytes> order = inner.writes.stream().map(Write::key).toList();
        assertThat(order).containsSubsequence(b("b"), b("a"));
        assertThat(order.indexOf(b("b"))).isZero();
        for (String k : List.of("a", "b", "c")) {
            assertThat(str(store.get(b(k)))).isEqualTo("1");
        }
        assertThat(context.cache.sizeBytes()).isLessThanOrEqualTo(budget);
    }

    @Test
    void anEntryLargerThanTheBudgetIsWrittenThrough() {
        CachingKeyValueStore store = open(weight(1, 1));
        store.put(b("k"), new byte[1000]);
        assertThat(inner.map).containsKey(b("k"));
        assertThat(flushed).hasSize(1);
        assertThat(store.get(b("k"))).hasSize(1000);
    }

    @Test
    void readsSeeUnflushedWrites() {
        CachingKeyValueStore store = open(1 << 20);
        store.put(b("a"), v("1"));
        assertThat(str(store.get(b("a")))).isEqualTo("1");
        assertThat(store.putIfAbsent(b("a"), v("2"))).isEqualTo(v("1"));
        assertThat(store.putIfAbsent(b("b"), v("2"))).isNull();
        assertThat(str(store.get(b("b")))).isEqualTo("2");
        store.putAll(List.of(new KeyValue<>(b("c"), v("3")), new KeyValue<>(b("c"), v("4"))));
        assertThat(str(store.get(b("c")))).isEqualTo("4");
        assertThat(drain(store.all())).containsExactly("a=1", "b=2", "c=4");
        assertThat(inner.map).isEmpty();
        assertThat(store.approximateNumEntries()).isEqualTo(3);
    }

    @Test
    void putAllWithANullKeyWritesNothing() {
        CachingKeyValueStore store = open(1 << 20);
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
        entries.add(new KeyValue<>(b("a"), v("1")));
        entries.add(new KeyValue<>(null, v("2")));
        assertThatThrownBy(() -> store.putAll(entries)).isInstanceOf(NullPointerException.class);
        assertThat(store.get(b("a"))).isNull();
        assertThatThrownBy(() -> store.put(null, v("1"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void cachedTombstonesHideInnerValues() {
        inner.open = true;
        inner.put(b("k"), v("old"));
        inner.put(b("other"), v("x"));
        inner.writes.clear();
        TestContext context = new TestContext(new StoreCache(1 << 20));
        CachingKeyValueStore store = open(context);

        context.timestamp = 7;
        assertThat(str(store.delete(b("k")))).isEqualTo("old");
        assertThat(store.get(b("k"))).isNull();
        assertThat(store.putIfAbsent(b("k"), v("new"))).isNull();
        assertThat(str(store.delete(b("k")))).isEqualTo("new");
        assertThat(drain(store.all())).containsExactly("other=x");
        assertThat(drain(store.reverseAll())).containsExactly("other=x");
        assertThat(inner.map).containsKey(b("k"));

        store.flush();

        assertThat(inner.map).doesNotContainKey(b("k"));
        assertThat(flushed).containsExactly(new Flushed(b("k"), null, "old", 7));
        // Still cached (clean) as absent.
        assertThat(store.get(b("k"))).isNull();
    }

    @Test
    void mergedIteratorsPreferTheCacheInBothDirections() {
        inner.open = true;
        for (String k : List.of("a", "c", "e", "g", "pa", "pb", "q")) {
            inner.put(b(k), v("inner"));
        }
        CachingKeyValueStore store = open(1 << 20);
        store.put(b("b"), v("cache"));
        store.put(b("c"), v("cache"));
        store.delete(b("e"));
        store.put(b("h"), v("cache"));
        store.put(b("pa"), v("cache"));
        store.delete(b("pb"));
        store.put(b("pc"), v("cache"));
        store.delete(b("zz")); // a tombstone for a key the store never had

        assertThat(drain(store.all())).containsExactly(
                "a=inner", "b=cache", "c=cache", "g=inner", "h=cache", "pa=cache", "pc=cache", "q=inner");
        assertThat(drain(store.reverseAll())).containsExactly(
                "q=inner", "pc=cache", "pa=cache", "h=cache", "g=inner", "c=cache", "b=cache", "a=inner");
        assertThat(drain(store.range(b("b"), b("g")))).containsExactly("b=cache", "c=cache", "g=inner");
        assertThat(drain(store.reverseRange(b("b"), b("g")))).containsExactly("g=inner", "c=cache", "b=cache");
        assertThat(drain(store.range(b("bb"), b("f")))).containsExactly("c=cache");
        assertThat(drain(store.range(null, b("b")))).containsExactly("a=inner", "b=cache");
        assertThat(drain(store.reverseRange(b("q"), null))).containsExactly("q=inner");
        assertThat(drain(store.range(b("g"), b("b")))).isEmpty();
        Serializer<String> serializer = (topic, data) -> v(data);
        assertThat(drain(store.prefixScan("p", serializer))).containsExactly("pa=cache", "pc=cache");

        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            assertThat(it.peekNextKey()).isEqualTo(b("a"));
            assertThat(it.next().key).isEqualTo(b("a"));
            assertThat(it.peekNextKey()).isEqualTo(b("b"));
        }
        KeyValueIterator<Bytes, byte[]> empty = store.range(b("x"), b("y"));
        assertThat(empty.hasNext()).isFalse();
        assertThatThrownBy(empty::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(empty::peekNextKey).isInstanceOf(NoSuchElementException.class);
        empty.close();

        // Flushing changes nothing visible.
        store.flush();
        assertThat(drain(store.all())).containsExactly(
                "a=inner", "b=cache", "c=cache", "g=inner", "h=cache", "pa=cache", "pc=cache", "q=inner");
    }

    @Test
    void anOpenIteratorKeepsWhatItSawWhenEvictionsWriteThrough() {
        long budget = 3 * weight(2, 1);
        CachingKeyValueStore store = open(budget);
        store.put(b("k1"), v("1"));
        store.put(b("k2"), v("2"));
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            for (int i = 3; i < 40; i++) {
                store.put(b("x" + i), v("x"));
            }
            List<String> seen = new ArrayList<>();
            it.forEachRemaining(kv -> seen.add(kv.key + "=" + str(kv.value)));
            assertThat(seen).containsExactly("k1=1", "k2=2");
        }
        assertThat(str(store.get(b("k1")))).isEqualTo("1");
    }

    @Test
    void zeroBytesWritesStraightThrough() {
        inner.open = true;
        inner.put(b("k"), v("old"));
        inner.writes.clear();
        TestContext context = new TestContext(new StoreCache(0));
        CachingKeyValueStore store = open(context);

        context.timestamp = 3;
        store.put(b("k"), v("1"));
        store.put(b("k"), v("2"));
        assertThat(inner.writes).containsExactly(new Write(b("k"), "1"), new Write(b("k"), "2"));
        assertThat(flushed).containsExactly(new Flushed(b("k"), "1", "old", 3), new Flushed(b("k"), "2", "1", 3));
        store.delete(b("k"));
        assertThat(inner.map).isEmpty();
        assertThat(context.cache.sizeBytes()).isZero();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void closedStoreThrowsAndCloseFlushesFirst() {
        CachingKeyValueStore store = open(1 << 20);
        store.put(b("a"), v("1"));
        assertThat(store.isOpen()).isTrue();

        store.close();

        assertThat(store.isOpen()).isFalse();
        assertThat(inner.isOpen()).isFalse();
        assertThat(str(inner.map.get(b("a")))).isEqualTo("1");
        assertThat(flushed).hasSize(1);
        store.close(); // twice is harmless
        assertThatThrownBy(() -> store.get(b("a"))).isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("store");
        assertThatThrownBy(() -> store.put(b("a"), v("2"))).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> store.delete(b("a"))).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(store::all).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> store.range(b("a"), b("b"))).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(store::flush).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(store::approximateNumEntries).isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void closingLeavesTheSharedCacheSoTheNameCanBeReused() {
        StoreCache cache = new StoreCache(1 << 20);
        CachingKeyValueStore first = open(new TestContext(cache));
        first.put(b("a"), v("1"));
        first.close();
        assertThat(cache.sizeBytes()).isZero();

        TreeMapStore again = new TreeMapStore("store");
        CachingKeyValueStore second = new CachingKeyValueStore(again);
        second.init(new TestContext(cache), second);
        assertThat(second.get(b("a"))).isNull();
        second.close();
    }

    @Test
    void storesSharingACacheKeepSeparateNamespacesAndEvictEachOther() {
        long budget = 4 * weight(3, 1);
        StoreCache cache = new StoreCache(budget);
        TestContext context = new TestContext(cache);
        TreeMapStore innerB = new TreeMapStore("other");
        CachingKeyValueStore a = open(context);
        CachingKeyValueStore other = new CachingKeyValueStore(innerB);
        other.init(context, other);

        a.put(b("key"), v("A"));
        other.put(b("key"), v("B"));
        assertThat(str(a.get(b("key")))).isEqualTo("A");
        assertThat(str(other.get(b("key")))).isEqualTo("B");

        // Writes to the other store overflow the shared budget. Which entries Caffeine evicts is its
        // policy's choice (a frequently used one may stay), so check only what must hold.
        for (int i = 0; i < 50; i++) {
            other.put(b(String.format("k%02d", i)), v("B"));
            assertThat(cache.sizeBytes()).isLessThanOrEqualTo(budget);
        }
        assertThat(innerB.writes).isNotEmpty();
        assertThat(str(a.get(b("key")))).isEqualTo("A");
        assertThat(str(other.get(b("key")))).isEqualTo("B");
        for (int i = 0; i < 50; i++) {
            assertThat(str(other.get(b(String.format("k%02d", i))))).isEqualTo("B");
        }
        a.flush();
        other.flush();
        assertThat(str(inner.map.get(b("key")))).isEqualTo("A");
        assertThat(innerB.map).hasSize(51);
        assertThat(flushed).containsExactly(new Flushed(b("key"), "A", null, 0));
    }

    @Test
    void aListenerWritingToAnotherCachedStoreLosesNothing() {
        // A downstream store fed by the upstream store's listener, both in one tiny cache: evictions
        // happen while flushing, and must wait for the flush to finish rather than interleave with it.
        long budget = 3 * weight(3, 4);
        StoreCache cache = new StoreCache(budget);
        TestContext context = new TestContext(cache);
        CachingKeyValueStore upstream = open(context);
        TreeMapStore downInner = new TreeMapStore("down");
        CachingKeyValueStore downstream = new CachingKeyValueStore(downInner);
        downstream.init(context, downstream);
        upstream.setFlushListener((k, n, o, ts) -> downstream.put(k, n));

        TreeMap<Bytes, String> model = new TreeMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            Bytes key = b(String.format("k%02d", random.nextInt(20)));
            String value = String.format("%04d", i);
            upstream.put(key, v(value));
            model.put(key, value);
            if (random.nextInt(50) == 0) {
                upstream.flush();
            }
        }
        upstream.flush();
        downstream.flush();

        TreeMap<Bytes, String> up = new TreeMap<>();
        inner.map.forEach((k, val) -> up.put(k, str(val)));
        TreeMap<Bytes, String> down = new TreeMap<>();
        downInner.map.forEach((k, val) -> down.put(k, str(val)));
        assertThat(up).isEqualTo(model);
        assertThat(down).isEqualTo(model);
    }

    @Test
    void aContextWithoutTheTaskInterfaceGetsAPrivateCacheAndTimestampZero() {
        CachingKeyValueStore store = new CachingKeyValueStore(inner);
        store.setFlushListener((k, n, o, ts) -> flushed.add(new Flushed(k, str(n), str(o), ts)));
        store.init(new PlainContext(), store);
        store.put(b("a"), v("1"));
        store.put(b("a"), v("2"));
        assertThat(inner.writes).isEmpty();
        store.flush();
        assertThat(flushed).containsExactly(new Flushed(b("a"), "2", null, 0));
        store.close();
    }

    @Test
    void aListenerSetAfterInitIsUsedAndNullRemovesIt() {
        CachingKeyValueStore store = new CachingKeyValueStore(inner);
        store.init(new TestContext(new StoreCache(1 << 20)), store);
        store.put(b("a"), v("1"));
        store.flush(); // no listener: nothing to tell
        store.setFlushListener((k, n, o, ts) -> flushed.add(new Flushed(k, str(n), str(o), ts)));
        store.put(b("a"), v("2"));
        store.flush();
        store.setFlushListener(null);
        store.put(b("a"), v("3"));
        store.flush();
        assertThat(flushed).containsExactly(new Flushed(b("a"), "2", "1", 0));
        assertThat(str(inner.map.get(b("a")))).isEqualTo("3");
    }

    @Test
    void aFailedFlushKeepsTheUnwrittenEntriesDirtyAndInOrder() {
        CachingKeyValueStore store = open(1 << 20);
        store.put(b("a"), v("1"));
        store.put(b("b"), v("1"));
        store.put(b("c"), v("1"));
        int[] calls = {0};
        store.setFlushListener((k, n, o, ts) -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("downstream failed");
            }
            flushed.add(new Flushed(k, str(n), str(o), ts));
        });
        assertThatThrownBy(store::flush).isInstanceOf(IllegalStateException.class);
        // a and b were written (b's listener failed after its write); c is still dirty.
        assertThat(inner.writes).extracting(Write::key).containsExactly(b("a"), b("b"));
        store.put(b("d"), v("1"));
        store.flush();
        assertThat(inner.writes).extracting(Write::key).containsExactly(b("a"), b("b"), b("c"), b("d"));
    }

    @Test
    void negativeBudgetIsRejected() {
        assertThatThrownBy(() -> new StoreCache(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new StoreCache(123).maxBytes()).isEqualTo(123);
    }
}
