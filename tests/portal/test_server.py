"""The portal as `make run` serves it: gunicorn with the project's config, on loopback."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


@pytest.fixture(scope="module")
def server(tmp_path_factory, migrated_sqlite):
    folder = tmp_path_factory.mktemp("server")
    shutil.copy(migrated_sqlite, folder / "db.sqlite3")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minhduc_portal.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "CACHE_URL": "locmemcache://",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "1",
        "ACCESS_LOG": "/dev/null",
    }
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "minhduc_portal/gunicorn.conf.py", "minhduc_portal.wsgi"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_home_and_health_answer(server):
    status, text = get(server + "/healthz")
    assert status == 200 and text.startswith("Cổng thông tin: hoạt động\n")
    status, html = get(server + "/")
    assert status == 200 and "Xã Minh Đức" in html


def test_a_5000_character_search_gets_a_vietnamese_message(server):
    query = urllib.parse.quote("chuyển đổi số " * 358)  # 5,012 characters, ~45 kB encoded
    status, html = get(f"{server}/tim-kiem/?q={query}")
    assert status == 400
    assert "Từ khóa dài quá: tối đa 200 ký tự." in html
