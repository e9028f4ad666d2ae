"""One deleted section comes back into the draft on its own, from the page's history.

Before, a section deleted by mistake could only come back by restoring a whole earlier
version of the page, which also undid every other change made since.
"""

import re
from html import unescape

import pytest
from django.test import Client
from reversion.models import Version

from education import publishing
from education.models import Topic
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_user
from tests.pages import text_of

pytestmark = pytest.mark.django_db

TITLE = "Why do doctors test for it?"


def page():
    return Topic.objects.get(slug="what-is-b2m")


def delete_section_and_change_summary(client):
    topic = page()
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    index = next(
        name.split("-")[1]
        for name, value in data.items()
        if name.endswith("-title") and value == TITLE
    )
    data[f"sections-{index}-DELETE"] = "on"
    data["summary"] += " Kept."
    assert client.post(url, data).status_code == 302
    assert not page().sections.filter(title=TITLE).exists()


def bring_back(client, title=TITLE):
    url = f"/admin/education/topic/{page().pk}/deleted-sections/"
    listing = client.get(url)
    assert listing.status_code == 200
    html = unescape(listing.content.decode())
    version = re.search(
        rf'name="version" value="(\d+)">\s*<div class="submit-row"><input '
        rf'type="submit" class="default" value="Bring “{re.escape(title)}”',
        html,
    )
    assert version, text_of(listing)
    return client.post(url, {"version": version[1]}, follow=True)


def test_a_deleted_section_comes_back_without_undoing_other_changes(editor):
    ed = client_for(editor)
    change = ed.get(f"/admin/education/topic/{page().pk}/change/").content.decode()
    assert f'href="/admin/education/topic/{page().pk}/deleted-sections/"' in change
    before = {s.pk: s.body for s in page().sections.all()}
    delete_section_and_change_summary(ed)
    response = bring_back(ed)
    assert f"The section “{TITLE}” is back in the draft." in text_of(response)
    topic = page()
    assert {s.pk: s.body for s in topic.sections.all()} == before  # same id, same words
    assert topic.summary.endswith(" Kept.")  # the rest of the draft is as it was
    assert topic.last_edited_by == editor
    latest = Version.objects.get_for_object(topic).order_by("-pk").first().revision
    assert latest.get_comment().startswith(f"Section “{TITLE}” brought back into the draft by edna")
    # The only change left for the public is the summary.
    assert [c.label for c in publishing.draft_changes(topic)] == ["Summary"]


def test_a_section_whose_deletion_went_live_comes_back_as_a_draft(editor, reviewer):
    ed = client_for(editor)
    delete_section_and_change_summary(ed)
    ed.post(f"/admin/education/topic/{page().pk}/submit/", {"note": ""})
    assert (
        digest_post(
            client_for(reviewer),
            f"/admin/education/topic/{page().pk}/approve/",
            {"drop_read_more": "yes"},
        ).status_code
        == 302
    )
    assert TITLE not in text_of(Client().get("/learn/what-is-b2m/"))
    page_text = text_of(bring_back(ed))
    assert "Patients do not see it until the draft goes live" in page_text
    assert page().sections.filter(title=TITLE).exists()
    assert TITLE not in text_of(Client().get("/learn/what-is-b2m/"))


def test_a_section_whose_slug_is_taken_again_is_refused_with_the_reason(editor):
    ed = client_for(editor)
    delete_section_and_change_summary(ed)
    other = page().sections.order_by("order").first()
    slug = "why-doctors-test-it"
    other.slug = slug
    other.save()
    text = text_of(bring_back(ed))
    assert f"now uses its slug “{slug}”. Give one of them another slug first" in text
    assert not page().sections.filter(title=TITLE).exists()


def test_only_editors_bring_sections_back(reviewer):
    url = f"/admin/education/topic/{page().pk}/deleted-sections/"
    assert client_for(reviewer).get(url).status_code == 403
    assert client_for(reviewer).post(url, {"version": "1"}).status_code == 403
    viewer = make_user("vic")
    assert client_for(viewer).get(url).status_code in (302, 403)
