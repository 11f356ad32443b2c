"""
With REDIS_URL set, a Redis that stops answering turns cache operations into misses: the site keeps
serving from the database, each failed attempt is logged once, and the API's rate limit lets requests
through rather than refusing everyone.
"""

import logging
import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from redis.exceptions import ConnectionError as RedisConnectionError

from core import cache_backends
from core.cache_backends import ResilientRedisCache
from core.throttling import AnonFixedWindowThrottle
from devtools.processes import free_port
from tests.scale.processes import redis_server

LOGGER = "core.cache_backends"


def dead_cache():
    """A cache pointed at a port nobody listens on."""
    return ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {"KEY_PREFIX": "test"})


class FakeRedisClient:
    """Stands in for Django's RedisCacheClient: a dict, which can be made to fail like an unreachable Redis."""

    def __init__(self):
        self.data, self.down = {}, False

    def _check(self):
        if self.down:
            raise RedisConnectionError("Connection refused.")

    def get(self, key, default):
        self._check()
        return self.data.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.data[key] = value

    def delete_many(self, keys):
        self._check()
        for key in keys:
            self.data.pop(key, None)

    def get_client(self, *args, **kwargs):
        return SimpleNamespace(connection_pool=SimpleNamespace(disconnect=lambda: None))


@pytest.fixture
def fake():
    cache = ResilientRedisCache("redis://unused:6379/0", {"KEY_PREFIX": "test"})
    cache.__dict__["_cache"] = client = FakeRedisClient()  # replaces the cached_property's value
    return SimpleNamespace(cache=cache, client=client)


def failures(caplog):
    return [r for r in caplog.records if r.name == LOGGER and "unavailable" in r.getMessage()]


def test_every_operation_on_a_dead_redis_is_a_quick_miss(caplog):
    cache = dead_cache()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert cache.get("page", "default") == "default"
        assert cache.set("page", "html") is None
        assert cache.add("token", "t") is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.has_key("a") is False
        assert cache.touch("a") is False
        assert cache.delete("a") is False
        assert cache.delete_many(["a"]) is None
        assert cache.get_or_set("c", lambda: "computed") == "computed"
        with pytest.raises(ValueError):
            cache.incr("counter")
        with pytest.raises(ValueError):
            cache.count_in_window("counter", timeout=60)
    assert time.monotonic() - started < 0.5
    # Only the first attempt reached for Redis; the others were skipped for RETRY_AFTER seconds.
    assert len(failures(caplog)) == 1
    assert "get failed (ConnectionError" in failures(caplog)[0].getMessage()


def test_redis_is_tried_again_after_a_pause_and_each_failure_is_logged_once(caplog, monkeypatch):
    monkeypatch.setattr(cache_backends, "RETRY_AFTER", 0.05)
    cache = dead_cache()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        cache.get("a")
        time.sleep(0.06)
        cache.get("a")
        cache.get("a")
    assert len(failures(caplog)) == 2


def test_entries_written_while_redis_did_not_answer_are_deleted_when_it_answers_again(fake, monkeypatch, caplog):
    monkeypatch.setattr(cache_backends, "RETRY_AFTER", 0.05)
    fake.cache.set("content-version", "old")
    fake.client.down = True
    fake.cache.set("content-version", "new")  # e.g. a curator's write replacing the token: lost
    fake.client.down = False
    time.sleep(0.06)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        # The old token must not come back: it would serve pages from before the write.
        assert fake.cache.get("content-version") is None
    assert "answers again" in caplog.records[-1].getMessage()
    assert "1 entries written meanwhile deleted" in caplog.records[-1].getMessage()


def test_the_rate_limit_lets_requests_through_while_the_cache_is_down():
    throttle = AnonFixedWindowThrottle()
    throttle.cache, throttle.rate, throttle.num_requests, throttle.duration = dead_cache(), "1/minute", 1, 60
    request = SimpleNamespace(user=AnonymousUser(), headers={}, META={"REMOTE_ADDR": "192.0.2.1"})
    assert all(throttle.allow_request(request, view=None) for _ in range(3))


@pytest.fixture
def dead_redis_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "core.cache_backends.ResilientRedisCache", "LOCATION": dead_cache()._servers[0]}
    }


@pytest.mark.parametrize("path", ["/", "/roles/", "/skills/", "/postings/", "/api/v1/roles/", "/api/v1/postings/"])
def test_the_site_serves_from_the_database_when_redis_is_down(guide, dead_redis_cache, client, path):
    response = client.get(path)
    assert response.status_code == 200


def test_a_real_redis_that_stops_and_starts_again_is_used_again(monkeypatch):
    monkeypatch.setattr(cache_backends, "RETRY_AFTER", 0.05)
    with redis_server(server=True) as redis:
        cache = ResilientRedisCache(redis.url, {})
        cache.set("k", "v")
        assert cache.get("k") == "v"
        redis.stop()
        assert cache.get("k") is None
        redis.start()  # empty: it keeps nothing on disk
        time.sleep(0.06)
        cache.set("k", "again")
        assert cache.get("k") == "again"


def test_a_window_counter_counts_atomically_and_expires_from_its_first_count():
    with redis_server(server=True) as redis:
        cache = ResilientRedisCache(redis.url, {"KEY_PREFIX": "test"})
        assert [cache.count_in_window("client:1", timeout=60) for _ in range(3)] == [1, 2, 3]
        client = cache._cache.get_client(write=True)
        full_key = cache.make_key("client:1")
        ttl = client.ttl(full_key)
        assert 0 < ttl <= 60
        client.expire(full_key, 5)
        cache.count_in_window("client:1", timeout=60)  # a later count leaves the window's end alone
        assert client.ttl(full_key) <= 5
        assert cache.get("client:1") == 4  # the counter reads back through the cache as a number


def test_operations_share_one_redis_client():
    with redis_server(server=True) as redis:
        cache = ResilientRedisCache(redis.url, {})
        cache.set("a", 1)
        first = cache._cache.get_client(write=True)
        assert cache.get("a") == 1
        assert cache._cache.get_client(write=True) is first
        assert cache._cache.get_client(write=False) is first  # one server: reads and writes share its pool
