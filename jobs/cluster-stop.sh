#!/usr/bin/env bash
# Stops the standalone cluster that jobs/cluster-start.sh started under CLUSTER_HOME: SIGTERM to
# each process, SIGKILL to any still alive after STOP_TIMEOUT_SEC (30). Running jobs are not
# savepointed: stop them first with jobs/stop-job.sh.
set -euo pipefail
source "$(dirname "$0")/lib/cluster-common.sh"

shopt -s nullglob
pidfiles=("$RUN"/*.pid)
if [ ${#pidfiles[@]} -eq 0 ]; then
  echo "No cluster is running under $CLUSTER_HOME."
  exit 0
fi
# TaskManagers first, so they do not try to reconnect to a JobManager that is going away.
for pidfile in $(ls -1 "${pidfiles[@]}" | sort -r); do
  name="$(basename "$pidfile" .pid)"
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    deadline=$((SECONDS + ${STOP_TIMEOUT_SEC:-30}))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"
      echo "Killed $name (pid $pid): it did not stop within ${STOP_TIMEOUT_SEC:-30} s"
    else
      echo "Stopped $name (pid $pid)"
    fi
  else
    echo "$name (pid $pid) was not running"
  fi
  rm -f "$pidfile"
done
