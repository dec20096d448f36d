#!/usr/bin/env bash
# Prints the path of a Temporal Web UI server (`temporal-ui-server`), building it from Go modules
# into the git-ignored .tools/ when missing (the pattern of scripts/temporal-cli.sh).
#
# The CLI's dev server embeds the UI but always points it at itself, so the cluster shape runs the
# UI server on its own against the cluster's frontend. Pinned to v2.42.1, the UI the pinned CLI
# (v1.5.1) embeds. The module ships its built assets (ui/assets, go:embed), so nothing but the Go
# module proxy is needed: ~1-2 minutes once, ~60 MB binary; never commit it.
set -euo pipefail
TEMPORAL_UI_VERSION="${TEMPORAL_UI_VERSION:-v2.42.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/temporal-ui-$TEMPORAL_UI_VERSION"

if [ -n "${TEMPORAL_UI_SERVER:-}" ] && [ -x "$TEMPORAL_UI_SERVER" ]; then echo "$TEMPORAL_UI_SERVER"; exit 0; fi
if [ -x "$tools/temporal-ui-server" ]; then echo "$tools/temporal-ui-server"; exit 0; fi

command -v go >/dev/null 2>&1 || { echo "Temporal UI server not found and no Go toolchain to build it (install Go >= 1.24)" >&2; exit 1; }
echo "building Temporal UI server $TEMPORAL_UI_VERSION from Go modules into $tools (a minute or two, once)" >&2
mkdir -p "$tools"
CGO_ENABLED=0 GOBIN="$tools" GOFLAGS=-mod=mod nice -n 10 go install \
  "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_VERSION" >&2
mv "$tools/server" "$tools/temporal-ui-server"
echo "$tools/temporal-ui-server"
