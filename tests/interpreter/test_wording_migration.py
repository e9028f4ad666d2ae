"""Migrations 0004 and 0007 bring a database seeded with the old words up to the new ones.

The data functions run on the real models here (no schema rewinding, so no
transactional test that could disturb the seeded database of later tests).
"""

import importlib

import pytest
from django.apps import apps as django_apps

from interpreter.migrations import _seed_wording as seed
from interpreter.models import LevelWording, Phrase

pytestmark = pytest.mark.django_db

OLD_LABEL = "Within range"
OLD_NO_SYMPTOMS = "A high B2M level does not cause symptoms by itself. You cannot feel it."


def _migration(name):
    return importlib.import_module(f"interpreter.migrations.{name}")


def test_an_existing_database_gets_the_new_words_and_the_new_codes():
    # A database seeded before issue 9: old words, and none of the new codes.
    LevelWording.objects.filter(level="within_range").update(label=OLD_LABEL)
    Phrase.objects.filter(kind="note", code="no_symptoms").update(text=OLD_NO_SYMPTOMS)
    Phrase.objects.filter(code__in=["hematology_team", "iss_marks", "summary_dialysis"]).delete()

    _migration("0004_wording_for_known_conditions").update_wording(django_apps, None)

    assert LevelWording.objects.get(level="within_range").label == "Not above range"
    assert Phrase.objects.get(kind="note", code="no_symptoms").text == seed.NOTES["no_symptoms"]
    assert (
        Phrase.objects.get(kind="action", code="hematology_team").text
        == (seed.ACTIONS["hematology_team"])
    )
    assert Phrase.objects.get(kind="note", code="iss_marks").text == seed.NOTES["iss_marks"]
    assert (
        Phrase.objects.get(kind="general", code="summary_dialysis").text
        == (seed.SITUATIONS["dialysis"]["summary"])
    )
    assert not Phrase.objects.filter(code="headline_dialysis").exists()


def test_the_low_egfr_summary_is_added_to_an_existing_database():
    Phrase.objects.filter(code="summary_low_egfr").delete()
    _migration("0007_wording_low_egfr").add_words(django_apps, None)
    assert (
        Phrase.objects.get(kind="general", code="summary_low_egfr").text
        == (seed.SITUATIONS["low_egfr"]["summary"])
    )


def test_the_note_for_a_raised_urine_with_a_known_kidney_condition_is_added():
    Phrase.objects.filter(code="tubular_known_kidney").delete()
    _migration("0010_wording_urine_with_known_kidney_condition").add_words(django_apps, None)
    assert (
        Phrase.objects.get(kind="note", code="tubular_known_kidney").text
        == seed.NOTES["tubular_known_kidney"]
    )


def test_the_words_for_a_known_blood_cancer_with_only_a_urine_result_are_added():
    codes = ["summary_blood_cancer_urine", "kidney_specialist_referral", "q_kidney_specialist"]
    Phrase.objects.filter(code__in=codes).delete()
    _migration("0011_wording_blood_cancer_urine_only").add_words(django_apps, None)
    assert (
        Phrase.objects.get(kind="general", code="summary_blood_cancer_urine").text
        == seed.SITUATIONS["blood_cancer_urine"]["summary"]
    )
    assert (
        Phrase.objects.get(kind="action", code="kidney_specialist_referral").text
        == seed.ACTIONS["kidney_specialist_referral"]
    )
    assert (
        Phrase.objects.get(kind="question", code="q_kidney_specialist").text
        == seed.QUESTIONS["q_kidney_specialist"]
    )


def test_the_words_that_say_a_ticked_short_term_cause_back_are_added():
    migration = _migration("0012_wording_ticked_short_term_causes")
    Phrase.objects.filter(kind="note", code__in=migration.CODES).delete()
    migration.add_words(django_apps, None)
    assert len(migration.CODES) == 6
    for code in migration.CODES:
        assert Phrase.objects.get(kind="note", code=code).text == seed.NOTES[code]


def test_the_words_for_dialysis_in_range_and_with_only_a_urine_result_are_added():
    migration = _migration("0013_wording_dialysis_in_range_and_urine_only")
    for kind, code, _ in migration.WORDS:
        Phrase.objects.filter(kind=kind, code=code).delete()
    migration.add_words(django_apps, None)
    assert (
        Phrase.objects.get(kind="note", code="dialysis_in_range").text
        == (seed.NOTES["dialysis_in_range"])
    )
    for situation in ("dialysis_in_range", "dialysis_urine"):
        assert (
            Phrase.objects.get(kind="general", code=f"summary_{situation}").text
            == (seed.SITUATIONS[situation]["summary"])
        )


def test_the_words_for_an_acidic_sample_badge_one_kidney_step_and_blood_cancer_urine_are_added():
    migration = _migration("0015_wording_acidic_badge_and_kidney_team_specialist")
    for kind, code, _ in migration.WORDS:
        Phrase.objects.filter(kind=kind, code=code).delete()
    migration.add_words(django_apps, None)
    assert (
        Phrase.objects.get(kind="general", code="label_acidic_urine").text
        == seed.SITUATIONS["acidic_urine"]["label"]
    )
    assert (
        Phrase.objects.get(kind="action", code="kidney_team_specialist").text
        == seed.ACTIONS["kidney_team_specialist"]
    )
    assert (
        Phrase.objects.get(kind="note", code="tubular_blood_cancer").text
        == seed.NOTES["tubular_blood_cancer"]
    )


def test_the_typical_limit_notes_change_only_while_they_read_as_shipped():
    migration = _migration("0016_wording_typical_limit_notes")
    Phrase.objects.filter(kind="note", code="typical_limit_serum").update(
        text=migration.OLD["note", "typical_limit_serum"]
    )
    Phrase.objects.filter(kind="note", code="typical_limit_urine").update(text="An editor's own.")
    migration.forwards(django_apps, None)
    serum = Phrase.objects.get(kind="note", code="typical_limit_serum")
    assert serum.text == seed.NOTES["typical_limit_serum"]
    assert Phrase.objects.get(kind="note", code="typical_limit_urine").text == "An editor's own."
    migration.backwards(django_apps, None)
    serum.refresh_from_db()
    assert serum.text == migration.OLD["note", "typical_limit_serum"]


def test_the_words_for_a_named_repeat_and_known_conditions_in_range_are_added_and_removed():
    migration = _migration("0019_wording_named_repeat_and_known_conditions")
    codes = {(kind, code) for kind, code, _ in migration.WORDS}
    assert codes == {
        ("action", "repeat_test_blood"),
        ("action", "repeat_test_urine"),
        ("action", "hematology_team_urine"),
        ("note", "known_kidney_disease_in_range"),
    }
    migration.backwards(django_apps, None)
    assert not Phrase.objects.filter(code__in=[code for _, code in codes]).exists()
    migration.forwards(django_apps, None)
    for kind, code in codes:
        words = seed.ACTIONS if kind == "action" else seed.NOTES
        assert Phrase.objects.get(kind=kind, code=code).text == words[code]


def test_the_metabolic_panel_step_changes_only_while_it_reads_as_shipped():
    migration = _migration("0020_wording_metabolic_panel_rechecks")
    step = Phrase.objects.get(kind="action", code="metabolic_panel_egfr")
    assert step.text == seed.ACTIONS["metabolic_panel_egfr"]
    assert "includes your eGFR" not in step.text  # true after an eGFR was typed, too
    Phrase.objects.filter(pk=step.pk).update(text=migration.OLD["action", "metabolic_panel_egfr"])
    migration.forwards(django_apps, None)
    step.refresh_from_db()
    assert step.text == seed.ACTIONS["metabolic_panel_egfr"]
    Phrase.objects.filter(pk=step.pk).update(text="An editor's own.")
    migration.forwards(django_apps, None)
    migration.backwards(django_apps, None)
    step.refresh_from_db()
    assert step.text == "An editor's own."


def test_the_partial_kidney_filtering_note_is_added_and_removed():
    migration = _migration("0021_wording_kidney_filtering_partial")
    assert [(kind, code) for kind, code, _ in migration.WORDS] == [
        ("note", "kidney_filtering_partial")
    ]
    migration.backwards(django_apps, None)
    assert not Phrase.objects.filter(code="kidney_filtering_partial").exists()
    migration.forwards(django_apps, None)
    note = Phrase.objects.get(kind="note", code="kidney_filtering_partial")
    assert note.text == seed.NOTES["kidney_filtering_partial"]
    assert "may explain much" not in note.text


def test_the_short_term_first_summary_is_added_and_removed():
    migration = _migration("0022_wording_short_term_first_summary")
    migration.backwards(django_apps, None)
    assert not Phrase.objects.filter(code="summary_short_term_first").exists()
    migration.forwards(django_apps, None)
    summary = Phrase.objects.get(kind="general", code="summary_short_term_first")
    assert summary.text == seed.SITUATIONS["short_term_first"]["summary"]


def test_the_low_egfr_urine_summary_is_added_and_removed():
    migration = _migration("0023_wording_low_egfr_urine_summary")
    migration.backwards(django_apps, None)
    assert not Phrase.objects.filter(code="summary_low_egfr_urine").exists()
    migration.forwards(django_apps, None)
    summary = Phrase.objects.get(kind="general", code="summary_low_egfr_urine")
    assert summary.text == seed.SITUATIONS["low_egfr_urine"]["summary"]


def test_the_2026_12_19_words_are_added_and_change_only_while_they_read_as_shipped():
    migration = _migration("0024_wording_blood_cancer_kidneys_dialysis_low")
    migration.backwards(django_apps, None)
    assert not Phrase.objects.filter(
        code__in=["kidney_filtering_blood_cancer", "headline_dialysis_in_range"]
    ).exists()
    for (kind, code), text in migration.OLD.items():
        assert Phrase.objects.get(kind=kind, code=code).text == text
    # An editor's own words stay.
    Phrase.objects.filter(kind="note", code="tubular_blood_cancer").update(text="An editor's own.")
    migration.forwards(django_apps, None)
    for kind, code, text in migration.WORDS:
        assert Phrase.objects.get(kind=kind, code=code).text == text
    assert (
        Phrase.objects.get(kind="general", code="label_dialysis_in_range").text
        == seed.SITUATIONS["dialysis_in_range"]["label"]
    )
    for (kind, code), text in migration.NEW.items():
        phrase = Phrase.objects.get(kind=kind, code=code).text
        assert phrase == ("An editor's own." if code == "tubular_blood_cancer" else text)
    assert "your repeat test" not in Phrase.objects.get(code="repeat_fresh_sample").text


def test_the_trend_notes_for_a_series_are_added_and_removed():
    migration = _migration("0025_wording_trend_over_the_series")
    migration.backwards(django_apps, None)
    assert not Phrase.objects.filter(code__in=migration.CODES).exists()
    migration.forwards(django_apps, None)
    assert len(migration.CODES) == 4
    for code in migration.CODES:
        assert Phrase.objects.get(kind="note", code=code).text == seed.NOTES[code]


def test_the_low_blood_b2m_with_low_egfr_and_both_typical_limits_notes_are_added_and_removed():
    migration = _migration("0026_wording_low_blood_b2m_low_egfr_and_both_typical_limits")
    migration.backwards(django_apps, None)
    assert not Phrase.objects.filter(code__in=migration.CODES).exists()
    migration.forwards(django_apps, None)
    for code in migration.CODES:
        assert Phrase.objects.get(kind="note", code=code).text == seed.NOTES[code]


def test_the_blood_cancer_marker_note_changes_only_while_it_reads_as_shipped():
    migration = _migration("0027_wording_blood_cancer_marker_reads_whole")
    note = Phrase.objects.filter(kind="note", code="blood_cancer_marker")
    assert note.get().text.startswith("When your team follows B2M over time, a falling level")
    migration.backwards(django_apps, None)
    assert note.get().text.startswith("As a marker, a falling level")
    migration.forwards(django_apps, None)
    assert note.get().text == seed.NOTES["blood_cancer_marker"]
    note.update(text="An editor's own.")
    migration.forwards(django_apps, None)
    assert note.get().text == "An editor's own."
