"""The site with a keyboard alone: skip link, tab order, focus ring, the form."""

import pytest

from tests.site.site_browser import (
    LIVE,
    create_share_link,
    open_state,
    public_paths,
    serve_like_production,
)

pytestmark = [pytest.mark.browser, LIVE]

# The styles a focus indicator can change, and a stable key for an element
# (its index in the document), shared by the two scripts below.
_HELPERS = """
  const styleOf = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.borderColor, s.color, s.textDecorationLine].join(" | ");
  };
  const keyOf = (el) => Array.prototype.indexOf.call(document.querySelectorAll("*"), el);
"""

# Where focus is now, or null when it has left the page.
FOCUSED = (
    "() => {"
    + _HELPERS
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = (el.textContent || el.name || "").trim().slice(0, 40);
  return {key: keyOf(el), what: `${el.tagName.toLowerCase()}#${el.id} ${label}`,
          style: styleOf(el)};
}"""
)

# Every element the Tab key should reach, in document order, with its resting style.
FOCUSABLE = (
    "() => {"
    + _HELPERS
    + """
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    + "[tabindex]";
  return Array.from(document.querySelectorAll(selector))
    .filter((el) => !el.disabled && el.tabIndex >= 0)
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
    // Inside a closed <details> only its summary shows.
    .filter((el) => {
      const closed = el.closest("details:not([open])");
      return !closed || (el.tagName === "SUMMARY" && el.parentElement === closed);
    })
    // A radio group is one Tab stop: its chosen radio, or its first when none is chosen.
    .filter((el) => {
      if (el.type !== "radio") return true;
      const group = Array.from(el.form.querySelectorAll(`input[type=radio][name="${el.name}"]`));
      return el === (group.find((radio) => radio.checked) || group[0]);
    })
    .map((el) => ({key: keyOf(el), style: styleOf(el)}));
}"""
)


@pytest.fixture
def site_url(live_server, monkeypatch):
    return serve_like_production(live_server, monkeypatch)


def focused(page):
    return page.evaluate(FOCUSED)


def tab_through(page, limit=300):
    """Press Tab from the top of the page until focus leaves it; return each stop."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None or (stops and stop["key"] == stops[0]["key"]):
            return stops
        # A date field takes a Tab for each of its day, month and year parts.
        if not stops or stop["key"] != stops[-1]["key"]:
            stops.append(stop)
    raise AssertionError(f"Tab never left the page after {limit} presses")


def tab_to(page, selector, limit=100):
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, site_url):
    for path in ("/", "/learn/", "/interpret/"):
        # Given a page just loaded
        page.goto(site_url + path)
        # When the visitor presses Tab
        page.keyboard.press("Tab")
        # Then the skip link has focus, and is on screen
        skip = page.get_by_role("link", name="Skip to main content")
        assert page.evaluate("document.activeElement.className") == "skip-link", path
        box = skip.bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0, path
        # And Enter moves focus to the main content
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main-content", path
        # so the next Tab lands inside it, past the header links
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null"), path


def pages_to_tab_through(page, site_url):
    # Home, topic list, glossary, form, a topic, and the clinicians' link page.
    for path in [*public_paths()[:5], "/interpret/link/"]:
        page.goto(site_url + path)
        yield path
    for name in (
        "empty form",
        "form with errors",
        "check your answers",
        "slip question",
        "kidney step",
        "result with trend chart",
    ):
        open_state(page, site_url, name)
        yield name
    create_share_link(page, site_url)
    yield "share page, just made"


def test_tab_visits_everything_in_reading_order_with_a_visible_focus_ring(page, site_url):
    for name in pages_to_tab_through(page, site_url):
        resting = page.evaluate(FOCUSABLE)
        stops = tab_through(page)
        # Tab starts at the top, or after what has focus: the error summary, the slip
        # question, or the heading of a share link just made.
        start = [el["key"] for el in resting].index(stops[0]["key"])
        assert start == 0 or name in (
            "form with errors", "slip question", "share page, just made"
        ), name  # fmt: skip
        resting = resting[start:]
        # Every link, field and button, in the order they are read: no jumps,
        # nothing skipped, nothing hidden taking focus.
        assert [stop["key"] for stop in stops] == [el["key"] for el in resting], name
        # Each shows focus by a change of outline, shadow, colour or underline.
        unchanged = [
            stop["what"]
            for stop, rest in zip(stops, resting, strict=True)
            if stop["style"] == rest["style"]
        ]
        assert not unchanged, f"{name}: no visible focus on {unchanged}"


def test_the_form_can_be_filled_and_sent_with_the_keyboard_alone(page, site_url):
    # Given the empty form
    page.goto(f"{site_url}/interpret/")

    # When the visitor sends it empty with the keyboard
    tab_to(page, "#id_serum_value")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Then focus is on the error summary, whose link leads to the field
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_serum_value"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_serum_value"

    # When they type a result and its range, keep the unit, and go on
    page.keyboard.type("3.1")
    tab_to(page, "#id_serum_unit")
    assert page.evaluate("document.activeElement.value") == "mg/L"
    tab_to(page, "#id_serum_range")
    page.keyboard.type("0.8-2.4")
    tab_to(page, "button[value=continue]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Then they check their answers, add a situation, and ask for the result
    assert page.title().startswith("Check your answers")
    tab_to(page, "button[value='edit:situations']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_context_0")
    page.keyboard.press("Space")
    assert page.locator("#id_context_0").is_checked()
    tab_to(page, "button[value=continue]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "button[value=result]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Then they read their guidance
    assert page.locator(".result-level--mildly_elevated").count() == 1
    assert page.get_by_role("heading", level=1).is_visible()


# The site's ring (site.css): yellow (#ffeb3b) around a dark (#212b32) edge, 3:1 and more
# against white. Bootstrap's own faint blue glow (1.4:1) must never be what shows.
YELLOW, DARK = "rgb(255, 235, 59)", "rgb(33, 43, 50)"
# The focused element's ring once its transition (Bootstrap's 0.15 s) has ended.
RING = """async () => {
  const el = document.activeElement;
  await Promise.all(el.getAnimations().map((a) => a.finished));
  const s = getComputedStyle(el);
  return {shadow: s.boxShadow, border: s.borderTopColor};
}"""


@pytest.mark.parametrize("state", ["empty form", "form with errors"])
def test_text_fields_selects_and_radios_show_the_sites_strong_focus_ring(page, site_url, state):
    # Given the first screen (fresh, or with mistakes marked in red)
    open_state(page, site_url, state)
    for field in ("#id_kind_0", "#id_serum_value", "#id_serum_unit"):
        # When the visitor tabs to a radio, a text field and a select
        tab_to(page, field)
        ring = page.evaluate(RING)
        # Then each shows the yellow ring with its dark edge, not Bootstrap's glow
        assert YELLOW in ring["shadow"] and DARK in ring["shadow"], (state, field, ring)
        assert "13, 110, 253" not in ring["shadow"], (state, field, ring)
        assert ring["border"] == DARK, (state, field, ring)
