package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.WindowStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caching layers of window and session stores tell their flush listener the latest value of each
 * window or session once per flush (or eviction), with the value it replaces and the timestamp of the
 * record that wrote it, keyed by the store key.
 */
class CachingSegmentedStoresTest {
    @TempDir
    Path stateDir;

    private final ApplicationResources resources = new ApplicationResources();
    private final List<String> flushed = new ArrayList<>();
    private TestTaskContext context;

    @AfterEach
    void close() {
        resources.close();
    }

    private static String str(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }

    private static Bytes key(String k) {
        return Bytes.wrap(k.getBytes(StandardCharsets.UTF_8));
    }

    private CachingWindowStore window(long cacheBytes) {
        context = new TestTaskContext("app", stateDir.toFile(), new StoreCache(cacheBytes), resources);
        WindowStore<Bytes, byte[]> inner = Stores.inMemoryWindowStore("w", Duration.ofMinutes(2), Duration.ofSeconds(10), false).get();
        CachingWindowStore store = new CachingWindowStore(inner, 10_000, 120_000, 60_000);
        store.setFlushListener((k, n, o, ts) -> {
            ByteBuffer b = ByteBuffer.wrap(k.get());
            flushed.add(new String(k.get(), 0, k.get().length - 12, StandardCharsets.UTF_8) + "@" + b.getLong(k.get().length - 12)
                + " " + str(o) + "->" + str(n) + " ts=" + ts);
        });
        store.init(context, store);
        return store;
    }

    @Test
    void aWindowUpdatedManyTimesIsFlushedOnceWithItsLatestValueAndTimestamp() {
        CachingWindowStore store = window(10_000_000);
        for (int i = 1; i <= 3; i++) {
            context.timestamp = 100 + i;
            store.put(key("k"), ("v" + i).getBytes(), 10_000);
        }
        context.timestamp = 7;
        store.put(key("j"), "x".getBytes(), 0);
        assertThat(flushed).as("nothing before the commit").isEmpty();
        assertThat(str(store.fetch(key("k"), 10_000))).isEqualTo("v3");
        store.flush();
        assertThat(flushed).containsExactly("k@10000 null->v3 ts=103", "j@0 null->x ts=7");
        flushed.clear();
        context.timestamp = 200;
        store.put(key("k"), null, 10_000);
        store.flush();
        assertThat(flushed).containsExactly("k@10000 v3->null ts=200");
        assertThat(store.fetch(key("k"), 10_000)).isNull();
        store.close();
    }

    @Test
    void aFullCacheWritesWindowsThroughBeforeTheCommitLosingNone() {
        CachingWindowStore store = window(1_000);
        for (int i = 0; i < 20; i++) {
            store.put(key("k" + i), ("v" + i).getBytes(), 0);
        }
        assertThat(flushed).as("evictions wrote windows through before any commit").isNotEmpty();
        for (int i = 0; i < 20; i++) {
            assertThat(str(store.fetch(key("k" + i), 0))).isEqualTo("v" + i);
        }
        store.close();
    }

    @Test
    void aSessionUpdatedManyTimesIsFlushedOnceAndARemovalIsATombstone() {
        context = new TestTaskContext("app", stateDir.toFile(), new StoreCache(10_000_000), resources);
        SessionStore<Bytes, byte[]> inner = Stores.persistentSessionStore("s", Duration.ofMinutes(2)).get();
        CachingSessionStore store = new CachingSessionStore(inner, 120_000, 60_000);
        store.setFlushListener((k, n, o, ts) -> {
            ByteBuffer b = ByteBuffer.wrap(k.get());
            int len = k.get().length;
            flushed.add(new String(k.get(), 0, len - 16, StandardCharsets.UTF_8) + "@" + b.getLong(len - 8) + "-" + b.getLong(len - 16)
                + " " + str(o) + "->" + str(n) + " ts=" + ts);
        });
        store.init(context, store);
        Windowed<Bytes> session = new Windowed<>(key("k"), new SessionWindow(5, 10));
        context.timestamp = 10;
        store.put(session, "1".getBytes());
        context.timestamp = 11;
        store.put(session, "2".getBytes());
        store.flush();
        assertThat(flushed).containsExactly("k@5-10 null->2 ts=11");
        flushed.clear();
        context.timestamp = 12;
        store.remove(session);
        store.flush();
        assertThat(flushed).containsExactly("k@5-10 2->null ts=12");
        assertThat(store.fetchSession(key("k"), 5, 10)).isNull();
        store.close();
    }
}
