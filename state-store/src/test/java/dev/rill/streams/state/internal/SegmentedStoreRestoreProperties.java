package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.WindowStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Restoring a window or session store from its changelog rebuilds its content: random writes go through
 * a store built by {@link Stores} with logging on (and caching on or off), the changelog records are
 * captured, and replayed in random batches into a fresh store of the same kind through the callback it
 * registers. Both stores must list the same content, expired entries included in neither.
 */
class SegmentedStoreRestoreProperties {
    private static final Duration RETENTION = Duration.ofSeconds(120);

    /** One write: key index, time (window start, or session end), session length, value or null. */
    record Write(int key, long time, long length, String value) {
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Long> time = Arbitraries.longs().between(0, 30).map(t -> t * 10_000L);
        return Combinators.combine(Arbitraries.integers().between(0, 4), time, Arbitraries.longs().between(0, 20_000),
            Arbitraries.of("a", "b", "c").injectNull(0.2)).as(Write::new).list().ofMaxSize(60);
    }

    private static Path tempDir() throws IOException {
        return Files.createTempDirectory("segmented-restore-");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static final class CapturingContext extends TestTaskContext {
        final List<KeyValue<byte[], byte[]>> log = new ArrayList<>();

        CapturingContext(Path dir, ApplicationResources resources) {
            super("app", dir.toFile(), new StoreCache(2_000), resources);
        }

        @Override
        void changeLogged(String storeName, Bytes key, byte[] value) {
            log.add(KeyValue.pair(key.get(), value));
        }
    }

    private static void replay(StateStore fresh, TestStoreContext context, List<KeyValue<byte[], byte[]>> log, int batch) {
        BatchingStateRestoreCallback callback = (BatchingStateRestoreCallback) context.registered.get(fresh.name());
        for (int i = 0; i < log.size(); i += batch) {
            callback.restoreAll(log.subList(i, Math.min(log.size(), i + batch)));
        }
    }

    private static <K> List<String> contents(KeyValueIterator<Windowed<K>, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> {
                Object key = kv.key.key() instanceof Bytes b ? new String(b.get(), StandardCharsets.UTF_8) : kv.key.key();
                out.add(key + "@" + kv.key.window().start() + "/" + kv.key.window().end() + "=" + new String(kv.value, StandardCharsets.UTF_8));
            });
        }
        return out;
    }

    @Property(tries = 60)
    void restoringTheWindowChangelogRebuildsTheContent(@ForAll("writes") List<Write> writes, @ForAll boolean persistent,
                                                        @ForAll boolean caching, @ForAll @IntRange(min = 1, max = 7) int batch) throws IOException {
        Path dir = tempDir();
        try (ApplicationResources resources = new ApplicationResources()) {
            CapturingContext context = new CapturingContext(dir.resolve("original"), resources);
            StoreBuilder<WindowStore<String, byte[]>> builder = Stores.windowStoreBuilder(persistent
                ? Stores.persistentWindowStore("w", RETENTION, Duration.ofSeconds(10), false)
                : Stores.inMemoryWindowStore("w", RETENTION, Duration.ofSeconds(10), false), Serdes.String(), Serdes.ByteArray());
            WindowStore<String, byte[]> original = (caching ? builder.withCachingEnabled() : builder).build();
            original.init(context, original);
            for (Write w : writes) {
                original.put("k" + w.key(), w.value() == null ? null : w.value().getBytes(), w.time());
            }
            original.flush();
            TestStoreContext restoreContext = new TestTaskContext("app", dir.resolve("restored").toFile(), null, resources);
            WindowStore<Bytes, byte[]> fresh = (persistent
                ? Stores.persistentWindowStore("w", RETENTION, Duration.ofSeconds(10), false)
                : Stores.inMemoryWindowStore("w", RETENTION, Duration.ofSeconds(10), false)).get();
            fresh.init(restoreContext, fresh);
            replay(fresh, restoreContext, context.log, batch);
            assertThat(contents(fresh.all()))
                .as("the restored bytes store holds what the original shows").isEqualTo(contents(original.all()));
            original.close();
            fresh.close();
        } finally {
            delete(dir);
        }
    }

    @Property(tries = 60)
    void restoringTheSessionChangelogRebuildsTheContent(@ForAll("writes") List<Write> writes, @ForAll boolean persistent,
                                                         @ForAll boolean caching, @ForAll @IntRange(min = 1, max = 7) int batch) throws IOException {
        Path dir = tempDir();
        try (ApplicationResources resources = new ApplicationResources()) {
            CapturingContext context = new CapturingContext(dir.resolve("original"), resources);
            StoreBuilder<SessionStore<String, byte[]>> builder = Stores.sessionStoreBuilder(persistent
                ? Stores.persistentSessionStore("s", RETENTION) : Stores.inMemorySessionStore("s", RETENTION),
                Serdes.String(), Serdes.ByteArray());
            SessionStore<String, byte[]> original = (caching ? builder.withCachingEnabled() : builder).build();
            original.init(context, original);
            for (Write w : writes) {
                Windowed<String> session = new Windowed<>("k" + w.key(),
                    new SessionWindow(Math.max(0, w.time() - w.length()), w.time()));
                original.put(session, w.value() == null ? null : w.value().getBytes());
            }
            original.flush();
            TestStoreContext restoreContext = new TestTaskContext("app", dir.resolve("restored").toFile(), null, resources);
            SessionStore<Bytes, byte[]> fresh = (persistent
                ? Stores.persistentSessionStore("s", RETENTION) : Stores.inMemorySessionStore("s", RETENTION)).get();
            fresh.init(restoreContext, fresh);
            replay(fresh, restoreContext, context.log, batch);
            assertThat(contents(fresh.fetch(null, null)))
                .as("the restored bytes store holds what the original shows").isEqualTo(contents(original.fetch(null, null)));
            original.close();
            fresh.close();
        } finally {
            delete(dir);
        }
    }
}
