"""Recovering or restoring onto an address another item took meanwhile says so, plainly.

Before, "Recover deleted" answered "Could not save X version - missing dependency."
(django-reversion's words for a unique clash), and the editor could not tell why the
page would not come back or what to do.
"""

from html import unescape

import pytest
from reversion.models import Version

from education.models import GlossaryTerm, Status, Topic
from tests.factories import client_for, make_term, make_topic, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def shown(client, response):
    assert response.status_code == 302
    return unescape(client.get(response["Location"]).content.decode())


def test_a_deleted_page_whose_address_was_taken_says_which_page_took_it(editor):
    topic = make_topic(title="Old page", slug="old-page", status=Status.DRAFT)
    assert editor.post(f"/admin/education/topic/{topic.pk}/delete/", {"post": "yes"}).status_code
    make_topic(title="New page", slug="old-page", status=Status.DRAFT)
    deleted = Version.objects.get_deleted(Topic).get(object_id=str(topic.pk))
    page = shown(editor, editor.get(f"/admin/education/topic/recover/{deleted.pk}/"))
    assert "missing dependency" not in page
    assert (
        "“Old page” cannot be recovered yet: the topic “New page” now uses its slug "
        "“old-page”. Give one of them another slug first, then try again."
    ) in page
    assert Topic.objects.get(slug="old-page").title == "New page"


def test_a_deleted_term_whose_slug_was_taken_says_so(editor):
    term = make_term(term="Spare", slug="spare", status=Status.DRAFT)
    assert editor.post(f"/admin/education/glossaryterm/{term.pk}/delete/", {"post": "yes"})
    make_term(term="Spare two", slug="spare", status=Status.DRAFT)
    deleted = Version.objects.get_deleted(GlossaryTerm).get(object_id=str(term.pk))
    page = shown(editor, editor.get(f"/admin/education/glossaryterm/recover/{deleted.pk}/"))
    assert (
        "“Spare” cannot be recovered yet: the glossary term “Spare two” now uses its slug “spare”."
    ) in page
