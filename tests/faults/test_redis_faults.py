"""Redis killed or paused (SIGSTOP) under the site: pages answer, the limiter refuses.

A real redis-server of the test's own, on a free port, killed or paused by the
test. These run on the Redis run of `make test` (scripts/with-redis.sh installs
redis-server when it is missing).
"""

import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import time
from unittest import mock

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from b2m_site import cache as guarded
from tests.faults.helpers import API_BODY, MILD, assert_all_ok, every_request
from tests.faults.server import free_port
from tests.site.production import production_settings

pytestmark = [pytest.mark.faults, pytest.mark.redis_run, pytest.mark.django_db]


@pytest.fixture
def redis_server(tmp_path):
    """A throwaway redis-server; yields (process, URL)."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing (scripts/with-redis.sh installs it)"
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port, socket_timeout=1)
    for _ in range(100):
        with contextlib.suppress(redis.ConnectionError):
            if client.ping():
                break
        time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGCONT)
    process.kill()
    process.wait()


@pytest.fixture
def on_redis(settings, redis_server):
    process, url = redis_server
    guarded._SHARED.clear()
    settings.CACHES = production_settings(REDIS_URL=url, CACHE_RETRY_SECONDS="1")["CACHES"]
    yield process
    guarded._SHARED.clear()


def share(client):
    page = client.post("/interpret/share/", MILD)
    api = client.post(
        "/api/v1/interpret",
        data=json.dumps({**API_BODY, "share": True}),
        content_type="application/json",
    )
    return page, api


def test_redis_killed_costs_no_page_and_share_links_are_refused_clearly(on_redis, make_topic):
    make_topic()
    assert_all_ok(every_request())  # the cache is filled
    assert caches["default"].get("content-version") is not None
    on_redis.kill()
    on_redis.wait()
    for _ in range(3):
        assert_all_ok(every_request())
    page, api = share(Client())
    assert (
        page.status_code == 503 and "We cannot make share links right now" in page.content.decode()
    )
    assert api.status_code == 503 and list(api.json()["errors"]) == ["share"]
    ready = Client().get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "cache": "degraded"}


def test_redis_paused_is_asked_only_until_the_breaker_opens_then_again_when_back(
    on_redis, make_topic
):
    make_topic()
    assert_all_ok(every_request())
    original = redis.Redis.execute_command
    with mock.patch.object(
        redis.Redis, "execute_command", autospec=True, side_effect=original
    ) as commands:
        os.kill(on_redis.pid, signal.SIGSTOP)
        try:
            assert_all_ok(every_request())
            assert_all_ok(every_request())
            tried = commands.call_count
            # Each call gave up after CACHE_TIMEOUT_MS; then the breaker stopped asking.
            assert 1 <= tried <= production_settings()["CACHE_BREAKER_FAILURES"] * 2
            # Open; or half-open when the two rounds (two PDFs each) outlasted the
            # CACHE_RETRY_SECONDS window on a slow machine. Never closed while paused.
            assert guarded.breaker_for(caches["default"]).state in ("open", "half-open")
            page, api = share(Client())
            assert page.status_code == 503 and api.status_code == 503
        finally:
            os.kill(on_redis.pid, signal.SIGCONT)
    time.sleep(1.1)  # CACHE_RETRY_SECONDS: the breaker lets one call try again
    assert_all_ok(every_request())
    assert guarded.breaker_for(caches["default"]).state == "closed"
    page, api = share(Client())
    assert page.status_code == 302 and api.status_code == 200


def fill_up(url):
    """Fill Redis to its limit with other data; from then on every write is refused (OOM)."""
    client = redis.Redis.from_url(url.rsplit("/", 1)[0] + "/3", socket_timeout=5)
    junk = b"x" * 10_000
    with client.pipeline(transaction=False) as pipe:
        for n in range(200):  # about 2 MB that is not the site's
            pipe.set(f"other-data:{n}", junk)
        pipe.execute()
    used = client.info("memory")["used_memory"]
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", used)
    with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
        client.set("one-more", junk)
    client.close()


def api_answer(client, body=API_BODY):
    return client.post("/api/v1/interpret", data=json.dumps(body), content_type="application/json")


def test_a_full_redis_costs_no_page_result_download_or_api_answer(
    redis_server, on_redis, make_topic, caplog
):
    _, url = redis_server
    make_topic()
    expected = api_answer(Client()).json()
    caches["default"].clear()  # nothing cached: every page must be built and stored
    fill_up(url)
    with caplog.at_level(logging.WARNING, logger="b2m.cache"):
        for _ in range(3):
            assert_all_ok(every_request())
    # Correct answers, uncached: the same result as with room in the cache.
    assert api_answer(Client()).json() == expected
    txt = Client().post("/interpret/checklist.txt", MILD)
    assert txt.status_code == 200 and "3.1" in txt.content.decode()
    # Each cache's fault logged once (breaker open, then once a minute), not per request.
    faults = [r for r in caplog.records if r.name == "b2m.cache"]
    assert faults and all("maxmemory" in r.getMessage() for r in faults), faults
    assert len(faults) == len({r.cache for r in faults}) <= 2, [r.getMessage() for r in faults]


def test_a_full_redis_refuses_share_links_clearly_because_the_limiter_cannot_count(
    redis_server, on_redis
):
    _, url = redis_server
    fill_up(url)
    page, api = share(Client())
    assert page.status_code == 503 and page["Retry-After"]
    html = page.content.decode()
    assert "We cannot make share links right now" in html
    assert 'action="/interpret/checklist.pdf"' in html  # the download is offered instead
    assert api.status_code == 503 and list(api.json()["errors"]) == ["share"]
    assert api["Retry-After"]
