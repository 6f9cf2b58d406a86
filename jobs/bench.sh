#!/usr/bin/env bash
# The bench command: the whole job against plain Jackson on the same recorded bytes, then
# receive-to-output latency at a fixed input rate through the real WebSocket source.
#   ./jobs/bench.sh [recording.gz] [copies] [events/s per symbol] [seconds]
# Defaults: the hftbacktest BTCUSDT recording x60, loopback market at 30,000 events/s per symbol
# (about 10,000 messages/s), 30 s. Run it on an otherwise idle machine.
#
# The stream server's fan-out instead: ingest-to-receive latency and rows/s fanned out to N clients.
#   ./jobs/bench.sh server [rows/s] [seconds] [clients,...]
# Defaults: 50 rows/s (the demo's rate), 30 s measured after 5 s of warm-up, 1,50,200 clients.
#
# The client SDK's micro-benchmarks (JMH, io.orderflow.tools.bench.client): bars(symbol, 1m, 1000) from
# the cache, and a live message's decode beside plain Jackson's readTree, time and bytes allocated per call.
#   ./jobs/bench.sh client [JMH options and benchmark regexps]
# Defaults (on the classes): 1 fork, 3 x 2 s warm-up, 5 x 2 s measured; -prof gc always. E.g.
#   ./jobs/bench.sh client -i 10 DecodeBench.kline
#
# Issue 16's fault figures: reconnect and book-resync times measured by the WebSocket source itself,
# against the loopback exchange dropping every connection N times and withholding a diff M times.
#   ./jobs/bench.sh faults [drops] [gaps]
# Defaults: 100 drops, 50 gaps.
#
# Issue 17's file figures: DuckDB reading one symbol's UTC day of prices in the old layout (a file a
# minute) beside the hour files the publisher makes of the same rows, and what publishing costs.
#   ./jobs/bench.sh files [rows/s per symbol] [runs]
# Defaults: 10 rows/s (864,000 rows), 10 runs of each query per layout after one warm-up.
#
# Issue 17's scale figures: N skewed symbols through the WebSocket source, PASS/FAIL per target
# (the same as jobs/scale.sh, which has the details).
#   ./jobs/bench.sh scale [symbols[,symbols...]] [seconds] [flags...]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = scale ]; then
  shift
  exec jobs/scale.sh "$@"
fi

main=io.orderflow.tools.bench.ReplayBench
if [ "${1:-}" = server ]; then
  main=io.orderflow.tools.bench.FanOutBench
  shift
elif [ "${1:-}" = faults ]; then
  main=io.orderflow.tools.bench.FaultBench
  shift
elif [ "${1:-}" = files ]; then
  main=io.orderflow.tools.bench.FileLayoutBench
  shift
elif [ "${1:-}" = client ]; then
  main=org.openjdk.jmh.Main
  shift
  set -- -prof gc "$@"
fi

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (mvn package, tests skipped)..."
  mvn -B -q -DskipTests package
fi

exec java @flink-conf/jvm.options \
  -Dlog4j.configurationFile=flink-conf/log4j-console.properties \
  -cp "tools/target/classes:$(cat tools/target/classpath-runtime.txt)" \
  "$main" "$@"
