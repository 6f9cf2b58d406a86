#!/usr/bin/env bash
# The data-quality report of a harvest (issue 12): reads the partitioned Parquet with DuckDB and
# writes artifacts/dq_reports/dq_<YYYYMMDD>_<HHMM>.json, the same report with its pictures as .html
# beside it (docs/data-quality.md), and a summary.
#   ./jobs/dq.sh [--data DIR] [--from DATE] [--to DATE] [--symbols A,B] [--out DIR] [thresholds...]
# --help lists the thresholds. Exit status: 0 no verdict fails, 1 a verdict fails, 2 bad input.
set -euo pipefail
cd "$(dirname "$0")/.."

. jobs/lib/build.sh
ensure_built

# C1 alone: the command lasts seconds and its heavy work is DuckDB's, native; C2 would spend more CPU
# compiling than it saves (2-3 s of the 35 s of CPU a 72-hour harvest takes).
exec java -XX:TieredStopAtLevel=1 -cp "tools/target/classes:$(cat tools/target/classpath-runtime.txt)" \
  io.orderflow.tools.dq.DqCommand "$@"
