# Shared by jobs/demo.sh and jobs/harvest.sh: build unless SKIP_BUILD=1, then run the job in a local
# Flink MiniCluster (io.orderflow.tools.local.LocalDemo) with a profile, and the stream server beside
# it (SERVER_PORT). Sourced, not run.
#   run_local PROFILE [flags...]
# Ctrl+C or SIGTERM stops the job with a savepoint under STATE_DIR/savepoints; --resume-from latest
# resumes from the newest one.

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
  # exec: the JVM gets Ctrl+C and SIGTERM directly, and stops the job with a savepoint.
  exec java @flink-conf/jvm.options \
    -Dlog4j.configurationFile="$log_config" "${run_props[@]}" \
    -cp "tools/target/classes:$(cat tools/target/classpath-runtime.txt)" \
    io.orderflow.tools.local.LocalDemo --profile "$profile" "$@"
}
