"""A patient makes a share link in a real browser; someone else opens it and downloads the PDF."""

import io
import re

import pytest
from pypdf import PdfReader

from interpreter.models import LevelWording

# Transactional (the live server runs in another thread); serialized_rollback
# restores the seeded wording that the flush after each test would delete.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def given_a_result(page, base_url):
    page.goto(f"{base_url}/interpret/")
    page.get_by_label("Blood B2M result").fill("3.1")
    page.get_by_label("Reference range for blood B2M").fill("0.8-2.4")
    page.get_by_label("Date of the test").fill("2026-11-01")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add an earlier result").click()
    page.get_by_label("Date of the earlier test").fill("2026-10-01")
    page.get_by_label("Earlier blood B2M result").fill("2.0")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="See my result").click()


def when_i_create_a_share_link(page):
    page.get_by_role("button", name="Create a share link").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}/$"))
    return page.locator("#share-url").input_value()


def test_share_link_opens_in_a_fresh_browser_and_its_pdf_downloads(page, browser, live_server):
    headline = LevelWording.objects.get(level="mildly_elevated").headline
    given_a_result(page, live_server.url)
    assert page.locator("h1").inner_text() == headline

    link = when_i_create_a_share_link(page)

    assert link == page.url
    # Said at once: the page's h1, with focus on it, and the result's headline under it.
    ready = page.get_by_role("heading", name="Your share link is ready", level=1)
    assert ready.is_visible()
    assert page.evaluate("document.activeElement.id") == "created-title"
    headings = page.locator("main :is(h1, h2)").evaluate_all(
        "(hs) => hs.map((h) => h.tagName + ' ' + h.textContent.trim())"
    )
    assert headings[0] == "H1 Your share link is ready"
    assert f"H2 {headline}" in headings and page.locator("main h1").count() == 1
    assert "/delete/?key=" in page.locator("#delete-url").input_value()
    # The copy buttons appear only with JavaScript, which this browser has.
    assert page.get_by_role("button", name="Copy link").is_visible()

    # Then a clinician opens the link elsewhere: no cookies, no session.
    context = browser.new_context(accept_downloads=True)
    try:
        other = context.new_page()
        response = other.goto(link)
        assert response.status == 200
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "private, no-store"
        assert other.locator("h1").inner_text() == "A patient shared this B2M result with you"
        assert other.get_by_role("heading", name=headline).is_visible()
        assert other.get_by_text("Details for clinicians").is_visible()
        assert other.locator("svg.qr__code").is_visible()
        assert other.get_by_role("link", name="Delete this share link").count() == 0

        with other.expect_download() as download_info:
            other.get_by_role("link", name="Download the checklist (PDF)").click()
        download = download_info.value
        assert download.suggested_filename == "b2m-checklist.pdf"
        content = open(download.path(), "rb").read()
    finally:
        context.close()

    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert headline in text
    assert link in text  # printed beside the QR code
    assert len(reader.pages) <= 2

    # The maker goes back to their result from the share page: a link, so the page keeps
    # no-referrer (a form there would post "Origin: null" and fail CSRF).
    with page.expect_navigation():
        page.get_by_role("link", name="Back to my result").click()
    assert page.title() == "Your B2M result – B2M Guide"
    assert page.locator("h1").inner_text() == headline
    assert "3.1 mg/L" in page.locator(".summary-list").first.text_content()


def test_the_creator_deletes_the_link_and_it_stops_working(page, browser, live_server):
    given_a_result(page, live_server.url)
    link = when_i_create_a_share_link(page)

    page.get_by_role("link", name="Delete this share link").click()
    # Wait for the answer to the POST: is_visible() does not wait, and on a busy
    # machine it ran against the confirmation page still on screen.
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, delete the link").click()
    assert page.get_by_text("Your share link is deleted").is_visible()

    context = browser.new_context()
    try:
        response = context.new_page().goto(link)
        assert response.status == 410
    finally:
        context.close()
