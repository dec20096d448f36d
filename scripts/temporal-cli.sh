#!/usr/bin/env bash
# Prints the path of a `temporal` CLI, building it from Go modules when none is found.
# Order: $TEMPORAL_CLI, `temporal` on PATH, the cached build in .tools/, a fresh build into .tools/.
#
# Pinned to v1.5.1 (Temporal Server 1.29.1, Web UI 2.42.1): the newest release that
# `go install` accepts. v1.9.x declares `replace github.com/temporalio/cli/cliext => ./cliext`
# and the cliext module is not published on the Go module proxy, so it cannot be built from
# modules alone. A release-binary download is not reachable from every machine; the proxy is.
set -euo pipefail
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/temporal-$TEMPORAL_CLI_VERSION"

if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then echo "$TEMPORAL_CLI"; exit 0; fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$tools/temporal" ]; then echo "$tools/temporal"; exit 0; fi

command -v go >/dev/null 2>&1 || { echo "temporal CLI not found and no Go toolchain to build it (install Go >= 1.24)" >&2; exit 1; }
echo "building temporal CLI $TEMPORAL_CLI_VERSION from Go modules into $tools (takes a few minutes once)" >&2
mkdir -p "$tools"
# Pure Go (modernc SQLite): no C toolchain needed.
CGO_ENABLED=0 GOBIN="$tools" GOFLAGS=-mod=mod go install \
  -ldflags "-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION#v}" \
  "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
echo "$tools/temporal"
