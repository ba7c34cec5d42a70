"""gunicorn servers for tests that need real processes, and visitors that keep cookies."""

import contextlib
import http.cookiejar
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url():
    """The throwaway Redis of scripts/test.sh; these tests fail without it in CI."""
    url = os.environ.get("TEST_REDIS_URL", "")
    if not url.startswith("redis://"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI cần TEST_REDIS_URL (scripts/test.sh chạy redis-server)")
        pytest.skip("TEST_REDIS_URL not set: run through scripts/test.sh")
    return url


def database_url(settings_dict):
    s = settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@contextlib.contextmanager
def gunicorn(env, log_path, workers=2):
    """A gunicorn of the project's config on a free loopback port; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minhduc_portal.settings",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": str(workers),
        "ACCESS_LOG": "/dev/null",
        **env,
    }
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "--config", "minhduc_portal/gunicorn.conf.py", "minhduc_portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(Path(log_path).read_text())
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/robots.txt", timeout=1).close()
                break
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class Visitor:
    """A browser's cookies across every host on 127.0.0.1 (cookies ignore the port)."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class Postgres:
    """A PostgreSQL 15 server of its own in a temp folder, which a test may stop and start."""

    def __init__(self):
        if not (PG_BIN / "pg_ctl").exists():
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI cần PostgreSQL 15 tại {PG_BIN}")
            pytest.skip(f"PostgreSQL 15 not found at {PG_BIN}")
        # Not under pytest's temp folder, which the postgres user may not enter.
        self.folder = Path(tempfile.mkdtemp(prefix="minhduc-pg-"))
        self.port = free_port()
        self.url = f"postgres://minhduc@127.0.0.1:{self.port}/minhduc"

    def _run(self, *command):
        # As root the server must run as postgres, from a folder postgres may read.
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        subprocess.run(prefix + list(command), cwd=self.folder, check=True, capture_output=True)

    def __enter__(self):
        if os.getuid() == 0:
            subprocess.run(["chown", "postgres:postgres", str(self.folder)], check=True)
        self._run(
            str(PG_BIN / "initdb"), "-D", "data", "-U", "minhduc", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.start()
        import psycopg

        with psycopg.connect(f"postgres://minhduc@127.0.0.1:{self.port}/postgres") as db:
            db.autocommit = True
            db.execute("CREATE DATABASE minhduc")
        return self

    def start(self):
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", "data", "-l", "log", "-w", "-t", "30",
                  "-o", options, "start")  # fmt: skip

    def stop(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", "data", "-m", "fast", "-w", "stop")

    def __exit__(self, *exc_info):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
