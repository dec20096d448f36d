#!/usr/bin/env bash
# The production shape on one machine, without Docker (`npm run start:cluster`): builds what is
# missing (npm packages; the Temporal server, its SQL tool, the CLI and the Web UI server from Go
# modules into .tools/, once), compiles, then hands over to the supervisor (scripts/cluster/main.ts)
# which runs PostgreSQL, Temporal, its Web UI, migrations, two workers and two API processes.
# Ctrl-C stops everything; the state stays in .data/cluster/ for the next start.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
TEMPORAL_SERVER_DIR="$(bash scripts/temporal-server.sh)"
TEMPORAL_CLI="$(bash scripts/temporal-cli.sh)"
TEMPORAL_UI_SERVER=""
if [ "${CLUSTER_UI:-true}" != false ]; then
  # The Web UI is a convenience: without it (no Go, a failed build) the cluster still runs.
  TEMPORAL_UI_SERVER="$(bash scripts/temporal-ui.sh)" || { echo "Temporal Web UI unavailable; continuing without it" >&2; TEMPORAL_UI_SERVER=""; }
fi
export TEMPORAL_SERVER_DIR TEMPORAL_CLI TEMPORAL_UI_SERVER
npx tsc -p tsconfig.build.json
# exec: the supervisor receives the signals itself (Ctrl-C, SIGTERM from a service manager).
exec node -r ts-node/register/transpile-only scripts/cluster/main.ts
