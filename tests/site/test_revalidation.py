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
