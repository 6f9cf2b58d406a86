#!/usr/bin/env bash
# Submits the job jar (job/target/orderflow-job-<version>.jar) to the running standalone cluster, detached.
#   jobs/submit-job.sh [--profile NAME] [--from-savepoint PATH] [--parallelism N] [job flags...]
# The profile defaults to harvest; job flags override it (see java -jar ... --help, or the README).
# Live rows: start a stream server (jobs/serve.sh) and add --live-url ws://127.0.0.1:8000/ingest. A server
# on another host needs --live-url ws://HOST:8000/ingest and SERVER_INGEST_TOKEN in this script's
# environment, the same as the server's (docs/server.md#how-it-runs).
set -euo pipefail
source "$(dirname "$0")/lib/cluster-common.sh"

profile=harvest
savepoint=""
parallelism=""
job_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="${2:?--profile needs a name or file}"; shift 2 ;;
    --from-savepoint) savepoint="${2:?--from-savepoint needs a path}"; shift 2 ;;
    --parallelism) parallelism="${2:?--parallelism needs a number}"; shift 2 ;;
    *) job_args+=("$1"); shift ;;
  esac
done

require_running
jar="$(job_jar)"
cli_args=(run --detached)
[ -n "$savepoint" ] && cli_args+=(--fromSavepoint "$savepoint")
[ -n "$parallelism" ] && cli_args+=(--parallelism "$parallelism")

echo "Submitting $(basename "$jar") (profile $profile${savepoint:+, from $savepoint}) to http://127.0.0.1:$(rest_port)"
job_id="$(cli_extract 's/.*Job has been submitted with JobID \([0-9a-f]\{32\}\).*/\1/p' \
  "the submission failed" \
  "${cli_args[@]}" "$jar" --profile "$profile" ${job_args[@]+"${job_args[@]}"})"
echo "Submitted job $job_id"
echo "  Web UI: http://127.0.0.1:$(rest_port)/#/job/running/$job_id/overview"
echo "  stop it with a savepoint: jobs/stop-job.sh $job_id"
