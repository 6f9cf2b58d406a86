#!/usr/bin/env bash
# Starts again each TaskManager of the running standalone cluster whose process has gone (killed,
# out of memory, its machine rebooted): a standalone cluster never replaces one by itself, and its
# jobs wait for free slots to restart from their last checkpoint. Each comes back under its own name
# and Prometheus port, so it takes the same environment as jobs/cluster-start.sh (PROM_TM_PORT); the
# dead one's log is kept as <name>.log.1.
set -euo pipefail
source "$(dirname "$0")/lib/cluster-common.sh"

PROM_TM_PORT="${PROM_TM_PORT:-9250}"
require_running

shopt -s nullglob
restarted=0
for pidfile in "$RUN"/taskmanager-*.pid; do
  pid_alive "$pidfile" && continue
  name="$(basename "$pidfile" .pid)"
  for file in "$LOGS/$name.log" "$LOGS/$name.out"; do
    [ -f "$file" ] && mv "$file" "$file.1"
  done
  start "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    "$((PROM_TM_PORT + ${name#taskmanager-} - 1))"
  restarted=$((restarted + 1))
done
[ "$restarted" -eq 0 ] && { echo "Every TaskManager is running."; exit 0; }

# Ready when all of them are registered with the JobManager (a dead one drops out after its heartbeat timeout).
expected=$(ls -1 "$RUN"/taskmanager-*.pid | wc -l)
deadline=$((SECONDS + ${START_TIMEOUT_SEC:-120}))
until curl -sf "http://127.0.0.1:$(rest_port)/overview" | grep -q "\"taskmanagers\":$expected,"; do
  [ "$SECONDS" -lt "$deadline" ] || die "the TaskManagers did not register within ${START_TIMEOUT_SEC:-120} s: see $LOGS"
  sleep 1
done
echo "Restarted $restarted TaskManager(s): $expected registered"
