#!/usr/bin/env bash
# A harvest on this machine, without a cluster: the job with the harvest profile in a local Flink
# MiniCluster (Web UI on http://127.0.0.1:8081), Parquet under OUTPUT_DIR (./data), its live rows on
# http://127.0.0.1:8000 (SERVER_PORT; the harvest does not depend on them).
#   ./jobs/harvest.sh                          live Binance USD-M futures (the profile's source; needs the internet)
#   ./jobs/harvest.sh --resume-from latest
# Ctrl+C or SIGTERM stops it with a savepoint under STATE_DIR/savepoints (./state): every Parquet
# file is committed, none is left in progress. Resuming continues from that savepoint: the source
# back-fills the trades made meanwhile, and nothing is written twice.
# On a standalone cluster, use jobs/cluster-start.sh and jobs/submit-job.sh instead.
set -euo pipefail
source "$(dirname "$0")/lib/local-run.sh"
run_local harvest "$@"
