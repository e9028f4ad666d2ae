"""One cache for every process: an editor's change shows at once on every worker.

The site runs for real here: gunicorn with two workers in production mode, on
a database of its own (a file for SQLite, a fresh database on the PostgreSQL
run) and on the shared cache the settings choose (the database cache, or Redis
on the Redis run). The edit is saved by a third process, `manage.py shell`. With
a per-process cache the workers would keep serving the old page.
"""

import secrets
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

from tests.faults.server import free_port, gunicorn
from tests.site.production import ROOT, subprocess_env

SLUG = "shared-cache-check"


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def shell(env, code):
    manage(env, "shell", "-c", code)


def fresh_database_url(tmp_path):
    """A new, empty database on the same engine as this test run; and a way to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'site.sqlite3'}", lambda: None
    assert connection.vendor == "postgresql", connection.vendor
    import psycopg

    params = connection.settings_dict
    name = f"b2m_shared_{secrets.token_hex(4)}"
    admin = psycopg.connect(
        dbname=params["NAME"],
        user=params["USER"],
        password=params["PASSWORD"],
        host=params["HOST"],
        port=params["PORT"],
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    url = (
        f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:{params['PORT']}/{name}"
    )

    def drop():
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return url, drop


@pytest.fixture
def served_site(tmp_path):
    """gunicorn, two workers, production mode; yields (base URL, environment)."""
    database_url, drop_database = fresh_database_url(tmp_path)
    port = free_port()
    env = subprocess_env(
        DATABASE_URL=database_url,
        DJANGO_SECURE_SSL_REDIRECT="0",
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )
    if env.get("REDIS_URL"):
        # A database of its own on the same Redis, away from this run's keys.
        env["REDIS_URL"] = env["REDIS_URL"].rsplit("/", 1)[0] + "/1"
    # migrate alone makes every table, the cache's included: no createcachetable.
    manage(env, "migrate", "--noinput")
    shell(env, "from django.core.cache import cache; cache.clear()")

    try:
        with gunicorn(env) as base:
            yield base, env
    finally:
        drop_database()


def get(url):
    """(status, body, X-Page-Cache) over a new connection each time."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), response.headers["X-Page-Cache"]
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), None


def test_an_edit_saved_by_one_process_is_served_at_once_by_every_worker(served_site):
    base, env = served_site
    shell(
        env,
        "from tests.factories import make_topic; "
        f"make_topic(slug={SLUG!r}, title='Before the edit')",
    )
    url = f"{base}/learn/{SLUG}/"
    before = [get(url) for _ in range(8)]
    assert all(status == 200 and "Before the edit" in body for status, body, _ in before)
    assert "hit" in [cache for _, _, cache in before], "the page was never served from the cache"

    shell(
        env,
        "from education.models import Topic; from education.publishing import publish; "
        f"topic = Topic.objects.get(slug={SLUG!r}); topic.title = 'After the edit'; topic.save(); "
        "publish(topic, user=None, comment='Edited and published')",
    )
    after = [get(url) for _ in range(8)]
    assert all(status == 200 for status, _, _ in after)
    assert ["After the edit" in body for _, body, _ in after] == [True] * 8


@pytest.mark.django_db
def test_rate_limit_counts_live_in_the_shared_cache(settings):
    settings.PROXY_COUNT = 0
    factory = RequestFactory()

    def limited(ip):
        request = factory.post("/r/new/", REMOTE_ADDR=ip)
        return is_ratelimited(request, group="test", key="ip", rate="3/m", increment=True)

    assert [limited("203.0.113.9") for _ in range(4)] == [False, False, False, True]
    assert limited("198.51.100.3") is False
