#!/usr/bin/env bash
# Runs one benchmark from a fresh clone: builds what it needs with Maven, then runs its harness.
#   benchmarks/run.sh NAME [ARGS...]
# Names:
#   stateless   workload W1 (filter + mapValues + to) through Rill's and Kafka Streams' test drivers;
#               ends with "W1 rill_rps=N kstreams_rps=N ratio=R"; heap -Xms1g -Xmx1g
#   dsl         workloads W1..W6 through Rill's and Kafka Streams' test drivers (cache off, RocksDB stores),
#               median of 3 rounds per engine; ARGS: [records [rounds [W1 ... W6]]]; one line per workload
#               "W3 rill_rps=N kstreams_rps=N ratio=R" (W2 in input lines/s), then "dsl min_ratio=R";
#               heap -Xms2g -Xmx2g
#   stores      RocksDB key-value store (Stores.persistentKeyValueStore, typed, logging off): put, get,
#               range and cached put over N keys (default 10,000,000; ARGS: [keys]), then the RocksDB window
#               store over N/10 keys x 4 windows, printed as
#               "window keys=N windows=N put_rps=N fetch_rps=N range_rps=N cached_put_rps=N"; heap -Xmx256m, as the
#               state must live off-heap; ends with
#               "stores keys=N put_rps=N get_rps=N range_rps=N cached_put_rps=N heap_max_mb=N rss_peak_mb=N"
#   log         built-in log: 1 KB records appended by 1, 4 and 9 producers and read back by one consumer,
#               with flush policy os (page cache) and fsync (fsync per 1 MiB batch), next to dd's raw
#               write speed into the same temporary directory (ARGS: [records-per-run] [dir]); ends with
#               "log append_rps=N read_rps=N fsync_append_mbps=N disk_sync_write_mbps=N disk_ratio=R"
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NAME="${1:-}"
shift || true
case "$NAME" in
  stateless) MAIN=dev.rill.benchmarks.StatelessBenchmark ;;
  dsl) MAIN=dev.rill.benchmarks.DslBenchmark ;;
  stores) MAIN=dev.rill.benchmarks.StoresBenchmark ;;
  log) MAIN=dev.rill.benchmarks.LogBenchmark ;;
  *) echo "usage: benchmarks/run.sh NAME [ARGS...]; NAME is one of: stateless [records], dsl [records [rounds [workloads]]], stores [keys], log [records] [dir]" >&2; exit 2 ;;
esac
# Heap per benchmark: stores keeps its data in RocksDB, off-heap, so a small heap is part of what it checks.
case "$NAME" in
  stores) HEAP_OPTS=(-Xmx256m) ;;
  # dsl holds its 1,000,000-record input and the drivers' record queues on the heap.
  dsl) HEAP_OPTS=(-Xms2g -Xmx2g) ;;
  *) HEAP_OPTS=(-Xms1g -Xmx1g) ;;
esac
mvn -q -B -ntp -f "$ROOT/pom.xml" -pl benchmarks -am install -Dmaven.test.skip=true
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -ntp -f "$ROOT/benchmarks/pom.xml" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
# Rill's own classes come from this checkout's build output, not from the jars in the local repository,
# which another build may replace while a long benchmark is still loading classes from them.
RILL_CLASSES="$ROOT/benchmarks/target/classes"
for module in streams-runtime state-store streams-api windowing; do
  RILL_CLASSES="$RILL_CLASSES:$ROOT/$module/target/classes"
done
CP="$RILL_CLASSES:$(tr ':' '\n' < "$CP_FILE" | grep -v '/dev/rill/' | paste -sd: -)"
rm -f "$CP_FILE"   # exec below replaces the shell, so the EXIT trap would not run
exec java "${HEAP_OPTS[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
  -cp "$CP" "$MAIN" "$@"
