"""The Redis cache keeps one client per connection pool and is the one the settings pick."""

import os
import subprocess
import sys

import pytest

from portal.redis_cache import RedisCache
from tests.portal.servers import ROOT, redis_url

pytestmark = pytest.mark.servers


def test_one_client_serves_every_call_and_values_round_trip():
    cache = RedisCache(redis_url(), {"OPTIONS": {"socket_timeout": 1}})
    client = cache._cache.get_client()
    cache.set("kiem-thu:khach", {"tên": "Minh Đức"}, 30)
    assert cache.get("kiem-thu:khach") == {"tên": "Minh Đức"}
    assert cache.get_many(["kiem-thu:khach", "kiem-thu:khong-co"]) == {
        "kiem-thu:khach": {"tên": "Minh Đức"}
    }
    cache.delete("kiem-thu:khach")
    assert cache.get("kiem-thu:khach") is None
    assert cache._cache.get_client(write=True) is client


def test_a_redis_cache_url_gets_this_backend():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6399/0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            f"'minhduc_portal.settings'; django.setup(); {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "portal.redis_cache.RedisCache"
