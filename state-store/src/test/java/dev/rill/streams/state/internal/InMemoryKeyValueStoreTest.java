package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.serialization.Serializer;
import dev.rill.common.serialization.StringSerializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.state.KeyValueIterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryKeyValueStoreTest {

    private InMemoryKeyValueStore store;
    private PlainContext context;

    @BeforeEach
    void open() {
        store = new InMemoryKeyValueStore("mem");
        context = new PlainContext();
        store.init(context, store);
    }

    // ================================================================ supplier

    @Test
    void supplierCreatesNewNamedStoresInTheInMemoryScope() {
        InMemoryKeyValueBytesStoreSupplier supplier = new InMemoryKeyValueBytesStoreSupplier("s");
        assertThat(supplier.name()).isEqualTo("s");
        assertThat(supplier.metricsScope()).isEqualTo("in-memory");
        assertThat(supplier.get()).isNotSameAs(supplier.get());
        assertThat(supplier.get().name()).isEqualTo("s");
        assertThat(supplier.get().persistent()).isFalse();
    }

    // ================================================================ basics

    @Test
    void putGetDeleteAndNullValueDeletes() {
        store.put(b("a"), v("1"));
        assertThat(s(store.get(b("a")))).isEqualTo("1");
        store.put(b("a"), v("2"));
        assertThat(s(store.get(b("a")))).isEqualTo("2");
        store.put(b("a"), null);
        assertThat(store.get(b("a"))).isNull();
        assertThat(store.approximateNumEntries()).isZero();

        store.put(b("x"), v("9"));
        assertThat(s(store.delete(b("x")))).isEqualTo("9");
        assertThat(store.delete(b("x"))).isNull();
        assertThat(store.get(b("missing"))).isNull();
    }

    @Test
    void putIfAbsentWritesOnlyAbsentKeys() {
        assertThat(store.putIfAbsent(b("k"), v("first"))).isNull();
        assertThat(s(store.putIfAbsent(b("k"), v("second")))).isEqualTo("first");
        assertThat(s(store.get(b("k")))).isEqualTo("first");
    }

    @Test
    void putAllAppliesInOrderSoTheLaterEntryWins() {
        store.put(b("gone"), v("x"));
        store.putAll(List.of(KeyValue.pair(b("a"), v("1")), KeyValue.pair(b("a"), v("2")),
            KeyValue.pair(b("gone"), null), KeyValue.pair(b("b"), v("3"))));
        assertThat(entries(store.all())).containsExactly("a=2", "b=3");
    }

    @Test
    void approximateNumEntriesIsExact() {
        for (int i = 0; i < 10; i++) {
            store.put(b("k" + i), v("v"));
        }
        store.put(b("k0"), v("again"));
        store.delete(b("k1"));
        assertThat(store.approximateNumEntries()).isEqualTo(9);
    }

    @Test
    void isNotPersistentAndReportsOpenState() {
        assertThat(store.persistent()).isFalse();
        assertThat(store.isOpen()).isTrue();
        assertThat(new InMemoryKeyValueStore("fresh").isOpen()).isFalse();
        store.flush();
        store.close();
        assertThat(store.isOpen()).isFalse();
        store.close();
    }

    // ================================================================ ordering and ranges

    @Test
    void keysAreOrderedAsUnsignedBytes() {
        byte[] high = {(byte) 0x80};
        byte[] low = {0x7F};
        store.put(new Bytes(high), v("high"));
        store.put(new Bytes(low), v("low"));
        store.put(new Bytes(new byte[0]), v("empty"));
        List<String> values = new ArrayList<>();
        store.all().forEachRemaining(kv -> values.add(s(kv.value)));
        assertThat(values).containsExactly("empty", "low", "high");
    }

    @Test
    void rangesAreInclusiveAndNullBoundsAreOpen() {
        for (String k : List.of("a", "b", "c", "d", "e")) {
            store.put(b(k), v(k.toUpperCase()));
        }
        assertThat(keys(store.range(b("b"), b("d")))).containsExactly("b", "c", "d");
        assertThat(keys(store.range(null, b("b")))).containsExactly("a", "b");
        assertThat(keys(store.range(b("d"), null))).containsExactly("d", "e");
        assertThat(keys(store.range(null, null))).containsExactly("a", "b", "c", "d", "e");
        assertThat(keys(store.range(b("bb"), b("cc")))).containsExactly("c");
        assertThat(keys(store.reverseRange(b("b"), b("d")))).containsExactly("d", "c", "b");
        assertThat(keys(store.reverseRange(null, b("b")))).containsExactly("b", "a");
        assertThat(keys(store.reverseAll())).containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    void rangeWithFromAfterToIsEmpty() {
        store.put(b("a"), v("1"));
        store.put(b("z"), v("2"));
        assertThat(keys(store.range(b("z"), b("a")))).isEmpty();
        assertThat(keys(store.reverseRange(b("z"), b("a")))).isEmpty();
    }

    @Test
    void prefixScanReturnsKeysStartingWithThePrefix() {
        for (String k : List.of("a", "ab", "abc", "abd", "ac", "b")) {
            store.put(b(k), v(k));
        }
        assertThat(keys(store.prefixScan("ab", new StringSerializer()))).containsExactly("ab", "abc", "abd");
        assertThat(keys(store.prefixScan("", new StringSerializer()))).containsExactly("a", "ab", "abc", "abd", "ac", "b");
        assertThat(keys(store.prefixScan("x", new StringSerializer()))).isEmpty();
    }

    @Test
    void prefixScanOfAllOnesPrefixHasNoUpperBound() {
        store.put(new Bytes(new byte[] {(byte) 0xFF}), v("1"));
        store.put(new Bytes(new byte[] {(byte) 0xFF, 0x01}), v("2"));
        store.put(new Bytes(new byte[] {(byte) 0xFE}), v("no"));
        List<String> values = new ArrayList<>();
        store.prefixScan(new byte[] {(byte) 0xFF}, (Serializer<byte[]>) (topic, data) -> data).forEachRemaining(kv -> values.add(s(kv.value)));
        assertThat(values).containsExactly("1", "2");
    }

    // ================================================================ iterators

    @Test
    void iteratorsSeeASnapshotTakenWhenCreated() {
        store.put(b("a"), v("1"));
        store.put(b("c"), v("3"));
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            store.put(b("b"), v("2"));
            store.delete(b("c"));
            store.put(b("a"), v("changed"));
            assertThat(entries(it)).containsExactly("a=1", "c=3");
        }
        assertThat(entries(store.all())).containsExactly("a=changed", "b=2");
    }

    @Test
    void writingWhileIteratingIsSafe() {
        for (int i = 0; i < 5; i++) {
            store.put(b("k" + i), v("v"));
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                store.delete(it.next().key);
            }
        }
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void peekNextKeyDoesNotMoveAndExhaustedIteratorThrows() {
        store.put(b("a"), v("1"));
        KeyValueIterator<Bytes, byte[]> it = store.all();
        assertThat(s(it.peekNextKey().get())).isEqualTo("a");
        assertThat(s(it.peekNextKey().get())).isEqualTo("a");
        assertThat(s(it.next().key.get())).isEqualTo("a");
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(it::peekNextKey).isInstanceOf(NoSuchElementException.class);
        it.close();
        it.close();
    }

    @Test
    void iteratorFailsOnceClosedOrOnceItsStoreIsClosed() {
        store.put(b("a"), v("1"));
        KeyValueIterator<Bytes, byte[]> closedIt = store.all();
        closedIt.close();
        assertThatThrownBy(closedIt::hasNext).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("'mem'");

        KeyValueIterator<Bytes, byte[]> open = store.all();
        store.close();
        assertThatThrownBy(open::next).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("'mem'");
    }

    // ================================================================ restoration

    @Test
    void registersTheRootForRestorationAndRestoresIntoTheMap() {
        assertThat(context.registered).containsKey("mem");
        context.registered.get("mem").restore(v("r"), v("1"));
        context.registered.get("mem").restore(v("gone"), v("x"));
        context.registered.get("mem").restore(v("gone"), null);
        assertThat(entries(store.all())).containsExactly("r=1");
    }

    // ================================================================ errors

    @Test
    void nullKeysAreRejectedNamingTheStore() {
        List<Runnable> calls = List.of(
            () -> store.get(null),
            () -> store.put(null, v("x")),
            () -> store.putIfAbsent(null, v("x")),
            () -> store.delete(null),
            () -> store.putAll(Arrays.asList(KeyValue.pair(b("ok"), v("1")), KeyValue.pair(null, v("2")))));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(NullPointerException.class).hasMessageContaining("'mem'");
        }
        // putAll checks every key before writing any.
        assertThat(store.get(b("ok"))).isNull();
        assertThatThrownBy(() -> store.prefixScan(null, new StringSerializer()))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("'mem'");
    }

    @Test
    void everyOperationOnAClosedStoreThrowsNamingTheStore() {
        store.close();
        List<Runnable> calls = List.of(
            () -> store.get(b("k")),
            () -> store.put(b("k"), v("v")),
            () -> store.putIfAbsent(b("k"), v("v")),
            () -> store.putAll(List.of(KeyValue.pair(b("k"), v("v")))),
            () -> store.delete(b("k")),
            () -> store.range(null, null),
            () -> store.reverseRange(null, null),
            () -> store.all(),
            () -> store.reverseAll(),
            () -> store.prefixScan("k", new StringSerializer()),
            () -> store.approximateNumEntries());
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("'mem'");
        }
    }

    @Test
    void aStoreNotYetOpenedThrows() {
        InMemoryKeyValueStore fresh = new InMemoryKeyValueStore("fresh");
        assertThatThrownBy(() -> fresh.get(b("k"))).isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("'fresh'");
    }

    @Test
    void openingTwiceIsRejected() {
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(IllegalStateException.class).hasMessageContaining("'mem'");
    }

    @Test
    void closingDropsTheContent() {
        store.put(b("a"), v("1"));
        store.close();
        InMemoryKeyValueStore reopened = store;
        reopened.init(new PlainContext(), reopened);
        assertThat(reopened.approximateNumEntries()).isZero();
    }

    // ================================================================ helpers

    static Bytes b(String s) {
        return new Bytes(v(s));
    }

    static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(s(kv.key.get())));
        }
        return keys;
    }

    private static List<String> entries(KeyValueIterator<Bytes, byte[]> it) {
        List<String> entries = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> entries.add(s(kv.key.get()) + "=" + s(kv.value)));
        }
        return entries;
    }

    /** A context with only the public interface, as a hand-written test would give. */
    static final class PlainContext extends TestStoreContext {
    }
}
