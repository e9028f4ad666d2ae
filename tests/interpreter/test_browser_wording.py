"""In a browser: an editor drafts new wording, previews it and submits it; a different
clinical reviewer approves it from the admin home; patients then see it. Every review
page on the way is checked with axe and worked with the keyboard."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from education.models import ReviewerProfile
from interpreter.models import LevelWording
from tests.axe import axe_violations, readable
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
    if reviewer:
        user.groups.add(Group.objects.get(name="Clinical reviewers"))
        ReviewerProfile.objects.create(
            user=user, display_name="Dr Asha Patel", role="Consultant nephrologist"
        )
    else:
        user.groups.add(Group.objects.get(name="Content editors"))
    # axe is injected as a script tag, which the admin's strict policy would refuse;
    # the pages' own markup is checked for inline script and style in test_wording_review.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


def no_axe_violations(page, found):
    violations = axe_violations(page)
    if violations:
        found[page.url] = violations


def tab_to(page, name, limit=60):
    """Press Tab until the control called `name` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.value || e.innerText || e.getAttribute('aria-label') || '').trim(); }"
        )
        if focused == name:
            return
    pytest.fail(f"{name!r} cannot be reached with the Tab key on {page.url}")


def headline_of_a_mild_result(page, base_url):
    given_a_result(page, base_url)  # the checker's own steps, as a patient takes them
    return page.locator("h1").inner_text()


def test_an_editor_submits_wording_and_a_different_reviewer_approves_it(
    browser, page, live_server, monkeypatch
):
    base = serve_like_production(live_server, monkeypatch)
    wording = LevelWording.objects.get(level="mildly_elevated")
    live, change = wording.headline, f"{base}/admin/interpreter/levelwording/{wording.pk}"
    found = {}

    editor_context, editor = log_in(browser, base, "edna")
    try:
        editor.goto(f"{change}/change/")
        box = editor.locator("textarea[name=draft_headline]")
        assert box.bounding_box()["width"] > 500  # room for the whole sentence
        box.fill(DRAFT)
        editor.get_by_role("button", name="Save draft and preview").click()
        editor.wait_for_url(re.compile(r"/preview/"))
        assert editor.locator("h1").inner_text() == DRAFT
        no_axe_violations(editor, found)

        # The minor-fix page is there for a typo, with its reason box.
        editor.goto(f"{change}/publish/")
        expect(editor.get_by_label("What did you change?")).to_be_visible()
        no_axe_violations(editor, found)

        editor.goto(f"{change}/change/")
        editor.get_by_role("link", name="Submit for review…").click()
        expect(editor.locator(".wording-compare ins").first).to_be_visible()
        no_axe_violations(editor, found)
        editor.get_by_label("Note for the reviewer (optional)").fill("A calmer headline")
        tab_to(editor, "Submit for review")
        editor.keyboard.press("Enter")
        editor.wait_for_url(re.compile(r"/change/$"))
        expect(editor.locator(".field-review_status")).to_contain_text(
            "Waiting for clinical review (submitted by edna"
        )
    finally:
        editor_context.close()

    # Patients still see the live words.
    assert headline_of_a_mild_result(page, base) == live

    reviewer_context, reviewer = log_in(browser, base, "rita", reviewer=True)
    try:
        waiting = reviewer.locator("#review-dashboard li", has_text="submitted by edna")
        waiting.get_by_role("link", name=re.compile("Result level wording")).click()
        reviewer.get_by_role("link", name="Send back…").click()
        expect(reviewer.get_by_label("What needs to change?")).to_be_visible()
        no_axe_violations(reviewer, found)

        reviewer.goto(f"{change}/history/")
        reviewer.locator("input[name=from]").last.check()  # from "As shipped" to now
        reviewer.get_by_role("button", name="Compare the two chosen versions").click()
        expect(reviewer.locator(".compare-table ins").first).to_be_visible()
        no_axe_violations(reviewer, found)

        reviewer.goto(f"{change}/change/")
        reviewer.get_by_role("link", name="Approve and publish…").click()
        expect(reviewer.locator("#content-main")).to_contain_text(
            "by Dr Asha Patel, Consultant nephrologist"
        )
        expect(reviewer.locator("#content-main")).to_contain_text("A calmer headline")
        no_axe_violations(reviewer, found)
        tab_to(reviewer, "Approve and publish")
        reviewer.keyboard.press("Enter")
        reviewer.wait_for_url(re.compile(r"/change/$"))
        expect(reviewer.locator(".messagelist")).to_contain_text("Approved")
        expect(reviewer.locator(".field-review_status")).to_contain_text(
            "by Dr Asha Patel, Consultant nephrologist"
        )
    finally:
        reviewer_context.close()

    assert found == {}, readable(found)
    assert headline_of_a_mild_result(page, base) == DRAFT
