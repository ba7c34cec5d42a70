"""Benchmark: the portal under gunicorn on PostgreSQL, with a large synthetic data set.

Run with `make bench` (which starts a throwaway PostgreSQL). Reports, for each public page,
the SQL queries it makes, requests per second and latency, beside a static-file baseline
served by the same gunicorn in the same run. Traffic goes to 127.0.0.1 only, for a bounded
time per page; the server is always stopped.
"""

import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="minhduc-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="minhduc_portal.settings",
    STATIC_ROOT=str(WORK / "static"),
    MEDIA_ROOT=str(WORK / "media"),
    PRIVATE_MEDIA_ROOT=str(WORK / "private-media"),
    BENCH_FLOOR="true",
)
QUICK = "--quick" in sys.argv
# Synthetic communes beside xã Minh Đức, with the province page on its own host.
COMMUNES = int(os.environ.get("BENCH_COMMUNES", "10" if QUICK else "100"))
# --quick: a small data set and short runs, the whole benchmark in under three minutes.
SECONDS = int(os.environ.get("BENCH_SECONDS", "1" if QUICK else "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8" if QUICK else "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * os.cpu_count() + 1)))
SIZE = {
    "articles": int(os.environ.get("BENCH_ARTICLES", "1000" if QUICK else "50000")),
    "meetings": int(os.environ.get("BENCH_MEETINGS", "60" if QUICK else "400")),
    "years": int(os.environ.get("BENCH_YEARS", "5" if QUICK else "15")),
}
# A returning visitor: already counted, so the numbers show page cost, not counting cost.
RETURNING = "md_visit=1"
# What browsers send: brotli where the portal gives it, else gzip.
ACCEPT = "gzip, deflate, br"
FLOOR = "/bench-floor/"
# Measured again in the cached state with a new visitor on every request.
NEW_VISITOR_PATHS = ["/", "/tin-tuc/tin-tong-hop-so-10/"]
NEW = " (khách mới)"
CPU_ROUNDS = 5 if QUICK else 20
# A search nobody asked before, as most are: every request takes a number not asked yet in
# the run (each matches an article's title, some a meeting's and a document's too).
NEW_SEARCH = "/tim-kiem/?q=tong+hop+{n}"
# Each wrk thread takes its own block of numbers (more than a thread asks in one page's run);
# the requests made from Python take theirs after all the blocks.
SEARCH_BLOCK = 2000
_blocks = itertools.count()
_numbers = itertools.count(10 * 2 * SEARCH_BLOCK)
# Each page is measured in three states, each by its own gunicorn:
STATES = {
    # the anonymous page cache on (pages warmed once before the load);
    "cached": {"PAGE_CACHE_SECONDS": "60", "PARTS_CACHE": "true"},
    # page cache off, the parts made ahead ready in the shared cache;
    "uncached": {"PAGE_CACHE_SECONDS": "0", "PARTS_CACHE": "true"},
    # page cache off and no parts kept: everything rendered on every request.
    "cold": {"PAGE_CACHE_SECONDS": "0", "PARTS_CACHE": "false"},
}
# BENCH_STATES=uncached,cold: only these states (e.g. the tree before a change, for one state).
if os.environ.get("BENCH_STATES"):
    STATES = {name: STATES[name] for name in os.environ["BENCH_STATES"].split(",")}


def start_cache():
    """A throwaway Redis as the shared cache, as production has; a file cache without it."""
    if not shutil.which("redis-server"):
        os.environ["CACHE_URL"] = f"filecache://{WORK / 'cache'}"
        return None
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(WORK)]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    os.environ["CACHE_URL"] = f"redis://127.0.0.1:{port}/0"
    return server


def setup_django():
    import django

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Chạy bằng `make bench` (cần DATABASE_URL tới PostgreSQL).")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)


def seed():
    """Bulk synthetic data around the demo world: many articles, meetings, years of figures."""
    from benchdata import seed_all

    started = time.monotonic()
    counts = seed_all(**SIZE)
    if COMMUNES:
        from benchdata import seed_communes

        counts |= seed_communes(COMMUNES)
    print(f"Dữ liệu tổng hợp: {counts} ({time.monotonic() - started:.0f} s)")


def query_counts(paths, state):
    """SQL queries of each page in one state, with the Django test client (a warm-up first)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    env = STATES[state]
    client = Client(HTTP_ACCEPT_ENCODING=ACCEPT)
    counts = {}
    with override_settings(
        PAGE_CACHE_SECONDS=int(env["PAGE_CACHE_SECONDS"]),
        PARTS_CACHE=env["PARTS_CACHE"] == "true",
        ALLOWED_HOSTS=["*"],
    ):
        for path in [FLOOR, *paths]:
            host, address = split(path)
            client.cookies.load(returning_cookie(address))
            client.get(fresh(address), HTTP_HOST=host)
            with CaptureQueriesContext(connection) as captured:
                status = client.get(fresh(address), HTTP_HOST=host).status_code
            queries = len(captured)  # read now: the next request empties the log
            # CPU of this process per request (PostgreSQL's own work not included): steadier
            # than requests/s on a busy machine.
            started = time.process_time()
            for _ in range(CPU_ROUNDS):
                client.get(fresh(address), HTTP_HOST=host)
            cpu_ms = (time.process_time() - started) / CPU_ROUNDS * 1000
            counts[path] = (status, queries, cpu_ms)
        for path in NEW_VISITOR_PATHS:
            with CaptureQueriesContext(connection) as captured:
                status = Client(HTTP_ACCEPT_ENCODING=ACCEPT, HTTP_HOST="127.0.0.1").get(path)
                status = status.status_code
            counts[path + NEW] = (status, len(captured), 0.0)
    return counts


def fresh(address):
    """The address, with a number not asked yet in place of ``{n}`` (a new search)."""
    return address.format(n=next(_numbers) % SIZE["articles"]) if "{n}" in address else address


def search_script(address):
    """A wrk script asking ``address`` with a new number on every request, each thread in
    its own block of numbers."""
    script = WORK / "new-search.lua"
    start = next(_blocks) * 2 * SEARCH_BLOCK
    pattern = address.replace("{n}", "%d")
    script.write_text(
        "local threads = 0\n"
        "function setup(thread) thread:set('id', threads); threads = threads + 1 end\n"
        f"function init(args) n = {start} + id * {SEARCH_BLOCK} end\n"
        "function request()\n"
        "  n = n + 1\n"
        f"  return wrk.format(nil, string.format('{pattern}', n % {SIZE['articles']}))\n"
        "end\n"
    )
    return ["-s", str(script)]


def returning_cookie(address):
    """A returning visitor's cookie: counted on the site and, on a page with a view counter
    of its own (an article), counted there too within the last 30 minutes."""
    from django.urls import Resolver404, resolve

    from portal import counting

    try:
        match = resolve(urllib.parse.urlsplit(address).path)
    except Resolver404:
        return RETURNING
    if getattr(match.func, "view_counter", None) is None:
        return RETURNING
    key = counting.object_key(match.view_name, match.kwargs)
    return f"{RETURNING}; {counting.SEEN_COOKIE}={key}-{int(time.time())}"


def split(path):
    """ "tinh.bench|/?nam=2025" → ("tinh.bench", "/?nam=2025"); a bare path keeps 127.0.0.1."""
    host, _, rest = path.rpartition("|")
    return host or "127.0.0.1", rest


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port, env):
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--config",
            "minhduc_portal/gunicorn.conf.py",
            "minhduc_portal.wsgi",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WORKERS": str(WORKERS),
            "ACCESS_LOG": "/dev/null",
            "ALLOWED_HOSTS": "127.0.0.1",  # and the communes' and province's, from the data
            "LOG_LEVEL": "ERROR",
            **env,
        },
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn không khởi động được")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def load_wrk(url, cookie, host="127.0.0.1"):
    """``cookie``: the visitor's, or None for a new visitor on every request."""
    cookie = ["-H", f"Cookie: {cookie}"] if cookie else []
    cookie += ["-H", f"Host: {host}"]
    if "{n}" in url:
        parts = urllib.parse.urlsplit(url)
        cookie += search_script(f"{parts.path}?{parts.query}")
        url = fresh(url)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", *cookie]
        + ["-H", f"Accept-Encoding: {ACCEPT}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def load_python(url, cookie, host="127.0.0.1"):
    """Fallback without wrk: CONNECTIONS threads for SECONDS, each request timed."""
    deadline = time.monotonic() + SECONDS
    headers = {"Accept-Encoding": ACCEPT, "Host": host}
    if cookie:
        headers["Cookie"] = cookie

    def worker(_):
        times, errors = [], 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            request = urllib.request.Request(fresh(url), headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
            except OSError:
                errors += 1
            times.append((time.monotonic() - started) * 1000)
        return times, errors

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        results = list(pool.map(worker, range(CONNECTIONS)))
    times = sorted(t for ts, _ in results for t in ts)
    return {
        "rps": len(times) / SECONDS,
        "p50": times[len(times) // 2],
        "p99": times[int(len(times) * 0.99)],
        "errors": sum(e for _, e in results),
    }


def transferred(url, cookie, host="127.0.0.1"):
    """Bytes of the body as sent to a browser (brotli or gzip; warms the page too); None
    for a page too slow to answer at all."""
    headers = {"Cookie": cookie, "Accept-Encoding": ACCEPT, "Host": host}
    request = urllib.request.Request(fresh(url), headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=180)
    except urllib.error.HTTPError as error:  # a 404 is measured too
        response = error
    except TimeoutError:
        return None, "quá hạn"
    with response:
        return len(response.read()), response.headers.get("Content-Encoding", "")


def settle(port, limit=300):
    """Wait for the requests a slow page left queued (wrk stops sending, the workers don't
    stop answering), so they do not count against the next page: every worker must answer
    at once, three times in a row."""
    deadline = time.monotonic() + limit
    url = f"http://127.0.0.1:{port}/healthz"

    def quick(_):
        started = time.monotonic()
        try:
            urllib.request.urlopen(url, timeout=limit).read()
        except OSError:
            return False
        return time.monotonic() - started < 0.1

    in_a_row = 0
    with ThreadPoolExecutor(WORKERS) as pool:
        while in_a_row < 3 and time.monotonic() < deadline:
            in_a_row = in_a_row + 1 if all(pool.map(quick, range(WORKERS))) else 0


def measure_state(state, paths, load):
    port = free_port()
    server = start_gunicorn(port, STATES[state])
    rows, floors = {}, []

    def measure(path, returning=True):
        host, address = split(path)
        url = f"http://127.0.0.1:{port}{address}"
        cookie = returning_cookie(address)
        size, encoding = transferred(url, cookie, host)
        row = {
            "bytes": size,
            "encoding": encoding,
            **load(url, cookie if returning else None, host),
        }
        settle(port)
        name = path if returning else path + NEW
        print(f"  {state:8} {name[:60]:60} {row['rps']:>8.0f} req/s", flush=True)
        return row

    try:
        # The floor at the start, the middle and the end, its median the reference: a machine
        # that others share swings between runs, less within one.
        floors.append(measure(FLOOR))
        for number, path in enumerate(paths):
            rows[path] = measure(path)
            if number == len(paths) // 2:
                floors.append(measure(FLOOR))
        if state == "cached":
            # Every request a new visitor: a visit and, on the article, a view counted each.
            for path in NEW_VISITOR_PATHS:
                rows[path + NEW] = measure(path, returning=False)
        floors.append(measure(FLOOR))
    finally:
        stop(server)
    floors.sort(key=lambda row: row["rps"])
    floor = {**floors[1], "floor_samples": [round(row["rps"]) for row in floors]}
    return {FLOOR: floor, **rows}


def print_table(rows):
    print(
        f"{'trang':46} {'trạng thái':10} {'mã':>4} {'SQL':>4} {'req/s':>7} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'byte':>8} {'/sàn':>6} {'CPU ms':>7}"
    )
    for row in rows:
        size = "–" if row["bytes"] is None else row["bytes"]  # too slow to answer once
        print(
            f"{row['path'][:46]:46} {row['state']:10} {row['status']:>4} {row['queries']:>4} "
            f"{row['rps']:>7.0f} {row['p50']:>7.1f} {row['p99']:>7.1f} {size:>8} "
            f"{row['floor_ratio']:>6.1%} {row['cpu_ms']:>7.1f}"
        )


def main():
    # Stopped with SIGTERM (a timeout, a kill), still stop Redis and remove the temp folder.
    signal.signal(signal.SIGTERM, lambda *args: sys.exit("dừng"))
    cache_server = start_cache()
    try:
        run()
    finally:
        if cache_server is not None:
            stop(cache_server)
        shutil.rmtree(WORK, ignore_errors=True)


def run():
    setup_django()
    seed()
    from benchdata import sample_paths

    paths = [*sample_paths(), NEW_SEARCH]
    if COMMUNES:
        from benchdata import province_paths

        paths += province_paths()
    load = load_wrk if shutil.which("wrk") else load_python
    rows = []
    for state in STATES:
        counts = query_counts(paths, state)
        measured = measure_state(state, paths, load)
        floor = measured[FLOOR]["rps"]
        for path in measured:
            status, queries, cpu_ms = counts[path]
            rows.append(
                {
                    "path": path,
                    "state": state,
                    "status": status,
                    "queries": queries,
                    "cpu_ms": cpu_ms,
                    **measured[path],
                    "floor_ratio": measured[path]["rps"] / floor if floor else 0,
                }
            )
    print(
        f"\ngunicorn {WORKERS} worker, {CONNECTIONS} kết nối, {SECONDS:g} s mỗi trang, "
        f"công cụ: {'wrk' if load is load_wrk else 'python'}, dữ liệu: {SIZE}"
        f"{', --quick' if QUICK else ''}"
    )
    print_table(rows)
    out = ROOT / "var" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {"size": SIZE, "workers": WORKERS, "seconds": SECONDS, "quick": QUICK, "rows": rows},
            indent=2,
        )
    )
    print(f"\nKết quả: {out}, bộ đệm chung: {os.environ['CACHE_URL'].split(':')[0]}")


if __name__ == "__main__":
    main()
