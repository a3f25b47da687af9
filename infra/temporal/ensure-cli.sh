#!/usr/bin/env bash
# Prints the path of a Temporal CLI (dev server with SQLite persistence and the Web UI).
# Order: $TEMPORAL_CLI, a `temporal` on PATH, the cached build, a fresh build from Go modules.
# Exits 3 when none can be had (no Go): callers then fall back to the SDK's own download.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# v1.5.1 is the newest tag `go install pkg@version` accepts (later go.mod files carry a replace directive).
CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
CACHED="$PILOT_CACHE_DIR/temporal-cli/$CLI_VERSION/temporal"

if [ -n "${TEMPORAL_CLI:-}" ]; then
  [ -x "$TEMPORAL_CLI" ] || die "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file"
  echo "$TEMPORAL_CLI"; exit 0
fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$CACHED" ]; then echo "$CACHED"; exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  log "Go not found: cannot build the Temporal CLI locally"
  exit 3
fi

log "building Temporal CLI $CLI_VERSION from Go modules into $(dirname "$CACHED") (first time: 2-4 minutes)"
start=$(date +%s)
mkdir -p "$(dirname "$CACHED")"
# Build into a temporary GOBIN and move atomically, so an interrupted build never leaves a broken binary.
tmp_bin="$(mktemp -d "$PILOT_CACHE_DIR/temporal-cli/.build.XXXXXX")"
trap 'rm -rf "$tmp_bin"' EXIT
(
  while sleep 30; do log "  still building the Temporal CLI ($(($(date +%s) - start))s)"; done
) &
ticker=$!
if ! GOBIN="$tmp_bin" GOFLAGS="${GOFLAGS:--buildvcs=false}" go install "github.com/temporalio/cli/cmd/temporal@$CLI_VERSION" >&2; then
  kill "$ticker" 2>/dev/null || true
  die "go install github.com/temporalio/cli/cmd/temporal@$CLI_VERSION failed"
fi
kill "$ticker" 2>/dev/null || true
mv "$tmp_bin/temporal" "$CACHED"
log "Temporal CLI $CLI_VERSION built in $(($(date +%s) - start))s"
echo "$CACHED"
