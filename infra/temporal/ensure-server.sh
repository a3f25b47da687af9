#!/usr/bin/env bash
# Prints the folder of a Temporal server build for the production shape (the server on PostgreSQL):
#   bin/server                       the Temporal server (frontend, history, matching, worker services)
#   bin/sql                          Temporal's SQL schema tool
#   config/                          the module's configs (development-postgres12.yaml, dynamicconfig/)
#   schema/postgresql/v12/           the versioned schemas of the temporal and visibility databases
# Order: $TEMPORAL_SERVER_DIR, the cached build, a fresh build from Go modules.
# Exits 3 when none can be had (no Go): callers then say the production shape cannot run here.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# The same server release the CLI v1.5.1 dev server embeds, so both shapes run one Temporal.
SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.29.1}"
MODULE="go.temporal.io/server"
CACHE_ROOT="$PILOT_CACHE_DIR/temporal-server"
CACHED="$CACHE_ROOT/$SERVER_VERSION"

complete() {
  [ -x "$1/bin/server" ] && [ -x "$1/bin/sql" ] \
    && [ -f "$1/config/development-postgres12.yaml" ] && [ -d "$1/schema/postgresql/v12/temporal/versioned" ] \
    && [ -d "$1/schema/postgresql/v12/visibility/versioned" ]
}

if [ -n "${TEMPORAL_SERVER_DIR:-}" ]; then
  complete "$TEMPORAL_SERVER_DIR" || die "TEMPORAL_SERVER_DIR=$TEMPORAL_SERVER_DIR lacks bin/server, bin/sql, config/ or schema/postgresql/v12/"
  echo "$TEMPORAL_SERVER_DIR"; exit 0
fi
if complete "$CACHED"; then echo "$CACHED"; exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  log "Go not found: cannot build the Temporal server locally"
  exit 3
fi

log "building Temporal server $SERVER_VERSION and its SQL tool from Go modules into $CACHED (first time: 3-5 minutes)"
start=$(date +%s)
mkdir -p "$CACHE_ROOT"
# Everything goes into a temporary folder that is renamed at the end, so an interrupted build never
# leaves a folder that looks complete.
tmp="$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")"
# After the rename $tmp is gone and chmod fails; under `set -e` that failure would become the script's
# exit status and fail a build that succeeded, hence `|| true`.
trap 'chmod -R u+w "$tmp" 2>/dev/null || true; rm -rf "$tmp"' EXIT
(
  while sleep 30; do log "  still building the Temporal server ($(($(date +%s) - start))s)"; done
) &
ticker=$!
if ! GOBIN="$tmp/bin" GOFLAGS="${GOFLAGS:--buildvcs=false}" \
  go install "$MODULE/cmd/server@$SERVER_VERSION" "$MODULE/cmd/tools/sql@$SERVER_VERSION" >&2; then
  kill "$ticker" 2>/dev/null || true
  die "go install $MODULE/cmd/server@$SERVER_VERSION $MODULE/cmd/tools/sql@$SERVER_VERSION failed"
fi
kill "$ticker" 2>/dev/null || true

# The configs and schemas are not compiled in: they come from the module's source, which the build
# has just put in the module cache (`go mod download` only asks where it is).
module_dir="$(go mod download -json "$MODULE@$SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
[ -d "$module_dir/config" ] && [ -d "$module_dir/schema/postgresql/v12" ] \
  || die "the module cache has no config/ or schema/postgresql/v12/ for $MODULE@$SERVER_VERSION (looked in '$module_dir')"
cp -R "$module_dir/config" "$tmp/config"
mkdir -p "$tmp/schema/postgresql"
cp -R "$module_dir/schema/postgresql/v12" "$tmp/schema/postgresql/v12"
# The module cache is read-only; the copies must not be, or the cache could not be cleared.
chmod -R u+w "$tmp"
chmod 755 "$tmp"
complete "$tmp" || die "the build in $tmp is incomplete"

rm -rf "$CACHED"
mv "$tmp" "$CACHED"
log "Temporal server $SERVER_VERSION built in $(($(date +%s) - start))s"
echo "$CACHED"
