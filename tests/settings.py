"""Test settings: the real settings with fast hashing, a private cache and plain static files."""

import atexit
import os
import shutil
import tempfile

from minhduc_portal.settings import *  # noqa: F403

# Playwright's sync API runs an event loop in the test thread; the ORM calls are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A private cache by default; TEST_CACHE_URL=redis://… runs the same tests on a shared one.
CACHES = {"default": env.cache_url("TEST_CACHE_URL", default="locmemcache://")}  # noqa: F405
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["BACKEND"] = "portal.redis_cache.RedisCache"
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1}
MEDIA_ROOT = tempfile.mkdtemp(prefix="minhduc-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="minhduc-private-media-")
for _folder in (MEDIA_ROOT, PRIVATE_MEDIA_ROOT):
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)
# live_server cannot serve manifest-hashed names; serve straight from the finders.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests change data without saves (queryset.update); the page cache has its own tests.
PAGE_CACHE_SECONDS = 0
# The test client's host name is one of the first commune's.
FIRST_COMMUNE_HOSTS = ["127.0.0.1", "localhost", "testserver"]
