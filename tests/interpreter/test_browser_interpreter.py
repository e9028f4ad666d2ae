"""A worried patient with a paper report, on a 390 px phone, in a real browser.

Each test walks the checker as a person would; the numbers printed with `-s`
(first screen height, fields, taps) are the ones quoted in the closing note.
"""

import datetime
import re

import pytest

from interpreter.models import LevelWording
from tests.site.site_browser import LIVE

pytestmark = [pytest.mark.browser, LIVE]

PHONE = {"width": 390, "height": 844}
FIELDS = (
    "input:not([type=hidden]):not([type=radio]), select, textarea, fieldset:has(input[type=radio])"
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def tap(page, name, role="button"):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()


def first_screen(page, base_url, value="3.4", range_="0.8-2.4", date="2026-11-01"):
    page.goto(f"{base_url}/interpret/")
    page.get_by_label("Blood B2M result").fill(value)
    page.get_by_label("Reference range for blood B2M").fill(range_)
    page.get_by_label("Date of the test").fill(date)


def headline(level):
    return LevelWording.objects.get(level=level).headline


def test_a_blood_only_report_reaches_a_result_in_three_short_pages(
    phone, live_server, record_property
):
    taps = 0
    pages = []
    phone.goto(live_server.url + "/")
    tap(phone, "Check my result", role="link")
    taps += 1
    pages.append(phone.title())
    height = phone.evaluate("document.documentElement.scrollHeight")
    fields = phone.locator(f"main form :is({FIELDS})").count()
    continue_at = phone.get_by_role("button", name="Continue").bounding_box()["y"]
    record_property("first_screen_height_px", height)
    record_property("first_screen_fields", fields)
    record_property("continue_button_y_px", round(continue_at))
    assert fields <= 8
    # Blood is the usual report: only its fields show (the urine ones need a tap).
    assert phone.get_by_label("Urine B2M result").is_hidden()
    visible = [f for f in phone.locator(f"main form :is({FIELDS})").all() if f.is_visible()]
    assert len(visible) == 5  # which result, number, unit, range, date
    assert height < 2000  # was 5,295 px for the one long form

    phone.get_by_label("Blood B2M result").fill("3.1")
    phone.get_by_label("Reference range for blood B2M").fill("0.8-2.4")
    tap(phone, "Continue")
    taps += 1
    pages.append(phone.title())
    tap(phone, "See my result")
    taps += 1
    pages.append(phone.title())

    record_property("taps_home_to_result", taps)
    record_property("pages_to_result", len(pages))
    assert phone.locator("h1").inner_text() == headline("mildly_elevated")
    assert taps == 3 and len(pages) == 3


def test_34_for_3_4_is_caught_and_corrected_without_retyping(phone, live_server):
    first_screen(phone, live_server.url, value="34")
    tap(phone, "Continue")
    slip = phone.locator(".slip")
    assert "You entered 34 mg/L. That is 14 times your limit." in slip.inner_text()
    # The question is said first: focus is on it, as on an error summary.
    assert phone.evaluate("document.activeElement.id") == "slip-title"
    assert phone.get_by_role("button", name="See my result").count() == 0

    tap(phone, "No, let me correct it")
    # The number to fix has focus; the range and date are still there.
    assert phone.evaluate("document.activeElement.id") == "id_serum_value"
    assert phone.input_value("#id_serum_value") == "34"
    assert phone.input_value("#id_serum_range") == "0.8-2.4"
    assert phone.input_value("#id_test_date") == "2026-11-01"
    phone.fill("#id_serum_value", "3.4")
    tap(phone, "Continue")
    assert phone.locator(".slip").count() == 0
    tap(phone, "See my result")
    main = phone.locator("main").inner_text()
    assert "Your blood B2M is 3.4 mg/L" in main
    assert "Test date: 1 November 2026" in main


def test_back_from_the_result_returns_to_the_answers_not_an_error(phone, live_server):
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    tap(phone, "See my result")
    assert phone.locator("h1").inner_text() == headline("mildly_elevated")

    phone.go_back()
    assert phone.title().startswith("Check your answers")
    assert "3.4 mg/L" in phone.locator("main").inner_text()
    phone.go_back()
    assert phone.input_value("#id_serum_value") == "3.4"
    phone.go_forward()
    phone.go_forward()
    assert phone.locator("h1").inner_text() == headline("mildly_elevated")


def test_read_more_then_back_shows_the_result_again(phone, live_server):
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    tap(phone, "See my result")
    link = phone.locator(".learn-more a, section a[href^='/learn/']").first
    with phone.expect_navigation():
        link.click()
    assert "/learn/" in phone.url
    phone.go_back()
    assert phone.locator("h1").inner_text() == headline("mildly_elevated")
    assert "Your blood B2M is 3.4 mg/L" in phone.locator("main").inner_text()


def documents(page):
    """(method, url) of every page the browser asks for from now on (not CSS, JS or images)."""
    asked = []
    page.on(
        "request",
        lambda r: asked.append((r.method, r.url)) if r.resource_type == "document" else None,
    )
    return asked


def test_reloading_the_result_asks_again_with_a_get_and_shows_it_again(phone, live_server):
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    tap(phone, "See my result")
    address = phone.url
    asked = documents(phone)
    phone.reload()
    # A plain GET of the same address: no "Confirm Form Resubmission", nothing sent again.
    assert asked == [("GET", address)]
    assert "at=result" in address
    assert phone.locator("h1").inner_text() == headline("mildly_elevated")
    assert "Your blood B2M is 3.4 mg/L" in phone.locator("main").inner_text()


def test_reloading_the_check_page_asks_again_with_a_get_and_keeps_every_answer(phone, live_server):
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    tap(phone, "Add kidney results")
    phone.get_by_label("eGFR, in mL/min/1.73 m²").fill("55")
    tap(phone, "Continue")
    address = phone.url
    asked = documents(phone)
    phone.reload()
    assert asked == [("GET", address)]
    answers = phone.locator(".summary-list").inner_text()
    assert "3.4 mg/L" in answers and "eGFR 55" in answers and "1 November 2026" in answers


def test_without_javascript_back_to_the_first_screen_shows_the_answers(browser, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/interpret/")
        page.get_by_label("Both").check()
        page.get_by_label("Blood B2M result").fill("3,4")
        page.get_by_label("Reference range for blood B2M").fill("0.8-2.4")
        page.get_by_label("Urine B2M result").fill("450")
        page.get_by_label("Unit of your urine result").select_option("ug/L")
        page.get_by_label("Date of the test").fill("2026-11-01")
        tap(page, "Continue")
        assert page.title().startswith("Check your answers")

        page.go_back()
        assert page.title().startswith("Check my B2M result")
        assert page.get_by_label("Both").is_checked()
        assert page.input_value("#id_serum_value") == "3.4"
        assert page.input_value("#id_serum_range") == "0.8-2.4"
        assert page.input_value("#id_urine_value") == "450"
        assert page.input_value("#id_urine_unit") == "ug/L"
        assert page.input_value("#id_test_date") == "2026-11-01"
        # And on from there with nothing typed again.
        tap(page, "Continue")
        assert "450 µg/L" in page.locator(".summary-list").inner_text()
    finally:
        context.close()


def test_no_lab_value_goes_into_any_address_the_journey_visits(phone, live_server):
    asked = []
    phone.on("request", lambda r: asked.append(r.url))
    first_screen(phone, live_server.url, value="3.47", range_="0.81-2.43", date="2026-11-01")
    tap(phone, "Continue")
    tap(phone, "Add kidney results")
    phone.get_by_label("eGFR, in mL/min/1.73 m²").fill("57.5")
    tap(phone, "Continue")
    tap(phone, "Add an earlier result")
    phone.fill("#id_history-0-date", "2026-09-12")
    phone.fill("#id_history-0-serum_value", "2.91")
    tap(phone, "Continue")
    tap(phone, "See my result")
    phone.reload()
    tap(phone, "Change my answers")
    assert phone.title().startswith("Check your answers")
    pages = [url for url in asked if "/interpret/" in url]
    assert any("at=result" in url for url in pages)
    for url in asked:
        for value in ("3.47", "0.81", "2.43", "57.5", "2.91", "2026-11-01", "2026-09-12"):
            assert value not in url, url


def test_change_from_the_check_page_keeps_every_other_answer(phone, live_server):
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    tap(phone, "Add kidney results")
    phone.get_by_label("eGFR, in mL/min/1.73 m²").fill("55")
    tap(phone, "Continue")

    tap(phone, "Change test date")
    # The field to change has focus, and is on screen (it is last on the page).
    assert phone.evaluate("document.activeElement.id") == "id_test_date"
    # (Bootstrap scrolls smoothly: wait for it to arrive.)
    phone.wait_for_function(
        "() => document.getElementById('id_test_date').getBoundingClientRect().bottom"
        " <= window.innerHeight",
        timeout=3000,
    )
    assert phone.input_value("#id_serum_value") == "3.4"
    phone.fill("#id_test_date", "2026-10-20")
    tap(phone, "Continue")
    answers = phone.locator(".summary-list").inner_text()
    assert "20 October 2026" in answers
    assert "3.4 mg/L" in answers and "eGFR 55" in answers
    tap(phone, "Change blood (serum) B2M reference range")
    assert phone.evaluate("document.activeElement.id") == "id_serum_range"
    tap(phone, "Continue")

    tap(phone, "See my result")
    tap(phone, "Change my answers")
    assert phone.title().startswith("Check your answers")
    assert "eGFR 55" in phone.locator(".summary-list").inner_text()


def test_change_result_on_the_report_and_kidney_results_focus_their_field(phone, live_server):
    # Both opened their page with focus on nothing: a keyboard user started from the top.
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    tap(phone, "Add kidney results")
    phone.get_by_label("eGFR, in mL/min/1.73 m²").fill("55")
    tap(phone, "Continue")
    tap(phone, "Change result on the report")
    assert phone.evaluate("document.activeElement.id") == "id_kind_0"  # the chosen one
    phone.keyboard.press("ArrowDown")  # the arrow keys change it, as in any radio group
    assert phone.is_checked("#id_kind_1")
    phone.keyboard.press("ArrowUp")
    tap(phone, "Continue")
    tap(phone, "Change kidney results")
    assert phone.evaluate("document.activeElement.id") == "id_egfr"


def test_the_urine_unit_is_asked_with_the_common_units_first(phone, live_server):
    phone.goto(live_server.url + "/interpret/")
    phone.get_by_label("Urine B2M", exact=True).check()
    # Only the urine fields show now.
    assert phone.get_by_label("Blood B2M result").is_hidden()
    unit = phone.get_by_label("Unit of your urine result")
    assert unit.input_value() == ""
    options = unit.locator("option").all_inner_texts()
    assert options[1].startswith("µg/L") and options[2].startswith("mg/L")
    phone.get_by_label("Urine B2M result").fill("450")
    tap(phone, "Continue")
    assert phone.title().startswith("Error: ")
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    assert phone.input_value("#id_urine_value") == "450"
    unit.select_option("ug/L")
    tap(phone, "Continue")
    tap(phone, "See my result")
    assert "Your urine B2M is 450 µg/L" in phone.locator("main").inner_text()


def test_3_comma_4_is_read_as_3_point_4(phone, live_server):
    first_screen(phone, live_server.url, value="3,4", range_="0,8-2,4")
    tap(phone, "Continue")
    assert phone.title().startswith("Check your answers")
    assert "3.4 mg/L" in phone.locator(".summary-list").inner_text()
    tap(phone, "See my result")
    assert "Your blood B2M is 3.4 mg/L" in phone.locator("main").inner_text()
    assert re.search(r"upper limit from your report: 2\.4 mg/L", phone.locator("main").inner_text())


def test_mistakes_are_explained_and_focus_moves_to_the_summary(phone, live_server):
    phone.goto(live_server.url + "/interpret/")
    phone.get_by_label("Blood B2M result").fill("three")
    tap(phone, "Continue")

    assert phone.title().startswith("Error: ")
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    phone.get_by_role("link", name="Enter your blood B2M result as a number, like 2.4.").click()
    assert phone.locator("#id_serum_value").input_value() == "three"


def test_a_clinicians_prefilled_link_sets_units_and_range_for_the_patient(page, live_server):
    # The clinician builds the link; focus moves to it.
    page.goto(live_server.url + "/interpret/link/")
    page.get_by_label("Unit your lab uses for blood (serum) B2M").select_option("ug/mL")
    page.get_by_label("Upper limit of your lab's blood B2M range").fill("2.4")
    tap(page, "Make the link")
    assert page.evaluate("document.activeElement.id") == "link-title"
    link = page.input_value("#prefilled-link")
    assert "value" not in link.replace("upper_limit", "")
    # Each section of the guide has a copy button and a QR code.
    first = page.locator(".section-link").first
    assert first.get_by_role("button", name=re.compile("^Copy link")).is_visible()
    first.locator("summary").click()
    assert first.get_by_role("img", name=re.compile("^QR code of the link")).is_visible()

    # The patient opens it on their phone.
    page.goto(link)
    assert page.get_by_text("Your clinic has set the units and range for you.").is_visible()
    assert page.input_value("#id_serum_unit") == "ug/mL"
    assert page.input_value("#id_serum_range") == "2.4"
    page.get_by_label("Blood B2M result").fill("3.1")
    tap(page, "Continue")
    tap(page, "See my result")
    main = page.locator("main").inner_text()
    assert "Your blood B2M is 3.1 µg/mL" in main
    assert "upper limit from your report: 2.4 µg/mL" in main


def test_a_clinician_opening_a_shared_result_reads_the_patients_answers(page, browser, live_server):
    first_screen(page, live_server.url)
    tap(page, "Continue")
    tap(page, "Add kidney results")
    page.get_by_label("eGFR, in mL/min/1.73 m²").fill("55")
    tap(page, "Continue")
    tap(page, "See my result")
    tap(page, "Create a share link")
    link = page.input_value("#share-url")

    context = browser.new_context(viewport=PHONE)
    try:
        clinician = context.new_page()
        clinician.goto(link)
        assert clinician.locator("h1").inner_text() == "A patient shared this B2M result with you"
        assert clinician.get_by_text("Test date: 1 November 2026").is_visible()
        panel = clinician.get_by_role("region", name="What the patient told us")
        assert panel.is_visible()  # open, not behind a click
        answers = panel.inner_text()
        assert "3.4 mg/L" in answers
        # The range as the patient typed it and saw it on their result page.
        assert "0.8 to 2.4 mg/L" in answers and "eGFR 55" in answers
        assert clinician.get_by_role("heading", name=headline("mildly_elevated")).is_visible()
        assert "Your result" not in clinician.locator("h1").inner_text()
    finally:
        context.close()


def test_the_printed_result_carries_the_test_date_the_answers_and_how_we_worked_it_out(
    page, live_server
):
    first_screen(page, live_server.url)
    tap(page, "Continue")
    tap(page, "Add around the time of the test")
    page.get_by_label("I did hard exercise in the day or two before the test").check()
    tap(page, "Continue")
    tap(page, "See my result")

    page.emulate_media(media="print")
    printed = page.locator("main").inner_text()
    answers = page.get_by_role("region", name="What you told us")
    assert answers.is_visible()  # open on paper, as in the PDF
    assert "0.8 to 2.4 mg/L" in answers.inner_text()
    assert "I did hard exercise in the day or two before the test" in answers.inner_text()
    assert "Test date: 1 November 2026." in printed
    assert page.locator("#reasoning-title").is_visible()
    assert "Source: Your lab report." in printed
    assert "_" not in printed  # no internal rule id (serum_ratio_1.00_to_1.50 and the like)
    assert "Change my answers" not in printed
    # "Details for clinicians" prints open, as in the PDF, without a second copy of the
    # reasoning (a closed <details> would print its summary line only).
    panel = page.locator(".clinician-details")
    assert panel.locator("dl").is_visible()
    assert "Rules version" in panel.inner_text()
    assert panel.locator(".reasoning").is_hidden()
    assert printed.count("How we worked this out") == 1

    page.emulate_media(media="screen")
    assert answers.is_hidden()  # on screen the answers are behind "What you told us"
    assert panel.locator("dl").is_hidden()


def test_deleting_a_share_link_returns_the_patient_to_their_answers(phone, live_server):
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    tap(phone, "See my result")
    tap(phone, "Create a share link")
    tap(phone, "Delete this share link", role="link")
    tap(phone, "Yes, delete the link")
    assert phone.get_by_role("heading", name="Your share link is deleted").is_visible()
    tap(phone, "Back to my answers")
    assert phone.title().startswith("Check your answers")
    assert "3.4 mg/L" in phone.locator(".summary-list").inner_text()


def land(page, move):
    """Back or Forward: the page it lands on must be a real page, never Chromium's
    "Confirm Form Resubmission" (ERR_CACHE_MISS) screen."""
    response = move()
    assert response is not None and response.status == 200, page.url
    return page.title()


@pytest.mark.parametrize("step", ["first screen", "kidney step"])
def test_error_fix_continue_back_forward_always_lands_on_a_page(phone, live_server, step):
    # Given a mistake on a page, fixed, and the patient gone on
    if step == "first screen":
        first_screen(phone, live_server.url, value="abc")
        field, fixed, title = "#id_serum_value", "3.1", "Check my B2M result"
        told = "3.1 mg/L"
    else:
        first_screen(phone, live_server.url)
        tap(phone, "Continue")
        tap(phone, "Add kidney results")
        phone.fill("#id_egfr", "x")
        field, fixed, title = "#id_egfr", "55", "Kidney results"
        told = "eGFR 55"
    tap(phone, "Continue")
    assert phone.title().startswith(f"Error: {title}")
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    phone.fill(field, fixed)
    tap(phone, "Continue")
    assert phone.title().startswith("Check your answers")

    # When they press Back: the page they fixed, with the fixed answer and no error
    assert land(phone, phone.go_back).startswith(title)
    assert phone.input_value(field) == fixed
    assert phone.locator("#error-summary").count() == 0
    # and Back once more, then Forward twice, each land on a page
    land(phone, phone.go_back)
    assert land(phone, phone.go_forward).startswith(title)
    assert land(phone, phone.go_forward).startswith("Check your answers")
    assert told in phone.locator(".summary-list").inner_text()


def test_a_mistake_on_the_clinicians_link_page_moves_focus_to_the_summary(page, live_server):
    page.goto(live_server.url + "/interpret/link/")
    page.get_by_label("Unit your lab uses for blood (serum) B2M").select_option("mg/L")
    page.get_by_label("Upper limit of your lab's blood B2M range").fill("abc")
    tap(page, "Make the link")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.id") == "error-summary"


def test_start_again_is_apart_from_see_my_result_and_asks_first(phone, live_server):
    first_screen(phone, live_server.url)
    tap(phone, "Continue")
    result = phone.get_by_role("button", name="See my result").bounding_box()
    again = phone.get_by_role("button", name="Start again").bounding_box()
    # On a line of its own, well below the main button: no mis-tap between the two.
    assert again["y"] >= result["y"] + result["height"] + 24
    tap(phone, "Start again")
    assert phone.locator("h1").inner_text() == "Clear all your answers?"
    tap(phone, "No, keep my answers", role="link")
    assert "3.4 mg/L" in phone.locator(".summary-list").inner_text()
    # From the result, "No" goes back to the result, not to the answers.
    tap(phone, "See my result")
    tap(phone, "Start again")
    tap(phone, "No, keep my answers", role="link")
    assert phone.title().startswith("Your B2M result")
    assert "Your blood B2M is 3.4 mg/L" in phone.locator("main").inner_text()
    tap(phone, "Change my answers")
    tap(phone, "Start again")
    tap(phone, "Yes, clear my answers")
    assert phone.title().startswith("Check my B2M result")
    assert phone.input_value("#id_serum_value") == ""


def test_the_link_builders_section_links_have_clean_names_and_a_way_past_them(
    page, live_server, record_property
):
    page.goto(live_server.url + "/interpret/link/")
    # Named "Copy link to What is B2M?, Key points", not "Copy link : What is B2M?, ...".
    first = page.locator(".section-link").nth(1)
    topic = page.locator(".section-links-all h3").first.inner_text()
    section = first.locator("a").first.inner_text()
    name = f"{topic}, {section}"
    assert first.get_by_role("button", name=f"Copy link to {name}", exact=True).count() == 1
    assert first.locator("summary").text_content() == f"QR code for {name}"
    # Given a keyboard user at the top of the section list
    stops = page.locator(".section-links-all a, .section-links-all button:visible, "
                         ".section-links-all summary").count()  # fmt: skip
    record_property("section_list_tab_stops", stops)
    assert stops > 60
    skip = page.get_by_role("link", name="Skip past the section links")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.section-links-all *')"):
            break
    # the first stop in the list is a skip link, shown when it has focus
    assert page.evaluate("document.activeElement.textContent") == "Skip past the section links"
    assert skip.bounding_box()["height"] > 10
    # When they press Enter, then Tab
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # Then focus is past the whole list, in the footer
    assert page.evaluate("document.activeElement.closest('.section-links-all') === null")
    assert page.evaluate("document.activeElement.closest('footer') !== null")


# Each option of each visible select, chosen in turn: the width of its text in the
# select's own font (canvas measureText) against the room the closed select gives it
# (its inner width less its padding, which holds the arrow). Chromium cuts off the rest.
OPTIONS_CUT_OFF = """() => {
  const ctx = document.createElement("canvas").getContext("2d");
  const cut = [];
  for (const select of document.querySelectorAll("main select")) {
    if (!select.checkVisibility()) continue;
    const style = getComputedStyle(select);
    ctx.font = style.font;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const room = select.clientWidth - padding;
    for (const option of select.options) {
      const width = ctx.measureText(option.text).width;
      const said = `${select.id}: "${option.text}" ${Math.round(width)} > ${Math.round(room)}`;
      if (width > room) cut.push(said);
    }
  }
  return cut;
}"""


def test_no_select_cuts_off_its_chosen_option_on_a_320px_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/interpret/link/")
    cut = page.evaluate(OPTIONS_CUT_OFF)
    page.goto(live_server.url + "/interpret/")
    page.check("#id_kind_2")  # both: the blood and the urine unit show
    cut += page.evaluate(OPTIONS_CUT_OFF)
    page.fill("#id_serum_value", "3.1")
    page.fill("#id_urine_value", "150")
    page.select_option("#id_urine_unit", "ug/L")
    tap(page, "Continue")
    tap(page, "Add kidney results")
    cut += page.evaluate(OPTIONS_CUT_OFF)
    measured = page.evaluate("document.querySelectorAll('main select').length")
    context.close()
    assert measured == 2  # the kidney step's creatinine unit and sex
    assert cut == [], "\n".join(cut)


def test_a_unit_changed_by_a_slip_is_shown_on_the_answers_first_and_said(phone, live_server):
    # Given a urine number that looks like the wrong unit
    phone.goto(f"{live_server.url}/interpret/")
    phone.check("#id_kind_1")
    phone.fill("#id_urine_value", "160")
    phone.select_option("#id_urine_unit", "mg/L")
    tap(phone, "Continue")
    assert phone.title().startswith("Is this right?")
    # When the patient answers "No, it is 160 µg/L"
    tap(phone, "No, it is 160 µg/L")
    # Then they see their answers with the new unit, and are told what changed
    assert phone.title().startswith("Check your answers")
    note = phone.get_by_role("status").filter(has_text="We changed the urine unit to µg/L.")
    assert note.is_visible()
    assert phone.evaluate("document.activeElement.textContent") == (
        "We changed the urine unit to µg/L."
    )
    assert "160 µg/L" in phone.locator(".summary-list").inner_text()
    # and Back and Forward land on pages (POST-redirect-GET), never a resubmission
    land(phone, phone.go_back)
    assert land(phone, phone.go_forward).startswith("Check your answers")
    tap(phone, "See my result")
    assert "Your urine B2M is 160 µg/L" in phone.locator("main").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no js"])
def test_removing_an_earlier_result_is_said_and_can_be_undone(browser, live_server, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    phone = context.new_page()
    first_screen(phone, live_server.url, date="2026-11-01")
    tap(phone, "Continue")
    for date in ("2026-10-01", "2026-03-03"):
        tap(phone, "Add an earlier result")
        phone.get_by_label("Date of the earlier test").fill(date)
        phone.locator("input[id$=serum_value]").fill("2.9")
        tap(phone, "Continue")
    tap(phone, "Remove earlier result from 3 March 2026")
    note = phone.get_by_role("status").filter(has_text="Removed the earlier result")
    assert note.inner_text() == "Removed the earlier result from 3 March 2026."
    if javascript:
        assert phone.evaluate("document.activeElement.id") == "note-1"
    assert "3 March 2026" not in phone.locator(".summary-list").inner_text()
    tap(phone, "Undo removing the earlier result from 3 March 2026")
    assert "3 March 2026" in phone.locator(".summary-list").inner_text()
    assert "1 October 2026" in phone.locator(".summary-list").inner_text()
    assert phone.get_by_role("button", name=re.compile("^Undo")).count() == 0
    land(phone, phone.go_back)
    assert land(phone, phone.go_forward).startswith("Check your answers")
    context.close()


# Every chart label a person can see: its rendered height, and whether it stays inside
# the chart and clear of the other labels.
CHART_TEXT = """() => [...document.querySelectorAll(".trend__svg")]
  .filter((svg) => svg.checkVisibility())
  .map((svg) => {
    const box = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll("text")].filter((t) => t.checkVisibility())
      .map((t) => ({text: t.textContent, rect: t.getBoundingClientRect()}));
    const overlaps = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
      const r = a.rect, s = b.rect;
      if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom)
        overlaps.push(`${a.text} / ${b.text}`);
    }));
    // The y-axis line (the first result's label sat on it, centred over its dot).
    const axis = svg.querySelector("line.trend__axis").getBoundingClientRect();
    labels.forEach((l) => {
      const r = l.rect, a = axis;
      if (r.left <= a.right && a.left <= r.right && r.top < a.bottom && a.top < r.bottom)
        overlaps.push(`${l.text} / the y-axis`);
    });
    return {
      heights: labels.map((l) => Math.round(l.rect.height * 10) / 10),
      outside: labels.filter((l) => l.rect.left < box.left - 0.5 || l.rect.right > box.right + 0.5)
        .map((l) => l.text),
      overlaps,
      texts: labels.map((l) => l.text),
    };
  })"""


@pytest.mark.parametrize("width", [320, 390])
def test_trend_chart_labels_are_readable_on_a_phone(browser, live_server, width, record_property):
    from tests.site.site_browser import open_state

    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    open_state(page, live_server.url, "result with trend chart")
    charts = page.evaluate(CHART_TEXT)
    context.close()
    assert len(charts) == 2  # blood and urine
    heights = [h for chart in charts for h in chart["heights"]]
    record_property(f"chart_label_height_px_at_{width}", min(heights))
    assert min(heights) >= 12, heights  # was about 8 px
    for chart in charts:
        assert chart["outside"] == [] and chart["overlaps"] == [], chart
        # The limit, the first and the latest result, with their dates, are still labelled.
        assert any(text.startswith("Upper limit") for text in chart["texts"])
        assert len(chart["texts"]) >= 6, chart["texts"]


def test_a_crowded_trend_chart_labels_its_first_and_latest_result_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    first_screen(page, live_server.url, value="3.1", date="2026-11-01")
    tap(page, "Continue")
    for index, (date, value) in enumerate(
        [("2026-10-01", "2.9"), ("2026-09-01", "2.7"), ("2026-08-01", "2.6"), ("2026-07-01", "2.2")]
    ):
        tap(page, "Add an earlier result")
        page.fill(f"#id_history-{index}-date", date)
        page.fill(f"#id_history-{index}-serum_value", value)
        tap(page, "Continue")
    tap(page, "See my result")
    (chart,) = page.evaluate(CHART_TEXT)
    rows = page.locator("table.trend-table tbody tr").count()
    context.close()
    assert rows == 5  # every result is in the table
    assert min(chart["heights"]) >= 12
    assert chart["outside"] == [] and chart["overlaps"] == [], chart
    assert sorted(chart["texts"]) == sorted(
        ["0", "Upper limit 2.4", "2.2", "3.1", "1 Jul 2026", "1 Nov 2026"]
    )


def _serum_trend(page, base_url, values):
    """A blood result (the last of `values`, limit 2.4) with the others as earlier
    results, a month apart: the way a visitor types them in."""
    latest = datetime.date(2026, 11, 1)
    first_screen(page, base_url, value=values[-1], date=latest.isoformat())
    tap(page, "Continue")
    for index, value in enumerate(reversed(values[:-1])):
        date = datetime.date(latest.year - (index + 1) // 12, 11 - (index + 1) % 12 or 12, 1)
        tap(page, "Add an earlier result")
        page.fill(f"#id_history-{index}-date", date.isoformat())
        page.fill(f"#id_history-{index}-serum_value", value)
        tap(page, "Continue")
    tap(page, "See my result")


# Latest results just above and just below the limit line (2.4), where its label and
# the latest value's label met; and up to ten earlier results, whose dates met on
# wider screens.
NEAR_THE_LIMIT = {
    "2 results, latest just above": ["2.2", "2.5"],
    "3 results, latest just below": ["2.6", "2.5", "2.3"],
    "6 results, latest just above": ["2.2", "2.3", "2.5", "2.3", "2.4", "2.6"],
    "11 results, latest just below": "2.1 2.5 2.3 2.6 2.2 2.4 2.5 2.3 2.6 2.5 2.3".split(),
}


@pytest.mark.parametrize("case", NEAR_THE_LIMIT)
def test_no_trend_chart_labels_meet_or_are_cut_off_at_any_width(
    browser, live_server, case, record_property
):
    values = NEAR_THE_LIMIT[case]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    _serum_trend(page, live_server.url, values)
    assert page.locator("table.trend-table tbody tr").count() == len(values)
    problems = []
    for width in (320, 390, 768, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        (chart,) = page.evaluate(CHART_TEXT)
        texts = chart["texts"]
        record_property(f"labels_at_{width}", len(texts))
        record_property(f"smallest_label_px_at_{width}", min(chart["heights"]))
        for overlap in chart["overlaps"]:
            problems.append(f"{width} px: {overlap} overlap")
        for text in chart["outside"]:
            problems.append(f"{width} px: {text} is cut off")
        if min(chart["heights"]) < 12:
            problems.append(f"{width} px: a label is {min(chart['heights'])} px tall")
        # The limit, and the latest result with its date, stay labelled.
        if not {"Upper limit 2.4", values[-1], "1 Nov 2026"} <= set(texts):
            problems.append(f"{width} px: labels are {texts}")
    # Printed (and the PDF, which uses print.css): the chart is 80 mm wide.
    page.emulate_media(media="print")
    (chart,) = page.evaluate(CHART_TEXT)
    problems += [f"print: {overlap} overlap" for overlap in chart["overlaps"]]
    problems += [f"print: {text} is cut off" for text in chart["outside"]]
    context.close()
    assert not problems, "\n".join(problems)
