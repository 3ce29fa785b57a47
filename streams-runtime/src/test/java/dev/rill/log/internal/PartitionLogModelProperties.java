package dev.rill.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeader;
import dev.rill.log.CompressionType;
import dev.rill.log.IsolationLevel;
import dev.rill.log.TopicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The partition log against a sorted map of offset to record, over random sequences of appends (keys,
 * nulls, headers, gzip), transactional appends of several producers with COMMIT and ABORT markers,
 * read_uncommitted reads from random offsets with random size limits, read_committed reads, searches by
 * timestamp, retention, compaction and restarts, with segments small enough to roll every few batches.
 */
class PartitionLogModelProperties {

    sealed interface Action permits Append, Read, Retain, Compact, Restart, SeekTime, TxnAppend, EndTxn, ReadCommitted {
    }

    record Rec(String key, String value, boolean header, int timestampJitter) {
    }

    record Append(List<Rec> records, boolean gzip, int clockAdvance) implements Action {
    }

    record Read(double fraction, int maxBytes) implements Action {
    }

    /** Records of producer {@code producerId}'s transaction, opened by the first such append. */
    record TxnAppend(long producerId, List<Rec> records) implements Action {
    }

    record EndTxn(long producerId, boolean commit) implements Action {
    }

    record ReadCommitted() implements Action {
    }

    record Retain(int clockAdvance) implements Action {
    }

    record Compact(int clockAdvance) implements Action {
    }

    record Restart() implements Action {
    }

    record SeekTime(double fraction) implements Action {
    }

    record Model(String key, String value, long timestamp, List<String> headers) {
    }

    /** Transaction bookkeeping of the model: which offsets belong to which producer, and which were aborted. */
    static final class Txns {
        final Map<Long, Long> producerOf = new HashMap<>();
        final Map<Long, List<Long>> open = new TreeMap<>();
        final java.util.Set<Long> aborted = new java.util.HashSet<>();

        long lastStableOffset(long end) {
            return open.values().stream().mapToLong(l -> l.get(0)).min().orElse(end);
        }
    }

    @Property(tries = 50)
    void partitionLogAgreesWithAnInMemoryModel(@ForAll("actions") List<Action> actions, @ForAll boolean compacted,
                                               @ForAll @IntRange(min = 150, max = 700) int segmentBytes,
                                               @ForAll @IntRange(min = 0, max = 300) int indexInterval,
                                               @ForAll boolean byteRetention) throws IOException {
        TopicConfig config = TopicConfig.builder()
            .segmentBytes(segmentBytes)
            .indexIntervalBytes(indexInterval)
            .cleanupPolicy(compacted ? TopicConfig.CleanupPolicy.COMPACT_DELETE : TopicConfig.CleanupPolicy.DELETE)
            .retentionMs(5_000)
            .retentionBytes(byteRetention ? 1_500 : -1)
            .deleteRetentionMs(3_000)
            .build();
        Path dir = Files.createTempDirectory("partition-model");
        LogTestSupport s = new LogTestSupport(dir, config);
        TreeMap<Long, Model> model = new TreeMap<>();
        Txns txns = new Txns();
        long[] start = {0};
        long[] end = {0};
        try {
            for (Action action : actions) {
                apply(s, config, action, model, txns, start, end, compacted);
                assertThat(s.log.lastStableOffset()).as("last stable offset after %s", action)
                    .isEqualTo(txns.lastStableOffset(end[0]));
                assertThat(s.log.logEndOffset()).as("log end after %s", action).isEqualTo(end[0]);
                assertThat(s.log.logStartOffset()).as("log start after %s", action).isEqualTo(start[0]);
            }
            s.restart();
            assertSameContent(s.log, model);
            assertCommittedContent(s.log, model, txns, end[0]);
        } finally {
            s.log.close();
            deleteRecursively(dir);
        }
    }

    private static void apply(LogTestSupport s, TopicConfig config, Action action, TreeMap<Long, Model> model,
                              Txns txns, long[] start, long[] end, boolean compacted) {
        if (action instanceof TxnAppend t) {
            List<LogRecord> records = new ArrayList<>();
            for (Rec r : t.records()) {
                String key = compacted && r.key() == null ? "k0" : r.key();
                records.add(LogRecord.of(s.clock.get() - r.timestampJitter(), LogTestSupport.utf8(key),
                    LogTestSupport.utf8(r.value()), null));
            }
            long base = s.log.append(AppendBatch.transactional(t.producerId(), (short) 0, CompressionType.NONE, records));
            assertThat(base).isEqualTo(end[0]);
            for (LogRecord r : records) {
                txns.producerOf.put(end[0], t.producerId());
                txns.open.computeIfAbsent(t.producerId(), p -> new ArrayList<>()).add(end[0]);
                model.put(end[0]++, toModel(r));
            }
        } else if (action instanceof EndTxn e) {
            long marker = s.log.appendMarker(e.producerId(), (short) 0, e.commit() ? ControlType.COMMIT : ControlType.ABORT);
            assertThat(marker).isEqualTo(end[0]);
            end[0]++;
            List<Long> offsets = txns.open.remove(e.producerId());
            if (offsets != null && !e.commit()) {
                txns.aborted.addAll(offsets);
            }
        } else if (action instanceof ReadCommitted) {
            assertCommittedContent(s.log, model, txns, end[0]);
        } else if (action instanceof Append a) {
            s.clock.addAndGet(a.clockAdvance());
            List<LogRecord> records = new ArrayList<>();
            for (Rec r : a.records()) {
                String key = compacted && r.key() == null ? "k0" : r.key();
                Header[] headers = r.header() ? new Header[] {new RecordHeader("h", LogTestSupport.utf8(key + "!"))} : null;
                records.add(LogRecord.of(s.clock.get() - r.timestampJitter(), LogTestSupport.utf8(key),
                    LogTestSupport.utf8(r.value()), headers));
            }
            long base = s.log.append(AppendBatch.of(a.gzip() ? CompressionType.GZIP : CompressionType.NONE, records));
            assertThat(base).isEqualTo(end[0]);
            for (LogRecord r : records) {
                model.put(end[0]++, toModel(r));
            }
        } else if (action instanceof Read r) {
            long from = start[0] + (long) ((end[0] - start[0]) * r.fraction());
            FetchResult result = s.log.read(from, r.maxBytes(), IsolationLevel.READ_UNCOMMITTED);
            List<LogRecord> visible = result.visibleRecords(from, IsolationLevel.READ_UNCOMMITTED);
            List<Map.Entry<Long, Model>> expected = new ArrayList<>(model.tailMap(from, true).entrySet());
            assertThat(visible.size()).isLessThanOrEqualTo(expected.size());
            for (int i = 0; i < visible.size(); i++) {
                assertThat(visible.get(i).offset()).isEqualTo(expected.get(i).getKey());
                assertThat(toModel(visible.get(i))).isEqualTo(expected.get(i).getValue());
            }
            if (from < end[0]) {
                assertThat(result.batches()).as("read from %d", from).isNotEmpty();
            }
        } else if (action instanceof SeekTime t) {
            long min = model.values().stream().mapToLong(Model::timestamp).min().orElse(0);
            long max = model.values().stream().mapToLong(Model::timestamp).max().orElse(0);
            long target = min + (long) ((max + 10 - min) * t.fraction());
            Optional<TimestampedOffset> expected = model.entrySet().stream()
                .filter(e -> e.getValue().timestamp() >= target).findFirst()
                .map(e -> new TimestampedOffset(e.getKey(), e.getValue().timestamp()));
            assertThat(s.log.offsetForTimestamp(target)).as("search for %d", target).isEqualTo(expected);
        } else if (action instanceof Retain r) {
            long now = s.clock.addAndGet(r.clockAdvance());
            Statistics.label("retention deleted segments").collect(s.log.deleteExpiredSegments(now) > 0);
            long newStart = s.log.logStartOffset();
            assertThat(newStart).isGreaterThanOrEqualTo(start[0]);
            if (config.retentionBytes() < 0) {
                assertThat(model.headMap(newStart).values())
                    .allSatisfy(m -> assertThat(m.timestamp()).isLessThan(now - config.retentionMs()));
            }
            model.headMap(newStart).clear();
            start[0] = newStart;
        } else if (action instanceof Compact c) {
            long now = s.clock.addAndGet(c.clockAdvance());
            List<Segment> segments = s.log.segments();
            long activeBase = segments.get(segments.size() - 1).baseOffset();
            try {
                Statistics.label("compaction removed records").collect(LogCleaner.clean(s.log, now) > 0);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            TreeMap<Long, Model> after = new TreeMap<>();
            for (LogRecord r : LogTestSupport.readAll(s.log, IsolationLevel.READ_UNCOMMITTED)) {
                after.put(r.offset(), toModel(r));
            }
            long lso = txns.lastStableOffset(end[0]);
            Map<String, Long> latest = new HashMap<>();
            model.forEach((offset, m) -> {
                if (offset < lso && !txns.aborted.contains(offset)) {
                    latest.put(m.key(), offset);
                }
            });
            for (Map.Entry<Long, Model> e : after.entrySet()) {
                assertThat(model.get(e.getKey())).as("record at %d kept as written", e.getKey()).isEqualTo(e.getValue());
            }
            for (Map.Entry<Long, Model> e : model.entrySet()) {
                Model m = e.getValue();
                boolean isLatest = !txns.aborted.contains(e.getKey()) && e.getKey() < lso
                    && latest.get(m.key()) == e.getKey().longValue();
                boolean expiredTombstone = m.value() == null && m.timestamp() < now - config.deleteRetentionMs();
                if (e.getKey() >= activeBase || e.getKey() >= lso || (isLatest && !expiredTombstone)) {
                    assertThat(after).as("record %d (%s) survives compaction", e.getKey(), m).containsKey(e.getKey());
                }
            }
            model.clear();
            model.putAll(after);
        } else if (action instanceof Restart r) {
            s.restart();
            assertSameContent(s.log, model);
        }
    }

    private static void assertCommittedContent(PartitionLog log, TreeMap<Long, Model> model, Txns txns, long end) {
        long lso = txns.lastStableOffset(end);
        List<Map.Entry<Long, Model>> expected = model.headMap(lso).entrySet().stream()
            .filter(e -> !txns.aborted.contains(e.getKey())).toList();
        List<LogRecord> committed = LogTestSupport.readAll(log, IsolationLevel.READ_COMMITTED);
        assertThat(committed).extracting(LogRecord::offset).containsExactlyElementsOf(expected.stream().map(Map.Entry::getKey).toList());
        assertThat(committed.stream().map(PartitionLogModelProperties::toModel).toList())
            .containsExactlyElementsOf(expected.stream().map(Map.Entry::getValue).toList());
    }

    private static void assertSameContent(PartitionLog log, TreeMap<Long, Model> model) {
        List<LogRecord> all = LogTestSupport.readAll(log, IsolationLevel.READ_UNCOMMITTED);
        assertThat(all).extracting(LogRecord::offset).containsExactlyElementsOf(model.keySet());
        assertThat(all.stream().map(PartitionLogModelProperties::toModel).toList()).containsExactlyElementsOf(model.values());
    }

    private static Model toModel(LogRecord r) {
        List<String> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(h.key() + "=" + LogTestSupport.text(h.value()));
        }
        return new Model(LogTestSupport.text(r.key()), LogTestSupport.text(r.value()), r.timestamp(), headers);
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)),
            net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 6).map(i -> "k" + i)));
        Arbitrary<String> values = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)),
            net.jqwik.api.Tuple.of(6, Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\n').ofMaxLength(80)));
        Arbitrary<Rec> rec = Combinators.combine(keys, values, Arbitraries.of(true, false), Arbitraries.integers().between(0, 300))
            .as(Rec::new);
        Arbitrary<Action> append = Combinators.combine(rec.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 700)).as(Append::new);
        Arbitrary<Action> read = Combinators.combine(Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(1, 2000)).as(Read::new);
        Arbitrary<Action> retain = Arbitraries.integers().between(0, 6000).map(Retain::new);
        Arbitrary<Action> compact = Arbitraries.integers().between(0, 5000).map(Compact::new);
        Arbitrary<Action> seek = Arbitraries.doubles().between(0, 1).map(SeekTime::new);
        Arbitrary<Action> restart = Arbitraries.just(new Restart());
        Arbitrary<Long> producers = Arbitraries.longs().between(1, 3);
        Arbitrary<Action> txnAppend = Combinators.combine(producers, rec.list().ofMinSize(1).ofMaxSize(3)).as(TxnAppend::new);
        Arbitrary<Action> endTxn = Combinators.combine(producers, Arbitraries.of(true, false)).as(EndTxn::new);
        Arbitrary<Action> readCommitted = Arbitraries.just(new ReadCommitted());
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, append),
            net.jqwik.api.Tuple.of(4, read),
            net.jqwik.api.Tuple.of(2, seek),
            net.jqwik.api.Tuple.of(1, retain),
            net.jqwik.api.Tuple.of(2, compact),
            net.jqwik.api.Tuple.of(1, restart),
            net.jqwik.api.Tuple.of(3, txnAppend),
            net.jqwik.api.Tuple.of(2, endTxn),
            net.jqwik.api.Tuple.of(2, readCommitted)).list().ofMinSize(10).ofMaxSize(50);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
