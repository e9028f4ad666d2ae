"""Cached public pages never hide an editor's change: an edit shows on the next visit."""

import gzip

import brotli
import pytest
from django.contrib.auth.models import Group, User
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from education import publishing
from education.cache import cache_public_page, content_version
from education.models import Status
from tests.education.admin_forms import digest_post
from tests.education.test_admin import topic_form_data
from tests.factories import make_section, make_term, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(user)
    return client


def visit(client, url):
    """(status, page text, X-Page-Cache) for an anonymous visitor's GET."""
    response = client.get(url)
    return response.status_code, response.content.decode(), response.get("X-Page-Cache")


def warm(client, *urls):
    for url in urls:
        visit(client, url)
        assert visit(client, url)[2] == "hit", url


def test_a_published_edit_to_a_topic_shows_at_once_on_every_page_that_shows_it(client, editor):
    topic = make_topic(title="Kidneys before", sections=0)
    make_section(topic=topic, title="Filtering", slug="filtering", body="Old words.")
    warm(client, topic.get_absolute_url(), "/learn/", "/")

    response = editor.post(
        f"/admin/education/topic/{topic.pk}/change/",
        topic_form_data(topic, title="Kidneys after", **{"sections-0-body": "New words."}),
    )
    assert response.status_code == 302
    # Saved as a draft: the cached live page is still right.
    assert "Kidneys before" in visit(client, topic.get_absolute_url())[1]
    response = digest_post(
        editor, f"/admin/education/topic/{topic.pk}/publish/", {"reason": "Clearer title"}
    )
    assert response.status_code == 302

    status, html, cache = visit(client, topic.get_absolute_url())
    assert (status, cache) == (200, "miss")
    assert "Kidneys after" in html and "New words." in html and "Old words." not in html
    for url in ("/learn/", "/"):
        assert "Kidneys after" in visit(client, url)[1], url


def test_a_published_edit_to_a_glossary_term_shows_at_once(client, editor):
    term = make_term(term="Tubule", slug="tubule", definition="Old meaning.")
    warm(client, "/glossary/")

    response = editor.post(
        f"/admin/education/glossaryterm/{term.pk}/change/",
        {
            "draft_term": "Tubule",
            "slug": "tubule",
            "draft_definition": "A tiny tube in the kidney.",
            "draft_also_known_as": "",
            "status": Status.PUBLISHED,
        },
    )
    assert response.status_code == 302
    # Saved as a draft: the cached live glossary is still right.
    assert "Old meaning." in visit(client, "/glossary/")[1]
    page = editor.get(f"/admin/education/glossaryterm/{term.pk}/publish/").content.decode()
    digest = page.split('name="draft" value="')[1].split('"')[0]
    response = editor.post(
        f"/admin/education/glossaryterm/{term.pk}/publish/",
        {"reason": "Plainer words", "draft": digest},
    )
    assert response.status_code == 302

    status, html, cache = visit(client, "/glossary/")
    assert (status, cache) == (200, "miss")
    assert "A tiny tube in the kidney." in html and "Old meaning." not in html


def test_unpublishing_a_topic_hides_its_cached_page_at_once(client, editor):
    topic = make_topic(title="Soon a draft")
    warm(client, topic.get_absolute_url(), "/learn/")

    response = editor.post(f"/admin/education/topic/{topic.pk}/unpublish/", {"confirm": "yes"})
    assert response.status_code == 302

    assert visit(client, topic.get_absolute_url())[0] == 404
    assert "Soon a draft" not in visit(client, "/learn/")[1]


def test_publishing_a_draft_lists_it_at_once(client):
    topic = make_topic(title="Brand new topic", status=Status.DRAFT)
    warm(client, "/learn/", "/")
    publishing.publish(topic, user=None, comment="Published in a test.")
    for url in ("/learn/", "/"):
        assert "Brand new topic" in visit(client, url)[1], url


def test_publishing_a_deleted_section_removes_it_at_once(client):
    topic = make_topic(sections=0)
    section = make_section(topic=topic, title="Going away", slug="going-away")
    warm(client, topic.get_absolute_url())
    section.delete()
    publishing.publish(topic, user=None, comment="Published in a test.")
    assert "Going away" not in visit(client, topic.get_absolute_url())[1]


# Transactional, as in production: a public page runs outside any transaction, so a
# cache read is one query (inside one it also takes a savepoint, see b2m_site/cache.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cached_page_costs_one_round_trip_and_no_session_or_view(
    client, make_topic, django_assert_max_num_queries
):
    topic = make_topic()
    warm(client, topic.get_absolute_url())
    # One query on the database cache (the page and the version together), none on Redis.
    with django_assert_max_num_queries(1):
        response = client.get(topic.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert int(response["Content-Length"]) == len(response.content)
    # Served above the session and CSRF middleware: nothing there touched it.
    assert response["Vary"] == "Accept-Encoding, Cookie" and not response.cookies


def test_a_cached_page_goes_compressed_to_browsers_that_accept_it(client, make_topic):
    topic = make_topic(title="Squeezed")
    url = topic.get_absolute_url()
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert (first["X-Page-Cache"], first["Content-Encoding"]) == ("miss", "gzip")
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    for accepts, coding, decompress in [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ]:
        response = client.get(url, HTTP_ACCEPT_ENCODING=accepts)
        assert response["X-Page-Cache"] == "hit"
        assert response["Content-Encoding"] == coding, accepts
        assert decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content) / 2
    assert "Content-Encoding" not in client.get(url, HTTP_ACCEPT_ENCODING="identity")


def test_a_hit_still_carries_the_security_headers(client, make_topic):
    topic = make_topic()
    warm(client, topic.get_absolute_url())
    response = client.get(topic.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(client, make_topic):
    topic = make_topic()
    warm(client, topic.get_absolute_url())
    client.cookies["messages"] = "a signed message"
    assert "X-Page-Cache" not in client.get(topic.get_absolute_url())


def test_a_page_that_holds_a_csrf_token_is_never_stored():
    @cache_public_page
    def page_with_a_form(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    factory = RequestFactory()
    first = page_with_a_form(factory.get("/form-page/"))
    second = page_with_a_form(factory.get("/form-page/"))
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_an_edit_makes_pages_stale_again_when_its_transaction_commits(
    make_topic, django_capture_on_commit_callbacks
):
    topic = make_topic()
    with django_capture_on_commit_callbacks(execute=True):
        topic.title = "Edited"
        topic.save()
        # Stale at once, before the commit...
        during = content_version()
    # ...and again after it, in case a page was rebuilt from the old rows meanwhile.
    assert content_version() != during
