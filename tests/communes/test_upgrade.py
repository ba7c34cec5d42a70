"""The migration from one commune to many, run on a database made by the commit before it.

tests/data/single-commune-f5ad2ae.sqlite3.gz was made by commit f5ad2ae (`migrate` and
`load_demo` on SQLite). Upgrading it must keep every row, give each one to xã Minh Đức, and
leave the demo as a visitor saw it: on SQLite, the file itself; on PostgreSQL (with
DATABASE_URL on a PostgreSQL server, as scripts/with-postgres.sh sets it), a new database
migrated to the file's recorded migrations and given every row of the file
(tests/communes/old_database.py), then migrated forward.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_DATABASE = ROOT / "tests" / "data" / "single-commune-f5ad2ae.sqlite3.gz"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
NEW_TABLES = {
    "communes_commune",
    "communes_hostname",
    "communes_province",
    "communes_staffaccount",
}
# Filled from the search entries on PostgreSQL only (portal migration 0005).
POSTGRESQL_ONLY_ROWS = {"portal_searchword"}


class SQLiteFile:
    def __init__(self, path):
        self.path = path

    def query(self, sql):
        with sqlite3.connect(self.path) as connection:
            return connection.execute(sql).fetchall()

    def tables(self):
        names = self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return sorted(name for (name,) in names)

    def columns(self, table):
        return {row[1] for row in self.query(f'PRAGMA table_info("{table}")')}

    def row_counts(self):
        return {name: self.query(f'SELECT COUNT(*) FROM "{name}"')[0][0] for name in self.tables()}


class PostgreSQLDatabase(SQLiteFile):
    def __init__(self, url):
        self.url = url.replace("postgres://", "postgresql://", 1)

    def query(self, sql):
        import psycopg

        with psycopg.connect(self.url) as connection:
            return connection.execute(sql).fetchall()

    def tables(self):
        names = self.query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        return sorted(name for (name,) in names)

    def columns(self, table):
        rows = self.query(
            "SELECT column_name FROM information_schema.columns "
            f"WHERE table_schema = current_schema() AND table_name = '{table}'"
        )
        return {name for (name,) in rows}


def postgresql_database(request):
    """A new database on DATABASE_URL's server, dropped after the module's tests."""
    import psycopg

    server = DATABASE_URL.replace("postgres://", "postgresql://", 1)
    name = f"nang_cap_{uuid.uuid4().hex[:8]}"

    def execute(sql):
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(sql)

    execute(f'CREATE DATABASE "{name}"')
    request.addfinalizer(lambda: execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return urlunsplit(urlsplit(DATABASE_URL)._replace(path=f"/{name}"))


@pytest.fixture(
    scope="module",
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not DATABASE_URL.startswith("postgres"),
                reason="cần DATABASE_URL trỏ tới PostgreSQL (scripts/with-postgres.sh)",
            ),
        ),
    ],
)
def upgraded(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("upgrade")
    old = folder / "old.sqlite3"
    with gzip.open(OLD_DATABASE) as packed, old.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    if request.param == "sqlite":
        new = folder / "new.sqlite3"
        shutil.copy(old, new)
        url, database = f"sqlite:///{new}", SQLiteFile(new)
    else:
        url = postgresql_database(request)
        database = PostgreSQLDatabase(url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.portal.backup_settings",
        "DATABASE_URL": url,
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

    if request.param == "postgresql":
        run("-m", "tests.communes.old_database", str(old))
    before = database.row_counts()  # on PostgreSQL, the copy of the old file
    run("manage.py", "migrate", "--noinput")
    counts = database.row_counts()  # before any page is visited (and a visit counted)
    return {
        "backend": request.param,
        "old": SQLiteFile(old),
        "new": database,
        "before": before,
        "counts": counts,
        "pages": json.loads(run("-m", "tests.communes.upgraded_world").splitlines()[-1]),
    }


def test_the_old_database_is_copied_whole(upgraded):
    """On PostgreSQL: every table of the old file, with as many rows, before the upgrade."""
    old, copied = upgraded["old"].row_counts(), dict(upgraded["before"])
    if upgraded["backend"] == "postgresql":
        for name in POSTGRESQL_ONLY_ROWS:
            assert copied.pop(name) > old.pop(name) == 0
    assert copied == old and old["portal_searchentry"] == 16


def test_every_row_survives_the_upgrade(upgraded):
    before, after = upgraded["before"], upgraded["counts"]
    assert before["news_article"] and before["indicators_value"] == 8
    assert before["meetings_attendance"] and before["documents_document"]
    # The communes app brings its own content types and permissions (granted to the roles).
    grown = {"django_migrations", "django_content_type", "auth_permission"}
    grown.add("auth_group_permissions")
    for name, count in before.items():
        assert after[name] >= count if name in grown else after[name] == count, name
    assert set(after) - set(before) == NEW_TABLES


def test_one_commune_made_from_the_identity_owns_every_row(upgraded):
    db = upgraded["new"]
    assert db.query("SELECT id, name, slug FROM communes_commune") == [
        (1, "xã Minh Đức", "minh-duc")
    ]
    hosts = db.query(
        "SELECT name, is_primary FROM communes_hostname WHERE commune_id = 1 ORDER BY id"
    )
    assert hosts == [("bcd.minhduc.example", 1), ("127.0.0.1", 0), ("localhost", 0)]
    assert db.query("SELECT commune_id FROM portal_siteidentity") == [(1,)]
    owned = [
        name
        for name in db.tables()
        if "commune_id" in db.columns(name)
        and not name.startswith(("communes_", "portal_searchentry"))
    ]
    assert {"news_article", "meetings_meeting", "indicators_value", "documents_document"} <= (
        set(owned)
    )
    for name in owned:
        others = db.query(
            f'SELECT COUNT(*) FROM "{name}" WHERE commune_id IS NULL OR commune_id <> 1'
        )
        assert others == [(0,)], name


def test_the_key_figures_survive(upgraded):
    figures = dict(
        upgraded["new"].query(
            "SELECT i.code, CAST(v.value AS DOUBLE PRECISION) FROM indicators_value v "
            "JOIN indicators_indicator i ON i.id = v.indicator_id "
            "WHERE v.year = 2025 AND v.commune_id = 1"
        )
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
        "search": 200,
        "unknown_host": 404,
    }
    dashboard = pages["dashboard"]["text"]
    assert "2.945" in dashboard and "1.688" in dashboard and "57,32%" in dashboard
    assert "Trần Văn Phương" in pages["meeting"]["text"]
    assert "đánh giá kết quả năm 2025, triển khai nhiệm vụ năm 2026" in pages["news"]["text"]
    assert "57-NQ/TW" in pages["documents"]["text"]
    # The index kept across (on PostgreSQL its vectors): the seed's article is found unaccented.
    assert "đánh giá kết quả năm 2025" in pages["search"]["text"]
