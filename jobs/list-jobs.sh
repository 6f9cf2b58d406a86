#!/usr/bin/env bash
# Lists the jobs of the running standalone cluster: running and scheduled, then finished ones.
set -euo pipefail
source "$(dirname "$0")/lib/cluster-common.sh"
require_running
flink_cli list --all
