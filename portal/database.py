"""The SQLite database file holds every account's password hash: only its owner may read it."""

from pathlib import Path

OWNER_ONLY = 0o600


def restrict_sqlite_files(sender, connection, **kwargs):
    """On each new connection, make the database file and its WAL files owner-only.

    SQLite creates the file with the process's umask (often world-readable) and gives the
    -wal and -shm files the database file's mode, so fixing the database file at once also
    covers the ones made later; those already there are fixed here too.
    """
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    database = Path(connection.settings_dict["NAME"])
    for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(OWNER_ONLY)
        except FileNotFoundError:
            pass
