"""Publishing or unpublishing a page never silently breaks links to it (audit finding 8).

Result pages link to fixed sections ("Read more", rules.LEARN_MORE_KEYS): a draft
that removes one or gives it a new slug is published only after a confirmation.
Other live pages link to a page and its sections in their text: the publish,
approve and unpublish pages name them.
"""

import json
import re
from html import unescape

import pytest

from education import publishing, workflow
from education.models import LiveTopic, Topic
from tests.education.admin_forms import digest_post
from tests.factories import client_for

pytestmark = pytest.mark.django_db

KEYED = "understanding-your-result", "what-raised-means"
RAISED = {"serum_b2m": {"value": 3.4, "unit": "mg/L", "upper_limit": 2.4}}


def api_read_more(client):
    response = client.post("/api/v1/interpret", json.dumps(RAISED), "application/json")
    return [link["url"] for link in response.json()["learn_more"]]


def rename_keyed_section():
    page = Topic.objects.get(slug=KEYED[0])
    page.sections.filter(slug=KEYED[1]).update(slug="what-a-raised-result-means")
    return page


def text_of(response):
    return unescape(response.content.decode())


def test_a_minor_fix_that_renames_a_read_more_section_needs_a_confirmation(editor, client):
    url_in_results = f"/learn/{KEYED[0]}/#{KEYED[1]}"
    assert url_in_results in api_read_more(client)
    page = rename_keyed_section()
    staff = client_for(editor)
    assert "Result pages link to a section this draft removes or gives a new slug" in text_of(
        staff.get(f"/admin/education/topic/{page.pk}/change/")
    )
    url = f"/admin/education/topic/{page.pk}/publish/"
    shown = text_of(staff.get(url))
    assert "Result pages would lose “Read more” links." in shown
    assert f"({url_in_results})" in shown
    assert "Yes, result pages may lose these “Read more” links" in shown

    refused = digest_post(staff, url, {"reason": "Clearer slug"})
    shown = text_of(refused)
    assert refused.status_code == 200
    assert "Tick “Yes, result pages may lose these “Read more” links” to go ahead" in shown
    assert 'value="Clearer slug"' in shown  # the reason typed is kept
    assert url_in_results in api_read_more(client)  # nothing went live

    done = digest_post(staff, url, {"reason": "Clearer slug", "drop_read_more": "on"})
    assert done.status_code == 302
    assert url_in_results not in api_read_more(client)


def test_an_approval_that_drops_a_read_more_link_needs_a_confirmation(editor, reviewer, client):
    page = rename_keyed_section()
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor)
    staff = client_for(reviewer)
    url = f"/admin/education/topic/{page.pk}/approve/"
    refused = digest_post(staff, url)
    shown = text_of(refused)
    assert refused.status_code == 400
    assert "Tick “Yes, result pages may lose these “Read more” links” to go ahead" in shown
    assert 'name="drop_read_more"' in shown and "Approve and publish" in shown
    assert f"/learn/{KEYED[0]}/#{KEYED[1]}" in api_read_more(client)

    assert digest_post(staff, url, {"drop_read_more": "yes"}).status_code == 302
    assert f"/learn/{KEYED[0]}/#{KEYED[1]}" not in api_read_more(client)


def test_publishing_refuses_a_dropped_read_more_link_unless_confirmed(editor):
    page = rename_keyed_section()
    with pytest.raises(publishing.PublishingError, match="Result pages link to these sections"):
        workflow.publish_minor_fix(page, user=editor, reason="slug")
    assert KEYED[1] in [s.slug for s in LiveTopic.objects.get(slug=KEYED[0]).section_list]


def test_a_draft_that_keeps_every_read_more_section_publishes_as_before(editor):
    page = Topic.objects.get(slug=KEYED[0])
    page.sections.filter(slug=KEYED[1]).update(title="What a raised result means")
    assert publishing.read_more_losses(page) == []
    staff = client_for(editor)
    url = f"/admin/education/topic/{page.pk}/publish/"
    assert "drop_read_more" not in staff.get(url).content.decode()
    assert digest_post(staff, url, {"reason": "Title"}).status_code == 302


def linked_page():
    """A live page other live pages link to in their text, and one section they link to."""
    for live in LiveTopic.objects.order_by("order"):
        links = publishing.incoming_links(live.topic)
        anchored = [link for link in links if link.anchor]
        if anchored:
            return live.topic, anchored[0]
    pytest.fail("no live page links to another page's section")


def test_the_unpublish_page_names_the_live_pages_that_link_to_it(editor):
    page, link = linked_page()
    shown = text_of(client_for(editor).get(f"/admin/education/topic/{page.pk}/unpublish/"))
    assert "the links to it from other live pages, which will lead to “page not found”" in shown
    assert f"“{link.page}”, section “{link.section}” (" in shown
    assert f"links to {link.target}" in shown


def test_the_publish_page_names_links_the_draft_would_break(editor):
    page, link = linked_page()
    page.sections.filter(slug=link.anchor).update(slug=f"{link.anchor}-moved")
    assert link in publishing.links_broken_by_draft(page)
    shown = text_of(client_for(editor).get(f"/admin/education/topic/{page.pk}/publish/"))
    assert "Other live pages that link here" in shown
    assert (
        f"“{link.page}”, section “{link.section}” ({link.url}) links to {link.target}: "
        "this link will lead nowhere once the draft is live"
    ) in " ".join(re.sub(r"<[^>]+>", "", shown).split())


def test_links_in_text_reads_markdown_and_html_links_to_pages():
    text = (
        "See [tests](/learn/next-steps/#follow-up-tests), [prep](/learn/getting-ready/) "
        'and <a href="/learn/kidneys-and-b2m/#filtering">this</a>; not [NHS](https://nhs.uk/learn/x/).'
    )
    assert publishing.links_in_text(text) == [
        ("next-steps", "follow-up-tests"),
        ("getting-ready", ""),
        ("kidneys-and-b2m", "filtering"),
    ]


def test_a_page_that_moves_keeps_its_read_more_links_at_its_new_address(editor, client):
    # Before, a new slug for the page dropped every "Read more" link to it from results
    # (after a confirmation). Its old address now stays its own (FormerTopicSlug), so the
    # rules' keys find it there and the links follow the page.
    assert f"/learn/{KEYED[0]}/#{KEYED[1]}" in api_read_more(client)
    page = Topic.objects.get(slug=KEYED[0])
    page.slug = "your-result-explained"
    page.save()
    assert publishing.read_more_losses(page) == []
    workflow.publish_minor_fix(page, user=editor, reason="Shorter address")
    links = api_read_more(client)
    assert f"/learn/your-result-explained/#{KEYED[1]}" in links
    assert not [link for link in links if link.startswith(f"/learn/{KEYED[0]}/")]
    # Taking the moved page offline still names the result-page links it would break.
    assert KEYED[1] in [s.slug for s in publishing.links_to(page)["read_more"]]
    # A section that moves still needs the confirmation: nothing keeps its old address.
    page.sections.filter(slug=KEYED[1]).update(slug="what-a-raised-result-means")
    assert [s.slug for s in publishing.read_more_losses(page)] == [KEYED[1]]
