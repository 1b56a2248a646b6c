"""The Redis cache backend keeps one client per connection pool (``core.cache``), and still
works as Django's: Redis runs on 127.0.0.1:6379 on the development and CI machines."""

from __future__ import annotations

import pytest

from klimanett.core.cache import RedisCache


@pytest.fixture
def redis_cache():
    cache = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "klimanett-test"})
    yield cache
    cache.clear()


def test_the_client_is_made_once_and_shared(redis_cache):
    reader = redis_cache._cache.get_client()
    writer = redis_cache._cache.get_client(write=True)

    assert redis_cache._cache.get_client() is reader
    assert redis_cache._cache.get_client(write=True) is writer


def test_it_stores_reads_and_deletes_as_django_s_backend(redis_cache):
    redis_cache.set("side", {"title": "Forside", "bytes": b"\x00"}, 30)

    assert redis_cache.get("side") == {"title": "Forside", "bytes": b"\x00"}
    assert redis_cache.get_many(["side", "ingen"]) == {
        "side": {"title": "Forside", "bytes": b"\x00"}
    }
    redis_cache.delete("side")
    assert redis_cache.get("side") is None
