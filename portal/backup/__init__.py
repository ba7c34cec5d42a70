"""One-file backups of the whole install: every table, every uploaded file, and a manifest.

The archive is a gzipped tar: ``data.jsonl`` (Django's JSON Lines serializer, one row a
line), the files under ``media/`` and ``private-media/``, and ``manifest.json`` last, with
the rows per table, a SHA-256 per file and the migrations the data was written under.
Primary keys are kept (sessions and admin log entries name users and objects by them);
only content types and permissions, which every ``migrate`` creates with its own ids, travel
by natural key, so an SQLite install restores into PostgreSQL. The search index is derived
and rebuilt on restore, never stored.
"""

from .common import (
    BackupError,
    by_natural_key,
    check_migrations,
    content_present,
    open_archive,
    read_manifest,
)
from .restoring import restore
from .writing import write_archive

__all__ = [
    "BackupError",
    "by_natural_key",
    "check_migrations",
    "content_present",
    "open_archive",
    "read_manifest",
    "restore",
    "write_archive",
]
