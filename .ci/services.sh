#!/usr/bin/env bash
# Install and start what the store/api/web/report tests need, on a fresh Debian machine, as root.
#
#   - PostgreSQL server: a cluster is started, role `sitrep` and database `sitrep_test` are created;
#   - Debian's chromium + chromium-driver (never a browser downloaded by a test tool);
#   - `npm ci` for the web assets (src/sitrep/web/package.json → src/sitrep/web/static/vendor/).
#
# Idempotent and fast when everything is already there. All progress goes to stderr; stdout gets
# exactly one line, the URL to use as SITREP_TEST_PG_URL, e.g.
#   export SITREP_TEST_PG_URL="$(bash .ci/services.sh)"
# Set SITREP_SERVICES_SKIP_PG=1 / SITREP_SERVICES_SKIP_BROWSER=1 / SITREP_SERVICES_SKIP_NPM=1 to skip a part.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/src/sitrep/web"
PG_USER="sitrep"
PG_PASS="sitrep"
PG_DB="sitrep_test"
PG_PORT="${SITREP_PG_PORT:-5432}"
export DEBIAN_FRONTEND=noninteractive

log() { echo "[services] $*" >&2; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (apt-get, pg_ctlcluster)"
    exit 2
  fi
}

APT_UPDATED=0
apt_install() {
  # apt_install PKG...: install the packages that are not installed yet.
  local missing=()
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    apt-get update -qq >&2
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

start_postgres() {
  apt_install postgresql
  local ver
  ver="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
    log "creating cluster $ver/main"
    pg_createcluster "$ver" main --port "$PG_PORT" >&2
  fi
  if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting postgresql $ver/main"
    pg_ctlcluster "$ver" main start >&2
  fi
  local port
  port="$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')"
  PG_PORT="$port"
  local i
  for i in $(seq 1 30); do
    if runuser -u postgres -- pg_isready -q -p "$PG_PORT"; then break; fi
    sleep 1
  done
  psql_su() { runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtAc "$1"; }
  if [ "$(psql_su "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != "1" ]; then
    log "creating role $PG_USER"
    psql_su "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASS'" >&2
  fi
  if [ "$(psql_su "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != "1" ]; then
    log "creating database $PG_DB"
    psql_su "CREATE DATABASE $PG_DB OWNER $PG_USER" >&2
  fi
}

install_browser() {
  apt_install chromium chromium-driver
  log "$(/usr/bin/chromium --version 2>/dev/null || echo 'chromium: not runnable')"
}

npm_assets() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  local stamp="$WEB/static/vendor/.lock-sha256"
  local want
  want="$(cat "$WEB/package.json" "$WEB/package-lock.json" "$WEB/vendor.mjs" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$WEB/static/vendor/leaflet/leaflet.js" ]; then
    log "web assets up to date"
    return 0
  fi
  log "npm ci in $WEB"
  # --ignore-scripts: no third-party install script runs; our own vendor step is run explicitly.
  (cd "$WEB" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2 && node vendor.mjs >&2)
  echo "$want" >"$stamp"
}

need_root
[ "${SITREP_SERVICES_SKIP_BROWSER:-0}" = "1" ] || install_browser
[ "${SITREP_SERVICES_SKIP_NPM:-0}" = "1" ] || npm_assets
if [ "${SITREP_SERVICES_SKIP_PG:-0}" = "1" ]; then
  echo ""
else
  start_postgres
  echo "postgresql://$PG_USER:$PG_PASS@127.0.0.1:$PG_PORT/$PG_DB"
fi
