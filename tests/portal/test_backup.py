"""sao_luu and khoi_phuc: the demo world and everything a real install holds, round-tripped.

Each install is a `manage.py` run against its own database and folders: SQLite files copied
from one migrated template, PostgreSQL databases created from one migrated template on the
server DATABASE_URL points at (the PostgreSQL step of scripts/test.sh).
"""

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith("postgres")
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="needs DATABASE_URL on PostgreSQL (the PostgreSQL step of scripts/test.sh)",
)


class Install:
    """One portal install: a database and its own media, private media and var folders."""

    def __init__(self, folder, database_url):
        self.folder = folder
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.portal.backup_settings",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "VAR_DIR": str(folder / "var"),
        }

    def run(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if check and result.returncode:
            pytest.fail(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def manage(self, *args, check=True):
        return self.run("manage.py", *args, check=check)

    def world(self, action):
        return self.run("-m", "tests.portal.backup_world", action)

    def snapshot(self, *probe):
        out = self.folder / f"snapshot-{uuid.uuid4().hex}.json"
        self.run("-m", "tests.portal.backup_world", "snapshot", str(out), *probe)
        return json.loads(out.read_text())

    def backup(self):
        result = self.manage("sao_luu", "--output", str(self.folder / "sao-luu"))
        return Path(result.stdout.strip().splitlines()[-1])


def differences(before, after):
    """Every row or file that is not the same on both sides, as readable lines."""
    found = []
    for table in sorted(set(before["tables"]) | set(after["tables"])):
        rows, restored = before["tables"].get(table, {}), after["tables"].get(table, {})
        for key in sorted(set(rows) | set(restored)):
            a, b = rows.get(key), restored.get(key)
            if a is None or b is None:
                found.append(f"{table} {key}: {'chỉ sau' if a is None else 'chỉ trước'}")
            elif a != b:
                fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
                found += [f"{table} {key}.{f}: {a.get(f)!r} ≠ {b.get(f)!r}" for f in fields]
    for name in sorted(set(before["files"]) | set(after["files"])):
        if before["files"].get(name) != after["files"].get(name):
            found.append(f"tệp {name}")
    return found


def assert_same(before, after, what):
    found = differences(before, after)
    rows = sum(len(rows) for rows in before["tables"].values())
    print(f"{what}: {rows} dòng, {len(before['files'])} tệp so sánh, {len(found)} khác biệt")
    assert not found, "\n".join(found[:20])


@pytest.fixture
def sqlite_install(migrated_sqlite, tmp_path_factory):
    def make():
        folder = tmp_path_factory.mktemp("sqlite")
        shutil.copy(migrated_sqlite, folder / "db.sqlite3")
        return Install(folder, f"sqlite:///{folder / 'db.sqlite3'}")

    return make


@pytest.fixture(scope="module")
def sqlite_source(migrated_sqlite, tmp_path_factory):
    """A filled SQLite install, its snapshot and its archive."""
    folder = tmp_path_factory.mktemp("sqlite-source")
    shutil.copy(migrated_sqlite, folder / "db.sqlite3")
    install = Install(folder, f"sqlite:///{folder / 'db.sqlite3'}")
    install.world("fill")
    return install, install.snapshot(), install.backup()


@pytest.fixture(scope="module")
def postgresql(tmp_path_factory):
    """make(): an Install on a new database of the test server, migrated from one template."""
    import psycopg

    parts = urlsplit(DATABASE_URL)
    created = []

    def url(name):
        return urlunsplit(parts._replace(path=f"/{name}"))

    def execute(sql):
        with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://", 1)) as db:
            db.autocommit = True
            db.execute(sql)

    prefix = f"sao_luu_{uuid.uuid4().hex[:8]}"
    template = f"{prefix}_mau"
    execute(f'CREATE DATABASE "{template}"')
    created.append(template)
    Install(tmp_path_factory.mktemp("pg-template"), url(template)).manage("migrate", "-v0")

    def make():
        name = f"{prefix}_{len(created)}"
        execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        created.append(name)
        return Install(tmp_path_factory.mktemp("pg"), url(name))

    yield make
    for name in reversed(created):
        execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_archive_is_private_and_lists_every_table_and_file(sqlite_source):
    install, snapshot, archive = sqlite_source
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["tables"]["auth.user"] == len(snapshot["tables"]["auth.user"]) == 7
    assert manifest["tables"]["axes.accessattempt"] == 1
    assert "portal.searchentry" not in manifest["tables"]
    assert sorted(manifest["files"]) == sorted(
        name.replace("private/", "private-media/", 1) for name in snapshot["files"]
    )
    assert len(manifest["files"]) == 5 and all(len(sha) == 64 for sha in manifest["files"].values())


@pytest.fixture(scope="module")
def sqlite_restored(sqlite_source, migrated_sqlite, tmp_path_factory):
    """A second SQLite install, with the first one's archive restored into it."""
    folder = tmp_path_factory.mktemp("sqlite-target")
    shutil.copy(migrated_sqlite, folder / "db.sqlite3")
    target = Install(folder, f"sqlite:///{folder / 'db.sqlite3'}")
    return target, target.manage("khoi_phuc", str(sqlite_source[2]), "--noinput")


def test_sqlite_to_sqlite_restores_every_row_and_file(sqlite_source, sqlite_restored):
    target, result = sqlite_restored
    assert "Đã khôi phục" in result.stdout and "khớp bản kê" in result.stdout
    assert "Đã nạp news.article" in result.stderr  # progress, table by table
    assert_same(sqlite_source[1], target.snapshot(), "SQLite → SQLite")


def test_an_install_with_content_is_refused_unless_overwriting(sqlite_source, sqlite_restored):
    _, before, archive = sqlite_source
    target, _ = sqlite_restored
    refused = target.manage("khoi_phuc", str(archive), "--noinput", check=False)
    assert refused.returncode == 1
    assert "Cài đặt này đã có dữ liệu" in refused.stderr and "--ghi-de" in refused.stderr

    added = "from meetings.models import Person; Person.objects.create(full_name='Thêm sau')"
    target.manage("shell", "-c", added)  # content the archive's replaces
    result = target.manage("khoi_phuc", str(archive), "--noinput", "--ghi-de")
    assert "Đã sao lưu dữ liệu hiện có vào" in result.stdout
    assert len(list((target.folder / "var" / "backups").glob("truoc-khoi-phuc-*.tar.gz"))) == 1
    # and new rows still fit beside the restored ones
    assert_same(before, target.snapshot("probe"), "SQLite → SQLite có dữ liệu, --ghi-de")


def test_a_damaged_file_stops_the_restore_before_any_change(sqlite_source, sqlite_install):
    _, _, archive = sqlite_source
    damaged = archive.with_name("hong.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("private-media/"):
                data += b"!"
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    target = sqlite_install()
    empty = target.snapshot()
    refused = target.manage("khoi_phuc", str(damaged), "--noinput", check=False)
    assert refused.returncode == 1
    assert "không khớp mã SHA-256" in refused.stderr
    assert differences(empty, target.snapshot()) == []


def test_an_archive_from_newer_code_is_refused(sqlite_source, sqlite_install):
    _, _, archive = sqlite_source
    newer = archive.with_name("moi-hon.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(newer, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"]["news"].append("0099_chua_co")
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    refused = sqlite_install().manage("khoi_phuc", str(newer), "--noinput", check=False)
    assert refused.returncode == 1
    assert "phiên bản mới hơn" in refused.stderr and "news.0099_chua_co" in refused.stderr


@needs_postgresql
def test_sqlite_to_postgresql_restores_every_row_and_file(sqlite_source, postgresql):
    _, before, archive = sqlite_source
    target = postgresql()
    target.manage("khoi_phuc", str(archive), "--noinput")
    assert_same(before, target.snapshot("probe"), "SQLite → PostgreSQL")


@needs_postgresql
def test_postgresql_to_postgresql_restores_every_row_and_file(postgresql):
    source = postgresql()
    source.world("fill")
    before = source.snapshot()
    archive = source.backup()
    target = postgresql()
    target.manage("khoi_phuc", str(archive), "--noinput")
    assert_same(before, target.snapshot("probe"), "PostgreSQL → PostgreSQL")
