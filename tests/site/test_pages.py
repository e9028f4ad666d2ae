"""Site-wide guards over every public page."""

import re

import pytest
from django.core.management import call_command

from education.models import Topic

pytestmark = pytest.mark.django_db

STATIC_PUBLIC_URLS = ["/", "/learn/", "/glossary/", "/interpret/"]


def public_urls():
    return STATIC_PUBLIC_URLS + [t.get_absolute_url() for t in Topic.objects.published()]


def test_every_public_page_answers_200_with_exactly_one_h1(client):
    for url in public_urls():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url


def test_every_page_has_a_skip_link_to_main_content(client):
    for url in public_urls():
        html = client.get(url, follow=True).content.decode()
        assert 'href="#main-content"' in html, url
        assert '<main id="main-content"' in html, url
        assert '<html lang="en">' in html, url


def test_no_page_uses_inline_script_or_style(client):
    for url in public_urls():
        html = client.get(url, follow=True).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html, url


def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
