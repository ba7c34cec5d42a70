"""The migration from one commune to many, run on a database made by the commit before it.

tests/data/single-commune-f5ad2ae.sqlite3.gz was made by commit f5ad2ae (`migrate` and
`load_demo` on SQLite). Upgrading it must keep every row, give each one to xã Minh Đức, and
leave the demo as a visitor saw it.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_DATABASE = ROOT / "tests" / "data" / "single-commune-f5ad2ae.sqlite3.gz"
NEW_TABLES = {
    "communes_commune",
    "communes_hostname",
    "communes_province",
    "communes_staffaccount",
}


def tables(connection):
    names = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(name for (name,) in names)


def row_counts(path):
    with sqlite3.connect(path) as connection:
        return {
            name: connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in tables(connection)
        }


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upgrade")
    old = folder / "old.sqlite3"
    with gzip.open(OLD_DATABASE) as packed, old.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    new = folder / "new.sqlite3"
    shutil.copy(old, new)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.portal.backup_settings",
        "DATABASE_URL": f"sqlite:///{new}",
        "SITE_URL": "https://bcd.minhduc.example",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "VAR_DIR": str(folder / "var"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }

    def run(*args):
        result = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run("manage.py", "migrate", "--noinput")
    counts = row_counts(new)  # before any page is visited (and a visit counted)
    return {
        "old": old,
        "new": new,
        "counts": counts,
        "pages": json.loads(run("-m", "tests.communes.upgraded_world").splitlines()[-1]),
    }


def test_every_row_survives_the_upgrade(upgraded):
    before, after = row_counts(upgraded["old"]), upgraded["counts"]
    assert before["news_article"] and before["indicators_value"] == 8
    assert before["meetings_attendance"] and before["documents_document"]
    # The communes app brings its own content types and permissions (granted to the roles).
    grown = {"django_migrations", "django_content_type", "auth_permission"}
    grown.add("auth_group_permissions")
    for name, count in before.items():
        assert after[name] >= count if name in grown else after[name] == count, name
    assert set(after) - set(before) == NEW_TABLES


def test_one_commune_made_from_the_identity_owns_every_row(upgraded):
    with sqlite3.connect(upgraded["new"]) as db:
        assert db.execute("SELECT id, name, slug FROM communes_commune").fetchall() == [
            (1, "xã Minh Đức", "minh-duc")
        ]
        hosts = db.execute(
            "SELECT name, is_primary FROM communes_hostname WHERE commune_id = 1 ORDER BY id"
        ).fetchall()
        assert hosts == [("bcd.minhduc.example", 1), ("127.0.0.1", 0), ("localhost", 0)]
        assert db.execute("SELECT commune_id FROM portal_siteidentity").fetchall() == [(1,)]
        owned = [
            name
            for name in tables(db)
            if "commune_id" in {row[1] for row in db.execute(f'PRAGMA table_info("{name}")')}
            and not name.startswith(("communes_", "portal_searchentry"))
        ]
        assert {"news_article", "meetings_meeting", "indicators_value", "documents_document"} <= (
            set(owned)
        )
        for name in owned:
            others = db.execute(
                f'SELECT COUNT(*) FROM "{name}" WHERE commune_id IS NOT 1'
            ).fetchone()[0]
            assert others == 0, name


def test_the_key_figures_survive(upgraded):
    with sqlite3.connect(upgraded["new"]) as db:
        figures = dict(
            db.execute(
                "SELECT i.code, CAST(v.value AS REAL) FROM indicators_value v "
                "JOIN indicators_indicator i ON i.id = v.indicator_id "
                "WHERE v.year = 2025 AND v.commune_id = 1"
            ).fetchall()
        )
    assert figures["ho-so-tiep-nhan"] == 2945 and figures["ho-so-truc-tuyen"] == 1688
    assert figures["dan-co-tai-khoan-vneid"] == 91.24


def test_the_upgraded_portal_shows_the_demo_as_before(upgraded):
    pages = upgraded["pages"]
    assert {name: page["status"] for name, page in pages.items()} == {
        "dashboard": 200,
        "meeting": 200,
        "news": 200,
        "documents": 200,
        "home": 200,
        "unknown_host": 404,
    }
    dashboard = pages["dashboard"]["text"]
    assert "2.945" in dashboard and "1.688" in dashboard and "57,32%" in dashboard
    assert "Trần Văn Phương" in pages["meeting"]["text"]
    assert "đánh giá kết quả năm 2025, triển khai nhiệm vụ năm 2026" in pages["news"]["text"]
    assert "57-NQ/TW" in pages["documents"]["text"]
