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

export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1

# Puts pnpm at the pinned version on PATH (turbo looks it up there): the one already on PATH when it
# matches, otherwise a copy installed from the npm registry into the cache (corepack cannot be used here).
ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then return; fi
  local prefix="$PILOT_CACHE_DIR/pnpm-$PNPM_VERSION"
  if [ ! -x "$prefix/node_modules/.bin/pnpm" ]; then
    log "installing pnpm $PNPM_VERSION into $prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" "pnpm@$PNPM_VERSION" >&2 \
      || die "could not install pnpm $PNPM_VERSION from the npm registry"
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
}

ensure_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20.19+ is required (node not found on PATH)"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20.19+ is required, found $(node --version)"
}

ensure_dependencies() {
  log "installing dependencies (pnpm $PNPM_VERSION, frozen lockfile)"
  (cd "$REPO_ROOT" && pnpm install --frozen-lockfile --reporter=append-only) >&2
}

# Resolves both Temporal engines and exports their paths for the SDK's `existing-path` executables.
# With `server`, also the Temporal server of the production shape (the test command's end-to-end
# test runs on it); the start command leaves it out, as it only needs the dev server.
ensure_temporal_engines() {
  TEMPORAL_CLI_PATH="$("$REPO_ROOT/infra/temporal/ensure-cli.sh")" || TEMPORAL_CLI_PATH=""
  TEMPORAL_TEST_SERVER_PATH="$("$REPO_ROOT/infra/temporal/ensure-test-server.sh")" || TEMPORAL_TEST_SERVER_PATH=""
  export TEMPORAL_CLI_PATH TEMPORAL_TEST_SERVER_PATH
  [ -n "$TEMPORAL_CLI_PATH" ] || log "no local Temporal CLI: the SDK will try to download the dev server"
  [ -n "$TEMPORAL_TEST_SERVER_PATH" ] || log "no local test server: the SDK will try to download it"
  if [ "${1:-}" = server ]; then
    # Exit 3 is "no Go here"; any other failure is a broken build and stops the command.
    local status=0
    TEMPORAL_SERVER_PATH="$("$REPO_ROOT/infra/temporal/ensure-server.sh")" || status=$?
    if [ "$status" = 3 ]; then
      TEMPORAL_SERVER_PATH=""
      log "no Temporal server build (Go is needed): the production shape cannot run here"
    elif [ "$status" != 0 ]; then
      die "the Temporal server build failed (infra/temporal/ensure-server.sh)"
    fi
    export TEMPORAL_SERVER_PATH
  fi
}

# Debian's Noto CJK for the PDFs the API prints (档案册, 周检查表): PDFKit embeds it, as the standard PDF
# fonts have no Chinese. Without it (and without PILOT_PDF_FONT) the PDF routes answer 503 and say why.
ensure_cjk_font() {
  if [ -n "${PILOT_PDF_FONT:-}" ] || [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's fonts-noto-cjk for the PDFs"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk) >&2 \
      || die "apt-get install fonts-noto-cjk failed"
  else
    log "warning: no Chinese font for PDFs: install fonts-noto-cjk or set PILOT_PDF_FONT (PDF downloads answer 503 until then)"
  fi
}

# poppler-utils: the tests read the PDFs back with pdftotext, pdfinfo and pdfimages, a reader of their own.
ensure_pdf_tools() {
  if command -v pdftotext >/dev/null 2>&1 && command -v pdfimages >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's poppler-utils for the PDF tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >&2 \
      || die "apt-get install poppler-utils failed"
  else
    die "the PDF tests need pdftotext and pdfimages: install Debian's poppler-utils"
  fi
}

# Debian's Chromium for the UI's end-to-end tests (playwright-core cannot download a browser here),
# with CJK fonts so screenshots show Chinese text rather than boxes.
ensure_chromium() {
  local missing=()
  if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
  if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh 2>/dev/null | grep -q .; then missing+=(fonts-noto-cjk); fi
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "installing Debian's ${missing[*]} for the browser tests"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >&2 \
        || die "apt-get install ${missing[*]} failed"
    else
      die "the UI tests need ${missing[*]}: install the Debian packages or set CHROMIUM_PATH"
    fi
  fi
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
}
