#!/usr/bin/env bash
# Runs a command against a throwaway Redis that this script starts and always stops.
# Usage: scripts/with-redis.sh COMMAND [ARGS...]   (CACHE_URL is set for the command)
set -euo pipefail
REDIS_SERVER=${REDIS_SERVER:-redis-server}
ROOT=$(mktemp -d /tmp/minhduc-redis.XXXXXX)
PORT=${REDIS_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PID=

stop() {
  if [[ -n "$PID" ]]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$ROOT"
}
trap stop EXIT

# No persistence: the data folder only holds what Redis insists on writing.
"$REDIS_SERVER" --port "$PORT" --bind 127.0.0.1 --dir "$ROOT" --save '' --appendonly no \
  --logfile "$ROOT/log" --daemonize no &
PID=$!
ready() {
  python3 - "$PORT" <<'PY' 2>/dev/null
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5) as s:
    s.sendall(b"PING\r\n")
    assert s.recv(16).startswith(b"+PONG")
PY
}
for _ in $(seq 1 100); do
  ready && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if ! ready; then
  echo "Không khởi động được Redis:" >&2
  cat "$ROOT/log" >&2 || true
  exit 1
fi
echo "Redis tạm thời: 127.0.0.1:$PORT"

CACHE_URL="redis://127.0.0.1:$PORT/0" "$@"
