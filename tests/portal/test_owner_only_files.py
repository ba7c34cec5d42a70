"""The SQLite database (every password hash is in it) and the local secret key are owner-only."""

import os
import stat

import pytest
from django.db.utils import ConnectionHandler

from minhduc_portal import settings as portal_settings


@pytest.fixture
def usual_umask():
    """The common default, under which new files are readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def sqlite_connection(path):
    """A connection like the portal's SQLite one (WAL, hence the -wal and -shm files)."""
    database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
    }
    return ConnectionHandler({"default": database})["default"]


def test_a_new_sqlite_database_and_its_wal_files_are_owner_only(
    tmp_path, usual_umask, django_db_blocker
):
    connection = sqlite_connection(tmp_path / "db.sqlite3")
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE note (text)")
            cursor.execute("INSERT INTO note VALUES ('mật khẩu')")
        try:
            modes = {path.name: mode(path) for path in tmp_path.iterdir()}
        finally:
            connection.close()
    assert modes == {"db.sqlite3": 0o600, "db.sqlite3-wal": 0o600, "db.sqlite3-shm": 0o600}


def test_an_existing_readable_database_is_made_owner_only(tmp_path, django_db_blocker):
    database = tmp_path / "db.sqlite3"
    database.touch(mode=0o644)
    database.chmod(0o644)
    connection = sqlite_connection(database)
    with django_db_blocker.unblock():
        connection.ensure_connection()
        connection.close()
    assert mode(database) == 0o600


def test_the_local_secret_key_file_is_created_owner_only(tmp_path, usual_umask, monkeypatch):
    monkeypatch.setattr(portal_settings, "VAR_DIR", tmp_path)
    key = portal_settings._local_secret_key()
    assert len(key) >= 50
    assert mode(tmp_path / "secret_key") == 0o600
    assert portal_settings._local_secret_key() == key  # kept, not made again
