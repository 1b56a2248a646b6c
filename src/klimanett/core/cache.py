"""Django's Redis cache backend, keeping its clients (one for reads, one for writes).

Django's ``RedisCacheClient`` makes a new ``redis.Redis`` for every call, and redis-py fills
a table of some 170 response callbacks each time: on a page-cache hit (two reads) that was
0.8 of the 1.9 ms the request took here (``bench/README.md``). A ``redis.Redis`` is safe to
share between threads (its pool hands out the connections), and Django already keeps a cache
backend per thread.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[bool, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        """One client for writes and one for reads (with replicas, a backend reads from the
        one its first read chose)."""
        client = self._clients.get(write)
        if client is None:
            client = self._clients[write] = super().get_client(key, write=write)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
