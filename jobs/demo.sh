#!/usr/bin/env bash
# README command 1: build the job, then run it on the embedded market in a local Flink MiniCluster.
#   Web UI on http://127.0.0.1:8081, live rows on http://127.0.0.1:8000 (the stream server, in the same
#   process), Parquet under ./data, a line per symbol every second.
#   Ctrl+C (or SIGTERM) stops it with a savepoint; --resume-from latest continues from it.
# Any configuration flag may follow (./jobs/demo.sh --help lists them), e.g. --symbols BTCUSDT.
set -euo pipefail
source "$(dirname "$0")/lib/local-run.sh"
run_local demo "$@"
