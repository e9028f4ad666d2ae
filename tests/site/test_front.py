"""The front door (b2m_site/front.py): the API on a short middleware list, PDF refusals at the door.

Requests go through the real WSGI application, as gunicorn calls it, and are
compared with the same requests through Django's whole stack (the test client).
"""

import io
import json
import logging
import sys
import time
from urllib.parse import urlencode

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from b2m_site import front, limits
from tests.faults.helpers import API_BODY, MILD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a request's start and end never close the
    connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


API = "/api/v1/interpret"
PDF = "/interpret/checklist.pdf"


def call(app, path, method="POST", body=b"", content_type="", address="127.0.0.1", **extra):
    """One request through a WSGI application: (status code, headers dict, body)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": address,
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        **extra,
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, headers

    result = app(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return int(started["status"].split()[0]), dict(started["headers"]), content


class Counting:
    """A WSGI application that counts the requests it is given."""

    def __init__(self, app):
        self.app, self.calls = app, 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.app(environ, start_response)


@pytest.fixture
def door():
    django_app = Counting(WSGIHandler())
    stateless_app = Counting(front.StatelessHandler())
    return front.FrontDoor(django_app, stateless_app), django_app, stateless_app


def test_the_production_wsgi_application_is_the_front_door():
    from b2m_site import wsgi

    assert isinstance(wsgi.application, front.FrontDoor)


def test_the_api_runs_on_the_short_middleware_list_and_answers_as_the_whole_stack_does(door):
    app, django_app, stateless_app = door
    body = json.dumps(API_BODY).encode()
    status, headers, content = call(app, API, body=body, content_type="application/json")
    assert (stateless_app.calls, django_app.calls) == (1, 0)
    whole = Client().post(API, data=body, content_type="application/json")
    assert status == whole.status_code == 200
    assert json.loads(content) == whole.json()
    # Every header the whole stack sets (security headers, CSP, caching, type).
    assert headers == dict(whole.items()) | {"Content-Length": str(len(content))}
    for name in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
    ):
        assert headers[name], name
    assert "no-store" in headers["Cache-Control"]


def test_the_api_on_the_short_list_keeps_its_refusals(door):
    app, _, stateless_app = door
    no_unit = json.dumps({"serum_b2m": {"value": 450}}).encode()
    status, headers, content = call(app, API, body=no_unit, content_type="application/json")
    assert status == 400 and list(json.loads(content)["errors"]) == ["serum_b2m.unit"]
    status, headers, content = call(app, API, method="GET")
    assert status == 405 and headers["Allow"] == "POST"
    status, headers, content = call(app, API, method="TRACE")
    assert status == 405
    huge = b"{" + b" " * (70 * 1024) + b"}"
    status, headers, content = call(app, API, body=huge, content_type="application/json")
    assert status == 413 and headers["Content-Type"] == "application/json"
    assert stateless_app.calls == 4


def test_the_api_request_is_logged_once_without_its_values(door, caplog):
    app, _, _ = door
    with caplog.at_level(logging.INFO, logger="b2m.request"):
        call(app, API, body=json.dumps(API_BODY).encode(), content_type="application/json")
    lines = [r.getMessage() for r in caplog.records if r.name == "b2m.request"]
    assert len(lines) == 1 and lines[0].startswith("POST /api/v1/interpret 200")
    assert "3.1" not in lines[0]


def test_pages_still_get_the_whole_stack(door):
    app, django_app, stateless_app = door
    # The checker's first screen, at a journey's own address (a bare /interpret/ is a 303 to one).
    status, headers, content = call(app, "/interpret/", method="GET", QUERY_STRING="j=Abcdefgh")
    assert status == 200 and b"csrfmiddlewaretoken" in content
    assert (django_app.calls, stateless_app.calls) == (1, 0)


# A browser's CSRF cookie and the same secret in the form (Django accepts the unmasked secret).
CSRF_SECRET = "a" * 32


def pdf(app, address="127.0.0.1", scheme="http"):
    body = urlencode({**MILD, "csrfmiddlewaretoken": CSRF_SECRET}).encode()
    return call(
        app,
        PDF,
        body=body,
        content_type="application/x-www-form-urlencoded",
        address=address,
        HTTP_COOKIE=f"csrftoken={CSRF_SECRET}",
        **{"wsgi.url_scheme": scheme, "HTTP_REFERER": f"{scheme}://testserver/interpret/"},
    )


def test_an_address_past_the_pdf_rate_is_refused_at_the_door_with_djangos_own_answer(
    door, settings, caplog
):
    settings.PDF_RATE = "1/m"
    app, django_app, _ = door
    status, _, content = pdf(app)
    assert status == 200 and content.startswith(b"%PDF")
    first = pdf(app)  # Django counts past the rate and refuses
    assert first[0] == 429 and django_app.calls == 2
    caplog.clear()
    with caplog.at_level(logging.INFO):
        door_answers = [pdf(app) for _ in range(5)]
    # The door answered all five: Django never saw them.
    assert django_app.calls == 2 and app.refusals.count == 5
    for status, headers, content in door_answers:
        assert status == 429
        assert content == first[2]
        assert {k: v for k, v in headers.items() if k != "Retry-After"} == {
            k: v for k, v in first[1].items() if k != "Retry-After"
        }
        assert 1 <= int(headers["Retry-After"]) <= int(first[1]["Retry-After"])
    assert "Content-Security-Policy" in door_answers[0][1]
    # Logged once for the five, not once per request; no request log line each.
    door_lines = [r for r in caplog.records if r.name == "b2m.limits"]
    assert len(door_lines) == 1
    assert not [r for r in caplog.records if r.name == "b2m.request"]
    # Another visitor is not refused.
    assert pdf(app, address="198.51.100.7")[0] == 200


def test_the_door_lets_an_address_through_again_when_its_window_has_passed(door, settings):
    settings.PDF_RATE = "1/m"
    app, django_app, _ = door
    pdf(app)
    assert pdf(app)[0] == 429
    assert pdf(app)[0] == 429
    calls = django_app.calls
    limits._refused_until["127.0.0.1"] = time.monotonic() - 1  # the window has passed
    pdf(app)
    assert django_app.calls == calls + 1  # Django asked the shared counters again


def test_the_door_refuses_only_what_django_refused_for_the_rate(door, settings):
    settings.PDF_RATE = "100/m"
    app, django_app, _ = door
    with limits.pdf_slots().take() as slot:  # another worker is building one
        assert slot is True
        for _ in range(3):
            assert pdf(app)[0] == 503
    assert django_app.calls == 3 and app.refusals.count == 0
    assert pdf(app)[0] == 200


def test_a_plain_http_request_still_gets_djangos_redirect_to_https(settings):
    settings.PDF_RATE = "1/m"
    settings.SECURE_SSL_REDIRECT = True
    django_app = Counting(WSGIHandler())
    app = front.FrontDoor(django_app, front.StatelessHandler())
    assert pdf(app, scheme="https")[0] == 200
    assert pdf(app, scheme="https")[0] == 429
    assert pdf(app, scheme="https")[0] == 429 and app.refusals.count == 1
    status, headers, _ = pdf(app)  # the same address over plain http
    assert status == 301 and headers["Location"].startswith("https://")
    assert django_app.calls == 3 and app.refusals.count == 1


def test_the_door_replays_a_refusal_only_to_requests_over_the_same_scheme(door, settings):
    """HSTS and the like depend on https: an answer kept from http is not replayed over https."""
    settings.PDF_RATE = "1/m"
    app, django_app, _ = door
    pdf(app)
    assert pdf(app)[0] == 429  # Django, over http: kept for http
    assert pdf(app)[0] == 429 and app.refusals.count == 1
    calls = django_app.calls
    assert pdf(app, scheme="https")[0] == 429  # Django again: none kept for https yet
    assert django_app.calls == calls + 1 and app.refusals.count == 1
    assert pdf(app, scheme="https")[0] == 429
    assert django_app.calls == calls + 1 and app.refusals.count == 2
