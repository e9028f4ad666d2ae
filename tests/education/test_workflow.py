"""Clinical review: submit, approve (by someone else), send back, minor fixes, reminders."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from education import workflow
from education.models import LiveTopic, ReviewState, Status, Topic
from education.reviews import review_list
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_user
from tests.site.production import production_settings

pytestmark = pytest.mark.django_db


def topic():
    return Topic.objects.filter(status=Status.PUBLISHED).order_by("order").first()


def admin_url(page, step=""):
    return f"/admin/education/topic/{page.pk}/{step + '/' if step else 'change/'}"


def edit(client, page, **changes):
    data = browser_form_data(client, admin_url(page), "topic_form")
    data.update(changes)
    response = client.post(admin_url(page), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def history(page):
    return [v.revision.comment for v in Version.objects.get_for_object(page).order_by("pk")]


def public_page(page):
    return Client().get(f"/learn/{page.live.slug}/").content.decode()


def test_migrations_make_both_groups_with_the_right_powers():
    editors = set(
        Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True)
    )
    reviewers = set(
        Group.objects.get(name="Clinical reviewers").permissions.values_list("codename", flat=True)
    )
    assert {"change_topic", "add_section"} <= editors and "approve_topic" not in editors
    assert {"approve_topic", "view_topic"} <= reviewers
    education = set(
        Group.objects.get(name="Clinical reviewers")
        .permissions.filter(content_type__app_label="education")
        .values_list("codename", flat=True)
    )
    assert not {p for p in education if p.startswith(("change_", "add_", "delete_"))}
    assert "publish_wording" in reviewers  # interpreter wording, too


def test_edit_submit_approve_publishes_and_records_the_reviewer_from_their_account(
    editor, reviewer, settings
):
    settings.REVIEW_INTERVAL_MONTHS = 12
    page = topic()
    editors, reviewers = client_for(editor), client_for(reviewer)
    edit(editors, page, title="Reviewed title")
    response = editors.post(admin_url(page, "submit"), {"note": "New title"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.review_state == ReviewState.SUBMITTED and page.submitted_by == editor
    assert "Reviewed title" not in public_page(page)  # not live until approved

    confirm = reviewers.get(admin_url(page, "approve")).content.decode()
    assert "Dr Rita Osei, Consultant nephrologist" in confirm
    assert digest_post(reviewers, admin_url(page, "approve")).status_code == 302

    today = timezone.localdate()
    due = workflow.add_months(today, 12)
    live = LiveTopic.objects.get(topic=page)
    assert live.title == "Reviewed title"
    assert (live.reviewed_by_name, live.reviewed_by_role) == (
        "Dr Rita Osei",
        "Consultant nephrologist",
    )
    assert live.last_reviewed_on == today and live.next_review_due == due
    page.refresh_from_db()
    assert page.next_review_due == due and page.review_state == ReviewState.EDITING
    html = public_page(page)
    assert f'Last reviewed on <time datetime="{today:%Y-%m-%d}">' in html
    assert "Dr Rita Osei, Consultant nephrologist" in html
    assert f'<time datetime="{due:%Y-%m-%d}">' in html
    steps = history(page)
    assert steps[-2] == "Submitted for clinical review by edna: New title"
    assert steps[-1].startswith("Clinical review: approved and published by Dr Rita Osei")
    assert Version.objects.get_for_object(page).order_by("-pk").first().revision.user == reviewer


def test_the_next_review_date_follows_the_setting(editor, reviewer, settings):
    settings.REVIEW_INTERVAL_MONTHS = 6
    page = topic()
    edit(client_for(editor), page, summary="A new summary.")
    workflow.submit(page, user=editor)
    workflow.approve(page, user=reviewer)
    assert page.live.next_review_due == workflow.add_months(timezone.localdate(), 6)


def test_approval_by_the_last_editor_is_refused(editor):
    both = make_user(
        "bo",
        workflow.CONTENT_EDITORS,
        workflow.CLINICAL_REVIEWERS,
        profile=("Dr Bo Lind", "Renal nurse specialist"),
    )
    page = topic()
    live_title = page.live.title
    client = client_for(both)
    edit(client, page, title="My own change")
    assert client.post(admin_url(page, "submit"), {"note": ""}).status_code == 302
    response = digest_post(client, admin_url(page, "approve"))
    assert response.status_code == 403
    assert "another clinical reviewer must approve it" in response.content.decode()
    assert LiveTopic.objects.get(topic=page).title == live_title
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(page, user=both)


def test_editors_cannot_approve_and_reviewers_need_a_profile(editor):
    page = topic()
    workflow.submit(page, user=editor)
    assert client_for(editor).post(admin_url(page, "approve")).status_code == 403
    nameless = make_user("nell", workflow.CLINICAL_REVIEWERS)
    response = client_for(nameless).post(admin_url(page, "approve"))
    assert response.status_code == 403
    assert "no clinical reviewer profile" in response.content.decode()
    page.refresh_from_db()
    assert page.review_state == ReviewState.SUBMITTED


def test_review_details_cannot_be_typed_in_the_page_form(editor):
    page = topic()
    client = client_for(editor)
    data = browser_form_data(client, admin_url(page), "topic_form")
    assert "reviewed_by_name" not in data and "next_review_due" not in data
    data.update(
        reviewed_by_name="Dr Made Up",
        reviewed_by_role="Anyone",
        last_reviewed_on="2020-01-01",
        next_review_due="2099-01-01",
    )
    assert client.post(admin_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.reviewed_by_name == "" and page.next_review_due != datetime.date(2099, 1, 1)


def test_a_reviewer_sends_a_draft_back_with_a_comment(editor, reviewer):
    page = topic()
    workflow.submit(page, user=editor, note="Please check")
    client = client_for(reviewer)
    response = client.post(admin_url(page, "send-back"), {"note": ""})
    assert response.status_code == 200 and "Say what needs to change" in response.content.decode()
    response = client.post(admin_url(page, "send-back"), {"note": "Say 'kidney filters'."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.review_state == ReviewState.SENT_BACK
    assert history(page)[-1] == "Sent back by rita: Say 'kidney filters'."
    change = client_for(editor).get(admin_url(page)).content.decode()
    assert "Say &#x27;kidney filters&#x27;." in change and "Sent back by the reviewer" in change
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(page, user=reviewer)  # only a submitted draft can be approved


def test_changing_a_submitted_draft_withdraws_it_from_review(editor, reviewer):
    page = topic()
    workflow.submit(page, user=editor)
    other = make_user("otto", workflow.CONTENT_EDITORS)
    edit(client_for(other), page, summary="Changed after submitting.")
    page.refresh_from_db()
    assert page.review_state == ReviewState.EDITING and page.last_edited_by == other
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(page, user=reviewer)


def test_a_minor_fix_is_published_with_its_reason_and_never_shown_as_a_review(editor):
    page = topic()
    before = (page.live.last_reviewed_on, page.live.reviewed_by_name, page.live.next_review_due)
    client = client_for(editor)
    fixed = page.summary.rstrip(".") + ", fixed."  # a small correction (MINOR_FIX_MAX_WORDS)
    edit(client, page, summary=fixed)
    response = digest_post(client, admin_url(page, "publish"), {"reason": "Typo in the summary"})
    assert response.status_code == 302
    live = LiveTopic.objects.get(topic=page)
    assert live.summary == fixed and live.is_minor_fix
    assert (live.last_reviewed_on, live.reviewed_by_name, live.next_review_due) == before
    assert history(page)[-1] == (
        "Minor fix published by edna (no clinical review): Typo in the summary"
    )
    html = public_page(page)
    assert "a small correction, not a clinical review" in html
    assert "Last reviewed on" not in html  # the seeded page was never reviewed


def test_admin_home_lists_pages_overdue_and_due_within_30_days(editor):
    today = timezone.localdate()
    pages = list(Topic.objects.filter(status=Status.PUBLISHED).order_by("pk")[:3])
    Topic.objects.filter(status=Status.PUBLISHED).update(
        next_review_due=today + datetime.timedelta(days=200)
    )
    Topic.objects.filter(pk=pages[0].pk).update(next_review_due=today - datetime.timedelta(1))
    Topic.objects.filter(pk=pages[1].pk).update(next_review_due=today + datetime.timedelta(30))
    html = client_for(editor).get("/admin/").content.decode()
    dashboard = html[html.index('id="review-dashboard"') :]
    overdue = dashboard[dashboard.index("Overdue for review") : dashboard.index("Due within 30")]
    soon = dashboard[dashboard.index("Due within 30 days") :]
    assert pages[0].title in overdue and pages[1].title not in overdue
    assert pages[1].title in soon and pages[2].title not in dashboard


def test_send_review_reminders_emails_each_reviewer_their_list(settings, editor):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://b2m.example.org"
    today = timezone.localdate()
    Topic.objects.update(next_review_due=today + datetime.timedelta(days=200))
    overdue, soon, waiting, later = Topic.objects.filter(status=Status.PUBLISHED)[:4]
    Topic.objects.filter(pk=overdue.pk).update(next_review_due=today - datetime.timedelta(3))
    Topic.objects.filter(pk=soon.pk).update(next_review_due=today + datetime.timedelta(10))
    Topic.objects.filter(pk=waiting.pk).update(summary="A changed summary to review.")
    workflow.submit(Topic.objects.get(pk=waiting.pk), user=editor)
    make_user("rita", workflow.CLINICAL_REVIEWERS, email="rita@example.org")
    make_user("sam", workflow.CLINICAL_REVIEWERS, email="sam@example.org")
    make_user("nomail", workflow.CLINICAL_REVIEWERS)
    make_user("eddie", workflow.CONTENT_EDITORS, email="eddie@example.org")

    call_command("send_review_reminders", stdout=open("/dev/null", "w"))

    assert sorted(m.to[0] for m in mail.outbox) == ["rita@example.org", "sam@example.org"]
    body = mail.outbox[0].body
    overdue_part = body[body.index("Overdue for review:") : body.index("Due within 30 days:")]
    soon_part = body[body.index("Due within 30 days:") : body.index("Waiting for")]
    waiting_part = body[body.index("Waiting for a clinical reviewer:") :]
    assert overdue.title in overdue_part
    assert f"https://b2m.example.org/admin/education/topic/{overdue.pk}/change/" in body
    assert soon.title in soon_part and waiting.title in waiting_part
    assert later.title not in body
    assert re.match(r"B2M Guide: 3 pages to review", mail.outbox[0].subject)


def test_send_review_reminders_refuses_to_email_links_that_would_not_open(settings):
    """Over SMTP (EMAIL_HOST set) without SITE_URL, the links would be bare paths such as
    /admin/education/topic/3/change/: the command stops with the fix, and sends nothing."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens: a message that got this far would fail
    settings.SITE_URL = ""
    Topic.objects.update(next_review_due=timezone.localdate() - datetime.timedelta(days=1))
    make_user("rita", workflow.CLINICAL_REVIEWERS, email="rita@example.org")
    with pytest.raises(CommandError, match=r"SITE_URL is not set.*SITE_URL=https://"):
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))


def test_send_review_reminders_sends_nothing_when_nothing_is_due(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Topic.objects.update(next_review_due=timezone.localdate() + datetime.timedelta(days=200))
    make_user("rita", workflow.CLINICAL_REVIEWERS, email="rita@example.org")
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REVIEW_INTERVAL_MONTHS": "0"}, "REVIEW_INTERVAL_MONTHS must be at least 1"),
        ({"REVIEW_INTERVAL_MONTHS": "48"}, "REVIEW_INTERVAL_MONTHS must be 36 or less"),
        ({"REVIEW_INTERVAL_MONTHS": "a year"}, "REVIEW_INTERVAL_MONTHS must be a whole number"),
        ({"EMAIL_PORT": "70000"}, "EMAIL_PORT must be a port number"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "Set only one of EMAIL_USE_TLS"),
        ({"DEFAULT_FROM_EMAIL": "nobody"}, "DEFAULT_FROM_EMAIL must be an e-mail address"),
        ({"SITE_URL": "b2m.example.org"}, "SITE_URL must start with https://"),
    ],
)
def test_review_and_email_settings_are_checked_at_start_up(env, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        production_settings(**env)


def test_email_goes_to_the_console_in_development_and_over_smtp_when_configured():
    assert production_settings()["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = production_settings(
        EMAIL_HOST="smtp.example.org", EMAIL_PORT="465", EMAIL_USE_TLS="0", EMAIL_USE_SSL="1"
    )
    assert smtp["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (smtp["EMAIL_PORT"], smtp["EMAIL_USE_SSL"]) == (465, True)
    assert production_settings()["REVIEW_INTERVAL_MONTHS"] == 12


def section_index(data, pk):
    return next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(pk))


def test_an_approval_is_refused_when_the_page_changed_after_the_reviewer_opened_it(
    editor, reviewer
):
    page = topic()
    editors, reviewers = client_for(editor), client_for(reviewer)
    edit(editors, page, summary="A summary the reviewer reads.")
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor)
    opened = reviewers.get(admin_url(page, "approve")).content.decode()
    digest = re.search(r'name="draft" value="([0-9a-f]{64})"', opened)[1]

    # The editor adds a sentence to another section and submits again.
    data = browser_form_data(editors, admin_url(page), "topic_form")
    other = page.sections.order_by("order", "id")[1]
    index = section_index(data, other.pk)
    data[f"sections-{index}-body"] += "\r\n\r\nUNSEEN: stop taking all your medicines."
    assert editors.post(admin_url(page), data).status_code == 302
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor)

    response = reviewers.post(admin_url(page, "approve"), {"draft": digest})
    assert response.status_code == 409
    assert "The page changed after you opened this page" in response.content.decode()
    assert "UNSEEN" not in public_page(page)
    assert Topic.objects.get(pk=page.pk).review_state == ReviewState.SUBMITTED
    # Opened again, the page shows the new sentence, and approving it works.
    again = reviewers.get(admin_url(page, "approve")).content.decode()
    assert "<ins>UNSEEN</ins>" in again and other.title in again
    assert digest_post(reviewers, admin_url(page, "approve")).status_code == 302
    assert "UNSEEN" in public_page(page)


def test_the_approve_and_minor_fix_pages_show_only_what_changes(editor, reviewer):
    page = topic()
    first, second = page.sections.order_by("order", "id")[:2]
    edit(client_for(editor), page, title="A clearer title")
    minor_fix = client_for(editor).get(admin_url(page, "publish"))  # not once it is submitted
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor)
    approve = client_for(reviewer).get(admin_url(page, "approve"))
    for response in (approve, minor_fix):
        assert response.status_code == 200
        html = response.content.decode()
        assert "What changes for the public" in html
        assert "<ins>clearer</ins>" in html and f"<del>{page.live.title.split()[0]}" in html
        assert f"Section “{first.title}”" not in html  # unchanged sections are left out
        assert f"Section “{second.title}”" not in html


def test_a_minor_fix_is_refused_when_the_page_changed_after_it_was_opened(editor):
    page = topic()
    client = client_for(editor)
    edit(client, page, summary=page.summary.rstrip(".") + ", first fix.")
    opened = client.get(admin_url(page, "publish")).content.decode()
    digest = re.search(r'name="draft" value="([0-9a-f]{64})"', opened)[1]
    edit(client_for(make_user("otto", workflow.CONTENT_EDITORS)), page, title="Otto's rewrite")
    response = client.post(admin_url(page, "publish"), {"draft": digest, "reason": "typo"})
    assert response.status_code == 409
    assert "Otto's rewrite" not in public_page(page)


def test_no_minor_fix_puts_a_page_that_was_never_live_on_the_site(editor, make_topic):
    page = make_topic(status=Status.DRAFT, title="Brand new page")
    client = client_for(editor)
    change = client.get(admin_url(page)).content.decode()
    assert "Publish a minor fix" not in change
    assert client.get(admin_url(page, "publish")).status_code == 302
    response = digest_post(client, admin_url(page, "publish"), {"reason": "typo"})
    assert "goes live only after a clinical review" in response.content.decode()
    assert Client().get(f"/learn/{page.slug}/").status_code == 404
    assert not LiveTopic.objects.filter(topic=page).exists()


@pytest.mark.parametrize("state", ["submitted", "sent back"])
def test_no_minor_fix_for_a_page_waiting_for_or_turned_down_by_a_reviewer(editor, reviewer, state):
    page = topic()
    client = client_for(editor)
    edit(client, page, summary="WRONGCLAIM dangerous advice.")
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor)
    if state == "sent back":
        workflow.send_back(Topic.objects.get(pk=page.pk), user=reviewer, comment="Wrong.")
        edit(client, page, title="Only the title changed")  # still the draft sent back
    assert "Publish a minor fix" not in client.get(admin_url(page)).content.decode()
    response = digest_post(client, admin_url(page, "publish"), {"reason": "typo"})
    assert "goes live only" in response.content.decode()
    assert "WRONGCLAIM" not in public_page(page)


def test_a_minor_fix_leaves_nothing_waiting_and_no_old_note(editor):
    page = topic()
    client = client_for(editor)
    edit(client, page, summary=page.summary.rstrip(".") + ", checked.")
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor, note="check")
    edit(client, page, summary=page.summary.rstrip(".") + ", checked and fixed.")  # withdraws it
    assert digest_post(client, admin_url(page, "publish"), {"reason": "Typo"}).status_code == 302
    page.refresh_from_db()
    assert page.review_state == ReviewState.EDITING
    assert (page.review_note, page.submitted_by, page.submitted_at) == ("", None, None)
    assert "Note: check" not in client.get(admin_url(page)).content.decode()


def test_discarding_a_submitted_draft_leaves_nothing_waiting_for_a_reviewer(editor, reviewer):
    page = topic()
    client = client_for(editor)
    edit(client, page, summary="A summary to check.")
    assert client.post(admin_url(page, "submit"), {"note": "check"}).status_code == 302
    assert client.post(admin_url(page, "discard")).status_code == 302

    page.refresh_from_db()
    assert page.review_state == ReviewState.EDITING
    assert (page.submitted_by, page.submitted_at, page.review_note) == (None, None, "")
    assert page.title not in [item.title for item in review_list().waiting]
    change = client.get(admin_url(page)).content.decode()
    assert "Waiting for clinical review" not in change and "Note: check" not in change
    response = digest_post(client_for(reviewer), admin_url(page, "approve"))
    assert response.status_code == 403
    assert Topic.objects.get(pk=page.pk).live.last_reviewed_on is None


def test_a_page_with_no_changes_is_not_submitted_before_its_review_is_due(editor):
    page = topic()
    due = timezone.localdate() + datetime.timedelta(days=200)
    Topic.objects.filter(pk=page.pk).update(next_review_due=due)
    client = client_for(editor)
    assert "Submit for review…" not in client.get(admin_url(page)).content.decode()
    response = client.post(admin_url(page, "submit"), {"note": ""})
    assert "the same as the live page, so there is nothing new to review" in (
        response.content.decode()
    )
    assert Topic.objects.get(pk=page.pk).review_state == ReviewState.EDITING
    with pytest.raises(workflow.WorkflowError, match="nothing new to review"):
        workflow.submit(Topic.objects.get(pk=page.pk), user=editor)
    # Once its regular review is near, the unchanged page goes to a reviewer as it is.
    Topic.objects.filter(pk=page.pk).update(next_review_due=timezone.localdate())
    assert "Submit for review…" in client.get(admin_url(page)).content.decode()
    assert client.post(admin_url(page, "submit"), {"note": ""}).status_code == 302
    assert Topic.objects.get(pk=page.pk).review_state == ReviewState.SUBMITTED
