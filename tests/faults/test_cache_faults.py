"""The cache is an accelerator, never a dependency: missing, raising or timing out.

Each test breaks the cache for real (a dropped table, a backend that raises, a
"Redis" that accepts connections and never answers) and asks for every kind of
page. Everything answers as if nothing were cached; share links, which need the
rate limiter to count, are refused with a clear 503 instead.
"""

import json
import logging
import socket
import threading
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.test import Client

from b2m_site import cache as guarded
from tests.faults.helpers import API_BODY, MILD, assert_all_ok, every_request
from tests.site.production import production_settings

pytestmark = [pytest.mark.faults, pytest.mark.django_db]


@pytest.fixture
def database_cache(settings):
    """The production cache settings for the database cache, whatever this run uses."""
    settings.CACHES = production_settings(REDIS_URL="")["CACHES"]
    guarded._SHARED.clear()  # fresh breakers
    yield
    guarded._SHARED.clear()


@pytest.fixture
def drop_cache_tables(database_cache):
    """Drop the cache tables for real (no test transaction: requests run in autocommit,
    as in production, where PostgreSQL would otherwise abort the test's transaction at
    the first failed query); make them again afterwards."""

    def drop():
        with connection.cursor() as cursor:
            for table in ("b2m_cache", "b2m_ratelimit"):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")

    yield drop
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    for table in ("b2m_cache", "b2m_ratelimit"):
        command.create_table(connection.alias, table, dry_run=False)


def test_migrate_alone_makes_the_cache_tables(tmp_path):
    import sqlite3
    import subprocess
    import sys

    from tests.site.production import ROOT, subprocess_env

    database = tmp_path / "fresh.sqlite3"
    env = subprocess_env(DATABASE_URL=f"sqlite:///{database}", REDIS_URL="")
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    tables = {row[0] for row in sqlite3.connect(database).execute("SELECT name FROM sqlite_master")}
    assert {"b2m_cache", "b2m_ratelimit"} <= tables


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_cache_tables_missing_every_page_result_and_download_still_answers(
    drop_cache_tables, make_topic
):
    make_topic()
    drop_cache_tables()
    assert_all_ok(every_request())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_cache_tables_missing_share_links_are_refused_clearly_not_500(
    drop_cache_tables,
):
    drop_cache_tables()
    client = Client()
    page = client.post("/interpret/share/", MILD)
    assert page.status_code == 503
    assert page["Retry-After"]
    html = page.content.decode()
    assert "We cannot make share links right now" in html
    assert 'action="/interpret/checklist.pdf"' in html  # the download is offered instead
    api = client.post(
        "/api/v1/interpret",
        data=json.dumps({**API_BODY, "share": True}),
        content_type="application/json",
    )
    assert api.status_code == 503
    assert list(api.json()["errors"]) == ["share"]


def raising(*args, **kwargs):
    raise DatabaseError("the cache backend broke")


def test_a_cache_that_raises_costs_nothing_but_speed_and_is_logged_once(
    database_cache, make_topic, caplog
):
    make_topic()
    from django.core.cache.backends.db import DatabaseCache

    with (
        # The site's backends read through their own one-query get_many (b2m_site.cache).
        mock.patch.object(guarded._OneQueryReads, "get_many", raising),
        mock.patch.object(DatabaseCache, "get", raising),
        mock.patch.object(DatabaseCache, "_base_set", raising),
        caplog.at_level(logging.WARNING, logger="b2m.cache"),
    ):
        for _ in range(3):
            assert_all_ok(every_request())
    faults = [r for r in caplog.records if r.name == "b2m.cache"]
    # One line per cache (pages; and rate-limit counters, which the PDF download
    # asks), not one per request.
    caches_logged = [r.cache for r in faults]
    assert len(caches_logged) == len(set(caches_logged)) >= 1, [r.getMessage() for r in faults]
    assert all("DatabaseError" in r.getMessage() for r in faults)


def test_after_a_few_failures_the_breaker_stops_asking_the_cache(
    database_cache, settings, make_topic
):
    # Long enough that the breaker never half-opens during the test.
    settings.CACHES = production_settings(REDIS_URL="", CACHE_RETRY_SECONDS="3600")["CACHES"]
    make_topic()
    from django.core.cache.backends.db import DatabaseCache

    calls = mock.Mock(side_effect=DatabaseError("down"))
    with (
        # The site's backends read through their own one-query get_many (b2m_site.cache).
        mock.patch.object(guarded._OneQueryReads, "get_many", calls),
        mock.patch.object(DatabaseCache, "get", calls),
        mock.patch.object(DatabaseCache, "_base_set", calls),
    ):
        for _ in range(10):
            assert_all_ok(every_request())
    threshold = production_settings()["CACHE_BREAKER_FAILURES"]
    # Each cache (pages, rate-limit counters) tried at most `threshold` times.
    assert 1 <= calls.call_count <= 2 * threshold
    assert guarded.breaker_for(caches["default"]).state == "open"


@pytest.fixture
def black_hole():
    """A TCP server that accepts connections and never answers (a paused Redis).

    Each connection is dropped after 3 s, so code without timeouts fails instead of
    hanging the run. Yields (port, list of accepted connections).
    """
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []
    stop = threading.Event()

    def serve():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(conn)
            threading.Timer(3, conn.close).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()
    for conn in accepted:
        conn.close()


def test_a_cache_that_times_out_is_skipped_after_a_few_tries(settings, black_hole, make_topic):
    port, accepted = black_hole
    settings.CACHES = production_settings(
        REDIS_URL=f"redis://127.0.0.1:{port}/0", CACHE_RETRY_SECONDS="3600"
    )["CACHES"]
    guarded._SHARED.clear()
    make_topic()
    try:
        for _ in range(5):
            assert_all_ok(every_request())
        # Every Redis call that was tried timed out and dropped its connection;
        # the breaker stopped the rest.
        # (for each of the two caches: pages and rate-limit counters)
        assert 1 <= len(accepted) <= 2 * production_settings()["CACHE_BREAKER_FAILURES"]
        client = Client()
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["cache"] == "degraded"
    finally:
        guarded._SHARED.clear()


def test_a_full_database_cache_costs_nothing_and_never_hands_back_a_spent_budget(
    settings, make_topic
):
    """Both cache tables past MAX_ENTRIES: pages are culled, counters never are."""
    full = production_settings(REDIS_URL="")["CACHES"]
    for alias in full.values():
        alias["OPTIONS"] = {"MAX_ENTRIES": 5}
    settings.CACHES = full
    settings.SHARE_LINK_RATE = "1/h"
    guarded._SHARED.clear()
    make_topic()
    spent = Client(REMOTE_ADDR="203.0.113.9")
    assert spent.post("/interpret/share/", MILD).status_code == 302
    assert spent.post("/interpret/share/", MILD).status_code == 429
    # Far more pages and other visitors' counters than either table holds.
    for n in range(20):
        caches["default"].set(f"other-page:{n}", "x" * 100, 600)
        assert Client(REMOTE_ADDR=f"10.0.0.{n}").post("/interpret/share/", MILD).status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM b2m_ratelimit")
        assert cursor.fetchone()[0] > 5  # over MAX_ENTRIES: live counters are kept
    for _ in range(2):
        assert_all_ok(every_request())
    assert spent.post("/interpret/share/", MILD).status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.20").post("/interpret/share/", MILD).status_code == 302
    guarded._SHARED.clear()
