#!/usr/bin/env bash
# The whole suite: checks, tests on SQLite, then on a throwaway PostgreSQL 15 when its
# binaries are here (required with CI=true), browser tests in Chromium on the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

echo "== Kiểm tra mã nguồn (ruff, migrations)"
$BIN/ruff format --check .
$BIN/ruff check .
DATABASE_URL=sqlite:///:memory: $BIN/python manage.py makemigrations --check --dry-run
$BIN/python scripts/check_translations.py

echo "== Kiểm tra cấu hình production (check --deploy)"
PORTAL_ENV=production ALLOWED_HOSTS=example.invalid DATABASE_URL=sqlite:///:memory: \
  SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  $BIN/python manage.py check --deploy --fail-level WARNING

# pytest's exit 5 (nothing collected) fails the run too.
run_pytest() { $BIN/pytest "$@"; }

if [[ -x "$PG_BIN/pg_ctl" ]]; then
  echo "== Bộ kiểm thử trên SQLite (không gồm kiểm thử trình duyệt)"
  DATABASE_URL=sqlite:///:memory: run_pytest -m "not browser" -q
  echo "== Bộ kiểm thử trên PostgreSQL 15 (cả kiểm thử trình duyệt)"
  bash scripts/with-postgres.sh "$BIN/pytest" -q
else
  if [[ "${CI:-}" == "true" ]]; then
    echo "CI cần PostgreSQL 15 tại $PG_BIN" >&2
    exit 1
  fi
  echo "== Không có PostgreSQL 15: chạy toàn bộ trên SQLite"
  DATABASE_URL=sqlite:///:memory: run_pytest -q
fi
