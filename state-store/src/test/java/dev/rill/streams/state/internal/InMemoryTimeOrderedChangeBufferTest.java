package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.SerializationException;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Serdes;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.internal.Change;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.state.internal.TimeOrderedChangeBuffer.Eviction;
import dev.rill.streams.state.internal.TimeOrderedChangeBuffer.Origin;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTimeOrderedChangeBufferTest {
    private static final String STORE = "suppress-buffer";

    private final List<KeyValue<byte[], byte[]>> changelog = new ArrayList<>();
    private final TestTaskContext context = new TestTaskContext("app", new File("unused"), null, null) {
        @Override
        void changeLogged(String storeName, Bytes key, byte[] value) {
            changelog.add(KeyValue.pair(key.get(), value));
        }
    };

    private InMemoryTimeOrderedChangeBuffer<String, String> open(TestTaskContext ctx, boolean logging) {
        InMemoryTimeOrderedChangeBuffer<String, String> buffer =
            new InMemoryTimeOrderedChangeBuffer<>(STORE, Serdes.String(), Serdes.String(), logging);
        buffer.init(ctx, buffer);
        return buffer;
    }

    private static Origin origin(long timestamp, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("h", new byte[] {7});
        return new Origin(timestamp, offset, "in", 0, headers);
    }

    private static List<String> drain(TimeOrderedChangeBuffer<String, String> buffer) {
        List<String> out = new ArrayList<>();
        buffer.evictWhile(() -> true, (Eviction<String, String> e) -> out.add(e.key() + "=" + e.change() + "@" + e.origin().timestamp()
            + "/" + e.origin().offset()));
        return out;
    }

    @Test
    void releasesByBufferTimeThenKeyAndAnUpdatedKeyKeepsItsPlace() {
        InMemoryTimeOrderedChangeBuffer<String, String> buffer = open(context, false);
        buffer.put(20, "b", new Change<>("b1", null), origin(20, 0));
        buffer.put(10, "z", new Change<>("z1", null), origin(10, 1));
        buffer.put(20, "a", new Change<>("a1", null), origin(20, 2));
        buffer.put(30, "z", new Change<>("z2", "z1"), origin(30, 3));
        assertThat(buffer.minTimestamp()).isEqualTo(10);
        assertThat(buffer.numRecords()).isEqualTo(3);
        List<String> released = new ArrayList<>();
        buffer.evictWhile(() -> buffer.minTimestamp() <= 10, e -> released.add(e.key()));
        assertThat(released).as("z keeps buffer time 10 though updated at 30").containsExactly("z");
        assertThat(buffer.minTimestamp()).isEqualTo(20);
        assertThat(drain(buffer)).containsExactly("a=(a1<-null)@20/2", "b=(b1<-null)@20/0");
        assertThat(buffer.numRecords()).isZero();
        assertThat(buffer.bufferSize()).isZero();
        assertThat(buffer.minTimestamp()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void countsBytesAsKeyValuesAndOriginTake() {
        InMemoryTimeOrderedChangeBuffer<String, String> buffer = open(context, false);
        buffer.put(5, "k", new Change<>("new", "old"), origin(5, 0));
        // 8 (time) + 1 (key) + 3 (prior = old, counted once) + 3 (new) + 8 + 8 + 2 ("in") + 4 + 1 + 1 (header)
        assertThat(buffer.bufferSize()).isEqualTo(39);
        buffer.put(5, "k", new Change<>("newer", "new"), origin(6, 1));
        // The prior value "old" stays; the old value "new" is now separate: 8 + 1 + 3 + 3 + 5 + 24
        assertThat(buffer.bufferSize()).isEqualTo(44);
    }

    @Test
    void theChangelogWrittenAtFlushRebuildsTheBufferOnRestore() {
        InMemoryTimeOrderedChangeBuffer<String, String> buffer = open(context, true);
        buffer.put(10, "a", new Change<>("a1", "a0"), origin(10, 0));
        buffer.put(15, "b", new Change<>("b1", null), origin(15, 1));
        buffer.put(12, "c", new Change<>("c1", null), origin(12, 2));
        assertThat(changelog).as("nothing is logged before the commit").isEmpty();
        buffer.flush();
        assertThat(changelog).hasSize(3);
        buffer.put(11, "a", new Change<>("a2", "a1"), origin(16, 3));
        buffer.evictWhile(() -> buffer.minTimestamp() <= 12 && buffer.numRecords() > 2, e -> { });
        buffer.evictWhile(() -> buffer.minTimestamp() <= 12, e -> { });
        buffer.flush();
        assertThat(changelog.subList(3, changelog.size())).as("a and c left: tombstones")
            .allSatisfy(kv -> assertThat(kv.value).isNull()).hasSize(2);
        buffer.put(40, "d", new Change<>("d1", "d0"), origin(40, 4));
        buffer.flush();
        buffer.close();

        TestTaskContext fresh = new TestTaskContext("app", new File("unused"), null, null);
        InMemoryTimeOrderedChangeBuffer<String, String> restored = open(fresh, true);
        ((BatchingStateRestoreCallback) fresh.registered.get(STORE)).restoreAll(changelog);
        assertThat(restored.numRecords()).isEqualTo(2);
        assertThat(drain(restored)).containsExactly("b=(b1<-null)@15/1", "d=(d1<-d0)@40/4");
    }

    @Test
    void logsInKafkaStreamsLayout() {
        InMemoryTimeOrderedChangeBuffer<String, String> buffer = open(context, true);
        buffer.put(9, "k", new Change<>("n", "o"), new Origin(3, 2, "t", 1, new RecordHeaders()));
        buffer.flush();
        assertThat(changelog).hasSize(1);
        assertThat(new String(changelog.get(0).key)).isEqualTo("k");
        // timestamp, offset, topic, partition, no headers, prior "o", old same as prior (-2), new "n", buffer time
        assertThat(Bytes.wrap(changelog.get(0).value).toString()).isEqualTo(Bytes.wrap(new byte[] {
            0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 't', 0, 0, 0, 1, 0, 0, 0, 0,
            0, 0, 0, 1, 'o', -1, -1, -1, -2, 0, 0, 0, 1, 'n', 0, 0, 0, 0, 0, 0, 0, 9}).toString());
    }

    @Test
    void aMalformedChangelogRecordFailsTheRestoreNamingTheStore() {
        TestTaskContext fresh = new TestTaskContext("app", new File("unused"), null, null);
        open(fresh, true);
        BatchingStateRestoreCallback callback = (BatchingStateRestoreCallback) fresh.registered.get(STORE);
        assertThatThrownBy(() -> callback.restoreAll(List.of(KeyValue.pair(new byte[] {1}, new byte[] {1, 2, 3}))))
            .isInstanceOf(SerializationException.class).hasMessageContaining(STORE);
    }

    @Test
    void loggingNeedsAContextThatCanWriteAChangelog() {
        InMemoryTimeOrderedChangeBuffer<String, String> buffer =
            new InMemoryTimeOrderedChangeBuffer<>(STORE, Serdes.String(), Serdes.String(), true);
        TestStoreContext plain = new TestStoreContext("app", new File("unused"));
        assertThatThrownBy(() -> buffer.init(plain, buffer)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(STORE).hasMessageContaining("withLoggingDisabled");
    }
}
