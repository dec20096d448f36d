#!/usr/bin/env bash
# Makes a real PostgreSQL server available to the tests and prints the shell line that exports
# TEST_DATABASE_URL. Uses $TEST_DATABASE_URL when it already answers; otherwise runs a private
# throw-away cluster on 127.0.0.1:$TEST_PG_PORT (Debian's `postgresql` package, installed when
# missing). `scripts/ensure-postgres.sh stop` stops that cluster again.
set -euo pipefail
port="${TEST_PG_PORT:-54329}"
dir="${TEST_PG_DIR:-/tmp/itsm-test-pg-$port}"

find_bin() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$candidate/pg_ctl" ] && { echo "$candidate"; return; }
  done
  command -v pg_ctl >/dev/null 2>&1 && dirname "$(command -v pg_ctl)"
}

as_owner() {
  # PostgreSQL refuses to run as root; CI runs as root, a developer usually does not.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin="$(find_bin || true)"
if [ "${1:-}" = stop ]; then
  [ -n "$bin" ] && [ -f "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi

if [ -n "${TEST_DATABASE_URL:-}" ] && psql "$TEST_DATABASE_URL" -qtAc 'SELECT 1' >/dev/null 2>&1; then
  echo "export TEST_DATABASE_URL='$TEST_DATABASE_URL'"
  exit 0
fi

if [ -z "$bin" ]; then
  echo "installing PostgreSQL (Debian package)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_owner "$bin/initdb" -D "$dir" -A trust -U postgres --no-sync >&2
  fi
  # A test cluster: durability is not the point, speed is.
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
    "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2
fi
echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres'"
