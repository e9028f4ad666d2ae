"""The database cache reads in one SELECT and never writes on a read (b2m_site.cache).

Django's DatabaseCache deletes the expired rows a read finds, so a page view
could wait for SQLite's write lock. These tests use the site's backend class
on its real table, whatever cache the run itself is configured with.
"""

import datetime

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from b2m_site.cache import FailOpenDatabaseCache, RateLimitDatabaseCache

pytestmark = pytest.mark.django_db

PARAMS = {"KEY_PREFIX": "reads-test"}


@pytest.fixture
def site_cache():
    backend = FailOpenDatabaseCache("b2m_cache", PARAMS)
    backend.clear()
    yield backend
    backend.clear()


def statements(queries):
    """The SQL statements run, without the savepoints a read inside a test's transaction gets."""
    kinds = [query["sql"].split()[0].upper() for query in queries]
    return [kind for kind in kinds if kind not in {"SAVEPOINT", "RELEASE"}]


def expire(backend, key, when):
    """Set the stored expiry of `key` to `when`, as if its time had come."""
    table = connection.ops.quote_name(backend._table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET expires = %s WHERE cache_key = %s",
            [connection.ops.adapt_datetimefield_value(when), backend.make_key(key)],
        )
        assert cursor.rowcount == 1


def test_values_read_back_as_they_were_written(site_cache):
    values = {"text": "version-1", "number": 3, "page": {"body": b"\x00<html>", "vary": ["a"]}}
    for key, value in values.items():
        site_cache.set(key, value, None)
    assert site_cache.get("text") == "version-1"
    assert site_cache.get("missing") is None
    assert site_cache.get("missing", "fallback") == "fallback"
    assert site_cache.get_many([*values, "missing"]) == values
    assert site_cache.get_many([]) == {}


def test_an_expired_entry_is_a_miss_and_the_read_writes_nothing(site_cache):
    site_cache.set("old", "stale words", 300)
    site_cache.set("fresh", "current words", 300)
    expire(site_cache, "old", timezone.now() - datetime.timedelta(seconds=1))
    with CaptureQueriesContext(connection) as queries:
        assert site_cache.get_many(["old", "fresh"]) == {"fresh": "current words"}
        assert site_cache.get("old") is None
    assert statements(queries) == ["SELECT", "SELECT"]
    # The expired row is still there for the next write's cull to remove.
    assert site_cache.has_key("fresh") and not site_cache.has_key("old")


def test_reads_agree_with_djangos_database_cache_on_the_same_rows(site_cache):
    django_cache = DatabaseCache("b2m_cache", PARAMS)
    site_cache.set("forever", "kept", None)
    site_cache.set("soon", "kept a while", 300)
    site_cache.set("gone", "expired", 300)
    site_cache.set("just-now", "expired this second", 300)
    now = timezone.now().replace(microsecond=0)
    expire(site_cache, "gone", now - datetime.timedelta(days=1))
    expire(site_cache, "just-now", now - datetime.timedelta(seconds=1))
    keys = ["forever", "soon", "gone", "just-now", "never-set"]
    ours = site_cache.get_many(keys)
    assert ours == {"forever": "kept", "soon": "kept a while"}
    assert ours == django_cache.get_many(keys)


def test_rate_limit_counters_read_the_same_way(settings):
    counters = RateLimitDatabaseCache("b2m_ratelimit", PARAMS)
    counters.clear()
    counters.add("client", 0, 60)
    assert counters.incr("client") == 1
    assert counters.get("client") == 1
    expire(counters, "client", timezone.now() - datetime.timedelta(seconds=1))
    with CaptureQueriesContext(connection) as queries:
        assert counters.get("client") is None
    assert statements(queries) == ["SELECT"]
    counters.clear()
