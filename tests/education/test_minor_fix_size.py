"""A minor fix is a small correction (a typo, a broken link), never new clinical text.

Before, "Publish a minor fix…" put any draft live without review, a whole new
section included, under the page's last clinical review ("Last reviewed … by Dr …").
Now a draft that adds or removes more than MINOR_FIX_MAX_WORDS words goes to a
clinical reviewer; a typo still goes live at once.
"""

from html import unescape

import pytest

from education import workflow
from education.models import GlossaryTerm, Status, Topic
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def edit_page(client, topic, change):
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    change(data)
    assert client.post(url, data).status_code == 302


NEW_CLAIM = (
    "\r\n\r\nA raised B2M over 3 mg/L always means cancer, so start treatment at once and stop "
    "taking your kidney medicines until you see a specialist, who will confirm it."
)


def test_a_draft_with_new_paragraphs_cannot_go_live_as_a_minor_fix(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    edit_page(
        editor, topic, lambda d: d.__setitem__("sections-1-body", d["sections-1-body"] + NEW_CLAIM)
    )
    url = f"/admin/education/topic/{topic.pk}/publish/"
    response = editor.get(url)
    assert response.status_code == 302
    page = unescape(editor.get(response["Location"]).content.decode())
    assert "is more than a small correction" in page
    assert "Publish a minor fix…" not in page
    response = digest_post(editor, url, {"reason": "typo"})
    assert "always means cancer" not in Client_get_public(topic)


def Client_get_public(topic):
    from django.test import Client

    return Client().get(f"/learn/{topic.slug}/").content.decode()


def test_a_typo_still_goes_live_as_a_minor_fix(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    edit_page(
        editor, topic, lambda d: d.__setitem__("summary", d["summary"].rstrip(".") + " Fixed.")
    )
    response = digest_post(
        editor, f"/admin/education/topic/{topic.pk}/publish/", {"reason": "typo"}
    )
    assert response.status_code == 302
    assert "Fixed" in Client_get_public(topic)


def test_a_term_rewritten_goes_to_review_too(editor):
    term = GlossaryTerm.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
    term.draft_term, term.draft_also_known_as = term.term, term.also_known_as
    term.draft_definition = term.definition + NEW_CLAIM
    term.save()
    assert "is more than a small correction" in workflow.GLOSSARY.minor_fix_refusal(term)
