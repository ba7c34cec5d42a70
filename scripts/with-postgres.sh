#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 that this script starts and always stops.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]   (DATABASE_URL is set for the command)
set -euo pipefail
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
ROOT=$(mktemp -d /tmp/minhduc-pg.XXXXXX)
PORT=${PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

if [[ $(id -u) -eq 0 ]]; then
  as_pg() { (cd "$ROOT" && runuser -u postgres -- "$@"); }
  chown postgres:postgres "$ROOT"
else
  as_pg() { "$@"; }
fi
chmod 700 "$ROOT"

stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$ROOT"
}
trap stop EXIT

as_pg "$PG_BIN/initdb" -D "$ROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
PG_OPTIONS="-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
as_pg "$PG_BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/log" -w -t 30 -o "$PG_OPTIONS" start >/dev/null
psql_pg() { as_pg psql -h "$ROOT" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_pg -c "CREATE ROLE minhduc LOGIN PASSWORD 'minhduc' CREATEDB"
psql_pg -c "CREATE DATABASE minhduc OWNER minhduc"
echo "PostgreSQL tạm thời: 127.0.0.1:$PORT"

# What a fault test needs to stop and start this server mid-run (scripts/load.py --faults):
# "$PG_CTL" -D "$PGDATA_DIR" stop, then start with -l "$PG_LOG" -o "$PG_OPTIONS", as $PG_RUN_AS.
export PG_CTL="$PG_BIN/pg_ctl" PGDATA_DIR="$ROOT/data" PG_LOG="$ROOT/log" PG_OPTIONS
export PG_RUN_AS=$([[ $(id -u) -eq 0 ]] && echo postgres || true)
DATABASE_URL="postgres://minhduc:minhduc@127.0.0.1:$PORT/minhduc" "$@"
