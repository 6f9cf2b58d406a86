#!/usr/bin/env bash
# Issue 17's scale figures (docs/performance.md): N symbols with skewed rates (a few busy, a long quiet
# tail) from the loopback exchange in a JVM of its own, through the real WebSocket source into the
# whole job on a MiniCluster (Parquet in a temporary directory, a checkpoint every minute), with the
# job's heap fixed. Prints receive-to-row latency, checkpoint durations, the source's back-pressure,
# book drops and resyncs, both processes' peak RSS, and PASS/FAIL per target.
#   ./jobs/scale.sh [symbols[,symbols...]] [seconds] [ScaleBench flags...]
# Defaults: 500 symbols, 180 s measured after the warm-up (until every book synced, at most 600 s).
# Several counts (ascending, e.g. 100,200,300,500) run one fresh JVM each and stop at the first that
# fails: the last PASS is the largest count meeting every target. Flags: --top-rate 400 (events/s of
# the busiest symbol), --skew 1 (the k-th symbol at top-rate / k^skew), --checkpoint-sec 60,
# --sink parquet|discard, --warm-up-max 600, --exchange-opts "JVM options".
# JAVA_HEAP (default 1g) fixes the job's heap, EXCHANGE_HEAP (default 512m) the exchange's;
# ORDERFLOW_JAVA_OPTS adds options to the job's JVM (e.g. -XX:StartFlightRecording=filename=job.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
. jobs/lib/build.sh
. jobs/lib/local-run.sh

counts="${1:-500}"
[ $# -eq 0 ] || shift
seconds="${1:-180}"
[ $# -eq 0 ] || shift
[[ "$counts" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "symbols: a count or counts like 100,200,500, got $counts" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "seconds: a whole number, got $seconds" >&2; exit 2; }
heap="$(java_heap 1g)" || exit 2
exchange_heap="${EXCHANGE_HEAP:-512m}"
ensure_built 2

export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# This checkout's own modules' classes rather than their jars (in the local Maven repository, which
# another checkout's build may replace while a long run reads them, or in a checkout's target/).
classpath="tools/target/classes:$(tr ':' '\n' < tools/target/classpath-runtime.txt \
  | sed -E 's#^.*/orderflow-([a-z]+)(-[0-9][^/]*)?\.jar$#\1/target/classes#' | paste -sd:)"
largest=none
for n in ${counts//,/ }; do
  echo "=== $n symbols, $(uptime | sed 's/.*load/load/')"
  # shellcheck disable=SC2086 # ORDERFLOW_JAVA_OPTS holds several options
  if java @flink-conf/jvm.options -Xms"$heap" -Xmx"$heap" -XX:MaxDirectMemorySize=256m -XX:MaxMetaspaceSize=192m \
      ${ORDERFLOW_JAVA_OPTS:-} \
      -Dlog4j.configurationFile=flink-conf/log4j-console.properties \
      -cp "$classpath" io.orderflow.tools.bench.ScaleBench "$n" "$seconds" --exchange-opts "-Xms$exchange_heap -Xmx$exchange_heap" "$@"; then
    largest="$n"
  else
    status=$?
    [ "$status" -eq 1 ] || exit "$status"
    break
  fi
done
echo "=== largest symbol count meeting every target: $largest ($(uptime | sed 's/.*load/load/'))"
