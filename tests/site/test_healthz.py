"""GET /healthz (liveness) and GET /readyz (readiness): what a load balancer asks."""

import threading
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
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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
def test_readyz_reports_a_hanging_database_instead_of_waiting_for_it(client, monkeypatch):
    # The check blocks until the test releases it: a readiness view that waited
    # for it would never answer "timeout". No wall-clock time is asserted (the
    # machine may be loaded); the answer itself proves it did not wait.
    release = threading.Event()

    def hangs():
        release.wait(30)
        return "ok"

    monkeypatch.setattr(views, "_check_database", hangs)
    try:
        response = client.get("/readyz")
    finally:
        release.set()
    assert response.status_code == 503
    assert response.json()["database"] == "timeout"


def test_probes_only_answer_reads(client):
    for path in ("/healthz", "/readyz"):
        assert client.post(path).status_code == 405
        assert client.head(path).status_code == 200
