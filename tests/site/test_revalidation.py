"""Browsers revalidate cached public pages: ETag from the content version, 304 when unchanged."""

import gzip

import pytest
from django.core.cache import caches
from django.test import Client

from education.cache import page_key

pytestmark = [pytest.mark.django_db, pytest.mark.cache]


def get(client, url, **headers):
    return client.get(url, HTTP_ACCEPT_ENCODING="gzip", **headers)


def test_a_public_page_carries_an_etag_and_no_cache_on_a_miss_and_a_hit(make_topic):
    url = make_topic().get_absolute_url()
    client = Client()
    miss, hit = get(client, url), get(client, url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss["ETag"] == hit["ETag"] and miss["ETag"].startswith('"')
    assert miss["Cache-Control"] == hit["Cache-Control"] == "no-cache"
    assert miss["Vary"] == hit["Vary"]


def test_a_repeat_visit_with_the_etag_gets_304_without_a_body(make_topic):
    url = make_topic().get_absolute_url()
    client = Client()
    etag = get(client, url)["ETag"]
    again = get(client, url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == "no-cache"
    # Also when the cached copy has gone and the page is built again.
    caches["default"].delete(page_key(url, "gzip"))  # the version stays
    rebuilt = Client().get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert rebuilt.status_code == 304


def test_an_edit_changes_the_etag_so_the_browser_gets_the_new_page(make_topic):
    topic = make_topic(title="Before the edit")
    url = topic.get_absolute_url()
    client = Client()
    etag = get(client, url)["ETag"]
    topic.title = "After the edit"
    topic.save()
    fresh = get(client, url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert gzip.decompress(fresh.content).startswith(b"<!doctype html>")


def test_each_coding_has_its_own_etag(make_topic):
    url = make_topic().get_absolute_url()
    client = Client()
    gzip_etag = get(client, url)["ETag"]
    plain = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert plain["ETag"] != gzip_etag
    assert client.get(url, HTTP_IF_NONE_MATCH=gzip_etag).status_code == 200


def test_a_new_release_never_serves_or_confirms_a_page_the_old_one_built(make_topic, settings):
    """Deployed with new templates or CSS, the site builds its pages afresh: the shared
    cache's copy from the old code is not served, and a browser's copy of it is not
    confirmed with a 304 (its HTML names the old release's CSS files)."""
    url = make_topic().get_absolute_url()
    settings.RELEASE = "release-one"
    client = Client()
    assert get(client, url)["X-Page-Cache"] == "miss"
    old = get(client, url)
    assert old["X-Page-Cache"] == "hit"

    settings.RELEASE = "release-two"  # the same content, new code
    new = get(client, url, HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200 and new["X-Page-Cache"] == "miss"
    assert new["ETag"] != old["ETag"]
    assert get(client, url, HTTP_IF_NONE_MATCH=new["ETag"]).status_code == 304


def test_the_release_is_the_trees_fingerprint_unless_the_deployment_names_it():
    import subprocess
    import sys

    from django.conf import settings

    from b2m_site.release import fingerprint
    from tests.site.production import ROOT, subprocess_env

    assert settings.RELEASE == fingerprint(settings.BASE_DIR)
    assert len(settings.RELEASE) == 12
    named = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.RELEASE)",
        ],
        cwd=ROOT,
        env=subprocess_env(
            DJANGO_SETTINGS_MODULE="b2m_site.settings", RELEASE_ID="2026.12.01-abc123"
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert named.stdout.strip() == "2026.12.01-abc123", named.stderr


def test_two_copies_of_the_same_code_share_a_release_and_any_change_makes_a_new_one():
    import doctest

    from b2m_site import release

    assert doctest.testmod(release).failed == 0
