#!/usr/bin/env bash
# The example strategy of the client SDK (README, "Use it from a strategy"): a 5/20 moving-average
# cross on 1m bars, confirmed by the fusion score, one decision a line per symbol and closed bar.
# Run it against a demo: ./jobs/demo.sh in one terminal, ./jobs/strategy.sh in another.
#   WEBSOCKET_ENDPOINT (ws://127.0.0.1:8000/ws/stream) and WEBSOCKET_SYMBOLS (BTCUSDT,ETHUSDT) choose
#   the server and the symbols (docs/client.md, Settings). Ctrl+C or SIGTERM closes the client.
set -euo pipefail
cd "$(dirname "$0")/.."

. jobs/lib/build.sh
ensure_built

# exec: the JVM gets Ctrl+C and SIGTERM directly; its shutdown hook closes the client.
exec java -cp "tools/target/classes:$(cat tools/target/classpath-runtime.txt)" \
  io.orderflow.tools.strategy.MovingAverageCrossStrategy
