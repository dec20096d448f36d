#!/usr/bin/env bash
# The API against its own OpenAPI document (docs/api.md, "Checked by schemathesis"): starts the
# app as `npm start` does (Temporal dev server, worker and API in one process, demo data) on its own
# free ports, data folder and a fresh database on the test PostgreSQL, then lets schemathesis
# generate requests from /docs-json, as an admin and as an end user, and fails on any 5xx answer
# or any answer the document does not describe (status, content type, body schema).
# Bounded: each run has a time budget; the whole step takes about four minutes.
#   SCHEMATHESIS_SEED=<n>  replays a run (the seed is printed at the start and by schemathesis)
#   SCHEMATHESIS_SECONDS   the time budget of each of the two runs (default 90)
# Needs TEMPORAL_CLI and TEST_DATABASE_URL (scripts/test.sh sets both); without them it finds or
# starts them itself, like test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"

SCHEMATHESIS_VERSION=4.32.5
venv="$root/.tools/schemathesis-$SCHEMATHESIS_VERSION" # .tools/ is git-ignored
seconds="${SCHEMATHESIS_SECONDS:-90}"
seed="${SCHEMATHESIS_SEED:-$(( (RANDOM << 15) | RANDOM ))}"
echo "schemathesis: seed $seed (replay with SCHEMATHESIS_SEED=$seed npm run schemathesis)"

work="$(mktemp -d /tmp/itsm-schemathesis.XXXXXX)"
app_pid=""
database=""
started_pg=0
test_pg() { npx ts-node --transpile-only scripts/test-postgres.ts "$@"; }
# Runs a line of Node with the project's packages (pg), for what bash cannot do itself.
node_eval() { node -e "$1" "${@:2}"; }

cleanup() {
  local status=$?
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    # The app's own process group: npx, Node (API, worker) and the Temporal dev server it started.
    kill -TERM -- "-$app_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$app_pid" 2>/dev/null || true
  fi
  if [ -n "$database" ]; then
    node_eval "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });
      c.connect().then(() => c.query('DROP DATABASE IF EXISTS $database WITH (FORCE)')).finally(() => c.end());" "$TEST_DATABASE_URL" || true
  fi
  if [ "$started_pg" = 1 ]; then test_pg stop || true; fi
  if [ "$status" != 0 ] && [ -f "$work/app.log" ]; then echo "--- the app's log (last 40 lines)"; tail -n 40 "$work/app.log"; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# --- schemathesis in its own venv (it needs Python >= 3.11)
python_ok() { "$1" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; }
find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then command -v "$candidate"; return 0; fi
  done
  return 1
}
if [ ! -x "$venv/bin/schemathesis" ] || [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  python="$(find_python || true)"
  if [ -z "$python" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "schemathesis: installing Python 3 with venv (Debian packages)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >&2
    python="$(find_python || true)"
  fi
  [ -n "$python" ] || { echo "schemathesis needs Python >= 3.11 with venv (apt-get install python3 python3-venv)" >&2; exit 1; }
  echo "schemathesis: installing schemathesis $SCHEMATHESIS_VERSION into $venv" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
fi

# --- Temporal CLI and PostgreSQL, as scripts/test.sh finds them
[ -d node_modules ] || npm ci --no-audit --no-fund
TEMPORAL_CLI="${TEMPORAL_CLI:-$(bash scripts/temporal-cli.sh)}"
export TEMPORAL_CLI
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  started_pg=1
  pg_env="$(test_pg)"
  eval "$pg_env"
fi
database="itsm_schemathesis_$(node_eval 'process.stdout.write(require("crypto").randomBytes(4).toString("hex"))')"
node_eval "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });
  c.connect().then(() => c.query('CREATE DATABASE $database')).finally(() => c.end());" "$TEST_DATABASE_URL"
database_url="$(node_eval 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; process.stdout.write(u.toString())' "$TEST_DATABASE_URL" "$database")"

# --- the app, as `npm start` runs it (src/main.ts), on free ports of 127.0.0.1
read -r port temporal_port ui_port listener_port sink_port metrics_port < <(node_eval "
  const net = require('net');
  const free = () => new Promise((ok) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });
  Promise.all([free(), free(), free(), free(), free(), free()]).then((ports) => console.log(ports.join(' ')));")
base="http://127.0.0.1:$port"
# ts-node rather than `tsc` + node dist/: the same code without writing dist/ (test.sh type-checks it already).
PORT="$port" TEMPORAL_PORT="$temporal_port" TEMPORAL_UI_PORT="$ui_port" TEMPORAL_SDK_METRICS_PORT="$metrics_port" \
  MAIL_LISTENER_PORT="$listener_port" MAIL_SINK_PORT="$sink_port" SMTP_URL="" WEBHOOK_ALLOWED_HOSTS=127.0.0.1 DATA_DIR="$work/data" DATABASE_URL="$database_url" \
  TEMPORAL_ADDRESS="" setsid npx ts-node --transpile-only src/main.ts >"$work/app.log" 2>&1 &
app_pid=$!
echo "schemathesis: starting the app on $base (Temporal on $temporal_port)"
for i in $(seq 1 180); do
  if curl -sf "$base/health" >/dev/null 2>&1; then break; fi
  kill -0 "$app_pid" 2>/dev/null || { echo "the app exited before it answered /health" >&2; exit 1; }
  [ "$i" = 180 ] && { echo "the app did not answer /health within 180 s" >&2; exit 1; }
  sleep 1
done

# --- the runs: an admin reaches every operation; an end user meets the refusals (403, 404)
run() {
  local who="$1"
  echo "schemathesis: as $who, $seconds s"
  # timeout: a hung run must not hang the suite; schemathesis' own budget ends it well before.
  # One worker: with two, Python 3.11.7 (Debian 12) raised "SystemError: AST constructor recursion
  # depth mismatch" inside Hypothesis (ast.parse from two threads), a runtime error of the tool.
  timeout --kill-after=10 $((seconds + 60)) "$venv/bin/schemathesis" run "$base/docs-json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --header "Authorization: Bearer demo-$who" \
    --max-examples 5 --max-time "$seconds" --seed "$seed" --workers 1 \
    --generation-database none --request-timeout 30 --no-color \
    --suppress-health-check all
}
# Both runs, even when the first fails: one report names every failure of this seed.
failed=""
run admin || failed="$failed admin"
run jannet || failed="$failed jannet"
if [ -n "$failed" ]; then
  echo "schemathesis: failures as:$failed (seed $seed; replay with SCHEMATHESIS_SEED=$seed)" >&2
  exit 1
fi
echo "schemathesis: no server errors and no answers the document does not describe (seed $seed)"
