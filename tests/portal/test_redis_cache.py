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
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.CACHES['default']['BACKEND'])"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minhduc_portal.settings",
        "CACHE_URL": "redis://127.0.0.1:6399/0",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "portal.redis_cache.RedisCache"
