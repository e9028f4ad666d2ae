"""The result's number line marks where the range starts, as its words say.

A result "below the range" sits in the "Not above range" band: without a mark at
the lower limit the picture could not show what the sentence says.
"""

import io
import re

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from interpreter import presenters, rules
from interpreter.downloads import build_pdf
from tests.interpreter.test_downloads import pdf_text
from tests.site.site_browser import LIVE, serve_like_production, walk

pytestmark = pytest.mark.django_db

M = rules.Measurement
GAP = presenters.TICK_LABEL_GAP_PERCENT


def serum(value, upper=None, lower=None, unit="mg/L"):
    inputs = rules.Inputs(serum=M(value, unit, upper, lower))
    [finding] = presenters.present(rules.interpret(inputs), inputs).findings
    return finding


def drawn(finding):
    """The number line's SVG as the page prints it."""
    html = render_to_string("includes/number_line.html", {"finding": finding})
    return re.search(r"<svg.*</svg>", html, re.S)[0]


def tick_labels(svg):
    return re.findall(r'<text class="number-line__tick" x="([\d.]+)%?"[^>]*>([^<]*)</text>', svg)


def test_a_report_lower_limit_is_marked_where_it_sits_with_its_number():
    finding = serum(1.5, upper=2.4, lower=0.8)
    line = finding.number_line
    # The line runs to 2.5 times the upper limit: 0.8 / 2.4 / 2.5 = 13.33%.
    assert line.lower_percent == 13.33
    assert line.limit_percent == 40.0
    svg = drawn(finding)
    assert '<line class="number-line__lower" x1="13.33%" x2="13.33%"' in svg
    assert ("13.33", "0.8") in tick_labels(svg)


def test_the_typical_lower_limit_is_marked_when_the_report_gives_no_range():
    finding = serum(1.5)  # typical adult range 1.21-2.7 mg/L
    line = finding.number_line
    assert line.lower_percent == round(1.21 / 2.7 / 2.5 * 100, 2) == 17.93
    assert tick_labels(drawn(finding)) == [("40.0", "2.7"), ("17.93", "1.21"), ("0", "0")]


def test_the_lower_limit_is_shown_in_the_patients_unit():
    finding = serum(150, unit="nmol/L")  # typical range, converted: 1.21 mg/L to 3 figures
    assert finding.number_line.lower_words == "The typical adult range starts at 103 nmol/L."


@pytest.mark.parametrize(
    "inputs",
    [
        rules.Inputs(serum=M(3.1, "mg/L", 2.4)),  # the report printed an upper limit only
        rules.Inputs(urine=M(450, "ug/L")),  # urine has no typical lower limit
        rules.Inputs(urine=M(0.5, "mg/L", 0.3)),
    ],
    ids=["serum-upper-only", "urine-typical", "urine-report"],
)
def test_without_a_lower_limit_the_line_is_as_before(inputs):
    [finding] = presenters.present(rules.interpret(inputs), inputs).findings
    line = finding.number_line
    assert (line.lower_percent, line.lower_label, line.lower_words) == (None, "", "")
    assert not line.hide_zero_label
    html = render_to_string("includes/number_line.html", {"finding": finding})
    assert "number-line__lower" not in html
    assert "starts at" not in html
    assert [text for _, text in tick_labels(html)] == [finding.limit, "0"]


@pytest.mark.parametrize(
    ("finding", "percent"),
    [
        (lambda: serum(0.6, upper=2.4, lower=0.8), 13.33),  # below the report's range
        (lambda: serum(0.9), 17.93),  # below the typical adult range
    ],
    ids=["report", "typical"],
)
def test_a_result_below_the_range_sits_left_of_the_lower_mark(finding, percent):
    finding = finding()
    assert finding.below_range
    line = finding.number_line
    assert line.lower_percent == percent
    assert line.marker_percent < line.lower_percent
    svg = drawn(finding)
    dot = float(re.search(r'<circle class="number-line__dot" cx="([\d.]+)%"', svg)[1])
    mark = float(re.search(r'<line class="number-line__lower" x1="([\d.]+)%"', svg)[1])
    assert dot < mark


def test_the_legend_says_where_the_range_starts_and_whose_range_it_is():
    report = serum(0.6, upper=2.4, lower=0.8).number_line
    typical = serum(0.9).number_line
    assert report.lower_words == "The range on your report starts at 0.8 mg/L."
    assert typical.lower_words == "The typical adult range starts at 1.21 mg/L."
    html = render_to_string("includes/number_line.html", {"finding": serum(0.6, 2.4, 0.8)})
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert [re.sub(r"<[^>]+>", "", item).strip() for item in items] == [
        "Not above range: up to 2.4 mg/L",
        "A little above range: over 2.4 up to 3.6 mg/L",
        "Above range: over 3.6, under 4.8 mg/L",
        "Well above range: 4.8 mg/L or more",
        "The range on your report starts at 0.8 mg/L.",
    ]


def test_the_lower_limits_number_takes_the_place_of_a_crowded_0():
    # 0.8 of 2.4 sits at 13.33%, too close to the "0" at the left end.
    line = serum(0.6, upper=2.4, lower=0.8).number_line
    assert line.lower_percent < GAP
    assert line.hide_zero_label
    assert tick_labels(drawn(serum(0.6, upper=2.4, lower=0.8))) == [
        ("40.0", "2.4"),
        ("13.33", "0.8"),
    ]
    # 1.21 of 2.7 sits at 17.93%: room for both.
    assert not serum(0.9).number_line.hide_zero_label


def test_near_the_upper_limits_mark_the_lower_mark_keeps_its_line_but_not_its_number():
    # A very high result stretches the line: 0.8 and 2.4 end up 5% apart.
    finding = serum(11.9, upper=2.4, lower=0.8)
    line = finding.number_line
    assert line.limit_percent - line.lower_percent < GAP
    assert line.lower_label == ""
    assert line.lower_words == "The range on your report starts at 0.8 mg/L."
    svg = drawn(finding)
    assert "number-line__lower" in svg
    assert [text for _, text in tick_labels(svg)] == ["2.4", "0"]


def test_no_two_tick_labels_are_closer_than_the_gap():
    for value in (0.2, 0.6, 1.5, 3.0, 6.0, 9.0, 11.9, 30.0, 200.0):
        for upper, lower in ((2.4, 0.8), (2.4, 0.2), (2.4, 2.2), (None, None)):
            svg = drawn(serum(value, upper=upper, lower=lower))
            places = sorted(float(x) for x, _ in tick_labels(svg))
            assert all(b - a >= GAP for a, b in zip(places, places[1:], strict=False)), (
                value,
                upper,
                lower,
                places,
            )


def test_the_lower_mark_is_styled_on_screen_and_in_the_pdf():
    from django.contrib.staticfiles import finders

    svg = drawn(serum(0.6, upper=2.4, lower=0.8))
    classes = set(re.findall(r'class="([^"]+)"', svg))
    assert "number-line__lower" in classes
    for stylesheet in ("css/site.css", "css/print-svg.css"):
        with open(finders.find(stylesheet)) as css:
            rules_text = css.read()
        for name in classes - {"number-line__svg"}:  # the page lays out the <svg> itself
            for one in name.split():
                assert re.search(rf"\.{re.escape(one)}\b[^{{]*\{{", rules_text), (stylesheet, one)


def test_the_pdf_draws_the_lower_mark_and_says_where_the_range_starts():
    inputs = rules.Inputs(serum=M(0.6, "mg/L", 2.4, 0.8))
    pdf = build_pdf(presenters.present(rules.interpret(inputs), inputs))
    text, _ = pdf_text(pdf)
    assert "The range on your report starts at 0.8 mg/L." in text
    # print-svg.css dashes both limit marks "3 2": WeasyPrint draws two dashed lines.
    page = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    assert len(re.findall(r"\[3 2\] 0 d", page)) == 2


# --- In a browser, 320 px wide --------------------------------------------------------

SMALL_PHONE = {"width": 320, "height": 640}
TICK_BOXES = """() => Array.from(document.querySelectorAll(".number-line__svg")).map((svg) =>
  Array.from(svg.querySelectorAll("text.number-line__tick")).map((text) => {
    const box = text.getBoundingClientRect();
    return {text: text.textContent, left: box.left, right: box.right};
  }))"""


@pytest.mark.browser
@LIVE
@pytest.mark.parametrize(
    ("value", "range_"),
    [("0.6", "0.8-2.4"), ("0.9", ""), ("2.0", "1.0-2.4"), ("11.9", "0.8-2.4")],
)
def test_at_320px_the_tick_labels_do_not_touch(
    browser, live_server, monkeypatch, record_property, value, range_
):
    url = serve_like_production(live_server, monkeypatch)
    context = browser.new_context(viewport=SMALL_PHONE)
    page = context.new_page()
    try:
        page.goto(f"{url}/interpret/")
        steps = [("fill", "id_serum_value", value)]
        if range_:
            steps.append(("fill", "id_serum_range", range_))
        walk(page, [*steps, ("press", "Continue"), ("press", "See my result")])
        width = page.evaluate("document.querySelector('.number-line__svg').clientWidth")
        record_property("number_line_width_px", width)
        [labels] = page.evaluate(TICK_BOXES)
        record_property("tick_labels", labels)
        assert page.locator(".number-line__lower").count() == 1
        labels.sort(key=lambda label: label["left"])
        for left, right in zip(labels, labels[1:], strict=False):
            assert left["right"] + 2 <= right["left"], labels
        assert labels[0]["left"] >= 0, labels  # nothing off the left of the screen
    finally:
        context.close()


def test_a_share_link_snapshot_from_before_the_lower_mark_still_draws_its_old_line():
    from interpreter import snapshot

    inputs = rules.Inputs(serum=M(0.6, "mg/L", 2.4, 0.8))
    stored = snapshot.make(presenters.present(rules.interpret(inputs), inputs))
    [today] = snapshot.read(stored).findings
    assert "number-line__lower" in drawn(today)
    # A snapshot frozen before these fields existed has none of them.
    for name in ("lower_percent", "lower_label", "lower_words", "hide_zero_label"):
        del stored["guidance"]["findings"][0]["number_line"][name]
    [before] = snapshot.read(stored).findings
    svg = drawn(before)
    assert "number-line__lower" not in svg
    assert [text for _, text in tick_labels(svg)] == ["2.4", "0"]
