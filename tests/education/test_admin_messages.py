"""Admin messages say what a step did, in the editor's words (audit finding 13)."""

import re
from html import unescape

import pytest
from django.core import mail
from django.core.management import call_command

from education import workflow
from education.models import GlossaryTerm, Status, Topic
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


def messages_on(client, response):
    html = unescape(client.get(response["Location"]).content.decode())
    return " ".join(re.findall(r'<li class="(?:success|warning|error|info)">(.*?)</li>', html))


def test_saving_a_live_page_says_it_is_a_draft(editor):
    client = client_for(editor)
    page = Topic.objects.filter(status=Status.PUBLISHED).order_by("order").first()
    url = f"/admin/education/topic/{page.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    data["summary"] += " A new sentence."
    shown = messages_on(client, client.post(url, data))
    assert shown == (
        "Draft saved. Patients still see the live page. Preview the draft, then submit it for "
        "clinical review."
    )
    # The sentence typed away again: the page is back to the live words, no draft waits.
    data = browser_form_data(client, url, "topic_form")
    data["summary"] = data["summary"].removesuffix(" A new sentence.")
    again = client.post(url, data)
    assert messages_on(client, again) == (
        "Saved: the page is the same as the live page, so there is no draft."
    )
    # Saved with nothing changed: no step at all (test_history_steps).
    same = client.post(url, browser_form_data(client, url, "topic_form"))
    assert messages_on(client, same) == "Nothing changed, so nothing was saved."


def test_a_new_page_is_said_to_be_off_the_site(editor):
    client = client_for(editor)
    data = browser_form_data(client, "/admin/education/topic/add/", "topic_form")
    data.update({"title": "A new page", "slug": "a-new-page", "summary": "New.", "order": "50"})
    shown = messages_on(client, client.post("/admin/education/topic/add/", data))
    assert shown == (
        "Draft saved. The page is not on the site: preview it, then submit it for clinical review."
    )


def test_a_minor_fix_on_a_new_term_says_new_items_need_a_clinical_review(editor):
    term = GlossaryTerm.objects.create(
        term="Zeta", slug="zeta", definition="New.", status=Status.DRAFT
    )
    client = client_for(editor)
    response = client.get(f"/admin/education/glossaryterm/{term.pk}/publish/")
    assert messages_on(client, response) == (
        "This glossary term is not on the public site, so it goes live only after a clinical "
        "review: a new glossary term, or one taken off the site, always gets one. Submit it "
        "for review."
    )


def test_the_unpublish_page_says_only_a_review_brings_the_page_back(editor):
    page = Topic.objects.filter(status=Status.PUBLISHED).order_by("order").first()
    shown = unescape(
        client_for(editor).get(f"/admin/education/topic/{page.pk}/unpublish/").content.decode()
    )
    assert (
        "to bring it back, submit it for review: only a clinical reviewer's approval puts an "
        "offline page back on the site (a minor fix cannot)."
    ) in shown


def test_reminder_emails_greet_reviewers_by_their_profile_name(settings, editor):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page = Topic.objects.filter(status=Status.PUBLISHED).order_by("order").first()
    Topic.objects.filter(pk=page.pk).update(summary="Changed, to review.")
    workflow.submit(Topic.objects.get(pk=page.pk), user=editor)
    make_user(
        "rv",
        workflow.CLINICAL_REVIEWERS,
        profile=("Dr Rita Vance", "Consultant nephrologist"),
        email="rv@example.org",
    )
    make_user("sam", workflow.CLINICAL_REVIEWERS, email="sam@example.org")
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))
    greetings = sorted(m.body.splitlines()[0] for m in mail.outbox)
    assert greetings == ["Hello Dr Rita Vance,", "Hello sam,"]
