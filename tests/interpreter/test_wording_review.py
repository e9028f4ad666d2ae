"""Interpreter wording follows the pages' clinical review: submit, send back, approve by
someone other than the last editor, minor fixes with a reason, reminders and compare."""

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
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from education import workflow
from education.models import ReviewState, Topic
from interpreter.models import LevelWording, Phrase
from interpreter.publishing import WORDING
from tests.education.admin_forms import digest_post
from tests.factories import client_for, make_user
from tests.pages import text_of

pytestmark = pytest.mark.django_db

MILD = {"serum_value": "3.1", "serum_unit": "mg/L", "serum_upper_limit": "2.4"}


def mild():
    return LevelWording.objects.get(level="mildly_elevated")


def url(obj, step="change"):
    return f"/admin/interpreter/{obj._meta.model_name}/{obj.pk}/{step}/"


def save_draft(client, obj=None, **changes):
    obj = obj or mild()
    data = {f"draft_{name}": value for name, value in obj.draft_words().items()}
    data.update({f"draft_{name}": value for name, value in changes.items()})
    response = client.post(url(obj), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def history(obj):
    return [v.revision.get_comment() for v in Version.objects.get_for_object(obj).order_by("pk")]


def live_result():
    return text_of(Client().post("/interpret/", MILD, follow=True))


NEW = "Your B2M is a little above the usual range, and this is often nothing to worry about"
# A minor fix changes no number, unit, negation or "should"-word (education/meaning.py);
# NEW adds "often", so it goes to a clinical reviewer.
TYPO_FIX = "Your B2M result is a little above the usual range."


# --- Who saved the draft, and who may approve it ------------------------------------------


def test_saving_a_draft_records_its_last_editor_and_a_named_revision(editor):
    save_draft(client_for(editor), headline=NEW)
    wording = mild()
    assert wording.last_edited_by == editor and wording.draft_saved_at is not None
    assert history(wording)[-1] == "Draft saved by edna (not live)."
    assert "saved" in text_of(client_for(editor).get(url(wording))) and "by edna" in text_of(
        client_for(editor).get(url(wording))
    )


def test_approval_by_the_last_editor_is_refused():
    both = make_user(
        "bo",
        workflow.CONTENT_EDITORS,
        workflow.CLINICAL_REVIEWERS,
        profile=("Dr Bo Lind", "Renal nurse specialist"),
    )
    live = mild().headline
    client = client_for(both)
    save_draft(client, headline=NEW)
    assert client.post(url(mild(), "submit"), {"note": ""}).status_code == 302

    page = client.get(url(mild(), "approve"))
    assert page.status_code == 403
    assert "another clinical reviewer must approve it" in text_of(page)
    assert digest_post(client, url(mild(), "approve")).status_code == 403
    assert mild().headline == live and mild().has_draft
    assert NEW not in live_result()
    with pytest.raises(workflow.WorkflowError, match="another clinical reviewer"):
        WORDING.approve(mild(), user=both)


def test_a_content_editor_cannot_approve(editor):
    other = make_user("otto", workflow.CONTENT_EDITORS)
    save_draft(client_for(other), headline=NEW)
    WORDING.submit(mild(), user=other)
    client = client_for(editor)
    assert client.get(url(mild(), "approve")).status_code == 403
    assert digest_post(client, url(mild(), "approve")).status_code == 403
    assert "Approve and publish" not in client.get(url(mild())).content.decode()
    with pytest.raises(workflow.WorkflowError, match="Only a member of Clinical reviewers"):
        WORDING.approve(mild(), user=editor)
    assert mild().review_state == ReviewState.SUBMITTED and mild().headline != NEW


def test_the_plain_publish_no_longer_makes_a_reviewer_s_draft_live_without_a_review(
    editor, reviewer
):
    # Publishing as a reviewer is only "Approve and publish" on a submitted draft.
    save_draft(client_for(editor), headline=NEW)
    response = digest_post(client_for(reviewer), url(mild(), "approve"))
    assert response.status_code == 403
    assert "Only wording submitted for review can be approved" in text_of(response)
    # The publish page is a minor fix, an editor's step, never a reviewer's.
    assert digest_post(client_for(reviewer), url(mild(), "publish")).status_code == 403
    assert mild().headline != NEW


# --- Approve: the review from the reviewer's account, and the next review date -------------


def test_approval_records_the_reviewers_account_and_moves_the_due_date(editor, reviewer, settings):
    settings.REVIEW_INTERVAL_MONTHS = 12
    LevelWording.objects.filter(pk=mild().pk).update(next_review_due=datetime.date(2026, 1, 1))
    editors, reviewers = client_for(editor), client_for(reviewer)
    save_draft(editors, headline=NEW)
    assert editors.post(url(mild(), "submit"), {"note": "Calmer headline"}).status_code == 302
    assert mild().review_state == ReviewState.SUBMITTED and mild().submitted_by == editor
    assert NEW not in live_result()  # not live until approved

    confirm = text_of(reviewers.get(url(mild(), "approve")))
    assert "by Dr Rita Osei, Consultant nephrologist (from your reviewer profile)" in confirm
    assert "Calmer headline" in confirm
    assert digest_post(reviewers, url(mild(), "approve")).status_code == 302

    today = timezone.localdate()
    wording = mild()
    assert wording.headline == NEW and not wording.has_draft
    assert (wording.reviewed_by_name, wording.reviewed_by_role) == (
        "Dr Rita Osei",
        "Consultant nephrologist",
    )
    assert wording.last_reviewed_on == today
    assert wording.next_review_due == workflow.add_months(today, 12)
    assert wording.publish_kind == "review" and wording.published_by == reviewer
    assert wording.review_state == ReviewState.EDITING and wording.submitted_by is None
    assert NEW in live_result()

    steps = history(wording)
    assert steps[-3:-1] == [
        "Draft saved by edna (not live).",
        "Submitted for clinical review by edna: Calmer headline",
    ]
    assert steps[-1] == (
        f"Clinical review: approved and published by Dr Rita Osei, Consultant nephrologist "
        f"(rita) on {today:%-d %B %Y}. Next review due "
        f"{workflow.add_months(today, 12):%-d %B %Y}."
    )
    assert Version.objects.get_for_object(wording).first().revision.user == reviewer
    # One admin log entry per step, with the same words as the revision.
    logged = list(
        LogEntry.objects.filter(object_id=str(wording.pk))
        .order_by("pk")
        .values_list("change_message", flat=True)
    )
    assert logged[-2:] == steps[-2:]
    page = text_of(reviewers.get(url(wording)))
    assert f"Last reviewed on {today:%-d %B %Y} by Dr Rita Osei, Consultant nephrologist" in page


def test_the_next_review_date_follows_the_setting(editor, reviewer, settings):
    settings.REVIEW_INTERVAL_MONTHS = 6
    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    save_draft(client_for(editor), phrase, text="Repeat the test in a few weeks.")
    WORDING.submit(Phrase.objects.get(pk=phrase.pk), user=editor)
    WORDING.approve(Phrase.objects.get(pk=phrase.pk), user=reviewer)
    assert Phrase.objects.get(pk=phrase.pk).next_review_due == workflow.add_months(
        timezone.localdate(), 6
    )


def test_changing_a_submitted_draft_withdraws_it_from_review(editor, reviewer):
    save_draft(client_for(editor), headline=NEW)
    WORDING.submit(mild(), user=editor)
    other = make_user("otto", workflow.CONTENT_EDITORS)
    save_draft(client_for(other), headline=NEW + " today")
    assert mild().review_state == ReviewState.EDITING and mild().last_edited_by == other
    with pytest.raises(workflow.WorkflowError, match="submitted for review"):
        WORDING.approve(mild(), user=reviewer)


# --- Send back ---------------------------------------------------------------------------


def test_send_back_keeps_the_draft_and_records_the_comment(editor, reviewer):
    live = mild().headline
    save_draft(client_for(editor), headline=NEW)
    WORDING.submit(mild(), user=editor, note="Please check")
    client = client_for(reviewer)

    empty = client.post(url(mild(), "send-back"), {"note": "  "})
    assert empty.status_code == 200 and "Say what needs to change" in text_of(empty)
    response = client.post(url(mild(), "send-back"), {"note": "Say 'a little above'."})
    assert response.status_code == 302

    wording = mild()
    assert wording.review_state == ReviewState.SENT_BACK
    assert wording.draft_headline == NEW and wording.headline == live  # the draft is kept
    assert wording.review_note == "Say 'a little above'."
    assert history(wording)[-1] == "Sent back by rita: Say 'a little above'."
    page = text_of(client_for(editor).get(url(wording)))
    assert "Sent back by the reviewer. Note: Say 'a little above'." in page
    assert NEW not in live_result()
    with pytest.raises(workflow.WorkflowError):
        WORDING.approve(wording, user=reviewer)  # only a submitted draft can be approved
    assert client_for(editor).post(url(wording, "send-back"), {"note": "x"}).status_code == 403


# --- Minor fix ---------------------------------------------------------------------------


def test_a_minor_fix_needs_a_reason_and_is_shown_as_one_never_as_a_review(editor):
    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    before = (phrase.last_reviewed_on, phrase.reviewed_by_name, phrase.next_review_due)
    fixed = phrase.text.replace(".", " .", 1) if "." in phrase.text else phrase.text + "!"
    client = client_for(editor)
    save_draft(client, phrase, text=fixed)

    refused = digest_post(client, url(phrase, "publish"), {"reason": "   "})
    assert refused.status_code == 400 and "Say what you changed, in one line" in text_of(refused)
    with pytest.raises(workflow.WorkflowError, match="Say what you fixed"):
        WORDING.publish_minor_fix(Phrase.objects.get(pk=phrase.pk), user=editor, reason=" ")
    assert Phrase.objects.get(pk=phrase.pk).text == phrase.text

    assert digest_post(client, url(phrase, "publish"), {"reason": "Typo"}).status_code == 302
    phrase = Phrase.objects.get(pk=phrase.pk)
    assert phrase.text == fixed and phrase.publish_kind == "minor_fix"
    assert (phrase.last_reviewed_on, phrase.reviewed_by_name, phrase.next_review_due) == before
    assert history(phrase)[-1] == "Minor fix published by edna (no clinical review): Typo"
    page = text_of(client.get(url(phrase)))
    assert "Minor fix published by edna (no clinical review): Typo" in page
    assert "Not yet reviewed by a clinician" in page and "Last reviewed on" not in page


@pytest.mark.parametrize("state", ["submitted", "sent back"])
def test_no_minor_fix_for_a_draft_waiting_for_or_turned_down_by_a_reviewer(editor, reviewer, state):
    client = client_for(editor)
    save_draft(client, headline="WRONGCLAIM dangerous advice.")
    WORDING.submit(mild(), user=editor)
    if state == "sent back":
        WORDING.send_back(mild(), user=reviewer, comment="This is clinically wrong.")
    assert "Publish a minor fix" not in text_of(client.get(url(mild())))
    assert client.get(url(mild(), "publish")).status_code == 302
    response = digest_post(client, url(mild(), "publish"), {"reason": "typo"})
    assert response.status_code == 302
    with pytest.raises(workflow.WorkflowError, match="goes live only"):
        WORDING.publish_minor_fix(mild(), user=editor, reason="typo")
    assert "WRONGCLAIM" not in live_result() and mild().headline != "WRONGCLAIM dangerous advice."


def test_a_minor_fix_leaves_nothing_waiting_and_no_old_note(editor):
    client = client_for(editor)
    save_draft(client, headline=TYPO_FIX)
    WORDING.submit(mild(), user=editor, note="Please check the tone")
    save_draft(client_for(make_user("otto", workflow.CONTENT_EDITORS)), headline=TYPO_FIX + "!")
    assert mild().review_state == ReviewState.EDITING  # the change withdrew it
    assert digest_post(client, url(mild(), "publish"), {"reason": "Typo"}).status_code == 302
    wording = mild()
    assert wording.headline == TYPO_FIX + "!" and wording.review_state == ReviewState.EDITING
    assert (wording.review_note, wording.submitted_by, wording.submitted_at) == ("", None, None)


def test_a_clinical_reviewer_reads_and_approves_wording_but_never_writes_it(editor, reviewer):
    codes = set(
        Group.objects.get(name="Clinical reviewers").permissions.values_list("codename", flat=True)
    )
    assert not {"change_levelwording", "change_phrase"} & codes
    client = client_for(reviewer)
    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    page = client.get(url(phrase))
    assert page.status_code == 200 and 'name="draft_text"' not in page.content.decode()
    assert (
        client.post(url(phrase), {"draft_text": "RVTEXT reviewer wrote this alone."}).status_code
        == 403
    )
    save_draft(client_for(editor), phrase, text=phrase.text + " Ask your doctor.")
    for step in ("publish", "submit", "discard"):
        assert digest_post(client, url(phrase, step), {"reason": "typo"}).status_code == 403
    phrase = Phrase.objects.get(pk=phrase.pk)
    assert "RVTEXT" not in phrase.text + phrase.draft_text and phrase.publish_kind == "shipped"
    with pytest.raises(workflow.WorkflowError, match="Only a content editor"):
        WORDING.publish_minor_fix(phrase, user=reviewer, reason="typo")
    # Reviewing is theirs: the editor's draft, submitted, is approved.
    WORDING.submit(phrase, user=editor)
    assert digest_post(client, url(phrase, "approve")).status_code == 302


# --- Reminders and the admin home ----------------------------------------------------------


def _only_these_due(today, overdue, soon):
    far = today + datetime.timedelta(days=200)
    Topic.objects.update(next_review_due=far)
    LevelWording.objects.update(next_review_due=far)
    Phrase.objects.update(next_review_due=far)
    type(overdue).objects.filter(pk=overdue.pk).update(
        next_review_due=today - datetime.timedelta(days=2)
    )
    type(soon).objects.filter(pk=soon.pk).update(
        next_review_due=today + datetime.timedelta(days=20)
    )


def test_the_reminder_command_lists_wording_due_for_review(settings, editor):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://b2m.example.org"
    today = timezone.localdate()
    overdue = mild()
    soon = Phrase.objects.get(kind="action", code="repeat_test")
    waiting = Phrase.objects.get(kind="note", code="acidic_urine")
    _only_these_due(today, overdue, soon)
    save_draft(client_for(editor), waiting, text="A draft note about acidic urine.")
    WORDING.submit(Phrase.objects.get(pk=waiting.pk), user=editor)
    make_user("rita", workflow.CLINICAL_REVIEWERS, email="rita@example.org")

    call_command("send_review_reminders", stdout=open("/dev/null", "w"))

    assert [m.to for m in mail.outbox] == [["rita@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "B2M Guide: 3 pieces of wording to review"
    body = message.body
    overdue_part = body[body.index("Overdue for review:") : body.index("Due within 30 days:")]
    soon_part = body[body.index("Due within 30 days:") : body.index("Waiting for")]
    waiting_part = body[body.index("Waiting for a clinical reviewer:") :]
    assert "Result level wording: A little above range" in overdue_part
    assert f"https://b2m.example.org/admin/interpreter/levelwording/{overdue.pk}/change/" in (
        overdue_part
    )
    assert "Guidance phrase: Next step: repeat_test" in soon_part
    assert f"https://b2m.example.org/admin/interpreter/phrase/{soon.pk}/change/" in soon_part
    assert "Guidance phrase: Explanation: acidic_urine" in waiting_part
    assert body.count("/admin/interpreter/") == 3


def test_the_admin_home_lists_wording_next_to_pages(editor):
    today = timezone.localdate()
    page = Topic.objects.order_by("pk").first()
    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    _only_these_due(today, page, phrase)
    LevelWording.objects.filter(pk=mild().pk).update(
        next_review_due=today - datetime.timedelta(days=5)
    )
    html = client_for(editor).get("/admin/").content.decode()
    dashboard = html[html.index('id="review-dashboard"') :]
    overdue = dashboard[dashboard.index("Overdue for review") : dashboard.index("Due within 30")]
    soon = dashboard[dashboard.index("Due within 30 days") :]
    assert page.title in overdue
    assert f'href="/admin/interpreter/levelwording/{mild().pk}/change/"' in overdue
    assert f'href="/admin/interpreter/phrase/{phrase.pk}/change/"' in soon
    assert "Guidance phrase: Next step: repeat_test" in soon


def test_existing_wording_gets_review_dates_and_both_groups_their_permissions():
    today = timezone.localdate()
    for wording in [*LevelWording.objects.all(), *Phrase.objects.all()]:
        assert wording.publish_kind == "shipped"
        assert wording.last_reviewed_on is None and wording.reviewed_by_name == ""
        assert wording.next_review_due == workflow.add_months(today, 12)
    editors = set(
        Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True)
    )
    reviewers = set(
        Group.objects.get(name="Clinical reviewers").permissions.values_list("codename", flat=True)
    )
    assert {"change_levelwording", "change_phrase"} <= editors
    assert "publish_wording" not in editors
    assert {"publish_wording", "view_levelwording", "view_phrase"} <= reviewers
    assert Group.objects.filter(name__in=["Content editors", "Clinical reviewers"]).count() == 2


def test_the_migration_keeps_a_review_published_before_it_and_runs_only_once():
    migration = importlib.import_module("interpreter.migrations.0008_wording_review")
    published = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC)
    Phrase.objects.filter(kind="action", code="repeat_test").update(
        publish_kind="",
        published_at=published,
        publish_note="Published after clinical review by Dr Asha Patel (Consultant nephrologist).",
    )
    untouched = Phrase.objects.get(kind="note", code="acidic_urine").next_review_due
    Phrase.objects.filter(kind="note", code="acidic_urine").update(
        next_review_due=untouched + datetime.timedelta(days=3)
    )

    migration.record_reviews(django_apps, None)
    migration.record_reviews(django_apps, None)

    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    assert (phrase.publish_kind, phrase.reviewed_by_name, phrase.reviewed_by_role) == (
        "review",
        "Dr Asha Patel",
        "Consultant nephrologist",
    )
    assert phrase.last_reviewed_on == datetime.date(2026, 11, 30)
    assert phrase.next_review_due == datetime.date(2027, 11, 30)
    # Wording the migration already dated is left as it is.
    assert Phrase.objects.get(kind="note", code="acidic_urine").next_review_due == (
        untouched + datetime.timedelta(days=3)
    )


# --- Compare and restore -------------------------------------------------------------------


def test_compare_shows_only_the_changed_words(editor, reviewer):
    wording = mild()
    first = Version.objects.get_for_object(wording).order_by("pk").first()
    old = wording.headline
    words = old.split()
    words[-1] = "REPLACED"
    new = " ".join(words)
    save_draft(client_for(editor), headline=new)
    WORDING.submit(mild(), user=editor)
    WORDING.approve(mild(), user=reviewer)
    last = Version.objects.get_for_object(wording).first()

    response = client_for(editor).get(
        f"{url(wording, 'history')}compare/?from={first.pk}&to={last.pk}"
    )
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index("<section") :]  # the changes, after the key to the marks
    headings = re.findall(r'<h2 id="change-\d+">([^<]*)</h2>', html)
    assert headings == ["Headline"]  # not the label, the summary or an empty draft
    assert re.findall(r"<ins>([^<]*)</ins>", html) == ["REPLACED"]
    assert re.findall(r"<del>([^<]*)</del>", html) == [html_module.escape(old.split()[-1])]
    history_page = client_for(editor).get(url(wording, "history")).content.decode()
    assert "Compare the two chosen versions" in history_page


def test_restoring_an_old_version_brings_its_words_back_as_a_draft_only(editor, reviewer):
    wording = mild()
    shipped = wording.headline
    first = Version.objects.get_for_object(wording).order_by("pk").first()
    save_draft(client_for(editor), headline=NEW)
    WORDING.submit(mild(), user=editor)
    WORDING.approve(mild(), user=reviewer)
    assert mild().headline == NEW

    client = client_for(editor)
    address = f"{url(wording, 'history')}{first.pk}/"
    page = client.get(address)
    assert page.status_code == 200
    data = {f"draft_{name}": getattr(mild(), name) for name in mild().WORDING_FIELDS}
    data["draft_headline"] = shipped
    assert client.post(address, data).status_code == 302

    wording = mild()
    assert wording.headline == NEW  # patients still see the approved words
    assert wording.draft_headline == shipped and wording.last_edited_by == editor
    assert wording.reviewed_by_name == "Dr Rita Osei"  # the review is kept
    assert history(wording)[-1].startswith("Restored by edna: back to the version of")
    assert history(wording)[-1].endswith("as a draft (the live text is unchanged).")
    assert NEW in live_result() and shipped not in live_result()


# --- The new pages: no inline script or style (the admin's CSP allows none) ---------------


def test_the_review_pages_carry_no_inline_script_or_style(editor, reviewer):
    save_draft(client_for(editor), headline=TYPO_FIX)
    minor_fix = client_for(editor).get(url(mild(), "publish"))  # not once it is submitted
    WORDING.submit(mild(), user=editor)
    assert minor_fix.status_code == 200
    pages = [
        (client_for(editor), url(mild(), "submit")),
        (client_for(editor), url(mild(), "discard")),
        (client_for(editor), f"{url(mild(), 'history')}compare/"),
        (client_for(reviewer), url(mild(), "approve")),
        (client_for(reviewer), url(mild(), "send-back")),
        (client_for(reviewer), url(mild())),
    ]
    for client, address in [(None, "minor fix"), *pages]:
        response = minor_fix if client is None else client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), address
        assert not re.search(r"<style\b|\sstyle=", html), address
        assert not re.search(r"\son[a-z]+=", html), address
