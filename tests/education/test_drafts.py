"""Drafts beside the live version: the public sees the live page until Publish."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from reversion.models import Version

from education import publishing
from education.models import LiveTopic, Section, Status, Topic
from interpreter import rules
from interpreter.wording import current_wording
from tests.education.admin_forms import browser_form_data, digest_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("edna", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(user)
    return client


def section_index(data, pk):
    return next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(pk))


def linked_topic():
    """The seeded page the result pages' "Read more" links point to most."""
    slug = rules.LEARN_MORE_KEYS[0].split("#")[0]
    return Topic.objects.get(slug=slug)


def public(path):
    from django.test import Client

    response = Client().get(path)
    return response.status_code, response.content.decode()


def save_draft(client, topic, **changes):
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_every_seeded_published_page_is_live_after_migrate():
    published = Topic.objects.filter(status=Status.PUBLISHED)
    assert published.exists()
    for topic in published:
        live = topic.live
        assert (live.slug, live.title) == (topic.slug, topic.title)
        assert [s["slug"] for s in live.sections] == list(
            topic.sections.order_by("order", "id").values_list("slug", flat=True)
        )
        assert public(live.get_absolute_url())[0] == 200


def test_migrate_makes_a_page_a_later_data_migration_marked_published_live(make_topic):
    topic = make_topic(title="Added by a later migration")
    topic.live.delete()  # as a data migration leaves it: marked published, no live version
    assert public(f"/learn/{topic.slug}/")[0] == 404
    call_command("migrate", verbosity=0)
    status, html = public(f"/learn/{topic.slug}/")
    assert status == 200 and "Added by a later migration" in html


def test_a_draft_edit_changes_nothing_the_public_sees_until_it_is_published(editor_client):
    topic = linked_topic()
    live_title = topic.title
    section = topic.sections.get(slug=rules.LEARN_MORE_KEYS[0].split("#")[1])
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(editor_client, url, "topic_form")
    index = section_index(data, section.pk)
    data["title"] = "Draft title hidden for now"
    data[f"sections-{index}-title"] = "Draft section heading"
    assert editor_client.post(url, data).status_code == 302

    status, page = public(f"/learn/{topic.slug}/")
    assert status == 200
    assert live_title in page and "Draft title hidden for now" not in page
    assert section.title in page and "Draft section heading" not in page
    learn = public("/learn/")[1]
    assert live_title in learn and "Draft title hidden for now" not in learn
    clinicians = public("/interpret/link/")[1]
    assert section.title in clinicians and "Draft section heading" not in clinicians
    links = current_wording().links
    key = f"{topic.slug}#{section.slug}"
    assert links[key]["title"] == section.title and links[key]["topic"] == live_title

    # The draft is there for staff, at its own address.
    preview = editor_client.get(f"/preview/topic/{topic.pk}/").content.decode()
    assert "Draft title hidden for now" in preview and "Draft section heading" in preview
    assert "Draft preview" in preview

    response = digest_post(
        editor_client, f"/admin/education/topic/{topic.pk}/publish/", {"reason": "Clearer headings"}
    )
    assert response.status_code == 302
    page = public(f"/learn/{topic.slug}/")[1]
    assert "Draft title hidden for now" in page and "Draft section heading" in page
    assert "Draft title hidden for now" in public("/learn/")[1]
    assert "Draft section heading" in public("/interpret/link/")[1]
    assert current_wording().links[key]["title"] == "Draft section heading"
    latest = Version.objects.get_for_object(topic).order_by("-pk").first().revision
    assert latest.comment == "Minor fix published by edna (no clinical review): Clearer headings"
    # Shown to patients as what it is: a correction, never a review.
    assert "a small correction, not a clinical review" in page
    assert "Not yet reviewed" in page


def test_publishing_needs_a_reason(editor_client):
    topic = linked_topic()
    save_draft(editor_client, topic, title="Changed")
    response = digest_post(
        editor_client, f"/admin/education/topic/{topic.pk}/publish/", {"reason": ""}
    )
    assert response.status_code == 200
    assert "Say what you changed, in one line" in response.content.decode()
    assert LiveTopic.objects.get(topic=topic).title != "Changed"


def test_discarding_a_draft_puts_the_working_copy_back_to_the_live_version(editor_client):
    topic = linked_topic()
    before = publishing.working_snapshot(topic)
    section = topic.sections.order_by("order", "id").first()
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(editor_client, url, "topic_form")
    index = section_index(data, section.pk)
    data["summary"] = "A draft summary."
    data[f"sections-{index}-DELETE"] = "on"
    assert editor_client.post(url, data).status_code == 302
    assert not Section.objects.filter(pk=section.pk).exists()
    assert publishing.has_unpublished_changes(topic)

    confirm = editor_client.get(f"/admin/education/topic/{topic.pk}/discard/")
    assert confirm.status_code == 200 and "Discard the draft" in confirm.content.decode()
    response = editor_client.post(f"/admin/education/topic/{topic.pk}/discard/")
    assert response.status_code == 302
    topic.refresh_from_db()
    assert publishing.working_snapshot(topic) == before
    assert not publishing.has_unpublished_changes(topic)
    comment = Version.objects.get_for_object(topic).order_by("-pk").first().revision.comment
    assert comment.startswith("Draft discarded by edna")


def test_unpublish_asks_first_and_names_what_will_disappear(editor_client):
    topic = linked_topic()
    url = f"/admin/education/topic/{topic.pk}/unpublish/"
    page = editor_client.get(url).content.decode()
    assert topic.title in page and f"/learn/{topic.slug}/" in page
    for section in topic.live.section_list:
        assert section.title in page and section.get_absolute_url() in page
    assert "Read more" in page
    # Looking at the confirmation takes nothing offline.
    assert public(f"/learn/{topic.slug}/")[0] == 200

    assert editor_client.post(url, {"confirm": "yes"}).status_code == 302
    assert public(f"/learn/{topic.slug}/")[0] == 404
    assert topic.title not in public("/learn/")[1]
    assert not any(k.startswith(f"{topic.slug}#") for k in current_wording().links)
    topic.refresh_from_db()
    assert topic.status == Status.DRAFT
    comment = Version.objects.get_for_object(topic).order_by("-pk").first().revision.comment
    assert comment == "Unpublished by edna: taken offline."


def test_a_live_page_cannot_be_deleted_or_bulk_deleted(editor_client):
    topic = linked_topic()
    # Its delete page sends the editor back to the page, saying why (test_delete_history).
    delete, change = (f"/admin/education/topic/{topic.pk}/{step}/" for step in ("delete", "change"))
    assert editor_client.get(delete)["Location"] == change
    assert editor_client.post(delete, {"post": "yes"})["Location"] == change
    changelist = editor_client.get("/admin/education/topic/").content.decode()
    assert "delete_selected" not in changelist
    response = editor_client.post(
        "/admin/education/topic/", {"action": "delete_selected", "_selected_action": [topic.pk]}
    )
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert response.status_code in (200, 302)
    assert public(f"/learn/{topic.slug}/")[0] == 200


def test_publishing_onto_another_live_page_address_is_refused_with_a_reason(editor_client):
    first, second = Topic.objects.filter(status=Status.PUBLISHED).order_by("pk")[:2]
    # The first page's draft has moved to a new address; its live version is still
    # at the old one, which the second page's draft now wants.
    save_draft(editor_client, first, slug="moved-away")
    save_draft(editor_client, second, slug=first.live.slug)
    # Moving the page drops its result-page "Read more" links: confirmed, as an editor must.
    response = digest_post(
        editor_client,
        f"/admin/education/topic/{second.pk}/publish/",
        {"reason": "x", "drop_read_more": "on"},
    )
    assert response.status_code == 200
    assert "already uses the address" in response.content.decode()
    assert LiveTopic.objects.get(topic=second).slug == second.slug


def test_the_change_page_offers_preview_publish_discard_and_unpublish(editor_client):
    topic = linked_topic()
    page = editor_client.get(f"/admin/education/topic/{topic.pk}/change/").content.decode()
    assert f"/preview/topic/{topic.pk}/" in page
    assert "Unpublish" in page and "Live since" in page
    assert "Publish a minor fix…" not in page  # nothing to publish yet
    # A small correction, inside a sentence.
    save_draft(editor_client, topic, summary=topic.summary.rstrip(".") + " again.")
    page = editor_client.get(f"/admin/education/topic/{topic.pk}/change/").content.decode()
    assert "Publish a minor fix…" in page and "Discard draft…" in page
    assert "Submit for review…" in page
    assert "with draft changes the public does not see yet" in page
