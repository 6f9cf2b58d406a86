# Shared by the jobs/cluster-*.sh and jobs/*-job.sh scripts: where the standalone cluster lives and
# how to talk to it. Sourced, not run.
#
# A cluster is a directory (CLUSTER_HOME, default ./cluster):
#   dist/lib, dist/plugins/prometheus   Flink's jars, resolved by Maven (jobs/cluster/pom.xml)
#   conf/                               flink-conf/ plus this cluster's ports and state paths
#   log/, run/*.pid                     process logs and ids
# Checkpoints and savepoints go under STATE_DIR (default ./state), as for local runs.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLUSTER_HOME="$(mkdir -p "${CLUSTER_HOME:-$REPO/cluster}" && cd "${CLUSTER_HOME:-$REPO/cluster}" && pwd)"
STATE_DIR="$(mkdir -p "${STATE_DIR:-$REPO/state}" && cd "${STATE_DIR:-$REPO/state}" && pwd)"
DIST="$CLUSTER_HOME/dist"
CONF="$CLUSTER_HOME/conf"
LOGS="$CLUSTER_HOME/log"
RUN="$CLUSTER_HOME/run"
SAVEPOINTS="$STATE_DIR/savepoints"

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# The port this cluster's REST endpoint (and Web UI) listens on, from its generated config.
rest_port() {
  sed -n 's/^rest\.port: *//p' "$CONF/config.yaml" | tail -1
}

# Whether the process of a pid file runs; a killed one lingers as a zombie until it is reaped: not running.
pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null && [ "$(ps -o stat= -p "$(cat "$1")" | cut -c1)" != Z ]
}

require_running() {
  pid_alive "$RUN/jobmanager.pid" || die "no cluster is running under $CLUSTER_HOME: start one with jobs/cluster-start.sh"
  curl -sf "http://127.0.0.1:$(rest_port)/overview" >/dev/null \
    || die "the JobManager (pid $(cat "$RUN/jobmanager.pid")) does not answer on http://127.0.0.1:$(rest_port): see $LOGS/jobmanager.log"
}

# Flink's command-line client against this cluster. The job's main() runs in this process, so
# relative paths (profiles, OUTPUT_DIR) are resolved from the repository root.
flink_cli() {
  (cd "$REPO" && FLINK_CONF_DIR="$CONF" FLINK_PLUGINS_DIR="$DIST/plugins" java @"$REPO/flink-conf/jvm.options" \
    -Dlog4j.configurationFile="$REPO/flink-conf/log4j-cli.properties" \
    -cp "$DIST/lib/*" org.apache.flink.client.cli.CliFrontend "$@")
}

# Runs Flink's client and prints what SED_SCRIPT extracts from its output. When the client fails,
# or its output does not hold the value, shows that output and stops with FAILURE.
#   cli_extract SED_SCRIPT FAILURE CLIENT_ARGS...
cli_extract() {
  local sed_script="$1" failure="$2" out value
  shift 2
  out="$(flink_cli "$@" 2>&1)" || { echo "$out" >&2; die "$failure (the client's output is above)"; }
  value="$(echo "$out" | sed -n "$sed_script")"
  [ -n "$value" ] || { echo "$out" >&2; die "$failure: the client's output (above) does not say"; }
  echo "$value"
}

# The ids of the running jobs, one a line.
running_jobs() {
  flink_cli list -r 2>/dev/null | sed -n 's/^.* : \([0-9a-f]\{32\}\) : .*(RUNNING)$/\1/p'
}

# The newest complete savepoint under STATE_DIR/savepoints (one with its _metadata, written last),
# by the time of that file, or nothing.
latest_savepoint() {
  local dir newest=""
  for dir in "$SAVEPOINTS"/savepoint-*/; do
    [ -f "$dir/_metadata" ] || continue
    if [ -z "$newest" ] || [ "$dir/_metadata" -nt "$newest/_metadata" ]; then
      newest="${dir%/}"
    fi
  done
  [ -z "$newest" ] || echo "file://$newest"
}

job_jar() {
  local jar
  jar="$(ls -1 "$REPO"/job/target/orderflow-job-*.jar 2>/dev/null | grep -v '/original-' | head -1 || true)"
  [ -n "$jar" ] || die "the job jar is not built: run 'mvn -B -DskipTests package' first (it makes job/target/orderflow-job-<version>.jar)"
  echo "$jar"
}

# JVM memory flags (line 1) and the matching dynamic properties (line 2), as Flink's scripts compute them.
resource_params() {
  java -cp "$DIST/lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# Starts a cluster process in the background, its pid in RUN/NAME.pid and its log in LOGS/NAME.log.
#   start NAME MAIN_CLASS RESOURCE_QUERY PROM_PORT
start() {
  local name="$1" main="$2" params jvm dynamic
  params="$(resource_params "$3")"
  jvm="$(echo "$params" | sed -n 1p)"
  dynamic="$(echo "$params" | sed -n 2p)"
  [ -n "$jvm" ] || die "could not compute the memory settings of the $name from $CONF/config.yaml"
  # setsid: the process outlives this script and the terminal; stop it with jobs/cluster-stop.sh.
  # shellcheck disable=SC2086
  (cd "$REPO" && FLINK_CONF_DIR="$CONF" FLINK_PLUGINS_DIR="$DIST/plugins" exec setsid java $jvm \
    @"$REPO/flink-conf/jvm.options" \
    -Dlog.file="$LOGS/$name.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -cp "$DIST/lib/*" "$main" --configDir "$CONF" $dynamic -D metrics.reporter.prom.port="$4" \
    > "$LOGS/$name.out" 2>&1 < /dev/null) &
  echo $! > "$RUN/$name.pid"
  echo "Started $name (pid $!), log $LOGS/$name.log"
}
