#!/usr/bin/env bash
# The whole test suite, from a fresh clone: npm packages, the Temporal CLI (built from Go modules
# when missing) and a real PostgreSQL server are set up first; then the type check and every
# Jest layer (machines, rules, workflows on a real Temporal dev server, end to end over HTTP).
# Extra arguments go to Jest, e.g. `npm test -- machines`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
TEMPORAL_CLI="$(bash scripts/temporal-cli.sh)"
export TEMPORAL_CLI
started_pg=0
if [ -z "${TEST_DATABASE_URL:-}" ]; then started_pg=1; fi
eval "$(bash scripts/ensure-postgres.sh)"
cleanup() { [ "$started_pg" = 1 ] && bash scripts/ensure-postgres.sh stop; }
trap cleanup EXIT
npx tsc -p tsconfig.json --noEmit
npx jest "$@"
