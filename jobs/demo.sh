#!/usr/bin/env bash
# README command 1: build the job, then run it in a local Flink MiniCluster on the loopback exchange
#   (a Binance-compatible market served on 127.0.0.1 in the same process, read through the real
#   WebSocket source).
#   Web UI on http://127.0.0.1:8081, live rows on http://127.0.0.1:8000 (the stream server, in the same
#   process), Parquet under ./data, a line per symbol every second.
#   Ctrl+C (or SIGTERM) stops it with a savepoint; --resume-from latest continues from it.
# Any configuration flag may follow (./jobs/demo.sh --help lists them), e.g. --symbols BTCUSDT.
set -euo pipefail
source "$(dirname "$0")/lib/local-run.sh"
run_local demo "$@"
