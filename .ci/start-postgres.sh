#!/usr/bin/env bash
# Starts a private PostgreSQL cluster on loopback for the integration tests. Idempotent: installs the
# Debian package if missing, creates the cluster once, starts it unless it already answers.
# Prints the connection string (and nothing else) on stdout, so a caller can write:
#   export ASSESSMENT_TEST_POSTGRES="$(bash .ci/start-postgres.sh)"
# Settings: ASSESSMENT_PG_PORT (default 55432), ASSESSMENT_PG_DIR (default ${TMPDIR:-/tmp}/assessment-pg-PORT).
set -euo pipefail

port="${ASSESSMENT_PG_PORT:-55432}"
dir="${ASSESSMENT_PG_DIR:-${TMPDIR:-/tmp}/assessment-pg-$port}"
connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"

log() { echo "start-postgres: $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  log "installing PostgreSQL (Debian package postgresql)"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

# The server refuses to run as root: run its tools as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  log "already running on 127.0.0.1:$port"
  echo "$connection"
  exit 0
fi

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
chmod 700 "$dir"

if [ ! -f "$dir/PG_VERSION" ]; then
  log "creating cluster in $dir"
  as_pg "$bin/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >&2
fi

# fsync=off: a throw-away test cluster; speed matters more than surviving a power cut.
log "starting on 127.0.0.1:$port (log: $dir/server.log)"
as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" -w start >&2

echo "$connection"
