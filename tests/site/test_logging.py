"""One JSON line per request, and never a lab value or a share token in any log line."""

import io
import json
import logging

import pytest
from django.test import Client
from django.urls import include, path

from b2m_site import urls as site_urls
from b2m_site.middleware import RedactFilter

pytestmark = pytest.mark.django_db

TOKEN = "Zq8sVx3kP1mN7tQe"
SERUM = "3.14159"
LINK_VALUE = "7.777"


def _fail(request, token):
    raise RuntimeError("boom")


# This module doubles as a URLconf for the test that needs a server error.
urlpatterns = [
    path("r/<str:token>/boom/", _fail),
    path("", include(site_urls.urlpatterns)),
]


@pytest.fixture
def log_output():
    """Everything the configured console handler writes, as parsed JSON lines."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactFilter) for f in h.filters)
    )
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    # Django's request logger is quiet below ERROR in production; open it up
    # here so its 4xx warnings are checked as well.
    django_request = logging.getLogger("django.request")
    level = django_request.level
    django_request.setLevel(logging.WARNING)
    yield buffer
    django_request.setLevel(level)
    handler.setStream(previous)


def lines(buffer):
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def request_lines(buffer):
    return [line for line in lines(buffer) if line["logger"] == "b2m.request"]


def test_each_request_writes_one_structured_json_line(client, log_output):
    client.get("/learn/")
    [line] = request_lines(log_output)
    assert line["method"] == "GET"
    assert line["path"] == "/learn/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "INFO"
    assert line["message"].startswith("GET /learn/ 200 ")
    assert set(line) >= {"time", "level", "logger", "message"}


def test_lab_values_from_a_form_or_a_link_never_reach_the_log(client, log_output, caplog):
    client.post("/interpret/", {"serum_value": SERUM, "serum_unit": "mg/L"}, follow=True)
    client.post("/interpret/", {"serum_value": SERUM, "serum_unit": "nonsense"}, follow=True)
    client.get(f"/interpret/?serum_value={LINK_VALUE}&serum_unit=mg/L", follow=True)
    client.get(f"/no-such-page/?serum_value={LINK_VALUE}")

    written = log_output.getvalue()
    assert SERUM not in written and LINK_VALUE not in written
    assert all(
        SERUM not in r.getMessage() and LINK_VALUE not in r.getMessage() for r in caplog.records
    )
    paths = [(line["method"], line["path"], line["status"]) for line in request_lines(log_output)]
    assert paths == [
        ("POST", "/interpret/", 303),  # answered: on to the result's own GET address
        ("GET", "/interpret/", 200),
        ("POST", "/interpret/", 303),  # a mistake too: on to its page's GET address
        ("GET", "/interpret/", 200),
        ("GET", "/interpret/", 303),  # a fresh start gets a journey in its address
        ("GET", "/interpret/", 200),
        ("GET", "/no-such-page/", 404),
    ]


def test_share_tokens_are_masked_in_every_log_line(client, log_output):
    client.raise_request_exception = False  # whatever the share page answers, check the log
    client.get(f"/r/{TOKEN}/")
    client.get(f"/r/{TOKEN}/result.pdf?serum_value={LINK_VALUE}")
    Client(enforce_csrf_checks=True).post(f"/r/{TOKEN}/", {"serum_value": SERUM})

    written = log_output.getvalue()
    assert TOKEN not in written and LINK_VALUE not in written and SERUM not in written
    assert [line["path"] for line in request_lines(log_output)] == [
        "/r/<redacted>/",
        "/r/<redacted>/result.pdf",
        "/r/<redacted>/",
    ]
    # Django's own "Not Found" and CSRF warnings went through the same mask.
    django_lines = [line for line in lines(log_output) if line["logger"].startswith("django.")]
    assert any("/r/<redacted>/" in line["message"] for line in django_lines)


@pytest.mark.urls(__name__)
def test_a_server_error_under_a_share_link_logs_no_token_or_query(client, log_output):
    client.raise_request_exception = False
    response = client.get(f"/r/{TOKEN}/boom/?serum_value={LINK_VALUE}")
    assert response.status_code == 500

    written = log_output.getvalue()
    assert TOKEN not in written and LINK_VALUE not in written
    error = next(line for line in lines(log_output) if line["logger"] == "django.request")
    assert error["message"] == "Internal Server Error: /r/<redacted>/boom/"
    assert error["request"] == "GET /r/<redacted>/boom/"
    assert "RuntimeError: boom" in error["exc_info"]
    [line] = request_lines(log_output)
    assert line["status"] == 500 and line["level"] == "ERROR"


def test_health_checks_stay_out_of_the_info_log(client, log_output):
    client.get("/healthz")
    assert request_lines(log_output) == []


@pytest.mark.parametrize(
    "name",
    ["b2m.request", "django.request", "django.security.csrf", "django.server", "axes", "root"],
)
def test_every_log_line_goes_through_the_redact_filter(name):
    logger = logging.getLogger() if name == "root" else logging.getLogger(name)
    handlers = []
    while logger:
        handlers += logger.handlers
        logger = logger.parent if logger.propagate else None
    # None would mean logging's last-resort handler: unfiltered, straight to stderr.
    assert handlers
    for handler in handlers:
        if type(handler).__module__.startswith("_pytest"):
            continue  # pytest's own capture
        assert any(isinstance(f, RedactFilter) for f in handler.filters), (name, handler)
