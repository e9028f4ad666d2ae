"""Rate-limit counters: never erased by a full cache, exact under a burst."""

import concurrent.futures
import json

import pytest
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

from tests.faults.helpers import API_BODY
from tests.faults.server import gunicorn, manage, post_json, site_env
from tests.site.test_shared_cache import fresh_database_url

pytestmark = pytest.mark.faults


@pytest.mark.django_db
def test_a_spent_rate_limit_budget_survives_hundreds_of_other_clients(settings):
    settings.PROXY_COUNT = 0
    factory = RequestFactory()

    def limited(ip):
        request = factory.post("/interpret/share/", REMOTE_ADDR=ip)
        return is_ratelimited(request, group="share-link", key="ip", rate="2/h", increment=True)

    spent = [f"203.0.113.{n}" for n in range(10)]
    for ip in spent:
        assert [limited(ip) for _ in range(3)] == [False, False, True]
    # Far more other clients than a culling cache keeps (Django's default: 300).
    for n in range(1000):
        limited(f"10.{n // 250}.{n % 250}.1")
    assert [limited(ip) for ip in spent] == [True] * 10


def test_a_burst_of_share_requests_gets_exactly_the_budget(tmp_path):
    database_url, drop_database = fresh_database_url(tmp_path)
    # A 30-day window: it cannot end mid-test (windows end at a clock time).
    env = site_env(DATABASE_URL=database_url, SHARE_LINK_RATE="10/30d")
    if env.get("REDIS_URL"):
        env["REDIS_URL"] = env["REDIS_URL"].rsplit("/", 1)[0] + "/2"
    try:
        manage(env, "migrate", "--noinput")
        manage(
            env, "shell", "-c", "from django.core.cache import caches; caches['ratelimit'].clear()"
        )
        with gunicorn(env) as base:
            body = {**API_BODY, "share": True}
            with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
                answers = list(
                    pool.map(lambda _: post_json(base + "/api/v1/interpret", body), range(40))
                )
    finally:
        drop_database()
    statuses = sorted(status for status, _, _, _ in answers)
    assert statuses.count(200) == 10, statuses
    assert set(statuses) <= {200, 429, 503}, statuses
    assert all(
        "share" in json.loads(body)["errors"] for status, _, body, _ in answers if status != 200
    )
