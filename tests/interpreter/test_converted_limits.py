"""A typical limit converted out of mg/L is shown to three figures, everywhere.

The typical adult limits are rounded figures (2.7 and 1.21 mg/L in blood, 0.3 mg/L in
urine, Mayo Clinic Laboratories). Converted to nmol/L they came out as "228.81" and
"25.424", as if a lab had printed them. A limit the person typed from their report keeps
their own digits.
"""

import datetime
import json

import pytest

from interpreter import rules
from interpreter.display import Typed
from interpreter.downloads import build_text, guidance_for

pytestmark = pytest.mark.django_db

M = rules.Measurement
FALSE_PRECISION = ("228.81", "102.54", "25.424", "343.22", "457.63", "572.03")


def api(client, body):
    response = client.post("/api/v1/interpret", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.json()


def test_a_typical_blood_limit_in_nmol_is_said_to_three_figures(client):
    body = api(client, {"serum_b2m": {"value": 300, "unit": "nmol/L"}})
    [finding] = body["findings"]
    assert finding["text"].endswith("typical adult upper limit of 229 nmol/L.")
    assert "typical adult upper limit of 229 nmol/L." in [r["text"] for r in body["reasoning"]][0]
    # The API's number stays exact: it is for machines, and the level is worked out from it.
    assert finding["upper_limit"] == pytest.approx(228.8135593)
    words = json.dumps([finding["text"], body["reasoning"]])
    assert not any(figure in words for figure in FALSE_PRECISION)


def test_a_typical_urine_limit_in_nmol_is_said_to_three_figures(client):
    body = api(client, {"urine_b2m": {"value": 30, "unit": "nmol/L"}})
    assert body["findings"][0]["text"].endswith("typical adult upper limit of 25.4 nmol/L.")
    assert "25.424" not in json.dumps([body["findings"][0]["text"], body["reasoning"]])


def test_a_typical_range_below_it_is_said_to_three_figures(client):
    body = api(client, {"serum_b2m": {"value": 90, "unit": "nmol/L"}})
    [finding] = body["findings"]
    assert "typical adult range of 103 to 229 nmol/L." in finding["text"]
    assert any("typical adult lower limit of 103 nmol/L." in r["text"] for r in body["reasoning"])


def test_the_number_line_legend_and_the_text_file_use_the_same_three_figures():
    inputs = rules.Inputs(serum=M(300, "nmol/L"))
    guidance = guidance_for(inputs)
    [finding] = guidance.findings
    ranges = [band["range"] for band in finding.number_line.bands]
    assert ranges == [
        "up to 229 nmol/L",
        "over 229 up to 343 nmol/L",
        "over 343, under 458 nmol/L",
        "458 nmol/L or more",
    ]
    text = build_text(guidance)
    assert "229 nmol/L" in text
    assert not any(figure in text for figure in FALSE_PRECISION)


def test_the_trend_chart_labels_the_limit_as_the_finding_does():
    inputs = rules.Inputs(
        serum=M(300, "nmol/L"),
        test_date=datetime.date(2026, 11, 1),
        history=(rules.HistoryPoint(datetime.date(2026, 9, 1), serum=M(250, "nmol/L")),),
    )
    [trend] = guidance_for(inputs).trends
    assert trend.chart["limit_label"] == "229"


def test_a_limit_typed_from_the_report_keeps_its_own_digits(client):
    body = api(client, {"serum_b2m": {"value": 300, "unit": "nmol/L", "upper_limit": 228.81}})
    [finding] = body["findings"]
    assert "upper limit from your report: 228.81 nmol/L." in finding["text"]
    guidance = guidance_for(rules.Inputs(serum=M(300, "nmol/L", 203.39)))
    assert guidance.findings[0].number_line.bands[1]["range"] == "over 203.39 up to 305.08 nmol/L"


def test_earlier_results_are_said_back_as_typed_in_the_trend_text_table_and_chart():
    # "3.0" typed for an earlier result was shown as "3" (converted to mg/L and back).
    inputs = rules.Inputs(
        serum=M(Typed("3.1"), "mg/L", 2.4),
        urine=M(Typed("450.0"), "ug/L", 300),
        test_date=datetime.date(2026, 11, 20),
        history=(
            rules.HistoryPoint(datetime.date(2026, 9, 1), serum=M(Typed("3.0"), "mg/L")),
            rules.HistoryPoint(datetime.date(2026, 10, 1), urine=M(Typed("0.38"), "mg/L")),
        ),
    )
    serum_trend, urine_trend = guidance_for(inputs).trends
    assert serum_trend.text.startswith("Your blood B2M was 3.0 mg/L on 1 September 2026.")
    assert [row.value for row in serum_trend.rows] == ["3.0 mg/L", "3.1 mg/L"]
    assert [dot["label"] for dot in serum_trend.chart["dots"]] == ["3.0", "3.1"]
    # An earlier result in another unit is converted into this result's unit.
    assert [row.value for row in urine_trend.rows] == ["380 µg/L", "450.0 µg/L"]
