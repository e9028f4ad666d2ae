"""GET /healthz (liveness) and GET /readyz (readiness): what a load balancer asks."""

import time
from unittest import mock

import pytest
from django.db import OperationalError, connection

from b2m_site import views

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_answers_without_asking_the_database(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


# Not inside a test transaction: the checks run in their own threads, and an open
# transaction's locks on the in-memory test database would hold them up.
@pytest.mark.django_db(transaction=True)
def test_readyz_answers_ok_when_the_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.faults
def test_readyz_answers_503_when_the_database_does_not(client):
    # The boundary: the database driver refusing to open a cursor (the check
    # runs in its own thread, so the patch is on the class every thread uses).
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "unavailable"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.faults
def test_readyz_answers_within_a_second_when_the_database_hangs(client, monkeypatch):
    def hangs():
        time.sleep(3)
        return "ok"

    monkeypatch.setattr(views, "_check_database", hangs)
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 1
    assert response.status_code == 503
    assert response.json()["database"] == "timeout"


def test_probes_only_answer_reads(client):
    for path in ("/healthz", "/readyz"):
        assert client.post(path).status_code == 405
        assert client.head(path).status_code == 200
