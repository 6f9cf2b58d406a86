#!/usr/bin/env bash
# The stream server (issue 13, docs/server.md): takes the job's live rows on ws://HOST:PORT/ingest and
# serves them on /ws/stream, /incremental, /streams, /health and /metrics, on one port.
#   ./jobs/serve.sh [--port 8000] [--host 127.0.0.1] [--data DIR] [--ring-size 10000] [--ingest-token T]
# The token may come from SERVER_INGEST_TOKEN instead. Bad flags stop it at start (exit status 2).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (mvn package, tests skipped)..." >&2
  mvn -B -q -DskipTests package -pl server -am
fi
for f in server/target/classes server/target/classpath-runtime.txt; do
  [ -e "$f" ] || { echo "$f is missing: run without SKIP_BUILD=1 to build" >&2; exit 2; }
done

exec java -Dlog4j.configurationFile=flink-conf/log4j-console.properties -cp "server/target/classes:$(cat server/target/classpath-runtime.txt)" io.orderflow.server.ServerMain "$@"
