"""Django's Redis cache with one client object per connection pool.

Django builds a new ``redis.Redis`` for every call; redis-py 8 fills a table of about 170
reply handlers in each one, 0,3 ms of CPU, more than the round trip itself. A page makes
several cache calls (host name, versions, the page), so this cost showed on every request,
the benchmark's floor included. The client holds no data: it is the pool's front, and the
pool already lives per process (and reconnects after a fork).
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
