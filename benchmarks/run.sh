#!/usr/bin/env bash
# Runs one benchmark from a fresh clone: builds what it needs with Maven, then runs its harness.
#   benchmarks/run.sh NAME [ARGS...]
# Names:
#   stateless   workload W1 (filter + mapValues + to) through Rill's and Kafka Streams' test drivers;
#               ends with "W1 rill_rps=N kstreams_rps=N ratio=R"
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NAME="${1:-}"
shift || true
case "$NAME" in
  stateless) MAIN=dev.rill.benchmarks.StatelessBenchmark ;;
  *) echo "usage: benchmarks/run.sh NAME [ARGS...]; NAME is one of: stateless" >&2; exit 2 ;;
esac
mvn -q -B -ntp -f "$ROOT/pom.xml" -pl benchmarks -am install -Dmaven.test.skip=true
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -ntp -f "$ROOT/benchmarks/pom.xml" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
exec java -Xms1g -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
  -cp "$ROOT/benchmarks/target/classes:$(cat "$CP_FILE")" "$MAIN" "$@"
