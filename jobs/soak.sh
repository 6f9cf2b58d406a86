#!/usr/bin/env bash
# Issue 16's soak (docs/performance.md): the demo for DURATION, its memory sampled every INTERVAL.
# The stream server runs in a process of its own (jobs/serve.sh) and the demo sends its rows there
# (LIVE_URL), so the job's process is measured alone and the server's share apart.
#   DURATION=30m WARMUP=5m INTERVAL=30s ./jobs/soak.sh [demo flags...]
# DURATION and WARMUP are minutes (30, 5) unless given in seconds (45s); INTERVAL is seconds (30).
# The clock starts when the job's first rows reach the server. WEB_UI_PORT (8081) and SERVER_PORT
# (8000) are the ports; JAVA_HEAP sizes the job's JVM as for the demo; SKIP_BUILD=1 skips the build.
# Prints a line per sample: elapsed time, RSS (VmRSS) and peak RSS (VmHWM) of the job's process and
# of the server's, and the job's heap in use (jstat); at the end, the live heap of each after a full
# GC (the server's is what it adds to a local run's heap in the same process); then RSS at the end of
# the warm-up and at the end, growth after the warm-up, the peaks, and the verdict against the
# targets (growth under 5 %, the job's process under 512 MB). Then SIGTERM stops the demo (with a
# savepoint) and the server, and the run's temporary directory is removed. Exit status: 0 when both
# processes ran to the end and stopped cleanly, whatever the verdict (the figures are reported, not
# judged); 1 when one failed; 2 for a bad setting.
set -euo pipefail
# Job control: without it the processes started in the background would ignore SIGINT (and the demo
# could not handle it); Ctrl+C stops the script, whose trap stops them.
set -m
cd "$(dirname "$0")/.."
source jobs/lib/build.sh

readonly GROWTH_TARGET_PCT=5 JOB_RSS_TARGET_MB=512 START_TIMEOUT_SEC=180

# seconds NAME VALUE DEFAULT_UNIT: VALUE (N, Ns or Nm; N in DEFAULT_UNIT) in seconds, or exit 2.
seconds() {
  if [[ ! "$2" =~ ^([0-9]{1,6})([sm]?)$ ]]; then
    echo "$1=$2: give whole seconds (45s) or minutes (5m)" >&2
    exit 2
  fi
  local n=$((10#${BASH_REMATCH[1]})) unit="${BASH_REMATCH[2]:-$3}"
  [ "$unit" = s ] && echo "$n" || echo $((n * 60))
}
duration=$(seconds DURATION "${DURATION:-30}" m)
warmup=$(seconds WARMUP "${WARMUP:-5}" m)
interval=$(seconds INTERVAL "${INTERVAL:-30}" s)
if [ "$interval" -lt 1 ] || [ "$warmup" -ge "$duration" ]; then
  echo "INTERVAL must be at least 1 s and WARMUP shorter than DURATION (got ${interval}s, ${warmup}s, ${duration}s)" >&2
  exit 2
fi
web_ui_port="${WEB_UI_PORT:-8081}"
server_port="${SERVER_PORT:-8000}"
ensure_built
# A port in use would have the soak sample someone else's server, or stop the demo at start.
for port in "$server_port" "$web_ui_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "Port $port is in use: give SERVER_PORT and WEB_UI_PORT free ports" >&2
    exit 2
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/orderflow-soak.XXXXXX")"
mkdir "$work/data"
job_pid="" server_pid="" failed=""

# Stops what is still running (the demo first: its live sink writes to the server), shows the end of
# the log of a process that failed, and removes the temporary directory.
finish() {
  local status=$?
  stop_process "$job_pid"
  stop_process "$server_pid"
  if [ -n "$failed" ]; then
    echo "--- end of the $failed's log ---" >&2
    tail -n 40 "$work/$failed.log" >&2 || true
    status=1
  fi
  rm -rf "$work"
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stop_process() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1"
    wait "$1" || true
  fi
}

# fail WHICH MESSAGE: ends the run, showing the end of WHICH's log (job or server).
fail() {
  echo "soak: $2" >&2
  failed="$1"
  exit 1
}

# status_mb PID FIELD: the field of /proc/PID/status (VmRSS, VmHWM) in MB.
status_mb() {
  awk -v field="$2:" '$1 == field { printf "%d", $2 / 1024 }' "/proc/$1/status"
}

# heap_mb PID: the heap in use (survivor, eden and old spaces, from jstat), or - if jstat has no answer.
heap_mb() {
  jstat -gc "$1" 2>/dev/null | awk '
    NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i }
    NR == 2 { printf "%d", ($column["S0U"] + $column["S1U"] + $column["EU"] + $column["OU"]) / 1024; found = 1 }
    END { if (!found) printf "-" }'
}

# live_heap_mb PID: the heap in use right after a full collection.
live_heap_mb() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  heap_mb "$1"
}

SKIP_BUILD=1 jobs/serve.sh --port "$server_port" --data "$work/data" --state "$work/server-state" \
  >"$work/server.log" 2>&1 &
server_pid=$!
SKIP_BUILD=1 jobs/demo.sh --output-dir "$work/data" --state-dir "$work/state" --web-ui-port "$web_ui_port" \
  --live-url "ws://127.0.0.1:$server_port/ingest" "$@" >"$work/job.log" 2>&1 &
job_pid=$!
echo "Soak: the demo (pid $job_pid, Web UI :$web_ui_port) and the stream server (pid $server_pid, :$server_port);" \
  "$((duration / 60)) min $((duration % 60)) s, warm-up $((warmup / 60)) min $((warmup % 60)) s, a sample every $interval s"

# The clock starts when the job's rows reach the server: both processes are up and the job runs.
started=$SECONDS
until [[ "$(curl -sf "http://127.0.0.1:$server_port/health" || true)" == *'"ingest_connected":true'* ]]; do
  kill -0 "$server_pid" 2>/dev/null || fail server "the stream server exited at start"
  kill -0 "$job_pid" 2>/dev/null || fail job "the demo exited at start"
  [ $((SECONDS - started)) -lt "$START_TIMEOUT_SEC" ] || fail job "the job sent no rows to the server within $START_TIMEOUT_SEC s"
  sleep 1
done
echo "The job sends its rows to the server after $((SECONDS - started)) s; the clock starts."

printf '%7s %10s %11s %11s %13s %14s\n' elapsed job_rss_mb job_peak_mb job_heap_mb server_rss_mb server_peak_mb
samples="$work/samples"
t0=$SECONDS
for ((at = 0; at <= duration; at += interval)); do
  while [ $((SECONDS - t0)) -lt "$at" ]; do
    sleep 1
  done
  kill -0 "$job_pid" 2>/dev/null || fail job "the demo exited during the soak"
  kill -0 "$server_pid" 2>/dev/null || fail server "the stream server exited during the soak"
  printf '%4d:%02d %10d %11d %11s %13d %14d\n' $((at / 60)) $((at % 60)) \
    "$(status_mb "$job_pid" VmRSS)" "$(status_mb "$job_pid" VmHWM)" "$(heap_mb "$job_pid")" \
    "$(status_mb "$server_pid" VmRSS)" "$(status_mb "$server_pid" VmHWM)" | tee -a "$samples"
done

# What each holds, without garbage: the server's is what it adds to a local run's heap in the same process.
echo "Live heap after a full GC (jcmd GC.run): job $(live_heap_mb "$job_pid") MB, server $(live_heap_mb "$server_pid") MB"
echo "Stopping: SIGTERM to the demo (savepoint), then to the server..."
kill -TERM "$job_pid"
job_status=0
wait "$job_pid" || job_status=$?
job_pid=""
grep -q "every Parquet file is committed" "$work/job.log" && [ "$job_status" -eq 0 ] ||
  fail job "the demo did not stop cleanly (exit status $job_status)"
echo "The demo stopped with a savepoint, every Parquet file committed (exit status 0)."
kill -TERM "$server_pid"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
# The server stops in its shutdown hook: the JVM's status after SIGTERM is 143.
[ "$server_status" -eq 143 ] || [ "$server_status" -eq 0 ] || fail server "the server exited with status $server_status"
echo "The server stopped (exit status $server_status)."

# The summary, from the samples: the first at or after the end of the warm-up, and the last.
awk -v warmup="$warmup" -v growth_target="$GROWTH_TARGET_PCT" -v rss_target="$JOB_RSS_TARGET_MB" '
  { split($1, t, ":"); at = t[1] * 60 + t[2] }
  !base && at >= warmup { base = 1; base_at = $1; job_base = $2; server_base = $5 }
  { end_at = $1; job_end = $2; job_peak = $3; server_end = $5; server_peak = $6 }
  END {
    growth = (job_end - job_base) * 100 / job_base
    printf "Summary (the job'\''s process; the stream server apart):\n"
    printf "  job     RSS %d MB at the end of the warm-up (%s), %d MB at the end (%s): %+.1f %% after the warm-up; peak %d MB\n",
      job_base, base_at, job_end, end_at, growth, job_peak
    printf "  server  RSS %d MB at the end of the warm-up, %d MB at the end; peak %d MB\n", server_base, server_end, server_peak
    printf "  verdict growth under %d %%: %s; job under %d MB: %s\n", growth_target, growth < growth_target ? "yes" : "NO",
      rss_target, job_peak < rss_target ? "yes" : "NO"
  }' "$samples"
