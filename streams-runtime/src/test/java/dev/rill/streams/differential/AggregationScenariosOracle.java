package dev.rill.streams.differential;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.CogroupedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KGroupedTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The twin of {@link AggregationScenarios} with Kafka Streams' DSL: identical bodies, other imports.
 */
final class AggregationScenariosOracle {
    private AggregationScenariosOracle() {
    }


    /** A named topology. */
    record Scenario(String name, Consumer<StreamsBuilder> topology) {
    }


    /** @return every scenario, in a fixed order */
    static List<Scenario> all() {
        return List.of(
            new Scenario("countByKey", AggregationScenariosOracle::countByKey),
            new Scenario("countByNewKey", AggregationScenariosOracle::countByNewKey),
            new Scenario("namedGroupingTwoAggregations", AggregationScenariosOracle::namedGroupingTwoAggregations),
            new Scenario("reduceAndAggregate", AggregationScenariosOracle::reduceAndAggregate),
            new Scenario("unmaterializedTableOperators", AggregationScenariosOracle::unmaterializedTableOperators),
            new Scenario("materializedTableOperators", AggregationScenariosOracle::materializedTableOperators),
            new Scenario("tableGroupByCount", AggregationScenariosOracle::tableGroupByCount),
            new Scenario("tableGroupByReduceAndAggregate", AggregationScenariosOracle::tableGroupByReduceAndAggregate),
            new Scenario("materializedFilterThenGroupBy", AggregationScenariosOracle::materializedFilterThenGroupBy),
            new Scenario("streamToTable", AggregationScenariosOracle::streamToTable),
            new Scenario("aggregateThenRegroup", AggregationScenariosOracle::aggregateThenRegroup),
            new Scenario("tumblingCount", AggregationScenariosOracle::tumblingCount),
            new Scenario("hoppingAggregate", AggregationScenariosOracle::hoppingAggregate),
            new Scenario("slidingCountAndReduce", AggregationScenariosOracle::slidingCountAndReduce),
            new Scenario("sessions", AggregationScenariosOracle::sessions),
            new Scenario("suppressTumbling", AggregationScenariosOracle::suppressTumbling),
            new Scenario("suppressHopping", AggregationScenariosOracle::suppressHopping),
            new Scenario("suppressSessions", AggregationScenariosOracle::suppressSessions),
            new Scenario("suppressSliding", AggregationScenariosOracle::suppressSliding),
            new Scenario("suppressTimeLimit", AggregationScenariosOracle::suppressTimeLimit),
            new Scenario("suppressTimeLimitTable", AggregationScenariosOracle::suppressTimeLimitTable),
            new Scenario("suppressTimeLimitBytes", AggregationScenariosOracle::suppressTimeLimitBytes));
    }


    /** Word-count style: count per key, no repartition. */
    static void countByKey(StreamsBuilder b) {
        b.<String, String>stream("in").groupByKey().count().toStream().mapValues(v -> String.valueOf(v)).to("out");
    }


    /** Re-keyed count through a generated repartition topic. */
    static void countByNewKey(StreamsBuilder b) {
        b.<String, String>stream("in").groupBy((k, v) -> v == null || v.isEmpty() ? null : v.substring(0, 1)).count()
            .toStream().mapValues(v -> String.valueOf(v)).to("out");
    }


    /** Named grouping shared by two aggregations, named store. */
    static void namedGroupingTwoAggregations(StreamsBuilder b) {
        KGroupedStream<String, String> grouped = b.<String, String>stream("in")
            .groupBy((k, v) -> v == null || v.isEmpty() ? k : v.substring(0, 1), Grouped.as("by-letter"));
        grouped.count(Materialized.as("letter-counts")).toStream().mapValues(v -> String.valueOf(v)).to("out");
        grouped.reduce((a, c) -> a + "|" + c).toStream().to("out2");
    }


    /** reduce and aggregate on the original key, with caching choices. */
    static void reduceAndAggregate(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        in.groupByKey().reduce((a, c) -> c.compareTo(a) > 0 ? c : a, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("max")
            .withCachingDisabled()).toStream().to("out");
        in.groupByKey().aggregate(() -> "", (k, v, agg) -> agg.length() > 12 ? v : agg + v, Named.as("concat"),
            Materialized.with(Serdes.String(), Serdes.String())).toStream().to("out2");
    }


    /** A source table that keeps no store, filtered and mapped. */
    static void unmaterializedTableOperators(StreamsBuilder b) {
        KTable<String, String> t = b.table("in");
        t.filter((k, v) -> v.length() % 2 == 0).toStream().to("out");
        t.mapValues(v -> v.isEmpty() ? null : v.toUpperCase()).filterNot((k, v) -> v.startsWith("A")).toStream().to("out2");
    }


    /** A materialized source table, filtered (old values available) and mapped into a store. */
    static void materializedTableOperators(StreamsBuilder b) {
        KTable<String, String> t = b.table("in", Materialized.as("source-table"));
        t.filter((k, v) -> v.length() % 2 == 0).toStream().to("out");
        t.mapValues((k, v) -> k + v, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("mapped")
            .withValueSerde(Serdes.String())).toStream().to("out2");
    }


    /** KTable.groupBy with count, moving rows between groups. */
    static void tableGroupByCount(StreamsBuilder b) {
        b.<String, String>table("in").groupBy((k, v) -> KeyValue.pair(v.isEmpty() ? "" : v.substring(0, 1), v)).count()
            .toStream().mapValues(v -> String.valueOf(v)).to("out");
    }


    /** KTable.groupBy with reduce and aggregate (adder and subtractor). */
    static void tableGroupByReduceAndAggregate(StreamsBuilder b) {
        KTable<String, String> t = b.table("in", Consumed.as("tbl"));
        KGroupedTable<String, String> g = t.groupBy((k, v) -> KeyValue.pair(Integer.toString(v.length() % 3), k + "=" + v),
            Grouped.as("by-length"));
        g.reduce((agg, v) -> agg + "+" + v, (agg, v) -> agg.replace("+" + v, ""), Materialized.as("reduced")).toStream().to("out");
        g.aggregate(() -> 0L, (k, v, agg) -> agg + v.length(), (k, v, agg) -> agg - v.length(), Named.as("lengths"),
            Materialized.with(Serdes.String(), Serdes.Long())).toStream().mapValues(v -> String.valueOf(v)).to("out2");
    }


    /** A filter with its own store feeding a groupBy. */
    static void materializedFilterThenGroupBy(StreamsBuilder b) {
        b.<String, String>table("in").filter((k, v) -> !v.endsWith("z"), Materialized.as("filtered"))
            .groupBy((k, v) -> KeyValue.pair(k.substring(0, 1), v)).count(Named.as("per-prefix"))
            .toStream().mapValues(v -> String.valueOf(v)).to("out");
    }


    /** KStream.toTable with and without repartition. */
    static void streamToTable(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        in.toTable().filter((k, v) -> v.length() > 1).toStream().to("out");
        in.selectKey((k, v) -> v == null || v.isEmpty() ? null : v.substring(0, 1)).toTable(Named.as("rekeyed"),
            Materialized.as("rekeyed-store")).toStream().to("out2");
    }


    /** An aggregation result re-grouped as a table. */
    static void aggregateThenRegroup(StreamsBuilder b) {
        b.<String, String>stream("in").groupByKey().count().groupBy((k, v) -> KeyValue.pair(Long.toString(v % 3), k))
            .count().toStream().mapValues(v -> String.valueOf(v)).to("out");
    }


    /** Tumbling windows with grace: late records and out-of-order updates. */
    static void tumblingCount(StreamsBuilder b) {
        b.<String, String>stream("in").groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(20), Duration.ofMillis(10)))
            .count().toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), String.valueOf(v)))
            .to("out");
    }


    /** Hopping windows, aggregate with null values reaching the aggregator, re-keyed first. */
    static void hoppingAggregate(StreamsBuilder b) {
        b.<String, String>stream("in").groupBy((k, v) -> k == null ? null : k.substring(0, 1))
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(30), Duration.ofMillis(15)).advanceBy(Duration.ofMillis(10)))
            .aggregate(() -> "", (k, v, agg) -> agg + (v == null ? "~" : v), Materialized.as("hops"))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start(), v)).to("out");
    }


    /** Sliding windows: count and reduce. */
    static void slidingCountAndReduce(StreamsBuilder b) {
        KGroupedStream<String, String> g = b.<String, String>stream("in").groupByKey();
        g.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(20))).count()
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), String.valueOf(v)))
            .to("out");
        g.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(15))).reduce((a, c) -> a + c, Named.as("slide-reduce"))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start(), v)).to("out2");
    }


    /** Session windows: count, and aggregate with a merger. */
    static void sessions(StreamsBuilder b) {
        KGroupedStream<String, String> g = b.<String, String>stream("in").groupByKey();
        g.windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(10))).count()
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), String.valueOf(v)))
            .to("out");
        g.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(8)))
            .aggregate(() -> "", (k, v, agg) -> agg + (v == null ? "~" : v), (k, a, c) -> a + "+" + c, Materialized.as("sess"))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v)).to("out2");
    }

    /** Final results of tumbling windows: one count per window once it closes, late records dropped. */
    static void suppressTumbling(StreamsBuilder b) {
        b.<String, String>stream("in").groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(20), Duration.ofMillis(10))).count()
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), String.valueOf(v)))
            .to("out");
    }


    /** Final results of hopping windows through a repartition, named, with a bounded strict buffer. */
    static void suppressHopping(StreamsBuilder b) {
        b.<String, String>stream("in").groupBy((k, v) -> k == null ? null : k.substring(0, 1), Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(30), Duration.ofMillis(15)).advanceBy(Duration.ofMillis(10)))
            .aggregate(() -> "", (k, v, agg) -> agg + (v == null ? "~" : v), Materialized.with(Serdes.String(), Serdes.String()))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.maxRecords(1000).shutDownWhenFull()).withName("final-hops"))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start(), v)).to("out");
    }


    /** Final results of sessions: merged-away sessions never come out; the buffer has no changelog. */
    static void suppressSessions(StreamsBuilder b) {
        b.<String, String>stream("in").groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(10))).count()
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded().withLoggingDisabled()))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), String.valueOf(v)))
            .to("out");
    }


    /** Final results of sliding windows, after a filter and a mapValues on the windowed table. */
    static void suppressSliding(StreamsBuilder b) {
        b.<String, String>stream("in").groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(20))).reduce((a, c) -> a + c)
            .filter((w, v) -> v.length() != 3).mapValues(v -> v.toUpperCase())
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v)).to("out");
    }


    /** Rate-limited counts: per key, the latest count once 15 ms have passed; small buffers spill early. */
    static void suppressTimeLimit(StreamsBuilder b) {
        KTable<String, Long> counts = b.<String, String>stream("in").groupByKey().count();
        counts.suppress(Suppressed.untilTimeLimit(Duration.ofMillis(15), Suppressed.BufferConfig.unbounded()))
            .toStream().mapValues(v -> String.valueOf(v)).to("out");
        counts.suppress(Suppressed.untilTimeLimit(Duration.ofMillis(40), Suppressed.BufferConfig.maxRecords(2)))
            .toStream().mapValues(v -> String.valueOf(v)).to("out2");
    }

    /** Rate-limited counts in a buffer bounded by bytes, which spills its oldest entries when full. */
    static void suppressTimeLimitBytes(StreamsBuilder b) {
        b.<String, String>stream("in").groupByKey().count()
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(25), Suppressed.BufferConfig.maxBytes(120)).withName("by-bytes"))
            .toStream().mapValues(v -> String.valueOf(v)).to("out");
    }


    /** A rate-limited table of reduced values, where deletions (tombstones) pass through the buffer. */
    static void suppressTimeLimitTable(StreamsBuilder b) {
        b.<String, String>table("in").filter((k, v) -> !v.endsWith("z"))
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(10), Suppressed.BufferConfig.maxRecords(3).emitEarlyWhenFull()))
            .toStream().to("out");
    }

    /** Cogroups over any input: null keys and values are dropped and counted. */
    static List<Scenario> cogroups() {
        return List.of(
            new Scenario("cogroupTwoInputs", AggregationScenariosOracle::cogroupTwoInputs),
            new Scenario("cogroupThreeInputsOneRepartitioned", AggregationScenariosOracle::cogroupThreeInputsOneRepartitioned),
            new Scenario("cogroupNamedGroupingTwoAggregations", AggregationScenariosOracle::cogroupNamedGroupingTwoAggregations));
    }

    /**
     * Windowed cogroups, to be run only on input where no record is late: with late records the two differ on purpose
     * (one stream time per task against one per input).
     */
    static List<Scenario> windowedCogroups() {
        return List.of(
            new Scenario("cogroupTumbling", AggregationScenariosOracle::cogroupTumbling),
            new Scenario("cogroupSessions", AggregationScenariosOracle::cogroupSessions),
            new Scenario("cogroupSliding", AggregationScenariosOracle::cogroupSliding));
    }

    /** Two inputs split from one topic, no repartition, generated names. */
    static void cogroupTwoInputs(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        KGroupedStream<String, String> left = in.filter((k, v) -> k == null || k.startsWith("a")).groupByKey();
        KGroupedStream<String, String> right = in.filterNot((k, v) -> k == null || k.startsWith("a")).groupByKey();
        left.<String>cogroup((k, v, agg) -> agg + "L" + v)
            .cogroup(right, (k, v, agg) -> agg + "R" + v)
            .aggregate(() -> "", Materialized.with(Serdes.String(), Serdes.String()))
            .toStream().to("out");
    }

    /** Three inputs of two value types, one re-keyed through the cogroup's own repartition topic; named nodes. */
    static void cogroupThreeInputsOneRepartitioned(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        KGroupedStream<String, String> byKey = in.filter((k, v) -> v == null || v.length() < 2).groupByKey();
        KGroupedStream<String, String> byLetter = in.filter((k, v) -> v != null && v.length() >= 2)
            .groupBy((k, v) -> v.substring(0, 1));
        KGroupedStream<String, Integer> lengths = in.mapValues(v -> v == null ? null : v.length())
            .groupByKey(Grouped.with(Serdes.String(), Serdes.Integer()));
        KTable<String, Long> mixed = byKey.<Long>cogroup((k, v, agg) -> agg + 1)
            .cogroup(byLetter, (k, v, agg) -> agg + 100)
            .cogroup(lengths, (k, v, agg) -> agg + v * 10000L)
            .aggregate(() -> 0L, Named.as("mix"), Materialized.with(Serdes.String(), Serdes.Long()));
        mixed.toStream().mapValues(v -> String.valueOf(v)).to("out");
        mixed.groupBy((k, v) -> KeyValue.pair(Long.toString(v % 2), k)).count().toStream().mapValues(v -> String.valueOf(v)).to("out2");
    }

    /** A named grouping as input, and two aggregations of one cogroup sharing its repartition topic. */
    static void cogroupNamedGroupingTwoAggregations(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        KGroupedStream<String, String> byFirst = in.groupBy((k, v) -> v == null || v.isEmpty() ? k : v.substring(0, 1),
            Grouped.as("by-first"));
        CogroupedKStream<String, String> co = in.groupByKey().<String>cogroup((k, v, agg) -> agg.length() > 8 ? v : agg + v)
            .cogroup(byFirst, (k, v, agg) -> agg + "/");
        co.aggregate(() -> "", Materialized.as("co-store")).toStream().to("out");
        co.aggregate(() -> "#", Named.as("co-named")).toStream().to("out2");
    }

    /** Tumbling windows over two inputs, one re-keyed; null values reach the aggregators. */
    static void cogroupTumbling(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        KGroupedStream<String, String> plain = in.filter((k, v) -> v == null || v.startsWith("a")).groupByKey();
        KGroupedStream<String, String> rekeyed = in.filterNot((k, v) -> v == null || v.startsWith("a"))
            .groupBy((k, v) -> k == null ? null : k.substring(0, 1));
        plain.<String>cogroup((k, v, agg) -> agg + (v == null ? "~" : v))
            .cogroup(rekeyed, (k, v, agg) -> agg + "|" + v)
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(20), Duration.ofMillis(10)))
            .aggregate(() -> "", Materialized.as("cotumble"))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v)).to("out");
    }

    /** Session windows over two inputs with a merger, named nodes. */
    static void cogroupSessions(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        KGroupedStream<String, String> left = in.filter((k, v) -> k == null || k.startsWith("b")).groupByKey();
        KGroupedStream<String, String> right = in.filterNot((k, v) -> k == null || k.startsWith("b")).groupByKey();
        left.<String>cogroup((k, v, agg) -> agg + "L" + v)
            .cogroup(right, (k, v, agg) -> agg + "R" + v)
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(10)))
            .aggregate(() -> "", (k, x, y) -> x + "+" + y, Named.as("cosess"))
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v)).to("out");
    }

    /** Sliding windows over two inputs: null values are skipped, as by a sliding aggregate of one stream. */
    static void cogroupSliding(StreamsBuilder b) {
        KStream<String, String> in = b.stream("in");
        KGroupedStream<String, String> left = in.filter((k, v) -> v == null || v.length() % 2 == 0).groupByKey();
        KGroupedStream<String, String> right = in.filterNot((k, v) -> v == null || v.length() % 2 == 0).groupByKey();
        left.<String>cogroup((k, v, agg) -> agg + "L" + v)
            .cogroup(right, (k, v, agg) -> agg + "R" + v)
            .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(20)))
            .aggregate(() -> "")
            .toStream().map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v)).to("out");
    }
}
