"""The default wording covers every engine code, and reads easily (no Django needed)."""

import re

import pytest
import textstat

from interpreter import rules
from interpreter.migrations import _seed_wording as wording

MAX_GRADE = 8


def _all_texts():
    for level, fields in wording.LEVELS.items():
        for field, text in fields.items():
            yield f"LEVELS[{level}][{field}]", text
    for situation, fields in wording.SITUATIONS.items():
        for field, text in fields.items():
            yield f"SITUATIONS[{situation}][{field}]", text
    for table in ("ACTIONS", "QUESTIONS", "NOTES"):
        for code, text in getattr(wording, table).items():
            yield f"{table}[{code}]", text


TEXTS = list(_all_texts())
IDS = [name for name, _ in TEXTS]


def test_every_level_has_a_label_headline_and_summary():
    assert set(wording.LEVELS) == set(rules.LEVELS)
    for fields in wording.LEVELS.values():
        assert set(fields) == {"label", "headline", "summary"}


def test_every_situation_has_a_summary_and_a_headline_where_it_replaces_one():
    assert set(wording.SITUATIONS) == set(rules.SITUATIONS)
    assert set(rules.LABEL_SITUATIONS) <= set(rules.HEADLINE_SITUATIONS)
    for code, fields in wording.SITUATIONS.items():
        expected = {"headline", "summary"} if code in rules.HEADLINE_SITUATIONS else {"summary"}
        if code in rules.LABEL_SITUATIONS:
            expected.add("label")
        assert set(fields) == expected, code


def test_every_action_code_has_wording_and_no_extra_ones():
    assert set(wording.ACTIONS) == set(rules.ACTION_CODES)


def test_every_question_code_has_wording_and_no_extra_ones():
    assert set(wording.QUESTIONS) == set(rules.QUESTION_CODES)


def test_every_note_code_has_wording_and_no_extra_ones():
    assert set(wording.NOTES) == set(rules.NOTE_CODES)


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=IDS)
def test_text_reads_at_grade_8_or_below(name, text):
    assert text.strip() == text and text
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, name


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=IDS)
def test_text_is_calm(name, text):
    assert "!" not in text
    for word in ("alarming", "dangerous", "deadly", "fatal", "scary", "immediately", "urgent"):
        assert word not in text.lower(), name


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=IDS)
def test_text_uses_us_spelling(name, text):
    for british in ("litre", "haemat", "tumour", "recognis", "behaviour", "colour", "centre"):
        assert british not in text.lower(), name


def test_patient_texts_speak_to_you_and_questions_are_yours_to_ask():
    you = re.compile(r"\byou(r|rs)?\b", re.IGNORECASE)
    for fields in [*wording.LEVELS.values(), *wording.SITUATIONS.values()]:
        assert all(you.search(fields[key]) for key in ("headline", "summary") if key in fields)
    for text in [*wording.ACTIONS.values(), *wording.NOTES.values()]:
        assert you.search(text), text
    for text in wording.QUESTIONS.values():
        assert text.endswith("?") and re.search(r"\b(I|my)\b", text), text


@pytest.mark.parametrize(
    ("code", "phrases"),
    [
        ("urine_tests", ["urine test (urinalysis)", "protein-to-creatinine ratio", "urine B2M"]),
        ("specialized_bloodwork", ["ceruloplasmin", "Wilson's disease", "free light chains"]),
        ("specialist_referral", ["kidney doctor (nephrologist)", "blood doctor (hematologist)"]),
        ("kidney_imaging", ["ultrasound", "MRI"]),
        ("repeat_test", ["one to two weeks"]),
        ("repeat_fresh_sample", ["fresh urine sample", "not acidic"]),
        ("see_kidney_specialist", ["kidney doctor (nephrologist)", "eGFR under 30"]),
        ("dialysis_team", ["dialysis team", "joint pain", "tingling"]),
        ("metabolic_panel_egfr", ["metabolic panel", "eGFR"]),
    ],
)
def test_actions_name_the_follow_up_tests(code, phrases):
    for phrase in phrases:
        assert phrase in wording.ACTIONS[code]


def test_typical_limit_notes_say_where_the_range_is_and_leave_the_number_to_the_finding():
    # Before: the note repeated the finding's typical limit in words of its own (in µg/L
    # even for someone who typed mg/L), so a page said the same number three times.
    for analyte, name in (("serum", "blood"), ("urine", "urine")):
        note = wording.NOTES[f"typical_limit_{analyte}"]
        assert f"beside your {name} result" in note
        assert "\u201cref\u201d" in note and "add it to your answers" in note
        assert not any(ch.isdigit() for ch in note)


def test_egfr_notes_quote_the_engines_cut_off():
    assert rules.REDUCED_EGFR_BELOW == 60
    assert "below 60" in wording.NOTES["kidney_filtering"]
    assert "60 or higher" in wording.NOTES["non_kidney_causes"]
    assert "below 6" in wording.NOTES["acidic_urine"]
    assert rules.ACIDIC_URINE_PH == 6.0
