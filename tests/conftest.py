"""Shared fixtures: content factories and a real browser (Debian's chromium)."""

import os
import re
import time

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses
# database access from there unless told it is safe (it is: one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "cache: uses the shared cache (pages, rate limits); make test runs these against Redis too",
    )
    config.addinivalue_line("markers", "postgres_run: only in the PostgreSQL run (DATABASE_URL)")
    config.addinivalue_line(
        "markers",
        "faults: a part fails for real (cache, Redis, database, bad input, bad settings); "
        "make test runs them in every run, the Redis ones on the Redis run",
    )
    config.addinivalue_line("markers", "redis_run: only in the Redis run (REDIS_URL)")


def _runs_here(item, markexpr):
    if item.get_closest_marker("cluster"):
        # Minutes of real servers: only when asked for (`make test-cluster`, -m cluster).
        return "cluster" in markexpr
    if item.get_closest_marker("postgres_run"):
        return os.environ.get("DATABASE_URL", "").startswith("postgres")
    if item.get_closest_marker("redis_run"):
        return bool(os.environ.get("REDIS_URL"))
    return True


def pytest_collection_modifyitems(config, items):
    # Checks that belong to another run are deselected here, not skipped.
    markexpr = config.getoption("markexpr") or ""
    deselected = [item for item in items if not _runs_here(item, markexpr)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if _runs_here(item, markexpr)]
    for item in items:
        # Tests about caching or rate limits, wherever they live, also run against
        # a real Redis (`make test-redis` selects -m cache): no one has to remember
        # the marker for the Redis run to cover them.
        if re.search(r"cache|rate_?limit", item.nodeid, re.IGNORECASE):
            item.add_marker(pytest.mark.cache)
        # Live-server tests run in transactions that end in a flush; restore the
        # content that migrations seeded before each of them (serialized rollback).
        if "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


@pytest.fixture
def production(settings):
    """This test sees production's security settings (b2m_site/settings.py with DJANGO_DEBUG=0)."""
    from tests.site.production import production_settings

    for name, value in production_settings().items():
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_")):
            setattr(settings, name, value)
    return settings


def _uses_database(request):
    return bool(
        request.node.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server", "admin_client"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Each database test starts with an empty shared cache (pages, rate limits)."""
    from b2m_site import cache as guarded

    guarded._SHARED.clear()  # every test starts with closed circuit breakers
    from b2m_site import limits

    limits._refused_until.clear()  # and with no address remembered as over its PDF rate
    if not _uses_database(request):
        yield
        return
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _one_rate_window(monkeypatch):
    """A test's requests all fall in one rate-limit window.

    django-ratelimit counts in fixed windows that end at a time set by the clock
    and the key; a test that asks twice could straddle a window's end and see its
    count start again (CI once saw a second PDF allowed at "1/m"). The clock the
    counters read stands still at the moment the test starts, so a test checks the
    counting, never the luck of the wall clock. Servers started in other processes
    keep the real clock.
    """
    import types

    from django_ratelimit import core

    now = time.time()
    monkeypatch.setattr(core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture(scope="session")
def _seeded_snapshot(django_db_setup, django_db_blocker):
    """The test database as migrations left it (all seeded content), serialized once."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _seeded_content(request):
    """Transactional tests (live-server ones among them) end in a flush, which empties
    the content that migrations seeded. Serialized rollback should restore it, but once
    Playwright's event loop has run in this thread Django hands it a fresh connection
    object that lacks the serialized copy. So restore it from our own snapshot
    whenever it is missing."""
    if not _is_transactional(request):
        return
    snapshot = request.getfixturevalue("_seeded_snapshot")
    request.getfixturevalue("transactional_db")
    from django.core.management import call_command
    from django.db import connection

    from education.models import Topic

    if not Topic.objects.exists():
        # A flush without serialized rollback recreated content types and
        # permissions under new ids; clear them so the snapshot's ids fit.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture(scope="session")
def live_server(request, django_db_blocker):
    """pytest-django's live server, but /static/ is served by whitenoise from the
    collected, hashed files, as in production (Django's static handler only knows
    the unhashed source names)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost:0", start=False)
        server.thread.static_handler = lambda app: app
        server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page to run axe-core in (tests/axe.py)."""
    from tests.axe import AXE

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make setup does).")
    # The Content-Security-Policy forbids inline scripts, axe's included; the
    # pages' own policy is tested elsewhere (no inline script or style at all).
    context = browser.new_context(viewport={"width": 1000, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def editor(db):
    """A member of Content editors (a test module may define its own `editor`)."""
    from education import workflow
    from tests.factories import make_user

    return make_user("edna", workflow.CONTENT_EDITORS)


@pytest.fixture
def reviewer(db):
    """A member of Clinical reviewers with a reviewer profile."""
    from education import workflow
    from tests.factories import make_user

    return make_user(
        "rita", workflow.CLINICAL_REVIEWERS, profile=("Dr Rita Osei", "Consultant nephrologist")
    )


@pytest.fixture
def make_topic(db):
    from tests.factories import make_topic

    return make_topic
