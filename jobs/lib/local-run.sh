# Shared by jobs/demo.sh and jobs/harvest.sh: build unless SKIP_BUILD=1, then run the job in a local
# Flink MiniCluster (io.orderflow.tools.local.LocalDemo) with a profile, and the stream server beside
# it (SERVER_PORT). Sourced, not run.
#   run_local PROFILE [flags...]
# Ctrl+C or SIGTERM stops the job with a savepoint under STATE_DIR/savepoints; --resume-from latest
# resumes from the newest one.
# Memory (docs/operations.md#memory-of-local-runs): JAVA_HEAP is the JVM's heap (by default 192m for
# the demo's job, 256m for a harvest's, plus 192m when the stream server runs in the same process);
# ORDERFLOW_JAVA_OPTS adds JVM options (split on spaces), e.g. -XX:NativeMemoryTracking=summary.

run_local() {
  local profile="$1"
  shift
  cd "$(dirname "${BASH_SOURCE[0]}")/../.."
  . jobs/lib/build.sh
  ensure_built 1
  # A harvest keeps its log: artifacts/run_logs/<tag>.log, the tag also naming the run in its dq reports.
  local log_config=flink-conf/log4j-console.properties run_props=()
  if [ "$profile" = harvest ]; then
    local tag="harvest_$(date -u +%Y%m%d_%H%M)"
    mkdir -p artifacts/run_logs
    log_config+=",flink-conf/log4j-run-log.properties"
    run_props=(-Dorderflow.run.tag="$tag" -Dorderflow.run.log="artifacts/run_logs/$tag.log")
    echo "Run log: artifacts/run_logs/$tag.log"
  fi
  # A harvest's live feed fills the trade-id memory that the demo barely starts; an in-process stream
  # server keeps up to 10,000 rows per stream in its rings, about 50 MB per symbol once they are full.
  local heap default_mb=192
  [ "$profile" != harvest ] || default_mb=256
  ! server_in_process "$@" || default_mb=$((default_mb + 192))
  heap="$(java_heap "${default_mb}m")" || exit 2
  # exec: the JVM gets Ctrl+C and SIGTERM directly, and stops the job with a savepoint.
  # The JVM's limits: a local run holds the MiniCluster, the loopback exchange and the stream server
  # in one process, and without limits the JVM would take a quarter of the machine's memory as heap.
  # The heap is fixed (-Xms = -Xmx, as Flink sizes its TaskManagers), so RSS levels off once the heap
  # is touched; direct memory holds the MiniCluster's 32 MB of network buffers (LocalDemo) and the
  # sockets' buffers; metaspace (about 85 MB of classes) is capped so that a class leak fails loudly.
  # Two malloc arenas instead of one per busy thread: about 25 MB less resident, and no slow growth.
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  # shellcheck disable=SC2086 # ORDERFLOW_JAVA_OPTS holds several options
  exec java @flink-conf/jvm.options -Xms"$heap" -Xmx"$heap" -XX:MaxDirectMemorySize=128m -XX:MaxMetaspaceSize=192m \
    ${ORDERFLOW_JAVA_OPTS:-} \
    -Dlog4j.configurationFile="$log_config" "${run_props[@]}" \
    -cp "tools/target/classes:$(cat tools/target/classpath-runtime.txt)" \
    io.orderflow.tools.local.LocalDemo --profile "$profile" "$@"
}

# java_heap DEFAULT: JAVA_HEAP, or DEFAULT, checked: a size in MB or GB (192m, 1g), at least 128m.
java_heap() {
  local heap="${JAVA_HEAP:-$1}" mb
  if [[ "$heap" =~ ^([0-9]{1,6})([mMgG])$ ]]; then
    mb=$((10#${BASH_REMATCH[1]}))
    [ "${BASH_REMATCH[2],,}" = m ] || mb=$((mb * 1024))
    if [ "$mb" -ge 128 ]; then
      echo "$heap"
      return
    fi
  fi
  echo "JAVA_HEAP=$heap: give the local run's heap in MB or GB, at least 128m (e.g. JAVA_HEAP=512m)" >&2
  return 1
}

# server_in_process FLAGS...: whether LocalDemo starts the stream server in this process, i.e. neither
# LIVE_URL nor SERVER_PORT=0 is given, in the environment or as a flag. (A profile that sets them is
# not read here: the heap is then only larger than needed.)
server_in_process() {
  local live_url="${LIVE_URL:-}" server_port="${SERVER_PORT:-}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --live-url=*) live_url="${1#*=}" ;;
      --server-port=*) server_port="${1#*=}" ;;
      --live-url) live_url="${2:-}"; shift ;;
      --server-port) server_port="${2:-}"; shift ;;
    esac
    [ $# -eq 0 ] || shift
  done
  [ -z "$live_url" ] && [ "$server_port" != 0 ]
}
