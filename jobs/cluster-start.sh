#!/usr/bin/env bash
# Starts a standalone Flink session cluster on loopback: one JobManager and TASKMANAGERS (default 1)
# TaskManagers, from jars Maven resolves (no Flink tarball). Configured by flink-conf/config.yaml.
#   Ports (environment): FLINK_REST_PORT (8081, also the Web UI), FLINK_RPC_PORT (6123),
#   PROM_JM_PORT (9249) and PROM_TM_PORT (9250; TaskManager i gets PROM_TM_PORT+i), the Prometheus
#   reporters. CLUSTER_HOME (./cluster) holds jars, config, logs and pids; STATE_DIR (./state) holds
#   checkpoints and savepoints.
# Stop it with jobs/cluster-stop.sh.
set -euo pipefail
source "$(dirname "$0")/lib/cluster-common.sh"

TASKMANAGERS="${TASKMANAGERS:-1}"
REST_PORT="${FLINK_REST_PORT:-8081}"
RPC_PORT="${FLINK_RPC_PORT:-6123}"
PROM_JM_PORT="${PROM_JM_PORT:-9249}"
PROM_TM_PORT="${PROM_TM_PORT:-9250}"

pid_alive "$RUN/jobmanager.pid" && die "a cluster is already running under $CLUSTER_HOME (JobManager pid $(cat "$RUN/jobmanager.pid")): stop it with jobs/cluster-stop.sh"
command -v java >/dev/null || die "java is not on the PATH"

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in "$REST_PORT" "$RPC_PORT" "$PROM_JM_PORT" $(seq "$PROM_TM_PORT" "$((PROM_TM_PORT + TASKMANAGERS - 1))"); do
  port_taken "$port" && die "port $port on 127.0.0.1 is taken: free it or choose others (FLINK_REST_PORT, FLINK_RPC_PORT, PROM_JM_PORT, PROM_TM_PORT)"
done

# Flink's jars, once per Flink version of the project's pom.
FLINK_VERSION="$(sed -n 's:.*<flink.version>\(.*\)</flink.version>.*:\1:p' "$REPO/pom.xml" | head -1)"
if [ "$(cat "$DIST/VERSION" 2>/dev/null)" != "$FLINK_VERSION" ]; then
  echo "Resolving Flink $FLINK_VERSION jars with Maven into $DIST ..."
  rm -rf "$DIST"
  mvn -B -q ${MAVEN_OFFLINE:+-o} -f "$REPO/jobs/cluster/pom.xml" -Dflink.version="$FLINK_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$DIST/lib" \
    || die "Maven could not resolve Flink $FLINK_VERSION (jobs/cluster/pom.xml)"
  mkdir -p "$DIST/plugins/prometheus"
  mv "$DIST"/lib/flink-metrics-prometheus-*.jar "$DIST/plugins/prometheus/"
  echo "$FLINK_VERSION" > "$DIST/VERSION"
fi

# This cluster's configuration: the shared one, then its own ports and state paths (later keys win).
mkdir -p "$CONF" "$LOGS" "$RUN" "$SAVEPOINTS" "$STATE_DIR/checkpoints"
cp "$REPO"/flink-conf/config.yaml "$REPO"/flink-conf/log4j.properties "$CONF/"
cat >> "$CONF/config.yaml" <<CONF

# --- written by jobs/cluster-start.sh for the cluster in $CLUSTER_HOME ---
rest.port: $REST_PORT
jobmanager.rpc.port: $RPC_PORT
taskmanager.numberOfTaskSlots: ${TASK_SLOTS:-2}
execution.checkpointing.dir: file://$STATE_DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$SAVEPOINTS
CONF

start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS "$PROM_JM_PORT"
for i in $(seq 1 "$TASKMANAGERS"); do
  start "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS "$((PROM_TM_PORT + i - 1))"
done

# Ready when every TaskManager has registered with the JobManager.
deadline=$((SECONDS + ${START_TIMEOUT_SEC:-120}))
until curl -sf "http://127.0.0.1:$REST_PORT/overview" | grep -q "\"taskmanagers\":$TASKMANAGERS,"; do
  for pidfile in "$RUN"/*.pid; do
    if ! pid_alive "$pidfile"; then
      name="$(basename "$pidfile" .pid)"
      tail -20 "$LOGS/$name.log" "$LOGS/$name.out" >&2 2>/dev/null || true
      "$REPO/jobs/cluster-stop.sh" >&2 || true
      die "the $name exited during start-up (its log is above)"
    fi
  done
  if [ "$SECONDS" -ge "$deadline" ]; then
    "$REPO/jobs/cluster-stop.sh" >&2 || true
    die "the cluster did not come up within ${START_TIMEOUT_SEC:-120} s: see $LOGS"
  fi
  sleep 1
done

echo "Flink cluster up: $TASKMANAGERS TaskManager(s) on 127.0.0.1"
echo "  Web UI and REST   http://127.0.0.1:$REST_PORT"
echo "  Prometheus        JobManager http://127.0.0.1:$PROM_JM_PORT/metrics, TaskManagers from port $PROM_TM_PORT"
echo "  savepoints        $SAVEPOINTS"
echo "Next: jobs/submit-job.sh --profile harvest   (stop the cluster with jobs/cluster-stop.sh)"
