package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB session store on disk: segments by session end, reopened with their stream time after a restart. */
class RocksDBSessionStoreTest {
    private static final String STORE = "sessions";

    @TempDir
    Path stateDir;

    private final ApplicationResources resources = new ApplicationResources();
    private final List<SegmentedSessionStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(SegmentedSessionStore::close);
        resources.close();
    }

    private SegmentedSessionStore open() {
        SegmentedSessionStore store = (SegmentedSessionStore) Stores.persistentSessionStore(STORE, Duration.ofSeconds(120)).get();
        store.init(new TestTaskContext("app", stateDir.toFile(), null, resources), store);
        opened.add(store);
        return store;
    }

    private static Windowed<Bytes> session(String key, long start, long end) {
        return new Windowed<>(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), new SessionWindow(start, end));
    }

    private static List<String> contents(SegmentedSessionStore store) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> it = store.fetch(null, null)) {
            it.forEachRemaining(kv -> out.add(new String(kv.key.key().get(), StandardCharsets.UTF_8) + "@" + kv.key.window().start()
                + "-" + kv.key.window().end() + "=" + new String(kv.value, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void sessionsAreSegmentedByTheirEndAndSurviveARestartWithTheStreamTime() {
        SegmentedSessionStore store = open();
        store.put(session("a", 0, 50_000), "1".getBytes());
        store.put(session("a", 40_000, 70_000), "2".getBytes());
        store.put(session("b", 0, 130_000), "3".getBytes());
        assertThat(((RocksDBSegmentedBytesStore) store.bytes()).segmentIds()).as("end / 60 s").containsExactly(0L, 1L, 2L);
        store.close();

        SegmentedSessionStore reopened = open();
        assertThat(contents(reopened)).containsExactly("a@0-50000=1", "a@40000-70000=2", "b@0-130000=3");
        // Writes expire by whole segments, reads by exact time (as in Kafka Streams): a session ending at
        // 10 s lands in the live segment 0 but, 120 s behind the stream time, is hidden from reads.
        reopened.put(session("late", 0, 10_000), "x".getBytes());
        assertThat(reopened.droppedExpiredRecords()).isZero();
        try (KeyValueIterator<Windowed<Bytes>, byte[]> it = reopened.findSessions(Bytes.wrap("late".getBytes()), 0, Long.MAX_VALUE)) {
            assertThat(it.hasNext()).as("the stream time of 130 s survived the restart").isFalse();
        }
        try (KeyValueIterator<Windowed<Bytes>, byte[]> it = reopened.findSessions(Bytes.wrap("a".getBytes()), 60_000, 45_000)) {
            assertThat(it.next().key.window()).isEqualTo(new SessionWindow(40_000, 70_000));
            assertThat(it.hasNext()).isFalse();
        }
    }
}
