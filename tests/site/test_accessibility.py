"""axe-core over every public page and every interpreter state, in headless chromium.

axe.min.js comes from the pinned npm package (node_modules, installed by `make
setup`), never from the network. Zero violations of any impact are allowed at
the WCAG 2.0, 2.1 and 2.2 A and AA tags.
"""

import pytest

from tests.axe import check, readable
from tests.site.site_browser import (
    INTERPRETER_STATES,
    LIVE,
    create_share_link,
    open_not_found,
    open_state,
    public_paths,
    serve_like_production,
    visit_every_page,
    visit_share_pages,
)

pytestmark = [pytest.mark.browser, LIVE]


@pytest.fixture
def site_url(live_server, monkeypatch):
    return serve_like_production(live_server, monkeypatch)


def test_every_public_page_has_no_axe_violations(axe_page, site_url):
    found = {}
    for path in public_paths():
        response = axe_page.goto(site_url + path)
        assert response.status == 200, path
        check(axe_page, path, found)
    assert not found, readable(found)


def test_every_interpreter_state_has_no_axe_violations(axe_page, site_url):
    found = {}
    for name in INTERPRETER_STATES:
        open_state(axe_page, site_url, name)
        check(axe_page, name, found)
    assert axe_page.locator(".trend__svg").count() >= 1, "no trend chart was drawn"
    assert not found, readable(found)


def test_every_share_link_page_has_no_axe_violations(axe_page, site_url):
    found = {}
    for name in visit_share_pages(axe_page, site_url):
        check(axe_page, name, found)
    assert not found, readable(found)


def test_the_error_summary_state_really_has_errors(axe_page, site_url):
    open_state(axe_page, site_url, "form with errors")
    assert axe_page.title().startswith("Error: ")
    assert axe_page.locator("#error-summary a").count() >= 2


def test_the_not_found_page_has_no_axe_violations(axe_page, site_url):
    found = {}
    open_not_found(axe_page, site_url)
    check(axe_page, "404 page", found)
    assert not found, readable(found)


# --- Reflow: 320 px wide, and 200% zoom ------------------------------------------

WIDEST_ELEMENTS = """(width) => Array.from(document.querySelectorAll("body *"))
  .filter((el) => el.getBoundingClientRect().right > width + 0.5)
  .slice(0, 5)
  .map((el) => `${el.tagName.toLowerCase()}.${el.className}`
    + ` ends at ${el.getBoundingClientRect().right}px`)"""


def sideways_scroll(page, width):
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    if scroll_width <= width:
        return None
    return f"{scroll_width}px wide: " + "; ".join(page.evaluate(WIDEST_ELEMENTS, width))


@pytest.mark.parametrize(
    "viewport, scale",
    [
        # A small phone: WCAG 1.4.10 reflow, content in one column at 320 CSS px.
        ({"width": 320, "height": 640}, 1),
        # A 1280 px wide screen zoomed to 200% lays pages out at 640 CSS px.
        ({"width": 640, "height": 400}, 2),
    ],
    ids=["320px", "200%-zoom"],
)
def test_no_page_scrolls_sideways(browser, site_url, viewport, scale):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    try:
        wide = {}
        for name in visit_every_page(page, site_url):
            problem = sideways_scroll(page, viewport["width"])
            if problem:
                wide[name] = problem
    finally:
        context.close()
    assert not wide, "\n".join(f"{name}: {problem}" for name, problem in wide.items())


def test_a_per_creatinine_trend_table_fits_a_320px_phone_on_the_result_and_share_pages(
    browser, site_url
):
    # "450 µg/g creatinine" in each row made the table 331 px wide: the page scrolled.
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        state = "result with a per-creatinine trend"
        open_state(page, site_url, state)
        assert sideways_scroll(page, 320) is None
        # Should a table still be too wide (bigger text), it scrolls in its own region.
        table = page.get_by_role("region", name="Urine B2M over time (µg/g creatinine)")
        assert table.locator("table.trend-table tbody tr").count() == 2
        assert create_share_link(page, site_url, state).ok
        assert page.locator("table.trend-table").count() == 1
        assert sideways_scroll(page, 320) is None
    finally:
        context.close()


# --- Without JavaScript ------------------------------------------------------------


def test_without_javascript_the_form_sends_and_the_result_reads_in_full(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        # Given a visitor whose browser runs no scripts
        open_state(page, site_url, "form with errors")
        # The error summary comes first, with a link to each field.
        assert page.title().startswith("Error: ")
        summary = page.locator("#error-summary")
        assert summary.is_visible()
        assert summary.get_by_role("link").count() >= 2

        # When they send results with earlier ones
        open_state(page, site_url, "result with trend chart")

        # Then the guidance, the numbers and the next steps read in full
        assert page.get_by_role("heading", level=1).is_visible()
        assert page.get_by_role("heading", name="What your numbers mean").is_visible()
        assert page.locator(".checklist__item").count() >= 1
        # Each number line says in words what its colours show.
        assert page.locator(".band-legend li").first.is_visible()
        # The trend chart has a text equivalent: a name, and a table of the same numbers.
        chart = page.get_by_role("img").filter(has=page.locator("title"))
        assert chart.count() >= 1
        assert page.locator("table.trend-table tbody tr").count() >= 2
    finally:
        context.close()
