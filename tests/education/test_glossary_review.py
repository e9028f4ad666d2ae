"""Glossary terms reach the public only after a clinical review (or as a recorded minor fix).

Saving a term in admin keeps the editor's words as a draft beside the live ones;
/glossary/ and the pages that link to the term keep the live words until a
clinical reviewer who did not save the draft approves it (recorded from their
own profile, with the next review date), or an editor publishes a minor fix
with a reason. A new term is not on the public glossary until it is approved.
"""

import datetime
import html as html_module
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from education import publishing, workflow
from education.models import GlossaryTerm, PublishKind, ReviewState, Status, Topic
from education.workflow import GLOSSARY
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_topic, make_user
from tests.pages import text_of

pytestmark = pytest.mark.django_db

NEW_DEFINITION = "A tiny filter in the kidney that cleans the blood, about a million per kidney."


def glomerulus():
    return GlossaryTerm.objects.get(slug="glomerulus")


def url(term, step="change"):
    return f"/admin/education/glossaryterm/{term.pk}/{step}/"


def save_draft(client, term=None, **changes):
    term = term or glomerulus()
    data = {f"draft_{name}": value for name, value in term.draft_words().items()}
    data.update({f"draft_{name}": value for name, value in changes.items()})
    data.update({"slug": term.slug, "status": term.status})
    response = client.post(url(term), data)
    assert response.status_code == 302, text_of(response)[:3000]


def history(term):
    return [v.revision.get_comment() for v in Version.objects.get_for_object(term).order_by("pk")]


def public_glossary():
    return text_of(Client().get("/glossary/"))


def linking_page():
    """The live topic page that links to the term, as the public gets it."""
    use = next(u for u in publishing.glossary_uses("glomerulus") if u.startswith("Live page"))
    title = use.split("“")[1].split("”")[0]
    return Topic.objects.get(title=title).live.get_absolute_url()


# --- A draft changes nothing the public sees until it is approved --------------------------


def test_an_edit_to_a_live_term_changes_neither_the_glossary_nor_a_page_until_approved(
    editor, reviewer
):
    term = glomerulus()
    live_definition = term.definition
    page_url = linking_page()
    page_before = Client().get(page_url).content
    assert 'href="/glossary/#glomerulus"' in page_before.decode()

    save_draft(client_for(editor), definition=NEW_DEFINITION, also_known_as="Renal corpuscle")

    term = glomerulus()
    assert term.definition == live_definition and term.draft_definition == NEW_DEFINITION
    assert term.last_edited_by == editor
    glossary = public_glossary()
    assert NEW_DEFINITION not in glossary and "Renal corpuscle" not in glossary
    assert html_module.unescape(term.definition_html.split("<p>")[1].split("</p>")[0]) in glossary
    assert Client().get(page_url).content == page_before
    # Staff preview the glossary with the draft in place.
    preview = text_of(client_for(editor).get("/preview/glossary/"))
    assert NEW_DEFINITION in preview and "Changed: draft not live yet" in preview
    assert NEW_DEFINITION not in text_of(client_for(editor).get("/glossary/"))

    assert client_for(editor).post(url(term, "submit"), {"note": "Plainer"}).status_code == 302
    assert NEW_DEFINITION not in public_glossary()
    assert digest_post(client_for(reviewer), url(term, "approve")).status_code == 302

    glossary = public_glossary()
    assert NEW_DEFINITION in glossary and "Also called: Renal corpuscle" in glossary
    assert glomerulus().status == Status.PUBLISHED and not glomerulus().has_draft


def test_a_new_term_is_off_the_public_glossary_until_a_reviewer_approves_it(editor, reviewer):
    client = client_for(editor)
    response = client.post(
        "/admin/education/glossaryterm/add/",
        {
            "draft_term": "Cystatin C",
            "draft_definition": "Another blood test of how well the kidneys filter.",
            "draft_also_known_as": "",
            "slug": "cystatin-c",
        },
    )
    assert response.status_code == 302, text_of(response)[:3000]
    term = GlossaryTerm.objects.get(slug="cystatin-c")
    assert (term.term, term.status, term.last_edited_by) == ("Cystatin C", Status.DRAFT, editor)
    assert 'id="cystatin-c"' not in Client().get("/glossary/").content.decode()
    assert "New: not live yet" in text_of(client.get("/preview/glossary/"))
    # The editor cannot put it live: the form has no status box, and no minor fix does.
    data = {
        "draft_term": "Cystatin C",
        "draft_definition": "Another blood test of how well the kidneys filter.",
        "draft_also_known_as": "",
        "slug": "cystatin-c",
        "status": Status.PUBLISHED,
    }
    assert client.post(url(term, "change"), data).status_code == 302
    assert GlossaryTerm.objects.get(pk=term.pk).status == Status.DRAFT
    with pytest.raises(workflow.WorkflowError, match="only after a clinical review"):
        GLOSSARY.publish_minor_fix(term, user=editor, reason="New term")
    assert GlossaryTerm.objects.get(pk=term.pk).status == Status.DRAFT

    GLOSSARY.submit(term, user=editor)
    assert digest_post(client_for(reviewer), url(term, "approve")).status_code == 302
    assert 'id="cystatin-c"' in Client().get("/glossary/").content.decode()
    term.refresh_from_db()
    assert (term.publish_kind, term.reviewed_by_name) == (PublishKind.REVIEW, "Dr Rita Osei")


# --- Who may approve --------------------------------------------------------------------


def test_approval_by_the_last_editor_is_refused():
    both = make_user(
        "bo",
        workflow.CONTENT_EDITORS,
        workflow.CLINICAL_REVIEWERS,
        profile=("Dr Bo Lind", "Renal nurse specialist"),
    )
    client = client_for(both)
    save_draft(client, definition=NEW_DEFINITION)
    assert client.post(url(glomerulus(), "submit"), {"note": ""}).status_code == 302

    page = client.get(url(glomerulus(), "approve"))
    assert page.status_code == 403
    assert "another clinical reviewer must approve it" in text_of(page)
    assert digest_post(client, url(glomerulus(), "approve")).status_code == 403
    assert glomerulus().definition != NEW_DEFINITION and glomerulus().has_draft
    assert NEW_DEFINITION not in public_glossary()
    with pytest.raises(workflow.WorkflowError, match="another clinical reviewer"):
        GLOSSARY.approve(glomerulus(), user=both)


def test_a_content_editor_cannot_approve(editor):
    other = make_user("otto", workflow.CONTENT_EDITORS)
    save_draft(client_for(other), definition=NEW_DEFINITION)
    GLOSSARY.submit(glomerulus(), user=other)
    client = client_for(editor)
    assert client.get(url(glomerulus(), "approve")).status_code == 403
    assert client.post(url(glomerulus(), "approve"), {"draft": "x"}).status_code == 403
    assert client.post(url(glomerulus(), "send-back"), {"note": "No"}).status_code == 403
    assert "Approve and publish" not in text_of(client.get(url(glomerulus())))
    with pytest.raises(workflow.WorkflowError, match="Only a member of Clinical reviewers"):
        GLOSSARY.approve(glomerulus(), user=editor)
    assert glomerulus().review_state == ReviewState.SUBMITTED
    assert NEW_DEFINITION not in public_glossary()


def test_approval_records_the_reviewer_from_their_profile_and_moves_the_due_date(
    editor, reviewer, settings
):
    settings.REVIEW_INTERVAL_MONTHS = 12
    before = timezone.localdate() - datetime.timedelta(days=10)  # overdue
    GlossaryTerm.objects.filter(slug="glomerulus").update(next_review_due=before)
    save_draft(client_for(editor), definition=NEW_DEFINITION)
    client_for(editor).post(url(glomerulus(), "submit"), {"note": "Plainer words"})
    approve_page = text_of(client_for(reviewer).get(url(glomerulus(), "approve")))
    assert "Dr Rita Osei, Consultant nephrologist" in approve_page
    assert "Plainer words" in approve_page

    assert digest_post(client_for(reviewer), url(glomerulus(), "approve")).status_code == 302

    term = glomerulus()
    today = timezone.localdate()
    due = workflow.add_months(today, 12)
    assert (term.last_reviewed_on, term.reviewed_by_name, term.reviewed_by_role) == (
        today,
        "Dr Rita Osei",
        "Consultant nephrologist",
    )
    assert term.next_review_due == due != before
    assert (term.publish_kind, term.published_by, term.review_state) == (
        PublishKind.REVIEW,
        reviewer,
        ReviewState.EDITING,
    )
    approved = (
        f"Clinical review: approved and published by Dr Rita Osei, Consultant nephrologist "
        f"(rita) on {today:%-d %B %Y}. Next review due {due:%-d %B %Y}."
    )
    assert history(term)[-3:] == [
        "Draft saved by edna (not live).",
        "Submitted for clinical review by edna: Plainer words",
        approved,
    ]
    assert Version.objects.get_for_object(term).first().revision.user == reviewer
    entries = LogEntry.objects.filter(object_id=str(term.pk)).order_by("pk")
    assert [e.get_change_message() for e in entries][-3:] == history(term)[-3:]
    change_page = text_of(client_for(editor).get(url(term)))
    assert f"Last reviewed on {today:%-d %B %Y} by Dr Rita Osei, Consultant nephrologist" in (
        change_page
    )


# --- Send back, minor fix, discard -------------------------------------------------------


def test_send_back_keeps_the_draft_with_the_comment(editor, reviewer):
    save_draft(client_for(editor), definition=NEW_DEFINITION)
    GLOSSARY.submit(glomerulus(), user=editor)
    client = client_for(reviewer)
    empty = client.post(url(glomerulus(), "send-back"), {"note": "  "})
    assert empty.status_code == 200 and glomerulus().review_state == ReviewState.SUBMITTED

    response = client.post(url(glomerulus(), "send-back"), {"note": "Say what a filter does."})
    assert response.status_code == 302
    term = glomerulus()
    assert term.review_state == ReviewState.SENT_BACK
    assert term.review_note == "Say what a filter does."
    assert term.draft_definition == NEW_DEFINITION and term.definition != NEW_DEFINITION
    assert history(term)[-1] == "Sent back by rita: Say what a filter does."
    assert "Say what a filter does." in text_of(client_for(editor).get(url(term)))
    assert NEW_DEFINITION not in public_glossary()


def test_a_minor_fix_needs_a_reason_and_is_recorded_as_one(editor):
    term = glomerulus()
    fixed = term.definition.rstrip(".") + ", inside each kidney."
    save_draft(client_for(editor), definition=fixed)
    client = client_for(editor)

    refused = digest_post(client, url(term, "publish"), {"reason": "   "})
    assert refused.status_code == 400
    assert "Say what you changed, in one line" in text_of(refused)
    assert glomerulus().definition == term.definition
    with pytest.raises(workflow.WorkflowError, match="Say what you fixed"):
        GLOSSARY.publish_minor_fix(glomerulus(), user=editor, reason=" ")

    response = digest_post(client, url(term, "publish"), {"reason": "Said where it is"})
    assert response.status_code == 302
    term = glomerulus()
    assert term.definition == fixed and not term.has_draft
    assert term.publish_kind == PublishKind.MINOR_FIX
    assert (term.last_reviewed_on, term.reviewed_by_name) == (None, "")
    assert history(term)[-1] == (
        "Minor fix published by edna (no clinical review): Said where it is"
    )
    assert "Not yet reviewed by a clinician" in text_of(client.get(url(term)))
    assert "inside each kidney" in public_glossary()


def test_discarding_a_draft_keeps_the_live_words(editor):
    save_draft(client_for(editor), definition=NEW_DEFINITION)
    client = client_for(editor)
    assert client.get(url(glomerulus(), "discard")).status_code == 200
    assert client.post(url(glomerulus(), "discard")).status_code == 302
    term = glomerulus()
    assert not term.has_draft and term.definition != NEW_DEFINITION
    assert history(term)[-1] == "Draft discarded by edna; the live text is unchanged."


def test_restoring_an_old_version_brings_it_back_as_a_draft_only(editor, reviewer):
    first = Version.objects.get_for_object(glomerulus()).order_by("pk").first()
    shipped = glomerulus().definition
    save_draft(client_for(editor), definition=NEW_DEFINITION)
    GLOSSARY.submit(glomerulus(), user=editor)
    GLOSSARY.approve(glomerulus(), user=reviewer)
    assert glomerulus().definition == NEW_DEFINITION

    client = client_for(editor)
    address = url(glomerulus(), f"history/{first.pk}")
    data = browser_form_data(client, address, "glossaryterm_form")
    assert client.post(address, data).status_code == 302

    term = glomerulus()
    assert term.definition == NEW_DEFINITION  # the public keeps the approved words
    assert term.draft_definition == shipped and term.last_edited_by == editor
    assert NEW_DEFINITION in public_glossary()


# --- Reminders, the admin home and the migration -----------------------------------------


def _only_these_due(today, *terms):
    Topic.objects.update(next_review_due=today + datetime.timedelta(days=200))
    GlossaryTerm.objects.update(next_review_due=today + datetime.timedelta(days=200))
    for obj, days in zip(terms, (-3, 20), strict=False):
        type(obj).objects.filter(pk=obj.pk).update(
            next_review_due=today + datetime.timedelta(days=days)
        )


def test_the_reminder_command_lists_glossary_terms_due_for_review(settings, editor):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://b2m.example.org"
    today = timezone.localdate()
    overdue, soon, waiting = GlossaryTerm.objects.filter(status=Status.PUBLISHED)[:3]
    _only_these_due(today, overdue, soon)
    save_draft(client_for(editor), waiting, definition=NEW_DEFINITION)
    GLOSSARY.submit(GlossaryTerm.objects.get(pk=waiting.pk), user=editor)
    make_user("rita", workflow.CLINICAL_REVIEWERS, email="rita@example.org")
    make_user("eddie", workflow.CONTENT_EDITORS, email="eddie@example.org")

    call_command("send_review_reminders", stdout=open("/dev/null", "w"))

    assert [m.to for m in mail.outbox] == [["rita@example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith("B2M Guide: 3 glossary terms")
    assert message.subject.endswith(" to review")
    body = message.body
    overdue_part = body[body.index("Overdue for review:") : body.index("Due within 30 days:")]
    soon_part = body[body.index("Due within 30 days:") : body.index("Waiting for")]
    waiting_part = body[body.index("Waiting for a clinical reviewer:") :]
    assert f"Glossary term: {overdue.term} (was due" in overdue_part
    link = f"https://b2m.example.org/admin/education/glossaryterm/{overdue.pk}/change/"
    assert link in overdue_part
    assert f"Glossary term: {soon.term} (due" in soon_part
    assert f"Glossary term: {waiting.term} (submitted" in waiting_part
    assert body.count("/admin/education/glossaryterm/") == 3


def test_the_reminder_subject_counts_each_kind():
    from education.management.commands.send_review_reminders import _count
    from education.reviews import ReviewItem

    items = [
        ReviewItem("a", "page", "/a"),
        ReviewItem("b", "glossary term", "/b"),
        ReviewItem("c", "wording", "/c"),
        ReviewItem("d", "wording", "/d"),
    ]
    assert _count(items) == "1 page, 1 glossary term and 2 pieces of wording"
    assert _count(items[1:2]) == "1 glossary term"


def test_the_admin_home_lists_glossary_terms_overdue_due_soon_and_waiting(editor):
    today = timezone.localdate()
    overdue, soon, waiting = GlossaryTerm.objects.filter(status=Status.PUBLISHED)[:3]
    _only_these_due(today, overdue, soon)
    GLOSSARY.submit(waiting, user=editor)
    html = client_for(editor).get("/admin/").content.decode()
    dashboard = html_module.unescape(html[html.index('id="review-dashboard"') :])
    overdue_part = dashboard[dashboard.index("Overdue for review") : dashboard.index("Due within")]
    soon_part = dashboard[dashboard.index("Due within 30 days") : dashboard.index("Waiting for")]
    waiting_part = dashboard[dashboard.index("Waiting for a clinical reviewer") :]
    assert f'href="/admin/education/glossaryterm/{overdue.pk}/change/"' in overdue_part
    assert f"Glossary term: {soon.term}" in soon_part
    assert f"Glossary term: {waiting.term}</a>: submitted by edna" in waiting_part


def test_the_migration_dates_shipped_terms_grants_both_groups_and_runs_only_once():
    migration = importlib.import_module("education.migrations.0011_glossary_review")
    terms = GlossaryTerm.objects.all()
    assert terms.exists()
    due = migration._twelve_months_on(datetime.date.today())
    assert {(t.publish_kind, t.last_reviewed_on, t.reviewed_by_name) for t in terms} == {
        ("shipped", None, "")
    }
    assert {t.next_review_due for t in terms} == {due}

    editors = Group.objects.get(name=workflow.CONTENT_EDITORS)
    reviewers = Group.objects.get(name=workflow.CLINICAL_REVIEWERS)
    codes = {
        group.name: set(
            group.permissions.filter(content_type__app_label="education").values_list(
                "codename", flat=True
            )
        )
        for group in (editors, reviewers)
    }
    assert {"view_glossaryterm", "add_glossaryterm", "change_glossaryterm"} <= codes[
        workflow.CONTENT_EDITORS
    ]
    assert "approve_topic" not in codes[workflow.CONTENT_EDITORS]
    assert {"view_glossaryterm", "approve_topic"} <= codes[workflow.CLINICAL_REVIEWERS]
    assert "change_glossaryterm" not in codes[workflow.CLINICAL_REVIEWERS]

    moved = terms.first()
    GlossaryTerm.objects.filter(pk=moved.pk).update(next_review_due=due + datetime.timedelta(3))
    new = GlossaryTerm.objects.create(term="Fresh", slug="fresh", definition="New.")
    GlossaryTerm.objects.filter(pk=new.pk).update(status=Status.DRAFT)
    groups = Group.objects.count()
    migration.record_reviews(django_apps, None)
    # The migration's own model state: the data functions set models_module on its apps.
    state = MigrationExecutor(connection).loader.project_state(
        ("education", "0011_glossary_review")
    )
    migration.grant_groups(state.apps, None)
    migration.record_reviews(django_apps, None)
    assert Group.objects.count() == groups
    assert GlossaryTerm.objects.get(pk=moved.pk).next_review_due == due + datetime.timedelta(3)
    assert GlossaryTerm.objects.get(pk=new.pk).publish_kind == ""


def test_no_inline_script_or_style_on_the_glossary_review_pages(editor, reviewer):
    save_draft(client_for(editor), definition=NEW_DEFINITION)
    pages = [url(glomerulus()), url(glomerulus(), "submit"), url(glomerulus(), "publish")]
    pages += [url(glomerulus(), "discard"), "/preview/glossary/"]
    for address in pages:
        html = client_for(editor).get(address).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), address
        assert "<style" not in html and not re.search(r"\son[a-z]+=", html), address


def submitted_page_linking_to_a_new_term(editor):
    """(a new term, not yet approved; a page submitted for review that links to it)."""
    term = GlossaryTerm.objects.create(
        term="Cystatin C", slug="cystatin-c", definition="A blood test.", status=Status.DRAFT
    )
    topic = make_topic(title="Other kidney tests")
    section = topic.sections.get()
    section.body = "Some labs also measure [[cystatin-c]]."
    section.save()
    Topic.objects.filter(pk=topic.pk).update(last_edited_by=editor)
    workflow.submit(Topic.objects.get(pk=topic.pk), user=editor)
    return term, topic


def test_a_page_linking_to_a_term_not_yet_approved_cannot_go_live(editor, reviewer):
    term, topic = submitted_page_linking_to_a_new_term(editor)

    response = client_for(reviewer).post(f"/admin/education/topic/{topic.pk}/approve/")
    assert response.status_code == 403
    assert "not on the public glossary yet: “Cystatin C” ([[cystatin-c]])" in text_of(response)
    assert "cystatin-c" not in Client().get(topic.get_absolute_url()).content.decode()
    with pytest.raises(publishing.PublishingError, match="approve the term first"):
        publishing.publish(Topic.objects.get(pk=topic.pk), user=editor, comment="Link")

    GLOSSARY.submit(term, user=editor)
    GLOSSARY.approve(GlossaryTerm.objects.get(pk=term.pk), user=reviewer)
    response = digest_post(client_for(reviewer), f"/admin/education/topic/{topic.pk}/approve/")
    assert response.status_code == 302
    assert 'href="/glossary/#cystatin-c"' in Client().get(topic.get_absolute_url()).content.decode()
    assert 'id="cystatin-c"' in Client().get("/glossary/").content.decode()


def test_the_topic_page_says_up_front_why_it_cannot_be_approved_yet(editor, reviewer):
    term, topic = submitted_page_linking_to_a_new_term(editor)
    change = f"/admin/education/topic/{topic.pk}/change/"

    page = client_for(reviewer).get(change)
    text = text_of(page)
    assert "This page cannot go live yet, so it cannot be approved." in text
    assert "not on the public glossary yet: “Cystatin C” ([[cystatin-c]])" in text
    assert f'href="/admin/education/topic/{topic.pk}/approve/"' not in page.content.decode()
    assert "Send back…" in text
    # The approve page itself says so too, and still refuses.
    approve = client_for(reviewer).get(f"/admin/education/topic/{topic.pk}/approve/")
    assert approve.status_code == 403 and "approve the term first" in text_of(approve)
    assert 'value="Approve and publish"' not in approve.content.decode()

    GLOSSARY.submit(term, user=editor)
    GLOSSARY.approve(GlossaryTerm.objects.get(pk=term.pk), user=reviewer)
    page = client_for(reviewer).get(change)
    assert "cannot go live yet" not in text_of(page)
    assert f'href="/admin/education/topic/{topic.pk}/approve/"' in page.content.decode()


def test_a_definition_linking_to_a_term_not_yet_approved_cannot_go_live(editor, reviewer):
    GlossaryTerm.objects.create(
        term="Zeta protein",
        slug="zeta-protein",
        definition="A made-up protein.",
        status=Status.DRAFT,
    )
    live = glomerulus()
    client = client_for(editor)
    save_draft(client, definition=live.definition.rstrip(".") + ", see [[zeta-protein]].")
    change = text_of(client.get(url(glomerulus())))
    assert (
        "This draft cannot go live yet" in change and "“Zeta protein” ([[zeta-protein]])" in change
    )

    response = digest_post(client, url(glomerulus(), "publish"), {"reason": "typo"})
    assert "not on the public glossary yet: “Zeta protein”" in text_of(response)
    GLOSSARY.submit(glomerulus(), user=editor)
    response = digest_post(client_for(reviewer), url(glomerulus(), "approve"))
    assert response.status_code == 403 and "approve the term first" in text_of(response)
    with pytest.raises(workflow.WorkflowError, match="approve the term first"):
        GLOSSARY.approve(glomerulus(), user=reviewer)
    glossary = Client().get("/glossary/").content.decode()
    assert "zeta-protein" not in glossary and glomerulus().definition == live.definition

    # Once the linked term is approved, the definition goes live with a working link.
    zeta = GlossaryTerm.objects.get(slug="zeta-protein")
    GLOSSARY.submit(zeta, user=editor)
    GLOSSARY.approve(GlossaryTerm.objects.get(pk=zeta.pk), user=reviewer)
    assert digest_post(client_for(reviewer), url(glomerulus(), "approve")).status_code == 302
    glossary = Client().get("/glossary/").content.decode()
    assert 'href="/glossary/#zeta-protein"' in glossary and 'id="zeta-protein"' in glossary
