"""Cache backends that keep the site up when the cache is not.

The shared cache (database table or Redis) only makes the site faster, so the
`default` alias fails open: when the cache is missing, raising, slow or full,
a read is a miss and a write is dropped, and the page is built as if nothing
were cached. A circuit breaker (b2m_site/breaker.py) stops trying for a few
seconds after a few failures in a row, so a paused Redis costs a request
nothing instead of a timeout; the fault is logged once per interval, not once
per request.

Rate-limit counters (the `ratelimit` alias) must not fail open: a limiter that
cannot count would let everything through. That alias raises CacheUnavailable
instead, quickly, and the share-link views answer 503 with a clear message.
On the database cache its table is never culled below the counters' window:
only expired counters are ever removed.

Each backend takes the usual CACHES options, plus BREAKER (threshold and
reset_seconds) and LOG_SECONDS (how often the same fault is logged).
"""

import base64
import contextlib
import logging
import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now

from .breaker import CircuitBreaker, Throttle

logger = logging.getLogger("b2m.cache")

# One breaker and one log throttle per cache and process: Django makes a
# backend object per thread, but a dead server is dead for every thread.
_SHARED = {}


class CacheUnavailable(Exception):
    """The cache could not be used (raised only by backends that must not fail open)."""


def _state_for(key, params):
    if key not in _SHARED:
        breaker = params.get("BREAKER", {})
        _SHARED[key] = (
            CircuitBreaker(
                threshold=breaker.get("threshold", 3),
                reset_seconds=breaker.get("reset_seconds", 5.0),
            ),
            Throttle(params.get("LOG_SECONDS", 60)),
        )
    return _SHARED[key]


def breaker_for(cache):
    """The circuit breaker in front of `cache` (for /readyz and tests)."""
    return getattr(cache, "breaker", None)


class _Guarded:
    """Every cache call goes through the breaker; failures are caught and logged."""

    fail_open = True

    def __init__(self, location, params):
        super().__init__(location, params)
        self.breaker, self._log_throttle = _state_for((type(self).__name__, location), params)
        self._name = type(self).__name__

    def _savepoint(self, write=True):
        return contextlib.nullcontext()

    def _fault(self, error):
        opened = self.breaker.failure()
        if self._log_throttle.ready():
            suppressed = self._log_throttle.take_suppressed()
            logger.warning(
                "Cache unavailable, serving without it: %s: %s%s",
                type(error).__name__,
                str(error)[:200],
                f" ({suppressed} more since the last report)" if suppressed else "",
                extra={"cache": self._name, "breaker_opened": opened},
            )

    _depth = 0

    def _call(self, default, method, *args, missing_ok=False, write=True, **kwargs):
        if self._depth:
            # A backend method calling another (DatabaseCache.get calls get_many):
            # the outermost call decides, so one fault counts once.
            return method(*args, **kwargs)
        self._depth += 1
        try:
            return self._guarded_call(
                default, method, *args, missing_ok=missing_ok, write=write, **kwargs
            )
        finally:
            self._depth -= 1

    def _guarded_call(self, default, method, *args, missing_ok=False, write=True, **kwargs):
        if not self.breaker.allow():
            if self.fail_open and not missing_ok:
                return default
            raise CacheUnavailable("the cache is not answering (circuit open)")
        try:
            with self._savepoint(write):
                result = method(*args, **kwargs)
        except ValueError:
            if missing_ok:  # incr/decr of a missing key: the cache answered
                self.breaker.success()
                raise
            self._fault(ValueError("unreadable value"))
            if self.fail_open:
                return default
            raise CacheUnavailable("the cache answered with an unreadable value") from None
        except Exception as error:
            self._fault(error)
            if self.fail_open and not missing_ok:
                return default
            raise CacheUnavailable(f"{type(error).__name__}: {error}") from error
        self.breaker.success()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version=version, write=False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version=version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version=version, write=False)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version=version, write=False)

    # A count cannot be made up: incr/decr raise CacheUnavailable even when failing open.
    def incr(self, key, delta=1, version=None):
        return self._call(None, super().incr, key, delta, version=version, missing_ok=True)

    def decr(self, key, delta=1, version=None):
        return self._call(None, super().decr, key, delta, version=version, missing_ok=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version=version)

    def clear(self):
        return self._call(None, super().clear)

    def status(self):
        """'ok' when the cache answers now, else 'degraded' (never raises)."""
        if not self.breaker.allow():
            return "degraded"
        try:
            with self._savepoint(write=False):
                super().has_key("readyz-probe")  # one query or command, nothing nested
        except Exception as error:
            self._fault(error)
            return "degraded"
        self.breaker.success()
        return "ok"


class _DatabaseGuarded(_Guarded):
    def _savepoint(self, write=True):
        # Inside a transaction (an admin save, a share link being made) a failed
        # cache query, read or write, must not abort the transaction on
        # PostgreSQL: run it in a savepoint. Outside transactions (public pages)
        # a call stays one query.
        db = router.db_for_write(self.cache_model_class)
        if connections[db].in_atomic_block:
            return transaction.atomic(using=db)
        return contextlib.nullcontext()


class _OneQueryReads:
    """DatabaseCache reads as one SELECT that leaves expired rows out.

    Django's DatabaseCache.get_many builds a column expression and its converters
    on every call, compares each row's expiry in Python, and deletes the expired
    rows it read: a read that can write, and wait for SQLite's write lock. Here
    the database compares the expiry, the same way Django compares it (an entry
    is gone from its expiry time on), and a read never writes. Expired rows go
    when a write culls the table, as in Django.
    """

    # DatabaseCache.get reads through get_many, so a single read takes this path too.
    def get_many(self, keys, version=None):
        if not keys:
            return {}
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        connection = connections[router.db_for_read(self.cache_model_class)]
        table = connection.ops.quote_name(self._table)
        now = connection.ops.adapt_datetimefield_value(tz_now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT cache_key, value FROM {table} "
                f"WHERE cache_key IN ({', '.join(['%s'] * len(key_map))}) AND expires >= %s",
                [*key_map, now],
            )
            rows = cursor.fetchall()
        clob = connection.ops.process_clob
        return {key_map[key]: pickle.loads(base64.b64decode(clob(v).encode())) for key, v in rows}


class FailOpenDatabaseCache(_DatabaseGuarded, _OneQueryReads, DatabaseCache):
    """The database cache, as an accelerator only."""


class FailOpenRedisCache(_Guarded, RedisCache):
    """Django's Redis cache, as an accelerator only (give it short socket timeouts)."""


class _CounterTable:
    """The database cache, made fit for rate-limit counters.

    - incr is atomic (the row is locked: SELECT ... FOR UPDATE on PostgreSQL,
      BEGIN IMMEDIATE on SQLite) and keeps the counter's expiry, where
      Django's read-then-write incr could lose counts in a burst and restarted
      the window at the default timeout;
    - a write that fails raises instead of being skipped silently;
    - culling removes only expired counters.
    """

    def _table_sql(self):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        return db, connection, connection.ops.quote_name(self._table)

    def _live(self, key):
        db, connection, table = self._table_sql()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE cache_key = %s AND expires > %s",
                [key, connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))],
            )
            return cursor.fetchone() is not None

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        if super()._base_set(mode, key, value, timeout):
            return True
        if mode == "add" and self._live(key):
            return False  # already counting: the caller increments it
        raise DatabaseError(f"the counter could not be written ({mode})")

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db, connection, table = self._table_sql()
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value FROM {table} WHERE cache_key = %s AND expires > %s{lock}",
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [pickled, key])
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def _cull(self, db, cursor, now, num):
        # Only counters whose window has passed are removed: a full table never
        # hands a client a fresh budget.
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        cursor.execute(
            f"DELETE FROM {table} WHERE {connection.ops.quote_name('expires')} < %s",
            [connection.ops.adapt_datetimefield_value(now)],
        )


class RateLimitDatabaseCache(_DatabaseGuarded, _CounterTable, _OneQueryReads, DatabaseCache):
    """Rate-limit counters in their own table: exact, never culled early, never failing open."""

    fail_open = False


class RateLimitRedisCache(_Guarded, RedisCache):
    """Rate-limit counters on Redis, never failing open."""

    fail_open = False
