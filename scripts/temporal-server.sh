#!/usr/bin/env bash
# Prints the folder holding a Temporal server (`server`) and its SQL schema tool (`temporal-sql-tool`),
# building both from Go modules into the git-ignored .tools/ when missing (the pattern of
# scripts/temporal-cli.sh). Used by the cluster shape (scripts/cluster.sh); the embedded default
# uses the CLI's dev server instead.
#
# Pinned to v1.32.1: v1.32.2 declares a newer Go than some machines have (GOTOOLCHAIN=local).
# A cold build takes ~7 minutes on 2 cores and produces ~270 MB of binaries: never commit them.
# $TEMPORAL_SERVER_DIR overrides the lookup (a folder with both binaries, e.g. from CI's cache).
set -euo pipefail
TEMPORAL_SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.32.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/temporal-server-$TEMPORAL_SERVER_VERSION"

have() { [ -x "$1/server" ] && [ -x "$1/temporal-sql-tool" ]; }

if [ -n "${TEMPORAL_SERVER_DIR:-}" ] && have "$TEMPORAL_SERVER_DIR"; then echo "$TEMPORAL_SERVER_DIR"; exit 0; fi
if have "$tools"; then echo "$tools"; exit 0; fi

command -v go >/dev/null 2>&1 || { echo "Temporal server not found and no Go toolchain to build it (install Go >= 1.24)" >&2; exit 1; }
echo "building Temporal server $TEMPORAL_SERVER_VERSION from Go modules into $tools (~7 minutes once, CPU-heavy)" >&2
mkdir -p "$tools"
# Pure Go (no C toolchain needed); nice: the build saturates every core for minutes.
CGO_ENABLED=0 GOBIN="$tools" GOFLAGS=-mod=mod nice -n 10 go install \
  "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
  "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2
# `go install` names the binary after its package folder: cmd/tools/sql -> sql.
mv "$tools/sql" "$tools/temporal-sql-tool"
echo "$tools"
