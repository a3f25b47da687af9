# Shared by the infra scripts: paths, logging with elapsed time, and pnpm on a machine that lacks it.
# shellcheck shell=bash
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT
export PILOT_DATA_DIR="${PILOT_DATA_DIR:-$REPO_ROOT/.data}"
# Engines are cached outside the repository so a fresh clone on the same machine reuses them.
export PILOT_CACHE_DIR="${PILOT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pilot-platform}"
PNPM_VERSION="12.4.2"

_started_at=$(date +%s)
log() { printf '[%4ss] %s\n' "$(($(date +%s) - _started_at))" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs pnpm at the pinned version: the one on PATH when it matches, otherwise through npx.
pnpm_cmd() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    pnpm "$@"
  else
    npx -y "pnpm@$PNPM_VERSION" "$@"
  fi
}

ensure_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20.19+ is required (node not found on PATH)"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20.19+ is required, found $(node --version)"
}

ensure_dependencies() {
  log "installing dependencies (pnpm $PNPM_VERSION, frozen lockfile)"
  (cd "$REPO_ROOT" && pnpm_cmd install --frozen-lockfile --reporter=append-only) >&2
}

# Resolves both Temporal engines and exports their paths for the SDK's `existing-path` executables.
ensure_temporal_engines() {
  TEMPORAL_CLI_PATH="$("$REPO_ROOT/infra/temporal/ensure-cli.sh")" || TEMPORAL_CLI_PATH=""
  TEMPORAL_TEST_SERVER_PATH="$("$REPO_ROOT/infra/temporal/ensure-test-server.sh")" || TEMPORAL_TEST_SERVER_PATH=""
  export TEMPORAL_CLI_PATH TEMPORAL_TEST_SERVER_PATH
  [ -n "$TEMPORAL_CLI_PATH" ] || log "no local Temporal CLI: the SDK will try to download the dev server"
  [ -n "$TEMPORAL_TEST_SERVER_PATH" ] || log "no local test server: the SDK will try to download it"
}
