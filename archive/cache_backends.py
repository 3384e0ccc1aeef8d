"""Redis caches that keep the archive up while Redis is away.

Django's RedisCache raises ConnectionError from every call while Redis cannot be reached,
and a blocked connection can hang a request. These backends use short socket timeouts and
a circuit breaker: after a failure, this worker does not try Redis again for
RETRY_SECONDS, so an outage costs one failed attempt every few seconds, not one per call.
Meanwhile:

- RedisOrLocalMemoryCache (the "default" cache: pages, API throttles) falls back to the
  worker's own memory. Throttles keep counting, per worker instead of across workers;
  the page cache is not used at all during an outage (archive/cache.py has no
  generation to key pages by, so ArchiveCacheMiddleware serves from the database).
- RedisCacheOrError (the "generation" cache) raises CacheUnavailable: archive/cache.py
  decides what an unknown generation means (serve uncached; keep the database's
  generation as the truth and copy it to Redis when Redis is back).
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
# Connecting to and answering from a healthy local Redis take well under a millisecond.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


class CacheUnavailable(Exception):
    """The cache server cannot be reached."""


# Per process and server, shared by every thread's cache instance.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


def redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.RedisError, OSError)


class RedisCacheOrError(RedisCache):
    """RedisCache with short timeouts that raises CacheUnavailable while Redis is away."""

    def __init__(self, server, params):
        params = {
            **params,
            "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})},
        }
        super().__init__(server, params)
        self._server_name = server if isinstance(server, str) else ",".join(server)
        self._errors = redis_errors()

    def is_available(self) -> bool:
        """Say whether Redis answered lately (or answers a ping now, after a failure)."""
        if self._breaker_open():
            return False
        try:
            self._cache.get_client(write=False).ping()
        except self._errors as error:
            self._trip(error)
            return False
        return True

    def _breaker_open(self) -> bool:
        return _down_until.get(self._server_name, 0) > time.monotonic()

    def _trip(self, error: BaseException) -> None:
        with _lock:
            was_up = self._server_name not in _down_until
            _down_until[self._server_name] = time.monotonic() + RETRY_SECONDS
        if was_up:
            logger.error(
                "Redis at %s cannot be reached (%s): serving without it, retrying "
                "every %s s.",
                self._server_name,
                error,
                RETRY_SECONDS,
            )

    def _recovered(self) -> None:
        if self._server_name in _down_until:
            with _lock:
                if _down_until.pop(self._server_name, None) is not None:
                    logger.warning("Redis at %s answers again.", self._server_name)

    def _call(self, name, *args, **kwargs):
        if self._breaker_open():
            return self._unavailable(name, *args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except self._errors as error:
            self._trip(error)
            return self._unavailable(name, *args, **kwargs)
        self._recovered()
        return result

    def _unavailable(self, name, *args, **kwargs):
        raise CacheUnavailable(f"Redis at {self._server_name} cannot be reached")

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)


class RedisOrLocalMemoryCache(RedisCacheOrError):
    """Redis; while it cannot be reached, this worker's own memory (LocMemCache)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(
            f"redis-fallback-{self._server_name}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
        )

    def _unavailable(self, name, *args, **kwargs):
        return getattr(self._fallback, name)(*args, **kwargs)
