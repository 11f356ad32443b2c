"""
Django's Redis cache, made to survive Redis going away.

The cache only ever saves work: every page and API answer can be built from the database. So when Redis
stops answering, ResilientRedisCache turns each operation into a miss (get → default, get_many → {},
add/has_key/touch/delete → False, set_many → every key failed) instead of raising, logs one warning per
failed attempt (with the request id, see core/logs.py), and the site keeps serving from the database.

- A dead Redis must cost milliseconds, not seconds: short socket timeouts by default (overridable in
  OPTIONS), and after a failure the cache is not asked again for RETRY_AFTER seconds, so a request making
  five cache calls pays for at most one timeout.
- `incr` on a failure raises ValueError, as for a missing key: the API's rate limit (core/throttling.py)
  then counts the request as the window's first and lets it through. While Redis is down, nothing is
  rate-limited: failing open is the choice here, since refusing everyone would turn a cache fault into an
  outage.
- A write that could not reach Redis may leave an older value there (if Redis was only unreachable, not
  restarted empty): such keys are remembered and deleted once Redis answers again, so for instance a
  content-version token that a curator's write failed to replace (core/caching.py) cannot keep serving
  pages from before the write.

Only connection and timeout errors are absorbed; anything else (a bad value, a full Redis) still raises.
"""

import contextlib
import functools
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

CACHE_FAULTS = (RedisConnectionError, RedisTimeoutError)

# redis-py's own defaults are 5 s each. Redis on the same network answers in about a millisecond.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}

RETRY_AFTER = 1.0  # seconds without asking Redis after a failure
MAX_UNSURE_KEYS = 1000  # beyond this, entries written during an outage just expire on their own


class ReusedRedisCacheClient(RedisCacheClient):
    """
    Django's Redis cache client makes a new redis.Redis object for every operation (about 0.15 ms: it
    builds its table of response callbacks each time). One per connection pool serves them all: a
    redis.Redis is safe to share between threads, the pool hands each command its own connection.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
        # Django gives each thread its own cache object, so this state needs no lock.
        self._down_until = 0.0
        self._down_since = None
        self._skipped = 0
        self._unsure_keys = set()

    # --- the guard -------------------------------------------------------------------------------

    def _guarded(self, operation, miss, call, *, writes=()):
        """`call()`'s result, or `miss` when Redis fails (or failed less than RETRY_AFTER seconds ago)."""
        if time.monotonic() < self._down_until:
            self._skipped += 1
            self._remember(writes)
            return miss
        try:
            if self._down_since is not None:
                self._recover()  # first, so that nothing stale is read
            return call()
        except CACHE_FAULTS as error:
            self._failed(operation, error)
            self._remember(writes)
            return miss

    def _failed(self, operation, error):
        self._down_until = time.monotonic() + RETRY_AFTER
        if self._down_since is None:
            self._down_since = time.monotonic()
        logger.warning(
            "Cache unavailable: %s failed (%s: %s); serving without it for %.1f s",
            operation,
            type(error).__name__,
            error,
            RETRY_AFTER,
        )
        # Connections to a Redis that went away are dead: open fresh ones on the next try.
        with contextlib.suppress(*CACHE_FAULTS, OSError):
            self._cache.get_client(write=True).connection_pool.disconnect()

    def _remember(self, keys):
        if keys and len(self._unsure_keys) < MAX_UNSURE_KEYS:
            self._unsure_keys.update(keys)

    def _recover(self):
        """Delete what was written while Redis did not answer (raises, leaving the state, if it still does not)."""
        if self._unsure_keys:
            self._cache.delete_many(list(self._unsure_keys))
        logger.warning(
            "Cache answers again after %.1f s (%d operations skipped; %d entries written meanwhile deleted)",
            time.monotonic() - self._down_since,
            self._skipped,
            len(self._unsure_keys),
        )
        self._down_since, self._skipped, self._unsure_keys = None, 0, set()

    def _full_keys(self, keys, version):
        return [self.make_key(key, version=version) for key in keys]

    # --- Django's cache API ----------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False, functools.partial(super().add, key, value, timeout, version))

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, functools.partial(super().get, key, default, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(
            "set",
            None,
            functools.partial(super().set, key, value, timeout, version),
            writes=self._full_keys([key], version),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, functools.partial(super().touch, key, timeout, version))

    def delete(self, key, version=None):
        return self._guarded(
            "delete", False, functools.partial(super().delete, key, version), writes=self._full_keys([key], version)
        )

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, functools.partial(super().get_many, keys, version))

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, functools.partial(super().has_key, key, version))

    def incr(self, key, delta=1, version=None):
        unavailable = object()
        result = self._guarded("incr", unavailable, functools.partial(super().incr, key, delta, version))
        if result is unavailable:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def count_in_window(self, key, timeout, version=None):
        """
        Add one to the counter `key` and return it, the counter starting at 1 and expiring `timeout`
        seconds after it started: INCR and EXPIRE NX in one round trip (Django's add() then incr() take
        three: SET NX, EXISTS, INCR). Raises ValueError when the cache is unavailable, as incr() does.
        """
        full_key = self.make_and_validate_key(key, version=version)

        def count():
            pipeline = self._cache.get_client(full_key, write=True).pipeline(transaction=False)
            pipeline.incr(full_key)
            pipeline.expire(full_key, timeout, nx=True)
            return pipeline.execute()[0]

        unavailable = object()
        result = self._guarded("count_in_window", unavailable, count)
        if result is unavailable:
            raise ValueError(f"Key '{key}' not counted (the cache is unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = list(data)
        return self._guarded(
            "set_many",
            failed,
            functools.partial(super().set_many, data, timeout, version),
            writes=self._full_keys(failed, version),
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._guarded(
            "delete_many",
            None,
            functools.partial(super().delete_many, keys, version),
            writes=self._full_keys(keys, version),
        )

    def clear(self):
        return self._guarded("clear", False, super().clear)
