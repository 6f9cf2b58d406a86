#!/usr/bin/env bash
# The bench command: the whole job against plain Jackson on the same recorded bytes, then
# receive-to-output latency at a fixed input rate through the real WebSocket source.
#   ./jobs/bench.sh [recording.gz] [copies] [events/s per symbol] [seconds]
# Defaults: the hftbacktest BTCUSDT recording x60, loopback market at 30,000 events/s per symbol
# (about 10,000 messages/s), 30 s. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (mvn package, tests skipped)..."
  mvn -B -q -DskipTests package
fi

exec java @flink-conf/jvm.options \
  -Dlog4j.configurationFile=flink-conf/log4j-console.properties \
  -cp "tools/target/classes:$(cat tools/target/classpath-runtime.txt)" \
  io.orderflow.tools.bench.ReplayBench "$@"
