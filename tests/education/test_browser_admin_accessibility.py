"""axe-core over the admin pages editors and clinical reviewers use, in headless chromium.

Editors and reviewers are users too (some use screen readers or zoom): the pages
this project adds to Django's admin (the review list on the admin home, drafts,
preview, submit, approve, send back, publish a minor fix, discard, unpublish,
history with compare, a revision, recover deleted) get the same zero-violation
bar as the public pages (WCAG 2.0-2.2 A and AA).
"""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from education import workflow
from education.models import GlossaryTerm, LiveTopic, Reference, Status, Topic
from tests.axe import check, readable
from tests.education.admin_browser import go, sign_in, sign_out
from tests.factories import PASSWORD, make_term, make_user

pytestmark = pytest.mark.browser


def test_the_editors_and_reviewers_admin_pages_have_no_axe_violations(axe_page, live_server):
    base = live_server.url
    page = axe_page
    make_user("edna", workflow.CONTENT_EDITORS)
    make_user(
        "rita", workflow.CLINICAL_REVIEWERS, profile=("Dr Rita Osei", "Consultant nephrologist")
    )
    topic = Topic.objects.get(slug="kidneys-and-b2m")
    found = {}

    def scan(where):
        check(page, where, found)

    # The editor makes a draft (a revision) and submits it for review.
    sign_in(page, base, "edna")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/change/")
    page.fill("#id_title", "How your kidneys handle B2M")
    go(page, page.locator("input[name='_continue']"))
    expect(page.locator(".field-publication")).to_contain_text("draft changes")
    scan("topic change form, with a draft")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/submit/")
    scan("submit for review")
    page.fill("textarea[name='note']", "Clearer title")
    go(page, page.get_by_role("button", name="Submit for review"))
    page.goto(f"{base}/admin/education/topic/")
    scan("topic list")
    page.goto(f"{base}/admin/education/glossaryterm/{GlossaryTerm.objects.first().pk}/change/")
    scan("glossary term change form")
    page.goto(f"{base}/admin/education/reference/{Reference.objects.first().pk}/change/")
    scan("reference change form")
    sign_out(page)

    # The reviewer sees it on the admin home and walks every step's page.
    sign_in(page, base, "rita")
    expect(page.locator("#review-dashboard")).to_contain_text("submitted by edna")
    scan("admin home with the review list")
    pages = {
        "draft preview": f"/preview/topic/{topic.pk}/",
        "approve": f"/admin/education/topic/{topic.pk}/approve/",
        "send back": f"/admin/education/topic/{topic.pk}/send-back/",
    }
    for where, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, (where, response.status)
        scan(where)
    page.goto(f"{base}/admin/education/topic/{topic.pk}/history/")
    scan("history")
    go(page, page.get_by_role("button", name="Compare the two chosen versions"))
    assert "/history/compare/" in page.url
    assert page.locator("ins, del").count() >= 1, "the compare page marked no change"
    scan("compare two versions")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/history/")
    go(page, page.locator("#change-history a[href*='/history/']").first)
    scan("one revision")
    # A step refused (the reviewer sends back with a blank comment) shows its error.
    page.goto(f"{base}/admin/education/topic/{topic.pk}/send-back/")
    page.fill("textarea[name='note']", "   ")
    go(page, page.get_by_role("button", name="Send back"))
    expect(page.locator(".errorlist, .errornote").first).to_be_visible()
    scan("send back, with its error")
    sign_out(page)

    # What only some may do: a minor fix, discard, unpublish, recover (a superuser here).
    User.objects.create_superuser("ada", password=PASSWORD)
    sign_in(page, base, "ada")
    topic.sections.order_by("-order").first().delete()  # its shipped version holds it
    pages = {
        "deleted sections": f"/admin/education/topic/{topic.pk}/deleted-sections/",
        "publish a minor fix": f"/admin/education/topic/{topic.pk}/publish/",
        "discard draft": f"/admin/education/topic/{topic.pk}/discard/",
        "unpublish": f"/admin/education/topic/{topic.pk}/unpublish/",
        "recover deleted topics": "/admin/education/topic/recover/",
        "delete a glossary term pages link to": (
            f"/admin/education/glossaryterm/{GlossaryTerm.objects.get(slug='glomerulus').pk}"
            "/delete/"
        ),
        "take off the site a glossary term pages link to (refused)": (
            f"/admin/education/glossaryterm/{GlossaryTerm.objects.get(slug='glomerulus').pk}"
            "/unpublish/"
        ),
        "take a glossary term off the site": (
            f"/admin/education/glossaryterm/{make_term(term='Spare', slug='spare').pk}/unpublish/"
        ),
    }
    for where, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, (where, response.status)
        scan(where)
    sign_out(page)

    # Sent back, changed and submitted again: the approve page repeats the comment.
    sign_in(page, base, "rita")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/send-back/")
    page.fill("textarea[name='note']", "Say “filter” instead of “clear”.")
    go(page, page.get_by_role("button", name="Send back"))
    sign_out(page)
    sign_in(page, base, "edna")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/change/")
    page.fill("#id_title", "How your kidneys filter B2M")
    go(page, page.locator("input[name='_continue']"))
    page.goto(f"{base}/admin/education/topic/{topic.pk}/submit/")
    go(page, page.get_by_role("button", name="Submit for review"))
    sign_out(page)
    sign_in(page, base, "rita")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/approve/")
    expect(page.locator("#sent-back-before")).to_contain_text("Say “filter” instead of “clear”.")
    scan("approve, after a send-back")

    assert not found, readable(found)


def test_the_glossary_review_pages_have_no_axe_violations(axe_page, live_server):
    """An editor drafts a term and submits it; a reviewer approves it; every page passes axe."""
    base = live_server.url
    page = axe_page
    make_user("edna", workflow.CONTENT_EDITORS)
    make_user(
        "rita", workflow.CLINICAL_REVIEWERS, profile=("Dr Rita Osei", "Consultant nephrologist")
    )
    term = GlossaryTerm.objects.get(slug="glomerulus")
    change = f"{base}/admin/education/glossaryterm/{term.pk}/"
    new = "A tiny filter in the kidney that cleans the blood."
    found = {}

    def scan(where):
        check(page, where, found)

    sign_in(page, base, "edna")
    page.goto(f"{base}/admin/education/glossaryterm/add/")
    scan("add a glossary term")
    page.goto(change + "change/")
    page.fill("#id_draft_definition", new)
    go(page, page.get_by_role("button", name="Save draft and preview"))
    expect(page.locator("#glomerulus")).to_contain_text(new)
    scan("glossary draft preview")
    page.goto(change + "change/")
    expect(page.locator(".field-publish_status")).to_contain_text("A draft is waiting")
    scan("glossary term change form, with a draft")
    for where, step in {"minor fix": "publish", "discard draft": "discard"}.items():
        page.goto(change + f"{step}/")
        scan(f"glossary term: {where}")
    page.goto(change + "submit/")
    scan("glossary term: submit for review")
    go(page, page.get_by_role("button", name="Submit for review"))
    sign_out(page)

    sign_in(page, base, "rita")
    expect(page.locator("#review-dashboard")).to_contain_text("Glossary term: Glomerulus")
    go(page, page.get_by_role("link", name="Glossary term: Glomerulus"))
    scan("glossary term change form, for the reviewer")
    page.goto(change + "send-back/")
    scan("glossary term: send back")
    page.goto(change + "approve/")
    expect(page.locator("#content-main")).to_contain_text("Dr Rita Osei, Consultant nephrologist")
    scan("glossary term: approve")
    go(page, page.get_by_role("button", name="Approve and publish"))
    expect(page.locator(".field-review_status")).to_contain_text("by Dr Rita Osei")
    page.goto(f"{change}history/")
    scan("glossary term history")

    page.goto(f"{base}/glossary/")
    expect(page.locator("#glomerulus")).to_contain_text(new)
    assert not found, readable(found)


def test_the_reference_review_pages_have_no_axe_violations(axe_page, live_server):
    """An editor drafts a reference and submits it; a reviewer approves it; every page passes."""
    base = live_server.url
    page = axe_page
    make_user("edna", workflow.CONTENT_EDITORS)
    make_user(
        "rita", workflow.CLINICAL_REVIEWERS, profile=("Dr Rita Osei", "Consultant nephrologist")
    )
    reference = LiveTopic.objects.filter(references__isnull=False).first().references.first()
    change = f"{base}/admin/education/reference/{reference.pk}/"
    new = "Beta-2 microglobulin in plain words"
    found = {}

    def scan(where):
        check(page, where, found)

    sign_in(page, base, "edna")
    page.goto(f"{base}/admin/education/reference/add/")
    scan("add a reference")
    page.goto(change + "change/")
    page.fill("#id_draft_title", new)
    go(page, page.get_by_role("button", name="Save draft and preview"))
    expect(page.locator(f"#reference-{reference.pk}")).to_contain_text(new)
    scan("references draft preview")
    page.goto(change + "change/")
    expect(page.locator(".field-publish_status")).to_contain_text("A draft is waiting")
    scan("reference change form, with a draft")
    steps = {"minor fix": "publish", "discard draft": "discard", "take off the site": "unpublish"}
    for where, step in steps.items():
        page.goto(change + f"{step}/")
        scan(f"reference: {where}")
    page.goto(f"{base}/admin/education/reference/")
    scan("reference list")
    page.goto(change + "submit/")
    scan("reference: submit for review")
    go(page, page.get_by_role("button", name="Submit for review"))
    sign_out(page)

    sign_in(page, base, "rita")
    go(page, page.get_by_role("link", name=f"Reference: {reference.title}"))
    scan("reference change form, for the reviewer")
    page.goto(change + "send-back/")
    scan("reference: send back")
    page.goto(change + "approve/")
    expect(page.locator("#content-main")).to_contain_text("Dr Rita Osei, Consultant nephrologist")
    scan("reference: approve")
    go(page, page.get_by_role("button", name="Approve and publish"))
    expect(page.locator(".field-review_status")).to_contain_text("by Dr Rita Osei")
    page.goto(f"{change}history/")
    scan("reference history")

    live = reference.live_topics.first()
    page.goto(base + live.get_absolute_url())
    expect(page.locator(".references")).to_contain_text(new)
    assert not found, readable(found)


def test_a_topic_that_cannot_be_approved_yet_says_why_with_no_axe_violations(axe_page, live_server):
    base = live_server.url
    page = axe_page
    editor = make_user("edna", workflow.CONTENT_EDITORS)
    make_user(
        "rita", workflow.CLINICAL_REVIEWERS, profile=("Dr Rita Osei", "Consultant nephrologist")
    )
    make_term(term="Cystatin C", slug="cystatin-c", status=Status.DRAFT)
    topic = Topic.objects.get(slug="kidneys-and-b2m")
    section = topic.sections.first()
    section.body += "\n\nSome labs also measure [[cystatin-c]]."
    section.save()
    Topic.objects.filter(pk=topic.pk).update(last_edited_by=editor)
    workflow.submit(Topic.objects.get(pk=topic.pk), user=editor)
    found = {}

    sign_in(page, base, "rita")
    page.goto(f"{base}/admin/education/topic/{topic.pk}/change/")
    expect(page.locator("#cannot-go-live")).to_contain_text("Cystatin C")
    check(page, "topic change form that cannot be approved yet", found)
    assert not found, readable(found)
