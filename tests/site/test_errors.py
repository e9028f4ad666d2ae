"""Friendly error pages in the site's design, and the expired-form page."""

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template.loader import get_template
from django.test import Client
from django.urls import include, path, reverse

from b2m_site import urls as site_urls

pytestmark = pytest.mark.django_db


def _raise(exception):
    def view(request):
        raise exception

    return view


# This module doubles as a URLconf (pytest.mark.urls) with views that fail on purpose.
urlpatterns = [
    path("fail/400/", _raise(SuspiciousOperation("bad"))),
    path("fail/403/", _raise(PermissionDenied)),
    path("fail/500/", _raise(RuntimeError("boom"))),
    path("", include(site_urls.urlpatterns)),
]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


@pytest.fixture
def visitor(client):
    client.raise_request_exception = False
    return client


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url, status, heading",
    [
        ("/fail/400/", 400, "Something went wrong with that request"),
        ("/fail/403/", 403, "You cannot open this page"),
        ("/no-such-page/", 404, "We cannot find that page"),
        ("/fail/500/", 500, "Sorry, something went wrong on our side"),
    ],
)
def test_error_pages_are_calm_and_in_the_site_design(visitor, url, status, heading):
    response = visitor.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert h1_count(html) == 1
    assert f"<h1>{heading}</h1>" in html
    assert '<main id="main-content"' in html
    assert f'href="{reverse("education:home")}"' in html
    assert f'href="{reverse("interpreter:form")}"' in html
    assert "noindex" in html
    # Nothing technical leaks to the visitor.
    assert "boom" not in html and "Traceback" not in html


def test_a_request_for_an_unknown_host_gets_the_friendly_400_page(client):
    response = client.get("/", HTTP_HOST="not-our-site.example")
    assert response.status_code == 400
    assert "<h1>Something went wrong with that request</h1>" in response.content.decode()


def test_an_unknown_host_gets_400_even_for_a_page_in_the_cache(client):
    assert client.get("/learn/").status_code == 200  # now cached
    assert client.get("/learn/").status_code == 200
    # ALLOWED_HOSTS guards every response, cached or not (Host header poisoning).
    assert client.get("/learn/", HTTP_HOST="not-our-site.example").status_code == 400


def test_the_500_page_renders_with_no_request_at_all():
    html = get_template("errors/500.html").render()
    assert h1_count(html) == 1
    assert "Sorry, something went wrong on our side" in html


def test_the_missing_page_explains_that_shared_links_expire(client):
    html = client.get("/no-such-page/").content.decode()
    assert "stops working after it expires" in html


# --- the expired-form (CSRF failure) page -----------------------------------


def expired_form_post(data, **headers):
    """POST as a browser whose CSRF cookie has gone (cleared, or the tab sat open)."""
    client = Client(enforce_csrf_checks=True)
    return client, client.post(reverse("interpreter:form"), data, **headers, follow=True)


def test_an_expired_form_gets_a_calm_page_not_a_bare_403():
    _, response = expired_form_post({"serum_value": "3.1"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403
    html = response.content.decode()
    assert h1_count(html) == 1
    assert "<h1>This form has expired</h1>" in html
    assert "Back button" in html
    assert "no-store" in response["Cache-Control"]


def test_an_expired_form_keeps_what_was_typed_and_can_be_sent_again():
    client, response = expired_form_post(
        {"serum_value": "3.1", "serum_unit": "mg/L", "csrfmiddlewaretoken": "stale"},
        HTTP_ORIGIN="http://testserver",
    )
    html = response.content.decode()
    assert '<input type="hidden" name="serum_value" value="3.1">' in html
    assert '<input type="hidden" name="serum_unit" value="mg/L">' in html
    assert 'value="stale"' not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    # The page set a fresh CSRF cookie; sending the kept answers now works.
    response = client.post(
        reverse("interpreter:form"),
        {"serum_value": "3.1", "serum_unit": "mg/L", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://testserver",
        follow=True,
    )
    assert response.status_code == 200
    assert "This form has expired" not in response.content.decode()


def test_a_form_posted_from_another_site_is_not_offered_again():
    _, response = expired_form_post({"serum_value": "3.1"}, HTTP_ORIGIN="https://evil.example")
    html = response.content.decode()
    assert response.status_code == 403
    assert "serum_value" not in html
    assert "Send it again" not in html


def test_an_expired_admin_form_never_offers_its_fields_again():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "secret words"},
        HTTP_ORIGIN="http://testserver",
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in html
    assert "secret words" not in html and "editor" not in html
    assert 'href="/admin/login/"' in html


# --- A method an address never answers: 405, not "This form has expired" (fuzz audit) -------


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(
    "path, allow",
    [("/", "GET, HEAD, OPTIONS"), ("/learn/", "GET, HEAD, OPTIONS"), ("/healthz", "GET, HEAD"),
     ("/readyz", "GET, HEAD"), ("/interpret/link/", "GET, HEAD")],
)  # fmt: skip
def test_a_read_only_address_answers_405_with_allow_even_without_a_csrf_token(method, path, allow):
    response = Client(enforce_csrf_checks=True).generic(method, path)
    assert response.status_code == 405
    assert response["Allow"] == allow


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/interpret/checklist.txt", "/interpret/share/", "/interpret/"])
def test_a_form_address_answers_405_to_a_method_it_never_takes(method, path):
    response = Client(enforce_csrf_checks=True).generic(method, path)
    assert response.status_code == 405
    assert "POST" in response["Allow"]


@pytest.mark.parametrize("path", ["/interpret/checklist.txt", "/interpret/share/", "/interpret/"])
def test_a_post_without_its_csrf_token_still_gets_the_expired_form_page(path):
    response = Client(enforce_csrf_checks=True).post(path, {"serum_value": "3.1"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_a_share_links_delete_page_answers_405_to_a_method_it_never_takes(method):
    response = Client(enforce_csrf_checks=True).generic(method, "/r/" + "a" * 43 + "/delete/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
