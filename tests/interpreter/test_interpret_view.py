"""The /interpret/ page: form, errors and the result a patient reads."""

import re

import pytest

from interpreter import rules
from interpreter.models import LevelWording, Phrase

pytestmark = pytest.mark.django_db

URL = "/interpret/"
RESULT = {
    "serum_value": "3.1",
    "serum_unit": "mg/L",
    "serum_upper_limit": "2.4",
    "egfr": "55",
    "test_date": "2026-11-01",
    "history-0-date": "2026-10-01",
    "history-0-serum_value": "2.9",
}


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_form_page_labels_every_field_in_the_words_of_a_report(client):
    html = client.get(URL, follow=True).content.decode()
    assert re.search(r'<label\s+for="id_serum_value"', html)
    assert 'inputmode="decimal"' in html
    assert "Beta-2 microglobulin" in html
    assert "reference range" in html
    assert 'aria-describedby="id_serum_value_helptext"' in html


def test_clinician_link_prefills_units_and_limits_but_never_values(client):
    html = client.get(
        URL + "?serum_unit=ug/L&serum_upper_limit=2400&serum_value=9.9&urine_value=4", follow=True
    ).content.decode()
    assert re.search(r'<option value="ug/L"[^>]*selected', html)
    assert 'value="2400"' in html
    assert "9.9" not in html
    assert 'name="urine_value" value' not in html


def test_errors_keep_what_was_typed_and_show_a_summary(client):
    response = client.post(URL, {"serum_value": "abc", "urine_value": "450", "urine_unit": "ug/L",
                                 "urine_upper_limit": "0.001"}, follow=True)  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert (
        '<a href="#id_serum_value">Enter your blood B2M result as a number, like 2.4.</a>' in html
    )
    assert 'value="abc"' in html
    assert 'value="450"' in html
    assert 'aria-invalid="true"' in html


def test_result_page_shows_guidance_findings_and_next_steps(client):
    response = client.post(URL, RESULT, follow=True)
    assert response.status_code == 200
    text = text_of(response)
    level = LevelWording.objects.get(level="elevated")
    assert level.headline in text
    assert "Your blood B2M is 3.1 mg/L" in text
    assert "upper limit from your report: 2.4 mg/L" in text
    assert "G3a" in text
    assert "What usually happens next" in text
    assert Phrase.objects.get(kind="action", code="metabolic_panel_egfr").text in text
    assert "Questions to ask your doctor" in text
    disclaimer = Phrase.objects.get(kind="general", code="disclaimer").text
    assert "education, not a diagnosis" in disclaimer
    assert disclaimer in text
    # Said once in the result's own box (the site footer says it too, in its own words).
    box = re.search(r'<p class="disclaimer">(.*?)</p>', response.content.decode(), re.S)
    assert box.group(1).lower().count("not a diagnosis") == 1


def test_result_page_draws_a_number_line_and_a_trend_with_a_table(client):
    html = client.post(URL, RESULT, follow=True).content.decode()
    assert 'class="number-line__svg"' in html
    assert "Not above range: up to 2.4 mg/L" in html
    assert 'class="trend__svg"' in html
    assert "<table" in html
    assert '<time datetime="2026-10-01">1 October 2026</time>' in html


def test_result_page_says_when_a_typical_limit_was_used(client):
    text = text_of(client.post(URL, {"urine_value": "450", "urine_unit": "ug/L"}, follow=True))
    assert "we used a typical adult upper limit of 300 µg/L" in text


def test_editor_wording_change_shows_on_the_next_result(client):
    client.post(URL, {"serum_value": "1.5"}, follow=True)  # the words are now read and kept
    wording = LevelWording.objects.get(level="within_range")
    wording.headline = "All calm here"
    wording.save()  # as admin saves it
    text = text_of(client.post(URL, {"serum_value": "1.5"}, follow=True))
    assert "All calm here" in text


def test_learn_more_links_point_to_real_sections(client):
    html = client.post(URL, RESULT, follow=True).content.decode()
    links = re.findall(r'href="(/learn/[\w-]+/#[\w-]+)"', html)
    assert links
    for link in set(links):
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode(), link


def test_result_is_not_cached_or_indexed(client):
    response = client.post(URL, RESULT, follow=True)
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "X-Page-Cache" not in response


def test_nothing_typed_is_logged(client, caplog):
    caplog.set_level("DEBUG")
    client.post(URL, RESULT | {"serum_value": "3.14159"}, follow=True)
    client.post(URL, {"serum_value": "2.71828x"}, follow=True)
    assert "3.14159" not in caplog.text
    assert "2.71828" not in caplog.text


def test_results_and_typed_values_stay_only_in_the_patients_browser(client):
    # The result is a GET page built from the answers cookie: kept in no cache at
    # all (Back and reload simply ask again). A page with mistakes is one too, so
    # Back past it never meets "Confirm Form Resubmission".
    result = client.post(URL, RESULT, follow=True)
    assert result.redirect_chain and result.request["REQUEST_METHOD"] == "GET"
    assert result["Cache-Control"] == "private, no-store"
    assert "Cookie" in result["Vary"]
    mistake = client.post(URL, {"serum_value": "x"}, follow=True)
    assert mistake.redirect_chain and mistake.request["REQUEST_METHOD"] == "GET"
    assert "<title>Error: " in mistake.content.decode()
    assert mistake["Cache-Control"] == "private, no-store"


def test_printed_result_carries_the_checklist_heading(client):
    html = client.post(URL, RESULT, follow=True).content.decode()
    header = html[html.index('<header class="doc-header print-only">') :]
    header = header[: header.index("</header>")]
    assert "My B2M result: next steps and questions" in header
    assert "Test date: 1 November 2026." in header
    assert f"rules version {rules.RULES_VERSION}" in header


def test_an_acidic_urine_sample_in_range_is_never_shown_as_a_green_all_clear(client):
    acidic = {"urine_value": "150", "urine_unit": "ug/L", "urine_upper_limit": "300",
              "urine_ph": "5.5"}  # fmt: skip
    html = client.post(URL, acidic, follow=True).content.decode()
    assert "result-level--within_range" not in html
    assert 'class="result-level result-level--unsure"' in html
    badge = re.search(r'result-level__badge--caution">(.*?)</p>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", badge).strip() == "But: Sample may read too low"
    text = client.post("/interpret/checklist.txt", acidic).content.decode()
    assert "NOT ABOVE RANGE (BUT: SAMPLE MAY READ TOO LOW): " in text
    plain = client.post(URL, {**acidic, "urine_ph": "6.5"}, follow=True).content.decode()
    assert "result-level--within_range" in plain and "caution" not in plain
