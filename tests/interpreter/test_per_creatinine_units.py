"""Urine B2M per creatinine (µg/g or mg/mmol creatinine): the report's own limit only.

Units, engine, API and form. The engine and units tests need no Django.
"""

import datetime
import json

import pytest

from interpreter import units
from interpreter.rules import HistoryPoint, Inputs, Measurement, interpret

JAN = datetime.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ug/g{creat}", "ug/g{creat}"),
        ("µg/g creatinine", "ug/g{creat}"),
        ("mcg/g Cr", "ug/g{creat}"),
        ("MCG/G CR", "ug/g{creat}"),
        ("mg/mmol{creat}", "mg/mmol{creat}"),
        ("mg/mmol creatinine", "mg/mmol{creat}"),
    ],
)
def test_per_creatinine_units_and_their_aliases_are_recognised(text, code):
    assert units.normalize_unit(text) == code
    assert units.is_per_creatinine(text)


def test_per_creatinine_amounts_never_convert_to_mg_per_l():
    with pytest.raises(units.UnknownUnitError, match="per creatinine"):
        units.to_mg_per_l(100, "ug/g{creat}")
    with pytest.raises(units.UnknownUnitError, match="per creatinine"):
        units.from_mg_per_l(1, "mg/mmol{creat}")


def test_the_two_per_creatinine_units_convert_to_each_other_through_creatinines_molar_mass():
    # 1 mg per mmol creatinine = 1000 µg per 113.12 mg creatinine = 8840.2 µg/g.
    amount, base = units.to_base(1, "mg/mmol{creat}")
    assert base == "ug/g{creat}"
    assert amount == pytest.approx(1_000_000 / 113.12)
    assert units.from_base(amount, "mg/mmol{creat}") == pytest.approx(1)
    assert units.to_base(2.4, "mg/L") == (2.4, "mg/L")


@pytest.mark.parametrize(
    ("value", "limit", "level"),
    [
        (300, 300, "within_range"),
        (301, 300, "mildly_elevated"),
        (450, 300, "mildly_elevated"),
        (451, 300, "elevated"),
        (600, 300, "markedly_elevated"),
    ],
)
def test_a_per_creatinine_result_is_compared_with_the_reports_limit_as_given(value, limit, level):
    result = interpret(Inputs(urine=Measurement(value, "ug/g{creat}", limit)))
    assert result.level == level
    finding = result.findings[0]
    assert finding.limit_source == "report"
    assert finding.base_unit == "ug/g{creat}"
    assert finding.unit == "ug/g{creat}"


def test_equal_amounts_per_creatinine_give_equal_guidance_in_either_unit():
    per_gram = interpret(Inputs(urine=Measurement(450, "ug/g{creat}", 300)))
    per_mmol = interpret(
        Inputs(urine=Measurement(450 * 113.12 / 1e6, "mg/mmol{creat}", 300 * 113.12 / 1e6))
    )
    assert per_gram.level == per_mmol.level
    assert per_gram.actions == per_mmol.actions
    assert per_gram.rules_fired == per_mmol.rules_fired


def test_a_per_creatinine_result_without_the_reports_limit_is_a_clear_error():
    with pytest.raises(ValueError, match="needs the upper limit printed on the report"):
        interpret(Inputs(urine=Measurement(450, "ug/g{creat}")))


def test_a_blood_result_per_creatinine_is_refused():
    with pytest.raises(ValueError, match="urine only"):
        interpret(Inputs(serum=Measurement(450, "ug/g{creat}", 300)))


def test_per_creatinine_results_trend_only_against_earlier_ones_per_creatinine():
    result = interpret(
        Inputs(
            urine=Measurement(450, "ug/g{creat}", 300),
            history=(
                HistoryPoint(JAN, urine=Measurement(0.9, "mg/L")),  # a concentration: left out
                HistoryPoint(
                    datetime.date(2026, 2, 5),
                    urine=Measurement(500 * 113.12 / 1e6, "mg/mmol{creat}"),  # 500 µg/g
                ),
            ),
        )
    )
    (trend,) = result.trends
    assert len(trend.points) == 2
    assert trend.points[0].value_mg_l == pytest.approx(500)
    assert trend.points[0].limit_mg_l == 300  # today's limit, in the same kind of unit
    assert trend.previously_raised
    assert result.findings[0].persistent


def test_a_concentration_result_does_not_trend_against_earlier_results_per_creatinine():
    result = interpret(
        Inputs(
            urine=Measurement(0.5, "mg/L"),
            history=(HistoryPoint(JAN, urine=Measurement(900, "ug/g{creat}", 300)),),
        )
    )
    assert result.trends == ()
    assert not result.findings[0].persistent


# --- API and form -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("unit", ["ug/g{creat}", "µg/g creatinine", "mcg/g Cr"])
def test_the_api_accepts_urine_per_creatinine_with_the_reports_limit(client, unit):
    body = {"urine_b2m": {"value": 450, "unit": unit, "upper_limit": 300}}
    response = client.post(
        "/api/v1/interpret", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["level"] == "mildly_elevated"
    finding = answer["findings"][0]
    assert finding["unit"] == "ug/g{creat}"
    assert finding["upper_limit"] == 300
    assert finding["value_mg_l"] is None  # never pretends to be a concentration
    assert "450 µg/g creatinine" in finding["text"]


@pytest.mark.django_db
def test_the_api_refuses_per_creatinine_without_a_limit_with_a_clear_message(client):
    body = {"urine_b2m": {"value": 450, "unit": "mg/mmol{creat}"}}
    response = client.post(
        "/api/v1/interpret", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    [message] = response.json()["errors"]["urine_b2m.upper_limit"]
    assert "upper limit printed on your report" in message


@pytest.mark.django_db
def test_the_api_refuses_a_blood_result_per_creatinine(client):
    body = {"serum_b2m": {"value": 450, "unit": "ug/g{creat}", "upper_limit": 300}}
    response = client.post(
        "/api/v1/interpret", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    [message] = response.json()["errors"]["serum_b2m.unit"]
    assert "urine only" in message


@pytest.mark.django_db
def test_the_form_offers_per_creatinine_units_for_urine_only(client):
    html = client.get("/interpret/", follow=True).content.decode()
    urine_select = html.split('name="urine_unit"')[1].split("</select>")[0]
    serum_select = html.split('name="serum_unit"')[1].split("</select>")[0]
    assert 'value="ug/g{creat}"' in urine_select
    assert 'value="mg/mmol{creat}"' in urine_select
    assert "creat" not in serum_select


@pytest.mark.django_db
def test_the_form_reads_a_per_creatinine_urine_result(client):
    response = client.post(
        "/interpret/",
        {"urine_value": "450", "urine_unit": "ug/g{creat}", "urine_upper_limit": "300"},
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your urine B2M is 450 µg/g creatinine" in text
    assert "upper limit from your report: 300 µg/g creatinine" in text


@pytest.mark.django_db
def test_the_form_asks_for_the_limit_of_a_per_creatinine_result(client):
    response = client.post(
        "/interpret/", {"urine_value": "450", "urine_unit": "mg/mmol{creat}"}, follow=True
    )
    assert response.status_code == 200
    assert "upper limit printed on your report" in response.content.decode()
    assert "result-level" not in response.content.decode()
