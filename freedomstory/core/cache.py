"""Cache backends for a cache that several processes share.

`SafeRedisCache` is Django's Redis backend made safe to lean on: an unanswering Redis costs a
request a fraction of a second, never an error page, and nothing read from Redis is ever
unpickled. `PrivateFileBasedCache` is Django's file cache, refusing a directory that anyone else
could write to. settings.py picks one of them (or local memory in development).
"""

import json
import logging
import os
import stat
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Seconds to open a connection to Redis and to wait for an answer. A healthy Redis on the local
# network answers in well under a millisecond; waiting longer only lets a broken one hold a
# worker (gunicorn has a handful) while the visitor waits.
DEFAULT_CONNECT_TIMEOUT = 0.25
DEFAULT_SOCKET_TIMEOUT = 0.25
# After a failure this backend leaves Redis alone for so many seconds: a Redis that hangs would
# otherwise cost every cache call of every request its timeout. The price: a write made in that
# window (a page retired by a save, say) is dropped, as it would have been had Redis been down.
DEFAULT_RETRY_AFTER = 5.0
# At most one warning per backend instance in this many seconds, however many requests fail.
WARNING_INTERVAL = 60.0

# The first byte of a stored value says what follows. Integers are stored as bare digits (no
# marker), so Redis's INCR works on them, as with Django's own serializer.
_BYTES = b"b"
_JSON = b"j"


class UnreadableEntry(ValueError):
    """A value in Redis in none of our formats (a pickle, say): never decoded, treated as
    missing."""


class SafeSerializer:
    """dumps/loads for Django's Redis backend (its `serializer` option) without pickle.

    Django's own serializer pickles every value, so whoever can write to Redis could make a
    worker run code by planting a crafted entry. Here an integer stays an integer, `bytes` are
    stored as they are behind a marker (the page cache stores pages as bytes), and everything
    else as JSON: sessions
    are JSON already (SESSION_SERIALIZER). A value JSON cannot express (a datetime, a set, a
    model) raises TypeError on the way in, in tests as in production, instead of being stored.
    JSON turns tuples into lists and dictionary keys into strings.
    """

    def dumps(self, value):
        if type(value) is int:  # not bool: True must come back as True, not 1
            return value
        if isinstance(value, bytes):
            return _BYTES + value
        return _JSON + json.dumps(value, separators=(",", ":")).encode()

    def loads(self, data):
        marker, body = data[:1], data[1:]
        try:
            if marker == _JSON:
                return json.loads(body)
            if marker == _BYTES:
                return bytes(body)
            return int(data)
        except (ValueError, TypeError, KeyError) as error:
            raise UnreadableEntry(f"not a value this site stored ({data[:16]!r}…)") from error


class SafeRedisCache(RedisCache):
    """Django's Redis cache that degrades instead of failing, and never unpickles.

    OPTIONS reach redis-py's connection pool as Django's backend passes them, with short
    `socket_connect_timeout` and `socket_timeout` defaults (override them there), no retries,
    and SafeSerializer; RETRY_AFTER (seconds) is ours, see DEFAULT_RETRY_AFTER.

    When Redis refuses, hangs or answers nonsense, reads answer as for a missing key (the
    default, {}, False), writes answer False (set_many: every key failed) and a warning is
    logged at most once a minute. incr() and decr() raise ValueError, as for a missing key, which
    their callers must handle anyway. healthy() asks Redis directly, for /healthz.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        options = dict(self._options)
        self.retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        self._options = {
            "socket_connect_timeout": DEFAULT_CONNECT_TIMEOUT,
            "socket_timeout": DEFAULT_SOCKET_TIMEOUT,
            # redis-py retries nothing on a pool's connections by default; said here so that a
            # retrying default in a later version cannot multiply the timeouts.
            "retry": Retry(NoBackoff(), 0),
            "serializer": SafeSerializer,
            **options,
        }
        self._paused_until = 0.0
        self._warned_at = None
        self._unreported_failures = 0

    # --- failing safe ---------------------------------------------------------------------

    def _attempt(self, fallback, operation, *args):
        if time.monotonic() < self._paused_until:
            return fallback
        try:
            return operation(*args)
        except (RedisConnectionError, RedisTimeoutError, OSError) as error:
            self._paused_until = time.monotonic() + self.retry_after
            self._warn(
                f"Redis is unavailable, the site runs without its cache (retrying after "
                f"{self.retry_after:g} s)",
                error,
            )
        except UnreadableEntry as error:
            # Redis answers; this one entry is not ours. The next write of the key replaces it.
            self._warn("an entry in the cache is not one this site stored", error)
        except RedisError as error:
            # Redis answered, refusing this call (out of memory, a read-only replica...): no
            # time was lost waiting, so there is nothing to pause for.
            self._warn("Redis refused a cache call", error)
        return fallback

    def _warn(self, what, error):
        self._unreported_failures += 1
        now = time.monotonic()
        if self._warned_at is not None and now - self._warned_at < WARNING_INTERVAL:
            return
        more = self._unreported_failures - 1
        suffix = f" ({more} more failed calls since the last warning)" if more else ""
        logger.warning("%s: %s%s", what, error, suffix)
        self._warned_at = now
        self._unreported_failures = 0

    def healthy(self):
        """Whether Redis answers now, for /healthz: asks even while calls are paused, and the
        pause ends when it answers."""
        self._paused_until = 0.0
        return self._attempt(False, self._ping) is True

    def _ping(self):
        return self._cache.get_client(write=True).ping()

    # --- every operation, through _attempt (keys are still checked: a bad key is a bug) ------

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(default, self._cache.get, key, default)

    def get_many(self, keys, version=None):
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        found = self._attempt({}, self._cache.get_many, key_map.keys())
        return {key_map[key]: value for key, value in found.items()}

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(False, self._cache.has_key, key)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(False, self._cache.set, key, value, self.get_backend_timeout(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(False, self._cache.add, key, value, self.get_backend_timeout(timeout))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        safe_data = {self.make_and_validate_key(key, version=version): v for key, v in data.items()}
        stored = self._attempt(
            False, self._cache.set_many, safe_data, self.get_backend_timeout(timeout)
        )
        return [] if stored is not False else list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(False, self._cache.touch, key, self.get_backend_timeout(timeout))

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(False, self._cache.delete, key)

    def delete_many(self, keys, version=None):
        if not keys:
            return
        safe_keys = [self.make_and_validate_key(key, version=version) for key in keys]
        self._attempt(None, self._cache.delete_many, safe_keys)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = self._attempt(None, self._cache.incr, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found (or the cache is unavailable).")
        return value

    def clear(self):
        return self._attempt(False, self._cache.clear)


class PrivateFileBasedCache(FileBasedCache):
    """Django's file cache, for the processes of one machine, in a directory nobody else may
    write to: its entries are pickles, and whoever can plant one there runs code in the site.
    The default directory sits in the shared temporary directory under a name anyone can guess,
    so a directory someone else made (or left writable) is refused rather than used."""

    def _createdir(self):
        super()._createdir()  # mode 0o700 when it creates it
        info = os.stat(self._dir)
        if info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise ImproperlyConfigured(
                f"The cache directory {self._dir} must belong to the user running the site and "
                "be writable by nobody else. Remove it, or point CACHE_DIR elsewhere."
            )
