"""References (a page's sources) reach the public only after a clinical review, as glossary terms.

Saving a reference in admin keeps the editor's words as a draft beside the live
ones; the live pages that list it keep the live title, publisher, year and link
until a clinical reviewer who did not save the draft approves it (recorded from
their own profile, with the next review date), or an editor publishes a minor
fix with a reason. A new reference is on no public page until it is approved, and
a live one leaves the site only after a page naming where it disappears from.
"""

import datetime
import importlib

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from education import publishing, workflow
from education.models import LiveTopic, PublishKind, Reference, ReviewState, Status
from education.workflow import REFERENCES
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_reference, make_user
from tests.pages import text_of

pytestmark = pytest.mark.django_db

NEW_TITLE = "Beta-2 microglobulin: what the test shows, a plain review"
NEW_URL = "https://doi.org/10.1000/new-b2m-review"


def live_page():
    """A seeded live page that lists sources."""
    return LiveTopic.objects.filter(references__isnull=False).distinct().order_by("order").first()


def listed_reference():
    return live_page().references.order_by("pk").first()


def url(reference, step="change"):
    return f"/admin/education/reference/{reference.pk}/{step}/"


def save_draft(client, reference, **changes):
    address = url(reference)
    data = browser_form_data(client, address, "reference_form")
    data.update({f"draft_{name}": value for name, value in changes.items()})
    response = client.post(address, data)
    assert response.status_code == 302, text_of(response)[:3000]


def fresh(reference):
    return Reference.objects.get(pk=reference.pk)


def history(reference):
    versions = Version.objects.get_for_object(reference).order_by("pk")
    return [v.revision.get_comment() for v in versions]


def public(address):
    return Client().get(address)


# --- A draft changes nothing the public sees until it is approved --------------------------


def test_an_edit_to_a_reference_leaves_the_public_page_unchanged_until_approved(editor, reviewer):
    page_url = live_page().get_absolute_url()
    reference = listed_reference()
    live_title, live_url = reference.title, reference.url
    before = public(page_url)
    assert f'href="{live_url}"' in before.content.decode()
    assert public(page_url)["X-Page-Cache"] == "hit"

    save_draft(client_for(editor), reference, title=NEW_TITLE, url=NEW_URL, year="2026")

    reference = fresh(reference)
    assert (reference.title, reference.url) == (live_title, live_url)
    assert (reference.draft_title, reference.draft_url, reference.draft_year) == (
        NEW_TITLE,
        NEW_URL,
        2026,
    )
    assert reference.last_edited_by == editor and reference.has_draft
    assert public(page_url).content == before.content
    # Staff see the draft in the preview of every source, marked as changed.
    preview = text_of(client_for(editor).get("/preview/references/"))
    assert NEW_TITLE in preview and "Changed: draft not live yet" in preview
    # The page's own preview keeps the live words and says a draft is waiting.
    page_preview = text_of(client_for(editor).get(f"/preview/topic/{live_page().topic.pk}/"))
    assert live_title in page_preview and "Changed: draft not live yet" in page_preview

    assert client_for(editor).post(url(reference, "submit"), {"note": "Newer"}).status_code == 302
    assert NEW_TITLE not in text_of(public(page_url))
    assert digest_post(client_for(reviewer), url(reference, "approve")).status_code == 302

    # Publishing made the cached page stale at once: the next visitor reads the new words.
    after = public(page_url)
    assert after["X-Page-Cache"] == "miss"
    assert NEW_TITLE in text_of(after) and f'href="{NEW_URL}"' in after.content.decode()
    assert live_url not in after.content.decode()
    assert fresh(reference).status == Status.PUBLISHED and not fresh(reference).has_draft


def test_a_new_reference_is_on_no_public_page_until_a_reviewer_approves_it(editor, reviewer):
    client = client_for(editor)
    response = client.post(
        "/admin/education/reference/add/",
        {
            "draft_title": NEW_TITLE,
            "draft_publisher": "Kidney Journal",
            "draft_year": "2025",
            "draft_url": NEW_URL,
            "key": "new-b2m-review",
        },
    )
    assert response.status_code == 302, text_of(response)[:3000]
    reference = Reference.objects.get(key="new-b2m-review")
    assert (reference.title, reference.status, reference.last_edited_by) == (
        NEW_TITLE,
        Status.DRAFT,
        editor,
    )
    # A page lists it and goes live: the public page still does not show it.
    topic = live_page().topic
    topic.references.add(reference)
    publishing.make_live(topic)
    page_url = topic.get_absolute_url()
    assert NEW_TITLE not in text_of(public(page_url))
    assert NEW_URL not in public(page_url).content.decode()
    assert "New: not live yet" in text_of(client.get("/preview/references/"))
    # The page's own preview lists it, marked: a reviewer never takes it for a live source.
    preview = text_of(client.get(f"/preview/topic/{topic.pk}/"))
    assert NEW_TITLE in preview and "Kidney Journal, 2025. New: not live yet" in preview
    assert "New: not live yet" not in text_of(public(page_url))
    # No minor fix puts new words for patients live.
    assert "Publish a minor fix" not in text_of(client.get(url(reference)))
    with pytest.raises(
        workflow.WorkflowError,
        match="not on the public site, so it goes live only after a clinical review",
    ):
        REFERENCES.publish_minor_fix(reference, user=editor, reason="New source")

    REFERENCES.submit(fresh(reference), user=editor)
    assert digest_post(client_for(reviewer), url(reference, "approve")).status_code == 302
    assert NEW_TITLE in text_of(public(page_url))
    reference = fresh(reference)
    assert (reference.status, reference.publish_kind, reference.reviewed_by_name) == (
        Status.PUBLISHED,
        PublishKind.REVIEW,
        "Dr Rita Osei",
    )


# --- Who may approve, and what an approval records ------------------------------------------


def test_approval_by_the_last_editor_is_refused():
    both = make_user(
        "bo",
        workflow.CONTENT_EDITORS,
        workflow.CLINICAL_REVIEWERS,
        profile=("Dr Bo Lind", "Renal nurse specialist"),
    )
    client = client_for(both)
    reference = listed_reference()
    save_draft(client, reference, title=NEW_TITLE)
    assert client.post(url(reference, "submit"), {"note": ""}).status_code == 302

    page = client.get(url(reference, "approve"))
    assert page.status_code == 403
    assert "another clinical reviewer must approve it" in text_of(page)
    assert digest_post(client, url(reference, "approve")).status_code == 403
    assert fresh(reference).title != NEW_TITLE and fresh(reference).has_draft
    assert NEW_TITLE not in text_of(public(live_page().get_absolute_url()))
    with pytest.raises(workflow.WorkflowError, match="another clinical reviewer"):
        REFERENCES.approve(fresh(reference), user=both)


def test_a_content_editor_cannot_approve(editor):
    other = make_user("otto", workflow.CONTENT_EDITORS)
    reference = listed_reference()
    save_draft(client_for(other), reference, title=NEW_TITLE)
    REFERENCES.submit(fresh(reference), user=other)
    client = client_for(editor)
    assert client.get(url(reference, "approve")).status_code == 403
    assert client.post(url(reference, "send-back"), {"note": "No"}).status_code == 403
    assert "Approve and publish" not in text_of(client.get(url(reference)))
    assert fresh(reference).review_state == ReviewState.SUBMITTED


def test_approval_records_the_reviewer_from_their_profile_and_moves_the_due_date(
    editor, reviewer, settings
):
    settings.REVIEW_INTERVAL_MONTHS = 12
    reference = listed_reference()
    before = timezone.localdate() - datetime.timedelta(days=10)  # overdue
    Reference.objects.filter(pk=reference.pk).update(next_review_due=before)
    save_draft(client_for(editor), reference, title=NEW_TITLE)
    client_for(editor).post(url(reference, "submit"), {"note": "Newer edition"})
    approve_page = text_of(client_for(reviewer).get(url(reference, "approve")))
    assert "Dr Rita Osei, Consultant nephrologist" in approve_page
    assert "Newer edition" in approve_page and "a plain review" in approve_page

    assert digest_post(client_for(reviewer), url(reference, "approve")).status_code == 302

    reference = fresh(reference)
    today = timezone.localdate()
    due = workflow.add_months(today, 12)
    assert (reference.last_reviewed_on, reference.reviewed_by_name) == (today, "Dr Rita Osei")
    assert reference.reviewed_by_role == "Consultant nephrologist"
    assert reference.next_review_due == due != before
    assert (reference.publish_kind, reference.published_by, reference.review_state) == (
        PublishKind.REVIEW,
        reviewer,
        ReviewState.EDITING,
    )
    assert history(reference)[-3:] == [
        "Draft saved by edna (not live).",
        "Submitted for clinical review by edna: Newer edition",
        f"Clinical review: approved and published by Dr Rita Osei, Consultant nephrologist "
        f"(rita) on {today:%-d %B %Y}. Next review due {due:%-d %B %Y}.",
    ]
    assert Version.objects.get_for_object(reference).first().revision.user == reviewer
    entries = LogEntry.objects.filter(
        object_id=str(reference.pk), content_type__model="reference"
    ).order_by("pk")
    assert [e.get_change_message() for e in entries][-3:] == history(reference)[-3:]


# --- Send back, minor fix, discard ---------------------------------------------------------


def test_send_back_keeps_the_draft_with_the_comment(editor, reviewer):
    reference = listed_reference()
    save_draft(client_for(editor), reference, title=NEW_TITLE)
    REFERENCES.submit(fresh(reference), user=editor)
    response = client_for(reviewer).post(url(reference, "send-back"), {"note": "Cite the DOI."})
    assert response.status_code == 302
    reference = fresh(reference)
    assert (reference.review_state, reference.review_note) == (
        ReviewState.SENT_BACK,
        "Cite the DOI.",
    )
    assert reference.draft_title == NEW_TITLE and reference.title != NEW_TITLE
    assert "Cite the DOI." in text_of(client_for(editor).get(url(reference)))


def test_a_minor_fix_needs_a_reason_and_is_recorded_as_one(editor):
    reference = listed_reference()
    fixed = reference.url.replace("http://", "https://") + "#fixed"
    save_draft(client_for(editor), reference, url=fixed)
    client = client_for(editor)

    refused = digest_post(client, url(reference, "publish"), {"reason": "  "})
    assert refused.status_code == 400 and fresh(reference).url != fixed

    response = digest_post(client, url(reference, "publish"), {"reason": "Fixed a broken link"})
    assert response.status_code == 302
    reference = fresh(reference)
    assert reference.url == fixed and not reference.has_draft
    assert reference.publish_kind == PublishKind.MINOR_FIX
    assert (reference.last_reviewed_on, reference.reviewed_by_name) == (None, "")
    assert history(reference)[-1] == (
        "Minor fix published by edna (no clinical review): Fixed a broken link"
    )
    assert f'href="{fixed}"' in public(live_page().get_absolute_url()).content.decode()


def test_discarding_a_draft_returns_to_the_live_words(editor):
    reference = listed_reference()
    live_title = reference.title
    save_draft(client_for(editor), reference, title=NEW_TITLE, year="")
    client = client_for(editor)
    assert "Unchanged" in text_of(client.get(url(reference, "discard")))
    assert client.post(url(reference, "discard")).status_code == 302
    reference = fresh(reference)
    assert not reference.has_draft and reference.title == live_title
    assert reference.draft_year is None and reference.draft_title == ""
    assert history(reference)[-1] == "Draft discarded by edna; the live text is unchanged."


# --- Taking a reference off the site ---------------------------------------------------------


def test_taking_a_reference_off_the_site_asks_first_naming_the_pages(editor):
    reference = listed_reference()
    page = live_page()
    client = client_for(editor)
    assert "Take off the site…" in text_of(client.get(url(reference)))

    confirm = client.get(url(reference, "unpublish"))
    assert confirm.status_code == 200
    text = text_of(confirm)
    assert "The public will no longer see this reference" in text
    assert (
        f"“{reference.title}” from the sources of the page “{page.title}” "
        f"({page.get_absolute_url()})"
    ) in text
    assert fresh(reference).status == Status.PUBLISHED  # the GET changed nothing
    assert f'href="{reference.url}"' in public(page.get_absolute_url()).content.decode()

    assert client.post(url(reference, "unpublish"), {"confirm": "yes"}).status_code == 302
    assert fresh(reference).status == Status.DRAFT
    assert f'href="{reference.url}"' not in public(page.get_absolute_url()).content.decode()
    assert history(reference)[-1].startswith("Taken off the public site by edna")


# --- Review lists, history and the migration -----------------------------------------------


def test_the_admin_home_lists_a_reference_waiting_for_review(editor, reviewer):
    reference = make_reference(title="A source to check")
    REFERENCES.submit(reference, user=editor)
    html = client_for(reviewer).get("/admin/").content.decode()
    waiting = html[html.index("Waiting for a clinical reviewer") :]
    assert f'href="/admin/education/reference/{reference.pk}/change/"' in waiting
    assert "Reference: A source to check" in waiting


def test_restoring_an_old_version_brings_it_back_as_a_draft_only(editor, reviewer):
    reference = listed_reference()
    first = Version.objects.get_for_object(reference).order_by("pk").first()
    shipped = reference.title
    save_draft(client_for(editor), reference, title=NEW_TITLE)
    REFERENCES.submit(fresh(reference), user=editor)
    REFERENCES.approve(fresh(reference), user=reviewer)

    client = client_for(editor)
    address = url(reference, f"history/{first.pk}")
    assert (
        client.post(address, browser_form_data(client, address, "reference_form")).status_code
        == 302
    )
    reference = fresh(reference)
    assert reference.title == NEW_TITLE and reference.draft_title == shipped
    assert reference.status == Status.PUBLISHED


def test_the_migration_dates_shipped_references_once():
    migration = importlib.import_module("education.migrations.0012_reference_review")
    due = migration._twelve_months_on(datetime.date.today())
    shipped = Reference.objects.all()
    assert {(r.publish_kind, r.status, r.last_reviewed_on) for r in shipped} == {
        ("shipped", Status.PUBLISHED, None)
    }
    assert {r.next_review_due for r in shipped} == {due}
