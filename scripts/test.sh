#!/usr/bin/env bash
# The whole suite: checks, tests on SQLite, then on a throwaway PostgreSQL 15 when its
# binaries are here (required with CI=true), browser tests in Chromium on the last run.
# With redis-server (required with CI=true): the cache tests again on a throwaway Redis, and
# the PostgreSQL run gets one too for the tests that start servers (marker `servers`).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
REDIS_SERVER=${REDIS_SERVER:-redis-server}
export CHROMIUM REDIS_SERVER
# The cache, counter and page-invalidation tests, run again on Redis.
CACHE_TESTS=(tests/portal/test_page_cache.py tests/portal/test_page_cache_version.py
  tests/portal/test_health.py tests/portal/test_outage.py tests/portal/test_visits.py
  tests/news/test_counter.py tests/communes/test_isolation.py
  tests/communes/test_scoped_versions.py tests/portal/test_kept_pages.py)

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

# with_redis VAR COMMAND...: the command with VAR set to a throwaway Redis. The tests read
# their own names (TEST_CACHE_URL, TEST_REDIS_URL), never a CACHE_URL from a developer's .env.
HAVE_REDIS=false
if command -v "$REDIS_SERVER" >/dev/null; then
  HAVE_REDIS=true
  with_redis() {
    local name=$1
    shift
    bash scripts/with-redis.sh bash -c "$name=\$CACHE_URL exec \"\$@\"" _ "$@"
  }
elif [[ "${CI:-}" == "true" ]]; then
  echo "CI cần redis-server ($REDIS_SERVER)" >&2
  exit 1
else
  echo "== Không có redis-server: bỏ qua các kiểm thử trên Redis"
  with_redis() { shift; "$@"; }
fi

if [[ -x "$PG_BIN/pg_ctl" ]]; then
  echo "== Bộ kiểm thử trên SQLite (không gồm kiểm thử trình duyệt)"
  DATABASE_URL=sqlite:///:memory: run_pytest -m "not browser and not servers" -q
  if $HAVE_REDIS; then
    echo "== Bộ nhớ đệm, bộ đếm và làm mới trang trên Redis"
    DATABASE_URL=sqlite:///:memory: with_redis TEST_CACHE_URL "$BIN/pytest" -q "${CACHE_TESTS[@]}"
  fi
  echo "== Bộ kiểm thử trên PostgreSQL 15 (cả kiểm thử trình duyệt và máy chủ trên Redis)"
  with_redis TEST_REDIS_URL bash scripts/with-postgres.sh "$BIN/pytest" -q
else
  if [[ "${CI:-}" == "true" ]]; then
    echo "CI cần PostgreSQL 15 tại $PG_BIN" >&2
    exit 1
  fi
  echo "== Không có PostgreSQL 15: chạy toàn bộ trên SQLite"
  DATABASE_URL=sqlite:///:memory: run_pytest -q
fi
