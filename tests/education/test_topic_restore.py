"""Restoring a page's old version brings back its words only, never how it got to the public."""

import pytest
from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from education import publishing, workflow
from education.models import GlossaryTerm, ReviewState, Status, Topic
from education.workflow import GLOSSARY
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


def seeded_page():
    return Topic.objects.filter(status=Status.PUBLISHED).order_by("order").first()


def versions(topic):
    return Version.objects.get_for_object(topic).select_related("revision").order_by("pk")


def restore(client, topic, version):
    url = f"/admin/education/topic/{topic.pk}/history/{version.pk}/"
    response = client.post(url, browser_form_data(client, url, "topic_form"))
    assert response.status_code == 302, response.content.decode()[:2000]


def public_status(topic):
    return Client().get(f"/learn/{topic.slug}/").status_code


def test_restoring_a_live_version_of_an_unpublished_page_keeps_it_offline_after_migrate(editor):
    page = seeded_page()
    client = client_for(editor)
    assert client.post(f"/admin/education/topic/{page.pk}/unpublish/").status_code == 302
    assert public_status(page) == 404

    live_version = versions(page).first()  # "As shipped", from when the page was live
    assert live_version.field_dict["status"] == Status.PUBLISHED
    restore(client, page, live_version)
    page.refresh_from_db()
    assert page.status == Status.DRAFT

    call_command("migrate", verbosity=0)  # every deploy, `make run`, `make serve`
    page.refresh_from_db()
    assert publishing.live_of(page) is None and page.status == Status.DRAFT
    assert public_status(page) == 404


def test_migrate_publishes_only_pages_no_editor_has_touched(editor, make_topic):
    page = seeded_page()
    client_for(editor).post(f"/admin/education/topic/{page.pk}/unpublish/")
    # However it came to be marked published again, an editor's page is not "as shipped".
    Topic.objects.filter(pk=page.pk).update(status=Status.PUBLISHED)
    shipped = make_topic(title="Added by a later data migration")
    shipped.live.delete()

    call_command("migrate", verbosity=0)
    assert publishing.live_of(Topic.objects.get(pk=page.pk)) is None
    assert public_status(page) == 404
    assert public_status(shipped) == 200


def edit(client, topic, **changes):
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def version_with(topic, comment_start):
    return next(v for v in versions(topic) if v.revision.comment.startswith(comment_start))


def test_a_restore_keeps_the_review_state_and_makes_the_restorer_the_last_editor(editor, reviewer):
    both = make_user(
        "bo",
        workflow.CONTENT_EDITORS,
        workflow.CLINICAL_REVIEWERS,
        profile=("Dr Bo Lind", "Renal nurse specialist"),
    )
    page = seeded_page()
    edit(client_for(editor), page, summary="Edna's first summary.")
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor, note="check")
    edit(client_for(editor), page, summary="Edna's second summary.")
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor, note="check again")
    workflow.approve(Topic.objects.get(pk=page.pk), user=reviewer)

    # Bo brings back the text as it was when Edna first submitted it ...
    restore(client_for(both), page, version_with(page, "Submitted for clinical review"))
    page.refresh_from_db()
    assert page.summary == "Edna's first summary."
    # ... which is Bo's change: not waiting for a review, and not Bo's to approve.
    assert page.review_state == ReviewState.EDITING and page.submitted_by is None
    assert page.last_edited_by == both
    assert (page.reviewed_by_name, page.last_reviewed_on) == (
        "Dr Rita Osei",
        page.live.last_reviewed_on,
    )
    workflow.submit(page, user=both)
    with pytest.raises(workflow.WorkflowError, match="another clinical reviewer"):
        workflow.approve(page, user=both)


def test_a_restore_and_a_minor_fix_keep_the_page_s_last_review(editor, reviewer):
    page = seeded_page()
    # A reviewed change a restore takes back and a minor fix may publish (a word or two).
    edit(client_for(editor), page, summary=page.summary.rstrip(".") + ", reviewed.")
    page.refresh_from_db()
    workflow.submit(page, user=editor)
    workflow.approve(page, user=reviewer)
    page.refresh_from_db()
    reviewed = (page.last_reviewed_on, page.reviewed_by_name, page.next_review_due)

    client = client_for(editor)
    restore(client, page, versions(page).first())  # "As shipped": never reviewed
    page.refresh_from_db()
    assert (page.last_reviewed_on, page.reviewed_by_name, page.next_review_due) == reviewed
    edit(client, page, title="A typo fixed")
    assert (
        digest_post(
            client, f"/admin/education/topic/{page.pk}/publish/", {"reason": "typo"}
        ).status_code
        == 302
    )
    live = Topic.objects.get(pk=page.pk).live
    assert (live.last_reviewed_on, live.reviewed_by_name, live.next_review_due) == reviewed
    assert "Dr Rita Osei" in Client().get(f"/learn/{live.slug}/").content.decode()


def test_a_term_restore_keeps_its_review_state(editor, reviewer):
    term = GlossaryTerm.objects.get(slug="glomerulus")
    url = f"/admin/education/glossaryterm/{term.pk}/"
    client = client_for(editor)
    data = browser_form_data(client, url + "change/", "glossaryterm_form")
    data["draft_definition"] = "A changed meaning."
    assert client.post(url + "change/", data).status_code == 302
    editing = Version.objects.get_for_object(term).order_by("-pk").first()
    GLOSSARY.submit(term, user=editor)
    GLOSSARY.send_back(GlossaryTerm.objects.get(pk=term.pk), user=reviewer, comment="Wrong.")

    history_url = f"{url}history/{editing.pk}/"
    assert (
        client.post(
            history_url, browser_form_data(client, history_url, "glossaryterm_form")
        ).status_code
        == 302
    )
    term.refresh_from_db()
    assert term.review_state == ReviewState.SENT_BACK and term.review_note == "Wrong."
