"""The database down or locked: clear 503s, cached pages still served, honest probes."""

import json
import sqlite3
import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from tests.faults.helpers import API_BODY, MILD
from tests.faults.server import fetch, free_port, gunicorn, manage, post_json, site_env

pytestmark = pytest.mark.faults

REFUSING = "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection"


@pytest.mark.django_db
def test_requests_that_need_the_database_answer_503_and_recover_when_it_is_back():
    client = Client(raise_request_exception=False)
    # A worker that has served a result holds the editors' wording in memory, so it
    # can still build guidance; only storing the link needs the database.
    warm = client.post("/api/v1/interpret", data=API_BODY, content_type="application/json")
    assert warm.status_code == 200
    with mock.patch(REFUSING, side_effect=OperationalError("connection refused")):
        page = client.post("/interpret/share/", MILD)
        api_share = client.post(
            "/api/v1/interpret",
            data=json.dumps({**API_BODY, "share": True}),
            content_type="application/json",
        )
        glossary = client.get("/glossary/")
    assert page.status_code == 503 and page["Retry-After"]
    assert "We cannot make share links right now" in page.content.decode()
    assert glossary.status_code == 503 and glossary["Retry-After"]
    assert "briefly unavailable" in glossary.content.decode()
    assert api_share.status_code == 503 and list(api_share.json()["errors"]) == ["share"]
    # Back without a restart.
    assert client.get("/glossary/").status_code == 200


def test_postgresql_down_gives_clear_503s_and_probes_that_tell_the_truth():
    # A PostgreSQL URL where nothing listens: the database is down from the start.
    env = site_env(DATABASE_URL=f"postgres://b2m:pw@127.0.0.1:{free_port()}/b2m", REDIS_URL="")
    with gunicorn(env) as base:
        status, _, body, seconds = fetch(base + "/readyz")
        assert status == 503 and seconds < 5  # never waits for the fault
        assert json.loads(body)["database"] == "unavailable"
        assert fetch(base + "/healthz")[0] == 200
        status, headers, body, _ = fetch(base + "/glossary/")
        assert status == 503 and headers["Retry-After"]
        # The API needs the database for its wording (unless a worker has it already).
        status, headers, body, _ = post_json(base + "/api/v1/interpret", API_BODY)
        assert status in (200, 503) and headers["Content-Type"] == "application/json"
        if status == 503:
            assert "service" in json.loads(body)["errors"]
        status, headers, body, _ = post_json(
            base + "/api/v1/interpret", {**API_BODY, "share": True}
        )
        assert status == 503 and json.loads(body)["errors"]


def test_a_held_sqlite_write_lock_is_reported_and_does_not_block_the_site(tmp_path):
    database = tmp_path / "site.sqlite3"
    env = site_env(
        DATABASE_URL=f"sqlite:///{database}", REDIS_URL="", DJANGO_DB_TIMEOUT_SECONDS="1"
    )
    manage(env, "migrate", "--noinput")
    with gunicorn(env) as base:
        topic = "/learn/what-is-b2m/"
        assert fetch(base + topic)[0] == 200  # now cached
        locker = sqlite3.connect(database, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            status, _, body, seconds = fetch(base + "/readyz")
            assert status == 503 and seconds < 5  # never waits for the fault
            assert json.loads(body)["database"] == "locked"
            assert fetch(base + "/healthz")[0] == 200
            # Reads go on (WAL): the cached page and the checker itself.
            assert fetch(base + topic)[0] == 200
            status, _, _, _ = post_json(base + "/api/v1/interpret", API_BODY)
            assert status == 200
            # A write waits the busy timeout, then gets a clear 503, not a hang or a 500.
            started = time.monotonic()
            status, _, body, _ = post_json(base + "/api/v1/interpret", {**API_BODY, "share": True})
            assert status == 503, body
            assert time.monotonic() - started < 5
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        assert fetch(base + "/readyz")[0] == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error, status, key",
    [
        (OperationalError("server closed the connection"), 503, "service"),
        (RuntimeError("bug"), 500, "server"),
    ],
)
def test_any_server_error_under_the_api_answers_json(error, status, key):
    client = Client(raise_request_exception=False)
    with mock.patch("interpreter.api.present", side_effect=error):
        response = client.post(
            "/api/v1/interpret", data=json.dumps(API_BODY), content_type="application/json"
        )
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == [key]
