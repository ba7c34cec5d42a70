"""Load, and load under faults: the portal under gunicorn, every visit checked against its count.

    make load     64 connections for 60 s over the public pages
    make faults   the same while the database is stopped for 15 s and a worker is killed

Run inside scripts/with-postgres.sh (and scripts/with-redis.sh for a shared cache). New
visitors arrive without cookies, returning ones keep theirs; afterwards the site's counters
(daily visits, article views) must equal what the server was asked to count. Sizes from the
environment or options: LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_OUTAGE_SECONDS, WORKERS.
Traffic goes to 127.0.0.1 only, the run is bounded in time, and everything it starts
(gunicorn; the database it stopped is started again) is stopped or restored on the way out.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
COOKIES = ("md_visit", "md_seen")


def options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    env = os.environ.get
    parser.add_argument("--seconds", type=float, default=float(env("LOAD_SECONDS", "60")))
    parser.add_argument("--connections", type=int, default=int(env("LOAD_CONNECTIONS", "64")))
    parser.add_argument("--workers", type=int, default=int(env("WORKERS", "0")) or None)
    parser.add_argument("--faults", action="store_true", help="stop the database, kill a worker")
    parser.add_argument(
        "--outage", type=float, default=float(env("LOAD_OUTAGE_SECONDS", "15")), help="seconds"
    )
    return parser.parse_args()


def prepare(work):
    """Settings for this process and gunicorn; the database migrated with the demo data."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Chạy qua scripts/with-postgres.sh (cần DATABASE_URL tới PostgreSQL).")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="minhduc_portal.settings",
        MEDIA_ROOT=str(work / "media"),
        STATIC_ROOT=str(work / "static"),
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        ALLOWED_HOSTS=HOST,
        LOG_LEVEL="WARNING",  # summarised from gunicorn's log at the end
    )
    os.environ.setdefault("CACHE_URL", f"filecache://{work / 'cache'}")
    if os.environ["CACHE_URL"].startswith("redis"):
        # A Redis others use too (the test suite's): keys of its own, never another database's
        # pages, host names or versions.
        separator = "&" if "?" in os.environ["CACHE_URL"] else "?"
        os.environ["CACHE_URL"] += f"{separator}key_prefix=load-{work.name}"
    (work / "static").mkdir()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.VAR_DIR = work  # the demo passwords stay in the throwaway folder
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def public_pages():
    """{label: path} of the pages a citizen opens; articles are the counted ones."""
    from django.urls import reverse

    from indicators.models import Indicator, Value
    from meetings.models import Meeting
    from news.models import Article

    article = Article.objects.published().order_by("-publish_at").first()
    meeting = Meeting.objects.order_by("-start").first()
    year = Value.objects.order_by("-year").values_list("year", flat=True).first()
    indicator = Indicator.objects.order_by("order").first()
    return {
        "trang chủ": reverse("portal:home"),
        "tin tức": reverse("news:list"),
        "bài viết": article.get_absolute_url(),
        "cuộc họp": reverse("meetings:list"),
        "một cuộc họp": meeting.get_absolute_url(),
        "kết luận chỉ đạo": reverse("meetings:directives"),
        "ban chỉ đạo": reverse("meetings:committee"),
        "chỉ số năm": reverse("indicators:year", args=[year]),
        "một chỉ tiêu": indicator.get_absolute_url(),
        # A different query almost every time: pages the cache cannot answer.
        "tìm kiếm": reverse("portal:search") + "?q=chuyen+doi+so+{n}",
    }


def counters():
    """(all visits, {article path: views}) as stored now."""
    from django.db import connection

    from news.models import Article
    from portal.models import DailyVisits

    try:
        visits = DailyVisits.objects.totals()["total"]
        views = {a.get_absolute_url(): a.view_count for a in Article.objects.all()}
        return visits, views
    finally:
        connection.close()  # the server may be stopped before the next read


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the project's config, in its own process group."""

    def __init__(self, workers, log):
        self.port, self.log = free_port(), log
        env = {**os.environ, "HOST": HOST, "PORT": str(self.port), "ACCESS_LOG": "/dev/null"}
        if workers:
            env["WORKERS"] = str(workers)
        command = [sys.executable, "-m", "gunicorn", "--config", "minhduc_portal/gunicorn.conf.py"]
        self.process = subprocess.Popen(
            [*command, "minhduc_portal.wsgi"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while fetch(self.port, "/healthz")[0] != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                sys.exit("gunicorn không khởi động được.")
            time.sleep(0.2)

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def fetch(port, path):
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return None, b""
    finally:
        connection.close()


class Database:
    """The throwaway PostgreSQL of scripts/with-postgres.sh, stopped and started on demand."""

    def __init__(self):
        missing = [
            v for v in ("PG_CTL", "PGDATA_DIR", "PG_LOG", "PG_OPTIONS") if v not in os.environ
        ]
        if missing:
            sys.exit(f"--faults cần scripts/with-postgres.sh (thiếu {', '.join(missing)}).")
        self.running = True

    def _pg_ctl(self, *args):
        env = os.environ
        command = [env["PG_CTL"], "-D", env["PGDATA_DIR"], "-w", "-t", "60", *args]
        if env.get("PG_RUN_AS"):
            command = ["runuser", "-u", env["PG_RUN_AS"], "--", *command]
        # runuser needs a working folder the server's user may read.
        cwd = Path(env["PGDATA_DIR"]).parent
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)

    def stop(self):
        self._pg_ctl("-m", "fast", "stop")
        self.running = False

    def start(self):
        if not self.running:
            self._pg_ctl("-l", os.environ["PG_LOG"], "-o", os.environ["PG_OPTIONS"], "start")
            self.running = True


@dataclass
class Result:
    label: str
    status: object  # an HTTP status, or "kết nối" when the connection failed
    started: float
    ms: float
    phase: str
    new_visit: bool  # sent without a visit cookie: the server should count a visit
    new_view: str  # the article path whose view should count, or ""


@dataclass
class Visitor:
    cookies: dict = field(default_factory=dict)
    seen: set = field(default_factory=set)
    requests_left: int = 1


class Load:
    """Threads with keep-alive connections; a gate pauses them so counters can be read."""

    def __init__(self, port, pages, connections, seed=57):
        self.port, self.pages, self.connections = port, pages, connections
        self.labels = list(pages)
        self.article_paths = {pages["bài viết"]}
        # Under one lock: whether requests may start, how many are running, and the phase.
        self.state = threading.Condition()
        self.open, self.stopping, self.in_flight, self.phase = True, False, 0, "trước"
        self.results = []
        self.lock = threading.Lock()
        self.random = random.Random(seed)
        self.threads = [
            threading.Thread(target=self.run, args=(self.random.random(),), daemon=True)
            for _ in range(connections)
        ]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        with self.state:
            self.stopping = self.open = True
            self.state.notify_all()
        for thread in self.threads:
            thread.join(timeout=30)

    def pause(self):
        """Hold new requests and wait for those in flight: the counters are then exact."""
        with self.state:
            self.open = False
            self.state.wait_for(lambda: self.in_flight == 0, timeout=30)

    def resume(self, phase):
        with self.state:
            self.phase, self.open = phase, True
            self.state.notify_all()

    def run(self, seed):
        chance = random.Random(seed)
        connection = None
        visitor = Visitor(requests_left=0)
        while True:
            if visitor.requests_left <= 0:
                # A third of visitors open one page without cookies; the others browse on.
                visitor = Visitor(
                    requests_left=1 if chance.random() < 0.35 else chance.randint(3, 20)
                )
            with self.state:
                self.state.wait_for(lambda: self.open)
                if self.stopping:
                    break
                self.in_flight += 1
                phase = self.phase
            try:
                label = chance.choice(self.labels)
                path = self.pages[label].replace("{n}", str(chance.randint(1, 10**6)))
                connection = self.request(connection, visitor, label, path, phase)
            finally:
                with self.state:
                    self.in_flight -= 1
                    self.state.notify_all()
            visitor.requests_left -= 1
        if connection:
            connection.close()

    def request(self, connection, visitor, label, path, phase):
        headers = {"User-Agent": "minhduc-load"}
        if visitor.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in visitor.cookies.items())
        new_visit = "md_visit" not in visitor.cookies
        new_view = path if path in self.article_paths and path not in visitor.seen else ""
        started = time.monotonic()
        try:
            connection = connection or http.client.HTTPConnection(HOST, self.port, timeout=30)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                if name in COOKIES:
                    visitor.cookies[name] = rest.split(";", 1)[0]
                    if name == "md_seen" and new_view:
                        visitor.seen.add(path)
            if response.will_close:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            status = "kết nối"
            if connection:
                connection.close()
            connection = None
        elapsed = (time.monotonic() - started) * 1000
        with self.lock:
            self.results.append(Result(label, status, started, elapsed, phase, new_visit, new_view))
        return connection


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))] if values else 0.0


def table(results):
    """Requests, answers by status, errors and latency per page."""
    rows = defaultdict(list)
    for result in results:
        rows[result.label].append(result)
    lines = [
        f"{'trang':18} {'yêu cầu':>8} {'200':>7} {'503':>6} {'500':>5} {'khác':>5} "
        f"{'lỗi kết nối':>11} {'p50 ms':>8} {'p99 ms':>8}"
    ]
    everything = [("tổng", results)] + sorted(rows.items())
    for label, items in everything:
        statuses = Counter(r.status for r in items)
        other = sum(n for s, n in statuses.items() if s not in (200, 503, 500, "kết nối"))
        times = [r.ms for r in items if r.status != "kết nối"]
        lines.append(
            f"{label:18} {len(items):>8} {statuses[200]:>7} {statuses[503]:>6} {statuses[500]:>5} "
            f"{other:>5} {statuses['kết nối']:>11} {percentile(times, 0.5):>8.1f} "
            f"{percentile(times, 0.99):>8.1f}"
        )
    return "\n".join(lines)


def expected(results, phases):
    """(visits, {article: views}) the server must have counted, and how many more it may have.

    A request counts when it was answered 200 and was sent without the cookie that marks it
    counted. One that failed (connection lost, worker killed) may have been counted or not.
    """
    must_visits, may_visits = 0, 0
    must_views, may_views = Counter(), Counter()
    for r in results:
        if r.phase not in phases:
            continue
        if r.status == 200:
            must_visits += r.new_visit
            must_views[r.new_view] += bool(r.new_view)
        elif r.status not in (503,):
            may_visits += r.new_visit
            may_views[r.new_view] += bool(r.new_view)
    must_views.pop("", None)
    may_views.pop("", None)
    return must_visits, may_visits, must_views, may_views


def check_counts(title, before, after, results, phases):
    """Compare the counters' growth with what was sent; lines to print and the counts lost."""
    must_visits, may_visits, must_views, may_views = expected(results, phases)
    visits = after[0] - before[0]
    lost = max(0, must_visits - visits)
    extra = max(0, visits - must_visits - may_visits)
    lines = [
        f"{title}: lượt truy cập tăng {visits}, phải đếm {must_visits}"
        + (f" (+ tối đa {may_visits} yêu cầu bị ngắt giữa chừng)" if may_visits else "")
        + f" → mất {lost}, thừa {extra}"
    ]
    for path in sorted(set(must_views) | set(may_views) | set(after[1])):
        grown = after[1].get(path, 0) - before[1].get(path, 0)
        if not grown and not must_views[path]:
            continue
        view_lost = max(0, must_views[path] - grown)
        view_extra = max(0, grown - must_views[path] - may_views[path])
        lost += view_lost
        extra += view_extra
        lines.append(
            f"{title}: lượt xem {path} tăng {grown}, phải đếm {must_views[path]} "
            f"→ mất {view_lost}, thừa {view_extra}"
        )
    return lines, lost + extra


def run_load(server, pages, args):
    load = Load(server.port, pages, args.connections)
    before = counters()
    load.start()
    time.sleep(args.seconds)
    load.pause()
    after = counters()
    load.stop()
    lines, wrong = check_counts("Bộ đếm", before, after, load.results, {"trước"})
    errors = sum(r.status != 200 for r in load.results)
    return load.results, lines, errors + wrong


def run_faults(server, pages, args):
    """Load; the database stopped for a while; recovery; then a worker killed."""
    database = Database()
    load = Load(server.port, pages, args.connections)
    timeline = []

    def note(message):
        timeline.append(f"{time.monotonic() - begun:6.1f} s  {message}")

    begun = time.monotonic()
    first = counters()
    load.start()
    try:
        time.sleep(args.seconds * 0.2)
        load.pause()
        before_outage = counters()
        load.resume("sự cố")
        time.sleep(1)
        note("dừng PostgreSQL (pg_ctl stop -m fast)")
        database.stop()
        time.sleep(args.outage)
        database.start()
        note("PostgreSQL chạy lại")
        recovered = wait_healthy(server.port, limit=60)
        note(f"/healthz trả 200 sau {recovered:.1f} s")
        time.sleep(2)
        load.pause()
        after_outage = counters()
        load.resume("sau")
        rest = max(4.0, args.seconds - (time.monotonic() - begun))
        time.sleep(rest / 3)
        victim = random.Random(1).choice(server.workers())
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        note(f"SIGKILL worker gunicorn {victim}")
        time.sleep(rest * 2 / 3)
        load.pause()
        last = counters()
        note("dừng tải")
    finally:
        load.stop()
        database.start()
    results = load.results
    lines, wrong = check_counts("Ngoài sự cố, trước", first, before_outage, results, {"trước"})
    more, wrong_after = check_counts("Ngoài sự cố, sau", after_outage, last, results, {"sau"})
    lines += more
    inside = after_outage[0] - before_outage[0]
    lines.append(f"Trong lúc sự cố: lượt truy cập tăng {inside} (không kiểm: cơ sở dữ liệu dừng)")
    statuses = Counter(r.status for r in results)
    # After the outage every answer is a 200, but for the requests the killed worker held.
    after = [r for r in results if r.phase == "sau"]
    cut_off = {id(r) for r in after if r.status == "kết nối" and r.started < killed_at}
    recovered_fully = bool(after) and all(r.status == 200 or id(r) in cut_off for r in after)
    lines += timeline_lines(timeline, statuses, results, recovered_fully)
    failures = statuses[500] + wrong + wrong_after + (0 if recovered_fully else 1)
    return results, lines, failures


def timeline_lines(timeline, statuses, results, recovered_fully):
    during = Counter(r.status for r in results if r.phase == "sự cố")
    return [
        "Diễn biến:",
        *("  " + line for line in timeline),
        f"Trong lúc sự cố: {dict(during)}",
        f"Phản hồi 500: {statuses[500]}; 503: {statuses[503]}; "
        f"lỗi kết nối: {statuses['kết nối']} (các yêu cầu đang chạy trên worker bị giết)",
        "Hồi phục hoàn toàn (mọi yêu cầu cuối đều 200): " + ("có" if recovered_fully else "KHÔNG"),
    ]


def wait_healthy(port, limit):
    started = time.monotonic()
    while fetch(port, "/healthz")[0] != 200:
        if time.monotonic() - started > limit:
            raise RuntimeError("cổng không hồi phục sau khi PostgreSQL chạy lại")
        time.sleep(0.2)
    return time.monotonic() - started


def log_summary(log):
    """What gunicorn and the portal logged: tracebacks counted, each message line once."""
    text = log.read_text(errors="replace") if log.exists() else ""
    messages, in_traceback = Counter(), False
    for line in text.splitlines():
        if line.startswith("Traceback"):
            in_traceback = True
        elif line.startswith((" ", "\t")) or not line.strip():
            continue
        elif in_traceback:
            in_traceback = False  # the exception's own line closes the traceback
        elif not line.startswith(("The above exception", "During handling")):
            # "[2026-12-01 16:52:10 +0700] [4984] [ERROR] Worker (pid:4986) …" → "[ERROR] …"
            message = re.sub(r"^\[[^]]*\] \[\d+\] ", "", line)
            messages[re.sub(r"\d+", "N", message)[:120]] += 1
    tracebacks = text.count("Traceback (most recent call last)")
    lines = [f"Nhật ký gunicorn: {tracebacks} traceback, {sum(messages.values())} dòng thông báo"]
    lines += [f"  {count} × {message}" for message, count in messages.most_common(6)]
    return lines


def main():
    args = options()
    work = Path(tempfile.mkdtemp(prefix="minhduc-load-"))
    server = None
    try:
        prepare(work)
        pages = public_pages()
        server = Server(args.workers, work / "gunicorn.log")
        workers = len(server.workers())
        cache = os.environ["CACHE_URL"].split(":", 1)[0]
        print(
            f"gunicorn {workers} worker, {args.connections} kết nối, {args.seconds:.0f} s, "
            f"bộ đệm: {cache}"
            + (f", sự cố: PostgreSQL dừng {args.outage:.0f} s" if args.faults else ""),
            flush=True,
        )
        run = run_faults if args.faults else run_load
        results, lines, failures = run(server, pages, args)
    finally:
        if server:
            server.stop()
        logged = log_summary(work / "gunicorn.log")
        shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    if results:
        span = max(r.started + r.ms / 1000 for r in results) - min(r.started for r in results)
        print(f"{len(results)} yêu cầu trong {span:.0f} s: {len(results) / span:.0f} yêu cầu/s")
    print("\n".join(lines + logged))
    print("KẾT QUẢ: " + ("đạt" if not failures else f"KHÔNG ĐẠT ({failures})"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
