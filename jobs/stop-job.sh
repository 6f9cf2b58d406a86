#!/usr/bin/env bash
# Stops a job of the running standalone cluster with a savepoint under STATE_DIR/savepoints. The
# sources stop, the last Parquet files are committed, and the job can be resumed from the savepoint
# (jobs/resume-job.sh). Without a JOB_ID, stops the one running job.
#   jobs/stop-job.sh [JOB_ID]
set -euo pipefail
source "$(dirname "$0")/lib/cluster-common.sh"
require_running

job_id="${1:-}"
if [ -z "$job_id" ]; then
  mapfile -t jobs < <(running_jobs)
  case "${#jobs[@]}" in
    0) die "no job is running (jobs/list-jobs.sh lists them)" ;;
    1) job_id="${jobs[0]}" ;;
    *) die "${#jobs[@]} jobs are running: name one (${jobs[*]})" ;;
  esac
fi

echo "Stopping job $job_id with a savepoint under $SAVEPOINTS ..."
path="$(cli_extract 's/^Savepoint completed\. Path: //p' \
  "stop-with-savepoint of job $job_id failed, the job may still run" \
  stop --savepointPath "file://$SAVEPOINTS" "$job_id")"
echo "Stopped job $job_id. Savepoint: $path"
echo "  resume with: jobs/resume-job.sh   (or jobs/submit-job.sh --from-savepoint $path)"
