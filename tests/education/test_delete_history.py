"""Deleting a page is a step in its history, and a live page says why it cannot be deleted.

A live page leaves the site only through Unpublish: its delete page sends the
editor back to the page with the reason (as published terms and references do),
not the patients' 403 page.
"""

from html import unescape

import pytest

from education.models import Topic
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db

ON_SITE = (
    "is on the public site, so it cannot be deleted: it would leave the site at once. Take it "
    "off the site first (“Unpublish…”"
)


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def live_page():
    return Topic.objects.filter(live__isnull=False, sections__isnull=False).order_by("pk").first()


def shown(client, response):
    return unescape(client.get(response["Location"]).content.decode())


def test_a_live_pages_delete_page_sends_the_editor_back_with_the_reason(editor):
    topic = live_page()
    url = f"/admin/education/topic/{topic.pk}/delete/"
    for send in (editor.get, editor.post):
        response = send(url, {"post": "yes"})
        assert response.status_code == 302
        assert response["Location"] == f"/admin/education/topic/{topic.pk}/change/"
        page = shown(editor, response)
        assert f"“{topic.title}” {ON_SITE}" in page
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_someone_without_delete_permission_still_gets_403(editor):
    reviewer = client_for(make_user("rv", "Clinical reviewers"))
    topic = live_page()
    assert reviewer.get(f"/admin/education/topic/{topic.pk}/delete/").status_code == 403
