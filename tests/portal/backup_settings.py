"""Settings for the install a backup test runs `manage.py` against, in its own folders."""

import os
from pathlib import Path

from minhduc_portal.settings import *  # noqa: F403

VAR_DIR = Path(os.environ["VAR_DIR"])
BACKUP_DIR = VAR_DIR / "backups"
# Private uploads live apart from MEDIA_ROOT; the setting is read the same way everywhere.
PRIVATE_MEDIA_ROOT = os.environ["PRIVATE_MEDIA_ROOT"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
