#!/usr/bin/env bash
# README command 1: build the job, then run it on the embedded market in a local Flink MiniCluster.
#   Web UI on http://127.0.0.1:8081, Parquet under ./data, a line per symbol every second.
#   Ctrl+C (or SIGTERM) stops it with a savepoint; the last line says how to resume from it.
# Any configuration flag may follow (./jobs/demo.sh --help lists them), e.g. --symbols BTCUSDT.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (mvn package, tests skipped)..."
  mvn -B -q -DskipTests package
fi
for f in target/classes target/classpath-runtime.txt target/classpath-provided.txt; do
  [ -e "$f" ] || { echo "$f is missing: run without SKIP_BUILD=1 to build" >&2; exit 1; }
done

# exec: the JVM gets Ctrl+C and SIGTERM directly, and stops the job with a savepoint.
exec java @flink-conf/jvm.options \
  -Dlog4j.configurationFile=flink-conf/log4j-console.properties \
  -cp "target/classes:$(cat target/classpath-runtime.txt):$(cat target/classpath-provided.txt)" \
  io.orderflow.local.LocalDemo --profile demo "$@"
