"""An editor edits a page, submits it; a clinical reviewer approves it; it is live."""

import pytest
from playwright.sync_api import expect

from education import workflow
from education.models import Topic
from tests.education.admin_browser import go, sign_in, sign_out
from tests.factories import make_user

pytestmark = pytest.mark.browser


def test_an_edit_goes_live_only_after_a_different_reviewer_approves_it(page, live_server):
    base = live_server.url
    make_user("edna", workflow.CONTENT_EDITORS)
    make_user(
        "rita", workflow.CLINICAL_REVIEWERS, profile=("Dr Rita Osei", "Consultant nephrologist")
    )
    topic = Topic.objects.get(slug="kidneys-and-b2m")
    old_title = topic.title

    # The editor changes the page's title and saves: a draft, not yet live.
    sign_in(page, base, "edna")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/change/")
    page.fill("#id_title", "How your kidneys handle B2M")
    go(page, page.locator("input[name='_continue']"))
    expect(page.locator(".field-publication")).to_contain_text(
        "with draft changes the public does not see yet"
    )
    public = page.context.browser.new_page()
    public.goto(f"{base}/learn/kidneys-and-b2m/")
    assert public.locator("h1").inner_text() == old_title

    # The preview shows the draft; then the editor submits it for review.
    go(page, page.get_by_role("link", name="Preview draft"))
    assert page.locator("h1").inner_text() == "How your kidneys handle B2M"
    expect(page.locator(".draft-banner")).to_contain_text("Draft preview")
    page.go_back()
    go(page, page.get_by_role("link", name="Submit for review…"))
    page.fill("textarea[name='note']", "Clearer title")
    go(page, page.get_by_role("button", name="Submit for review"))
    expect(page.locator(".field-workflow")).to_contain_text("Waiting for clinical review")
    sign_out(page)

    # A different person, a clinical reviewer, approves it from the admin home.
    sign_in(page, base, "rita")
    waiting = page.locator("#review-dashboard li", has_text="submitted by edna")
    go(page, waiting.get_by_role("link", name="How your kidneys handle B2M"))
    go(page, page.get_by_role("link", name="Approve and publish…"))
    expect(page.locator("#content-main")).to_contain_text("Dr Rita Osei, Consultant nephrologist")
    go(page, page.get_by_role("button", name="Approve and publish"))
    expect(page.locator(".messagelist")).to_contain_text("is live")

    # The public now sees the new title and who reviewed it.
    public.goto(f"{base}/learn/kidneys-and-b2m/")
    assert public.locator("h1").inner_text() == "How your kidneys handle B2M"
    expect(public.locator(".review-status")).to_contain_text(
        "by Dr Rita Osei, Consultant nephrologist"
    )
    public.goto(f"{base}/learn/")
    expect(public.locator("main")).to_contain_text("How your kidneys handle B2M")
    public.close()
