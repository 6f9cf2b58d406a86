#!/usr/bin/env bash
# Resumes the job from the newest savepoint under STATE_DIR/savepoints on the running standalone
# cluster. Takes the same arguments as jobs/submit-job.sh (the same profile and flags as the stopped
# run, so the state fits: e.g. the same SYMBOLS and MARKET_RATE, and a --live-url if it had one).
set -euo pipefail
source "$(dirname "$0")/lib/cluster-common.sh"
savepoint="$(latest_savepoint)"
[ -n "$savepoint" ] || die "no savepoint under $SAVEPOINTS: stop a job with jobs/stop-job.sh first"
echo "Newest savepoint: $savepoint"
exec "$REPO/jobs/submit-job.sh" --from-savepoint "$savepoint" "$@"
