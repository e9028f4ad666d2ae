"""Admin sign-in resists guessing; passwords are strong; forms carry CSRF tokens."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from b2m_site.middleware import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Each sign-in attempt hashes a password; the real hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", password=PASSWORD)


def sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def assert_locked_out(response):
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "Sign-in is paused" in html
    assert "locked it for 30 minutes" in html


def test_five_wrong_passwords_lock_the_account_even_from_new_addresses(client, editor):
    statuses = [
        sign_in(client, "editor", "wrong guess", ip=f"203.0.113.{n}").status_code
        for n in range(1, 6)
    ]
    # The form again with an error four times; the fifth failure locks.
    assert statuses[:4] == [200] * 4
    response = sign_in(client, "editor", PASSWORD, ip="198.51.100.99")
    assert_locked_out(response)


def test_five_failures_from_one_address_lock_that_address_for_every_account(
    client, django_user_model
):
    django_user_model.objects.create_superuser("second", password=PASSWORD)
    for n in range(5):
        sign_in(client, f"guess{n}", "wrong guess", ip="203.0.113.50")
    assert_locked_out(sign_in(client, "second", PASSWORD, ip="203.0.113.50"))
    # Someone else, elsewhere, is not locked out.
    assert sign_in(client, "second", PASSWORD, ip="198.51.100.1").status_code == 302


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "wrong guess")
    assert sign_in(client, "editor", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "password", ["short1!", "password12345", "123456789012345", "editor-editor-1"]
)
def test_weak_staff_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="editor-editor", email="editor@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


def test_a_long_passphrase_is_accepted(django_user_model):
    validate_password(PASSWORD, user=django_user_model(username="editor"))


@pytest.mark.parametrize(
    "proxy_count, forwarded, expected",
    [
        (0, "198.51.100.1", "10.0.0.2"),  # no proxy: the header is the client's to forge
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged entry on the left
        (2, "198.51.100.1, 192.0.2.9", "198.51.100.1"),
        (2, "", "10.0.0.2"),
    ],
)
def test_the_client_address_trusts_only_our_own_proxies(settings, proxy_count, forwarded, expected):
    settings.PROXY_COUNT = proxy_count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def post_forms(html):
    return re.findall(r"<form\b[^>]*method=\"post\"[^>]*>.*?</form>", html, re.I | re.S)


@pytest.mark.parametrize("url", ["/interpret/", "/admin/login/"])
def test_every_form_that_posts_carries_a_csrf_token(client, url):
    forms = post_forms(client.get(url, follow=True).content.decode())
    assert forms, url
    for form in forms:
        assert 'name="csrfmiddlewaretoken"' in form


def test_every_form_on_a_result_page_carries_a_csrf_token(client):
    # The result page's download and share-link forms post the answers again.
    response = client.post(
        "/interpret/", {"serum_value": "3.1", "serum_upper_limit": "2.4"}, follow=True
    )
    forms = post_forms(response.content.decode())
    assert forms
    for form in forms:
        assert 'name="csrfmiddlewaretoken"' in form


def test_session_and_csrf_cookies_are_same_site_lax(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert client.cookies["sessionid"]["samesite"] == "Lax"
    assert client.cookies["sessionid"]["httponly"] is True
    assert client.cookies["csrftoken"]["samesite"] == "Lax"
