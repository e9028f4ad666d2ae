"""The PostgreSQL and Redis runs of `make test` really use PostgreSQL 15 and Redis.

Each check belongs to its own run (DATABASE_URL or REDIS_URL set by
scripts/with-postgres.sh or scripts/with-redis.sh); tests/conftest.py leaves it
out of the other runs (deselected, not skipped).
"""

import pytest
from django.core.cache import caches
from django.db import connection


@pytest.mark.postgres_run
@pytest.mark.django_db
def test_the_postgresql_run_uses_a_real_postgresql_15():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert cursor.fetchone()[0].startswith("15")


@pytest.mark.redis_run
def test_the_redis_run_uses_redis_for_the_shared_cache():
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.set("redis-check", "there", 30)
    assert cache.get("redis-check") == "there"
    assert cache._cache.get_client().ping() is True


def test_the_default_cache_is_shared_by_every_process():
    # Not a per-process cache (LocMem): see test_shared_cache for the proof.
    from django.core.cache.backends.db import DatabaseCache
    from django.core.cache.backends.redis import RedisCache

    for alias in ("default", "ratelimit"):
        assert isinstance(caches[alias], DatabaseCache | RedisCache), alias
