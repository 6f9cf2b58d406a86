#!/usr/bin/env bash
# Lists the in-progress Parquet files under a harvest that no job can commit any more (left by a
# TaskManager that died: docs/operations.md#after-a-crash), and deletes them with --remove.
#   ./jobs/orphans.sh [--data DIR] [--min-age-sec 3600] [--remove]
# Only files not written for longer than --min-age-sec (an hour: well above what a running job's
# checkpoints can hold a file for) are listed. Runs from the job jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
jar="$(ls -1 job/target/orderflow-job-*.jar 2>/dev/null | grep -v '/original-' | head -1 || true)"
[ -n "$jar" ] || { echo "orphans.sh: the job jar is not built: run 'mvn -B -DskipTests package' first" >&2; exit 2; }
exec java -cp "$jar" io.orderflow.job.sink.OrphanedParts "$@"
