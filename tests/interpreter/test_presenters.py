import datetime
import doctest
import itertools
import re

import pytest

from interpreter import display, egfr, rules, units
from interpreter.presenters import present

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("module", [display, units, egfr, rules])
def test_doctests_hold(module):
    result = doctest.testmod(module)
    assert result.failed == 0


def guidance(**kwargs):
    inputs = rules.Inputs(**kwargs)
    return present(rules.interpret(inputs), inputs)


def test_every_engine_code_has_words_in_the_database():
    for level in rules.LEVELS:
        serum = {"within_range": 1, "mildly_elevated": 3.0, "elevated": 4.0}.get(level, 9.0)
        result = guidance(serum=rules.Measurement(serum, "mg/L", 2.4))
        assert result.level == level
        assert result.headline and result.summary


def test_number_line_puts_the_marker_where_the_value_is():
    [finding] = guidance(serum=rules.Measurement(2.4, "mg/L", 2.4)).findings
    line = finding.number_line
    assert line.marker_percent == line.limit_percent == 40.0
    assert [band["label"] for band in line.bands] == [
        "Not above range",
        "A little above range",
        "Above range",
        "Well above range",
    ]
    assert [band["range"] for band in line.bands] == [
        "up to 2.4 mg/L",
        "over 2.4 up to 3.6 mg/L",
        "over 3.6, under 4.8 mg/L",
        "4.8 mg/L or more",
    ]
    assert sum(band["width"] for band in line.bands) == pytest.approx(100)


def test_number_line_grows_to_fit_a_very_high_value():
    [finding] = guidance(serum=rules.Measurement(24, "mg/L", 2.4)).findings
    assert finding.number_line.marker_percent < 100
    assert finding.number_line.limit_percent < 10


def test_findings_are_shown_in_the_patients_unit():
    [finding] = guidance(serum=rules.Measurement(203.39, "nmol/L", 169.49)).findings
    assert finding.text.startswith("Your blood B2M is 203.39 nmol/L.")
    assert finding.limit_text.endswith("169.49 nmol/L.")


def test_trend_rows_and_chart_follow_the_dates():
    import datetime

    result = guidance(
        serum=rules.Measurement(3.1, "mg/L", 2.4),
        test_date=datetime.date(2026, 11, 1),
        history=(rules.HistoryPoint(datetime.date(2026, 10, 1), rules.Measurement(2.0, "mg/L")),),
    )
    [trend] = result.trends
    assert [row.date for row in trend.rows] == ["1 October 2026", "1 November 2026"]
    assert [row.status for row in trend.rows] == ["Not above range", "A little above range"]
    first, last = trend.chart["dots"]
    assert first["y"] > last["y"]  # higher values sit higher on the chart
    assert "higher than before" in trend.text


def test_clinician_rows_give_mg_per_l_and_the_limit_source():
    result = guidance(urine=rules.Measurement(450, "ug/L"))
    rows = dict(result.clinician)
    assert rows["Urine B2M"].startswith("0.45 mg/L; limit 0.3 mg/L (typical adult limit")
    assert rows["Rules version"] == rules.RULES_VERSION


def test_api_view_matches_the_page_view():
    result = guidance(serum=rules.Measurement(3.1, "mg/L", 2.4))
    api = result.as_api()
    assert api["headline"] == result.headline
    assert [a["code"] for a in api["actions"]] == [a["code"] for a in result.actions]
    assert api["findings"][0]["ratio_to_limit"] == pytest.approx(3.1 / 2.4, abs=1e-4)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"serum": rules.Measurement(3.1, "mg/L", 2.4)},
        {"urine": rules.Measurement(450, "ug/L"), "egfr": 52},
        {
            "serum": rules.Measurement(3.1, "mg/L", 2.4),
            "history": (
                rules.HistoryPoint(
                    datetime.date(2026, 1, 5), serum=rules.Measurement(2.9, "mg/L", 2.4)
                ),
            ),
            "test_date": datetime.date(2026, 6, 1),
        },
    ],
)
def test_the_apis_view_leaves_out_only_the_drawings_and_the_clinician_rows(kwargs):
    inputs = rules.Inputs(**kwargs)
    result = rules.interpret(inputs)
    page, api = present(result, inputs), present(result, inputs, for_page=False)
    assert api.as_api() == page.as_api()
    assert [f.number_line for f in api.findings] == [None] * len(page.findings)
    assert all(f.number_line is not None for f in page.findings)
    assert api.clinician == [] and page.clinician
    assert api.trends == page.trends and api.reasoning == page.reasoning


def test_every_learn_more_key_is_a_live_section_with_a_link():
    # A key whose page or section is missing would silently drop its "Read more" link.
    from interpreter.wording import current_wording

    assert set(current_wording().links) == set(rules.LEARN_MORE_KEYS)


@pytest.mark.parametrize(
    ("context", "section"),
    [
        ({"blood_cancer"}, "blood-cancer"),
        ({"kidney_disease"}, "kidney-disease"),
        ({"dialysis"}, "dialysis"),
    ],
)
def test_a_known_condition_links_to_its_own_section_of_the_living_with_page(context, section):
    inputs = rules.Inputs(serum=rules.Measurement(4.0, "mg/L", 2.4), context=frozenset(context))
    urls = [link["url"] for link in present(rules.interpret(inputs), inputs).learn_more]
    assert f"/learn/living-with-myeloma-or-kidney-disease/#{section}" in urls


def test_a_repeat_test_links_to_getting_ready_for_it():
    inputs = rules.Inputs(serum=rules.Measurement(3.0, "mg/L", 2.4))
    urls = [link["url"] for link in present(rules.interpret(inputs), inputs).learn_more]
    assert "/learn/getting-ready-for-a-repeat-test/#how-to-prepare" in urls


def test_what_you_told_us_keeps_known_conditions_apart_from_short_term_causes():
    from interpreter.presenters import KNOWN_CONDITIONS_LABEL, told_us

    inputs = rules.Inputs(
        serum=rules.Measurement(3.0, "mg/L"),
        context=frozenset({"recent_exercise", "dialysis", "blood_cancer"}),
    )
    rows = {row.label: row for row in told_us(inputs)}
    around = rows["Around the time of the test"]
    known = rows[KNOWN_CONDITIONS_LABEL]
    assert around.value == "I did hard exercise in the day or two before the test"
    assert known.value == "I am on dialysis; I have myeloma, CLL or lymphoma"
    assert around.step == known.step == "situations"
    assert around.given and known.given


def test_what_you_told_us_says_nothing_added_for_each_kind_left_empty():
    from interpreter.presenters import KNOWN_CONDITIONS_LABEL, told_us

    inputs = rules.Inputs(
        serum=rules.Measurement(3.0, "mg/L"), context=frozenset({"kidney_medication"})
    )
    rows = {row.label: row for row in told_us(inputs)}
    assert rows["Around the time of the test"].value == "Nothing added"
    assert not rows["Around the time of the test"].given
    assert rows[KNOWN_CONDITIONS_LABEL].value == (
        "I take a medicine my doctor said can affect the kidneys"
    )


@pytest.mark.parametrize(
    "measurement, limit_text",
    [
        # Below the range: the lower limit is the one the result was compared with.
        (
            rules.Measurement(0.9, "mg/L", 2.4, 1.0),
            "We compared it with the range from your report: 1 to 2.4 mg/L.",
        ),
        (
            rules.Measurement(0.9, "mg/L", None, 1.0),
            "We compared it with the lower limit from your report: 1 mg/L.",
        ),
        (
            rules.Measurement(0.9, "mg/L"),
            "Your report's range was not given, so we used a typical adult range of 1.21 to "
            "2.7 mg/L.",
        ),
        # In range: the upper limit, as before.
        (
            rules.Measurement(2.0, "mg/L", 2.4, 1.0),
            "We compared it with the upper limit from your report: 2.4 mg/L.",
        ),
        (
            rules.Measurement(2.0, "mg/L"),
            "Your report's limit was not given, so we used a typical adult upper limit of "
            "2.7 mg/L.",
        ),
    ],
)
def test_the_limit_text_names_the_limit_the_result_was_compared_with(measurement, limit_text):
    [finding] = guidance(serum=measurement).findings
    assert finding.limit_text == limit_text


def test_below_the_range_names_whose_lower_limit_it_fell_below():
    # A report lower limit with no upper one (the engine allows it): the report's range.
    [finding] = guidance(serum=rules.Measurement(0.9, "mg/L", None, 1.0)).findings
    assert "That is below the range printed on your report." in finding.text
    [typical] = guidance(serum=rules.Measurement(0.9, "mg/L")).findings
    assert "That is below the typical adult range." in typical.text


def test_how_we_worked_it_out_names_the_levels_as_the_badge_does():
    # Before: a fixed sentence ("up to 2 times is above range") that skipped "not above
    # range" and would not follow an editor's renamed label.
    from interpreter.models import LevelWording

    elevated = LevelWording.objects.get(level="elevated")
    elevated.label = "Clearly above range"
    elevated.save()  # bumps the content version: the next result reads it
    steps = guidance(serum=rules.Measurement(2.0, "mg/L", 2.4)).reasoning
    texts = [item["text"] for item in steps]
    assert (
        "We set the level by comparing your result with that limit: up to the limit is not "
        "above range, up to 1.5 times the limit is a little above range, under 2 times is "
        "clearly above range, and 2 times or more is well above range."
    ) in texts


@pytest.mark.parametrize("count", range(2, 25))
def test_trend_chart_dates_never_meet_where_they_are_drawn(count):
    """The first date starts at its dot and the latest ends at its dot (inside the
    chart's edges, on every screen, in print and in the PDF); every date kept between
    them stays clear of its neighbours, in the boxes those anchors give."""
    from interpreter import presenters

    xs = [56 + i * 496 / (count - 1) for i in range(count)]
    dates = ["20 Nov 2026"] * count
    shown = presenters._labelled_dates(xs, dates)
    assert shown[0] and shown[-1]
    anchors = presenters._date_anchors(count)
    assert anchors[0] == "start" and anchors[-1] == "end"
    assert set(anchors[1:-1]) <= {"middle"}
    boxes = [
        presenters._text_box(x, 0, date, presenters.CHART_DATE_FONT, anchor)
        for x, date, anchor, kept in zip(xs, dates, anchors, shown, strict=True)
        if kept
    ]
    for before, after in itertools.pairwise(boxes):
        assert before[2] < after[0], (count, shown)
    assert boxes[0][0] >= 0 and boxes[-1][2] <= 600
    # As many as fit: no gap between two kept dates could have held another one.
    width = boxes[0][2] - boxes[0][0]
    for before, after in itertools.pairwise(boxes):
        assert after[0] - before[2] < width + 16 + 496 / (count - 1)


def test_the_trend_chart_template_anchors_the_first_and_latest_dates_inside_the_chart():
    from django.template.loader import render_to_string

    result = guidance(
        serum=rules.Measurement(3.1, "mg/L", 2.4),
        test_date=datetime.date(2026, 11, 1),
        history=tuple(
            rules.HistoryPoint(datetime.date(2026, month, 1), rules.Measurement(value, "mg/L"))
            for month, value in ((7, 2.2), (8, 2.6), (9, 2.7), (10, 2.9))
        ),
    )
    [trend] = result.trends
    svg = render_to_string("includes/trend_chart.html", {"trend": trend})
    tick = r'<text class="trend__tick[^"]*"[^>]*text-anchor="(\w+)">([^<]+)</text>'
    ticks = re.findall(tick, svg)
    dates = [tick for tick in ticks if tick[1] != "0"]  # the axis's 0 is a tick too
    assert dates[0] == ("start", "1 Jul 2026")
    assert dates[-1] == ("end", "1 Nov 2026")
    assert len(dates) >= 3 and all(anchor == "middle" for anchor, _ in dates[1:-1])


def test_an_earlier_result_in_another_unit_is_shown_to_three_figures():
    # An earlier 3.0 mg/L beside today's nmol/L result read "254.24 nmol/L", and 0.02
    # mg/mmol creatinine read "176.8 µg/g creatinine": digits no report printed, from
    # an assumed 11.8 kDa or a creatinine molar mass. A number the person typed in the
    # same unit keeps its own digits ("3.0").
    day = datetime.date(2026, 10, 1)
    cases = [
        (rules.Measurement(250, "nmol/L"), rules.Measurement(3.0, "mg/L", 2.7), "254 nmol/L"),
        (
            rules.Measurement(700, "ug/g{creat}", 300),
            rules.Measurement(0.02, "mg/mmol{creat}", 0.04),
            "177 µg/g creatinine",
        ),
    ]
    for now, earlier, shown in cases:
        analyte = "serum" if now.unit == "nmol/L" else "urine"
        view = guidance(
            **{analyte: now},
            test_date=datetime.date(2026, 11, 20),
            history=(rules.HistoryPoint(day, **{analyte: earlier}),),
        )
        trend = view.trends[0]
        assert trend.rows[0].value == shown
        assert trend.text.startswith(f"Your {'blood' if analyte == 'serum' else 'urine'} B2M "
                                     f"was {shown} on 1 October 2026.")  # fmt: skip
        assert trend.chart["dots"][0]["label"] == shown.split()[0]
        assert trend.rows[0].value_float != float(shown.split()[0])  # the API keeps the sum
    typed = guidance(
        serum=rules.Measurement(display.Typed("3.0"), "mg/L", 2.4),
        history=(rules.HistoryPoint(day, serum=rules.Measurement(display.Typed("2.0"), "mg/L")),),
    )
    assert typed.trends[0].rows[0].value == "2.0 mg/L"


def test_a_steady_climb_over_several_results_is_said_even_when_the_last_step_is_small():
    # 2.0, 2.5, 2.7 and now 2.9 mg/L (limit 2.4) read only "It is 2.9 mg/L now, about the
    # same as before": the last step is under a tenth of the limit, and the climb over
    # four results went unsaid.
    def point(month, value):
        return rules.HistoryPoint(
            datetime.date(2026, month, 1), serum=rules.Measurement(value, "mg/L", 2.4)
        )

    view = guidance(
        serum=rules.Measurement(2.9, "mg/L", 2.4),
        test_date=datetime.date(2026, 11, 20),
        history=(point(5, 2.0), point(8, 2.5), point(10, 2.7)),
    )
    assert view.trends[0].text.endswith(
        "It is 2.9 mg/L now, about the same as last time but higher than on 1 May 2026. "
        "It has gone up at each of your last 4 results."
    )
    falling = guidance(
        serum=rules.Measurement(2.0, "mg/L", 2.4),
        test_date=datetime.date(2026, 11, 20),
        history=(point(5, 4.0), point(8, 3.0), point(10, 2.1)),
    )
    assert falling.trends[0].text.endswith("It has gone down at each of your last 4 results.")
    # Two results, or a climb that dips on the way, add nothing.
    two = guidance(serum=rules.Measurement(2.9, "mg/L", 2.4), history=(point(10, 2.7),))
    assert "each of your last" not in two.trends[0].text
    dips = guidance(
        serum=rules.Measurement(2.9, "mg/L", 2.4),
        history=(point(5, 2.0), point(8, 2.8), point(10, 2.7)),
    )
    assert "each of your last" not in dips.trends[0].text
