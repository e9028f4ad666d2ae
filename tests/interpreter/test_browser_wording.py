"""An editor drafts new wording, previews it, and a clinical reviewer publishes it, in a browser."""

import re

import pytest
from django.contrib.auth.models import Group, User

from education.models import ReviewerProfile
from interpreter.models import LevelWording
from tests.axe import axe_violations
from tests.interpreter.test_browser_share import given_a_result
from tests.site.site_browser import serve_like_production

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long passphrase for tests"
DRAFT = "Your B2M result is a little above the usual range, which is common"


def log_in(browser, base_url, username, *, reviewer=False):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    if reviewer:
        user.groups.add(Group.objects.get_or_create(name="Clinical reviewers")[0])
        ReviewerProfile.objects.create(
            user=user, display_name="Dr Asha Patel", role="Consultant nephrologist"
        )
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


def headline_of_a_mild_result(page, base_url):
    given_a_result(page, base_url)  # the checker's own steps, as a patient takes them
    return page.locator("h1").inner_text()


def test_draft_preview_then_a_reviewer_publishes(browser, page, live_server, monkeypatch):
    base = serve_like_production(live_server, monkeypatch)
    live = LevelWording.objects.get(level="mildly_elevated").headline
    pk = LevelWording.objects.get(level="mildly_elevated").pk

    editor_context, editor = log_in(browser, base, "editor")
    try:
        editor.goto(f"{base}/admin/interpreter/levelwording/{pk}/change/")
        assert editor.get_by_text("Where it is shown").first.is_visible()
        box = editor.locator("textarea[name=draft_headline]")
        assert box.bounding_box()["width"] > 500  # room for the whole sentence
        box.fill(DRAFT)
        editor.get_by_role("button", name="Save draft and preview").click()
        editor.wait_for_url(re.compile(r"/preview/"))
        assert editor.locator("h1").inner_text() == DRAFT
        assert editor.get_by_text(
            "Patients, the API, downloads and share links still see"
        ).is_visible()
        assert axe_violations(editor) == []
        # An editor is offered only a minor fix, with a reason.
        editor.get_by_role("link", name="Publish").click()
        assert editor.get_by_role("button", name="Publish after clinical review").count() == 0
    finally:
        editor_context.close()

    # Patients still see the live words.
    assert headline_of_a_mild_result(page, base) == live

    reviewer_context, reviewer = log_in(browser, base, "reviewer", reviewer=True)
    try:
        reviewer.goto(f"{base}/admin/interpreter/levelwording/{pk}/publish/")
        assert reviewer.get_by_text(DRAFT).is_visible()
        reviewer.get_by_role("button", name="Publish after clinical review").click()
        reviewer.wait_for_url(re.compile(r"/change/$"))
        assert reviewer.get_by_text(
            "Published after clinical review by Dr Asha Patel"
        ).first.is_visible()
    finally:
        reviewer_context.close()

    assert headline_of_a_mild_result(page, base) == DRAFT
