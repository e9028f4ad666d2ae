"""Issue 9's numbered problems: guidance that fits the person's situation.

Each test here failed on the engine and wording of rules version 2026.11.1.
They read what a patient reads (the presenter's words from the seeded database)
as well as the engine's codes.
"""

import datetime

import pytest

from interpreter import rules
from interpreter.migrations import _seed_wording as seed
from interpreter.presenters import present
from interpreter.rules import HistoryPoint, Inputs, Measurement, interpret

pytestmark = pytest.mark.django_db

FOLLOW_UP = set(rules.FOLLOW_UP_ACTIONS)
JAN = datetime.date(2026, 1, 5)


def read(**kwargs):
    """(engine result, what the page shows) for these inputs."""
    kwargs["context"] = frozenset(kwargs.get("context", ()))
    kwargs["history"] = tuple(kwargs.get("history", ()))
    inputs = Inputs(**kwargs)
    result = interpret(inputs)
    return result, present(result, inputs)


def page_text(guidance):
    parts = [guidance.label, guidance.headline, guidance.summary]
    parts += [f.text for f in guidance.findings]
    parts += guidance.notes + [a["text"] for a in guidance.actions] + guidance.questions
    return " ".join(parts)


def action_codes(guidance):
    return [a["code"] for a in guidance.actions]


# --- 1. acidic urine is never reassuring --------------------------------------------


def test_acidic_urine_within_range_is_not_called_reassuring_and_asks_for_a_fresh_sample():
    result, guidance = read(urine=Measurement(0.1, "mg/L"), urine_ph=5.0)
    assert result.level == "within_range"
    assert "reassuring" not in page_text(guidance).lower()
    assert "do not need extra tests" not in guidance.summary
    assert "may be lower than your real level" in guidance.summary
    assert action_codes(guidance)[0] == "repeat_fresh_sample"
    assert "fresh urine sample" in guidance.actions[0]["text"]


@pytest.mark.parametrize("value", [0.35, 0.5, 0.9])
def test_acidic_urine_puts_a_fresh_sample_first_whatever_the_level(value):
    result, guidance = read(urine=Measurement(value, "mg/L"), urine_ph=5.5)
    assert result.level != "within_range"
    assert action_codes(guidance)[0] == "repeat_fresh_sample"
    assert "repeat_test" not in result.actions  # the fresh sample is the repeat


def test_acidic_urine_within_range_gets_a_second_badge_and_never_reads_as_fine():
    # Before RULES_VERSION 2026.12.15 the top of the page showed only "Not above range" in
    # a green box, and the finding said "within the range on your report" and stopped.
    result, guidance = read(urine=Measurement(150, "ug/L", 300), urine_ph=5.5)
    assert result.level == "within_range"
    assert guidance.label == seed.LEVELS["within_range"]["label"]  # one vocabulary
    assert guidance.caution == seed.SITUATIONS["acidic_urine"]["label"]
    (finding,) = guidance.findings
    assert finding.may_read_low
    assert finding.text.endswith("your real level may be higher than this.")
    api = guidance.as_api()
    assert api["caution"] == "Sample may read too low"
    assert api["findings"][0]["may_read_low"] is True
    assert "acidic sample (pH under 6), may read low" in dict(guidance.clinician)["Urine B2M"]


def test_a_raised_urine_result_from_an_acidic_sample_may_be_even_higher():
    _, guidance = read(urine=Measurement(700, "ug/L", 300), urine_ph=5.5)
    assert guidance.caution == ""  # "Well above range" does not reassure
    assert guidance.findings[0].text.endswith("your real level may be even higher.")


def test_no_second_badge_without_an_acidic_sample_or_when_the_blood_is_raised():
    _, plain = read(urine=Measurement(150, "ug/L", 300), urine_ph=6.5)
    assert plain.caution == "" and plain.as_api()["caution"] is None
    assert "acidic" not in plain.findings[0].text
    _, with_blood = read(
        serum=Measurement(3.6, "mg/L", 2.4), urine=Measurement(150, "ug/L", 300), urine_ph=5.5
    )
    assert with_blood.caution == ""
    blood, urine = with_blood.findings
    assert "acidic" not in blood.text and urine.may_read_low


# --- 2. back in range after a clear rise ----------------------------------------------


def test_back_in_range_after_a_clear_rise_asks_for_a_talk_about_both_results_not_routine():
    result, guidance = read(
        serum=Measurement(2.0, "mg/L"), history=[HistoryPoint(JAN, Measurement(5.0, "mg/L"))]
    )
    assert result.level == "within_range"
    assert "routine visit" not in guidance.summary.replace("not at a routine visit", "")
    assert "good sign" in guidance.summary
    assert "q_routine" not in result.questions
    assert action_codes(guidance) == ["discuss_earlier_result"]
    assert "earlier" in guidance.actions[0]["text"]


def test_back_in_range_after_a_small_rise_stays_routine():
    result, _ = read(
        serum=Measurement(2.0, "mg/L"), history=[HistoryPoint(JAN, Measurement(3.0, "mg/L"))]
    )
    assert "back_in_range" in result.notes
    assert result.actions == ("talk_to_provider",)
    assert "q_routine" in result.questions


# --- 3. each known condition has its own path ------------------------------------------


@pytest.mark.parametrize("value", [2.0, 3.0, 4.5, 9.0])
def test_known_blood_cancer_gets_no_work_up_for_other_causes(value):
    result, guidance = read(serum=Measurement(value, "mg/L"), egfr=95, context={"blood_cancer"})
    assert not FOLLOW_UP & set(result.actions)
    assert "repeat_test" not in result.actions
    assert "specialist_referral" not in result.actions
    assert action_codes(guidance)[0] == "hematology_team"
    text = page_text(guidance)
    assert "Wilson" not in text and "exercise" not in text
    assert "falling level" in text and "rising level" in text


def test_known_blood_cancer_within_range_is_never_referred():
    for value in (0.5, 1.5, 2.7):
        result = interpret(
            Inputs(serum=Measurement(value, "mg/L"), context=frozenset({"blood_cancer"}))
        )
        assert result.level == "within_range"
        assert "specialist_referral" not in result.actions
        assert "see_kidney_specialist" not in result.actions


def test_iss_marks_are_explained_only_on_the_known_blood_cancer_path():
    _, with_cancer = read(serum=Measurement(6.0, "mg/L"), context={"blood_cancer"})
    assert "3.5 and 5.5 mg/L" in page_text(with_cancer)
    assert "myeloma" in page_text(with_cancer)
    for context in (set(), {"kidney_disease"}, {"dialysis"}, {"autoimmune"}):
        _, guidance = read(serum=Measurement(6.0, "mg/L"), context=context)
        assert "3.5" not in page_text(guidance)


def test_iss_marks_only_appear_in_the_seeded_note_for_blood_cancer():
    texts = [
        *[t for fields in seed.LEVELS.values() for t in fields.values()],
        *[t for fields in seed.SITUATIONS.values() for t in fields.values()],
        *seed.ACTIONS.values(),
        *seed.QUESTIONS.values(),
        *[t for code, t in seed.NOTES.items() if code != "iss_marks"],
    ]
    assert not [t for t in texts if "3.5" in t or "5.5" in t]


@pytest.mark.parametrize("context", ["kidney_disease", "dialysis"])
def test_known_kidney_conditions_do_not_talk_about_finding_the_cause(context):
    result, guidance = read(serum=Measurement(9.0, "mg/L"), egfr=25, context={context})
    assert "Finding the cause" not in guidance.summary
    assert "cause" not in guidance.summary
    assert not FOLLOW_UP & set(result.actions)
    assert "q_cause" not in result.questions


def test_known_kidney_disease_reads_the_result_with_egfr_and_puts_the_kidney_team_first():
    result, guidance = read(serum=Measurement(4.5, "mg/L"), egfr=40, context={"kidney_disease"})
    assert action_codes(guidance)[0] == "kidney_team"
    assert "eGFR" in guidance.summary
    assert "kidney_filtering" in result.notes


def test_known_kidney_disease_without_egfr_asks_for_one():
    inputs = Inputs(serum=Measurement(4.5, "mg/L"), context=frozenset({"kidney_disease"}))
    result = interpret(inputs)
    assert result.actions == ("kidney_team", "metabolic_panel_egfr")
    assert "q_kidney_function" in result.questions


def test_on_dialysis_the_no_symptoms_note_is_replaced_by_dialysis_related_amyloid():
    result, guidance = read(serum=Measurement(30.0, "mg/L"), context={"dialysis"})
    assert "no_symptoms" not in result.notes
    text = page_text(guidance)
    assert "rarely causes symptoms" not in text
    assert "dialysis-related amyloid" in text
    assert "carpal tunnel" in text
    assert "expected" in text


@pytest.mark.parametrize(
    ("context", "words"),
    [
        ("recent_exercise", "You said you did hard exercise"),
        ("dehydration", "You said you were dehydrated"),
        ("acute_illness", "You said you had a fever"),
    ],
)
def test_a_ticked_short_term_cause_is_said_plainly_to_the_patient(context, words):
    _, plain = read(serum=Measurement(3.0, "mg/L"))
    _, ticked = read(serum=Measurement(3.0, "mg/L"), context={context})
    assert words in page_text(ticked)
    assert words not in page_text(plain)
    assert "That alone can raise B2M" in page_text(ticked)


@pytest.mark.parametrize(
    "better",
    [
        {"egfr": 40},
        {"context": {"blood_cancer"}},
        {"context": {"kidney_disease"}},
        {"context": {"dialysis"}},
        {"context": {"autoimmune"}},
    ],
)
def test_short_term_causes_are_not_offered_when_something_better_explains_the_rise(better):
    context = set(better.pop("context", set())) | {"recent_exercise"}
    result, guidance = read(serum=Measurement(3.0, "mg/L"), context=context, **better)
    # Not offered as the reason to repeat...
    assert "transient_causes" not in result.notes
    assert "said_exercise" not in result.notes
    assert "exercise" not in " ".join(a["text"] for a in guidance.actions)
    assert "That alone can raise B2M" not in page_text(guidance)
    # ...but the tick still shows, said plainly beside what explains more.
    [said] = [note for note in guidance.notes if "exercise" in note]
    assert said.startswith("You said you did hard exercise")
    assert "other things you told us may explain more of this result" in said


@pytest.mark.parametrize(
    ("inputs", "why"),
    [
        # 2 times the limit and 20 times: too large a rise for a short-term cause.
        ({"serum": Measurement(5.4, "mg/L", upper_limit=2.7)}, "too large"),
        ({"serum": Measurement(48, "mg/L", upper_limit=2.4)}, "too large"),
        ({"urine": Measurement(3000, "ug/L")}, "too large"),
        # Raised before too: a short-term cause passes, this rise has not.
        (
            {
                "serum": Measurement(3.0, "mg/L"),
                "history": [HistoryPoint(JAN, Measurement(3.0, "mg/L"))],
            },
            "raised before",
        ),
    ],
)
@pytest.mark.parametrize("context", ["recent_exercise", "dehydration", "acute_illness"])
def test_a_ticked_short_term_cause_is_not_offered_for_a_large_or_lasting_rise(inputs, why, context):
    # Today: "That alone can raise B2M for a short time" and "a repeat test often comes
    # back in range" under "Well above range", and for a rise seen before "other things
    # you told us may explain more", with nothing else told.
    result, guidance = read(context={context}, **inputs)
    text = page_text(guidance)
    assert "That alone can raise B2M" not in text
    assert "often comes back in range" not in text
    assert "other things you told us" not in text
    assert "repeat_test" not in result.actions
    [said] = [note for note in guidance.notes if note.startswith("You said you")]
    assert said.endswith("it is not likely to explain this result on its own.")
    reasons = " ".join(item["text"] for item in guidance.reasoning)
    assert "a repeat test comes first" not in reasons
    expected = "not one of 2 times the limit" if why == "too large" else "raised too"
    assert expected in reasons


@pytest.mark.parametrize(
    ("context", "words"),
    [
        ("recent_exercise", "You said you did hard exercise"),
        ("dehydration", "You said you were dehydrated"),
        ("acute_illness", "You said you had a fever"),
    ],
)
@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": Measurement(3.0, "mg/L"), "egfr": 50},
        {"serum": Measurement(3.0, "mg/L"), "context": {"kidney_disease"}},
        {"serum": Measurement(2.0, "mg/L")},
        {"urine": Measurement(0.1, "mg/L")},
    ],
)
def test_ticking_a_short_term_cause_always_changes_what_the_page_says(context, words, inputs):
    inputs = dict(inputs)
    others = set(inputs.pop("context", set()))
    _, plain = read(context=others, **inputs)
    _, ticked = read(context=others | {context}, **inputs)
    assert words in " ".join(ticked.notes)
    assert words not in page_text(plain)
    assert page_text(ticked) != page_text(plain)


def test_a_short_term_cause_with_a_result_in_range_says_it_did_not_raise_it():
    _, guidance = read(serum=Measurement(2.0, "mg/L"), context={"acute_illness"})
    assert any(
        note.startswith("You said you had a fever") and "did not raise this result" in note
        for note in guidance.notes
    )


def test_after_hard_exercise_a_first_raise_repeats_before_any_test_for_other_causes():
    # 4.0 against 2.4: above range, a first raise, hard exercise ticked, nothing else.
    result, guidance = read(serum=Measurement(4.0, "mg/L", 2.4), context={"recent_exercise"})
    assert action_codes(guidance) == ["talk_to_provider", "repeat_test", "tests_if_still_raised"]
    text = page_text(guidance)
    assert "If your repeat result is still above the range" in text
    assert "Wilson" not in text and "ultrasound" not in text
    assert any(
        r["text"].startswith("You told us about a short-term cause") for r in guidance.reasoning
    )


def test_the_repeat_test_step_does_not_blame_exercise_by_itself():
    assert "exercise" not in seed.ACTIONS["repeat_test"]
    assert "exercise" not in seed.LEVELS["mildly_elevated"]["summary"]


# --- 4. kidney messages agree; eGFR under 30 is its own action --------------------------


def test_g2_is_explained_without_saying_the_kidneys_filter_well():
    result, guidance = read(serum=Measurement(3.0, "mg/L"), egfr=75)
    assert result.kidney.category == "G2"
    text = page_text(guidance) + guidance.kidney["text"]
    assert "mildly decreased" in guidance.kidney["text"]
    assert "not counted as kidney disease" in guidance.kidney["text"]
    assert "filter well" not in text
    assert "seem to filter well" not in seed.NOTES["non_kidney_causes"]


@pytest.mark.parametrize("egfr", [29, 20, 10, 4])
@pytest.mark.parametrize("value", [1.5, 3.0, 9.0])
def test_egfr_under_30_is_a_reason_to_see_a_kidney_specialist_whatever_the_b2m(egfr, value):
    result, guidance = read(serum=Measurement(value, "mg/L"), egfr=egfr)
    assert "see_kidney_specialist" in result.actions
    assert "egfr_below_30_kidney_specialist" in result.rules_fired
    assert "kidney doctor (nephrologist)" in page_text(guidance)


@pytest.mark.parametrize("egfr", [29.5, 30, 45])
def test_egfr_of_30_or_more_has_no_kidney_specialist_step_of_its_own(egfr):
    result = interpret(Inputs(serum=Measurement(2.0, "mg/L"), egfr=egfr))
    assert "see_kidney_specialist" not in result.actions


# --- 5. the lab's range decides the level -------------------------------------------------


@pytest.mark.parametrize("value", [3.5, 4.0, 5.5, 5.9])
def test_a_value_within_the_labs_own_range_is_never_raised(value):
    result, guidance = read(serum=Measurement(value, "mg/L", 6.0))
    assert result.level == "within_range"
    assert guidance.label == seed.LEVELS["within_range"]["label"]


# --- 6. one vocabulary ----------------------------------------------------------------


LABELS = [seed.LEVELS[level]["label"] for level in rules.LEVELS]


@pytest.mark.parametrize("value", [1.0, 2.4, 2.5, 3.6, 3.7, 4.8, 4.9, 12.0])
def test_every_place_names_the_level_with_the_same_four_words(value):
    result, guidance = read(
        serum=Measurement(value, "mg/L", 2.4),
        history=[HistoryPoint(JAN, Measurement(value, "mg/L", 2.4))],
        test_date=datetime.date(2026, 2, 1),
    )
    [finding] = guidance.findings
    band_label = LABELS[rules.RANKS[finding.band]]
    assert finding.band_label == band_label
    legend = {band["label"] for band in finding.number_line.bands}
    assert legend == set(LABELS)
    [trend] = guidance.trends
    assert {row.status for row in trend.rows} == {band_label}
    if finding.band != "within_range":
        assert band_label.lower() in finding.text
    assert guidance.as_api()["label"] == guidance.label in LABELS
    assert guidance.as_api()["findings"][0]["label"] == band_label
    assert band_label in dict(guidance.clinician)["Blood (serum) B2M"]


def test_the_band_a_value_sits_in_on_the_number_line_is_the_one_its_label_names():
    for value in (2.0, 3.0, 4.0, 6.0):
        _, guidance = read(serum=Measurement(value, "mg/L", 2.4))
        [finding] = guidance.findings
        line = finding.number_line
        inside = [
            band["label"]
            for band in line.bands
            if band["start"] < line.marker_percent <= band["start"] + band["width"]
        ]
        assert inside == [finding.band_label]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (2.45, "just above the upper limit"),
        (2.3, "about the same as the upper limit"),
        (3.6, "about 1.5 times the upper limit"),
        (4.8, "about 2 times the upper limit"),
    ],
)
def test_ratios_read_naturally(value, words):
    _, guidance = read(serum=Measurement(value, "mg/L", 2.4))
    text = guidance.findings[0].text
    assert words in text
    assert "1 times" not in text


# --- 7. equal amounts in every unit give equal guidance ------------------------------------


def _five_significant_figures(value):
    return float(f"{value:.5g}")


@pytest.mark.parametrize(
    ("mg_l", "limit", "context"),
    [
        (3.5, None, ()),
        (3.5, None, ("blood_cancer",)),
        (5.5, None, ("blood_cancer",)),
        (2.7, None, ()),
        (4.05, None, ()),
        (5.4, None, ()),
        (2.4, 1.6, ()),
        (3.6, 2.4, ()),
        (4.8, 2.4, ()),
    ],
)
def test_the_same_amount_printed_in_any_unit_gets_the_same_guidance(mg_l, limit, context):
    seen = set()
    for unit, per_mg in (("mg/L", 1), ("ug/L", 1000), ("ug/mL", 1), ("nmol/L", 1000 / 11.8)):
        measurement = Measurement(
            _five_significant_figures(mg_l * per_mg),
            unit,
            None if limit is None else _five_significant_figures(limit * per_mg),
        )
        result = interpret(Inputs(serum=measurement, context=frozenset(context)))
        seen.add((result.level, result.actions, result.notes, result.rules_fired))
    assert len(seen) == 1


def test_three_and_a_half_mg_per_l_typed_in_nmol_per_l_lands_on_the_same_level():
    assert (
        interpret(Inputs(serum=Measurement(296.61, "nmol/L"))).level
        == interpret(Inputs(serum=Measurement(3.5, "mg/L"))).level
    )


# --- 8. claims match their sources ----------------------------------------------------------


def test_wording_claims_no_more_than_the_sources():
    everything = " ".join(
        [
            *[t for fields in seed.LEVELS.values() for t in fields.values()],
            *seed.ACTIONS.values(),
            *seed.NOTES.values(),
        ]
    )
    assert "goes away on its own" not in everything
    assert "cannot feel" not in everything
    assert "make the diagnosis" not in everything
    assert "rarely causes symptoms" in seed.NOTES["no_symptoms"]
    assert "When one of these is the cause" in seed.NOTES["transient_causes"]


# --- 9. below the range -----------------------------------------------------------------


def test_a_value_below_the_reports_range_says_so_and_what_it_usually_means():
    result, guidance = read(serum=Measurement(0.7, "mg/L", 2.4, lower_limit=0.8))
    assert result.level == "within_range"
    assert "below the range printed on your report" in guidance.findings[0].text
    assert "within the range" not in guidance.findings[0].text
    assert "below" in guidance.headline
    assert "not a known cause for concern" in page_text(guidance)
    assert "Mayo Clinic Laboratories" in " ".join(guidance.notes)
    assert any(item["source"] == "Mayo Clinic Laboratories" for item in guidance.reasoning)


def test_a_value_below_the_typical_range_says_typical_not_your_report():
    _, guidance = read(serum=Measurement(1.0, "mg/L"))
    assert "below the typical adult range" in guidance.findings[0].text


@pytest.mark.parametrize(
    ("measurement", "words", "source"),
    [
        (Measurement(0.7, "mg/L", 2.4, 0.8),
         "We compared your blood result with the lower limit printed on your report: 0.8 mg/L.",
         "Your lab report"),
        (Measurement(0.7, "mg/L"),
         "Your report gave no lower limit, so we used a typical adult lower limit of 1.21 mg/L.",
         "Mayo Clinic Laboratories"),
    ],
)  # fmt: skip
def test_how_we_worked_this_out_names_the_lower_limit_a_low_result_was_compared_with(
    measurement, words, source
):
    _, guidance = read(serum=measurement)
    assert {"text": words, "source": source} in guidance.reasoning
    _, in_range = read(serum=Measurement(2.0, "mg/L", 2.4, 0.8))
    assert not any("lower limit" in item["text"] for item in in_range.reasoning)


def test_a_report_with_only_an_upper_limit_is_never_judged_below_another_labs_range():
    result = interpret(Inputs(serum=Measurement(1.0, "mg/L", 2.4)))
    assert not result.findings[0].below_range
    assert "below_range" not in result.notes


def test_the_form_takes_the_reports_lower_limit_and_says_below_the_range(client):
    response = client.post(
        "/interpret/",
        {"serum_value": "0.7", "serum_upper_limit": "2.4", "serum_lower_limit": "0.8"},
        follow=True,
    )
    text = response.content.decode()
    assert "below the range printed on your report" in text
    assert "not a known cause for concern" in text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"serum_value": "1", "serum_upper_limit": "2.4", "serum_lower_limit": "2.4"},
         "serum_lower_limit", "must be smaller than the upper limit"),
        ({"serum_value": "1", "serum_lower_limit": "0.8"},
         "serum_upper_limit", "Enter the upper limit too"),
        ({"urine_value": "100", "urine_unit": "ug/L", "serum_lower_limit": "0.8"},
         "serum_lower_limit", "Enter your result too"),
    ],
)  # fmt: skip
def test_a_lower_limit_that_cannot_be_right_gets_a_clear_error(client, data, field, message):
    from interpreter.forms import InterpretForm

    form = InterpretForm(data)
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field])


def test_the_api_takes_a_blood_results_lower_limit(client):
    import json

    body = {"serum_b2m": {"value": 0.7, "unit": "mg/L", "upper_limit": 2.4, "lower_limit": 0.8}}
    response = client.post(
        "/api/v1/interpret", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["findings"][0]["below_range"] is True
    assert "below the range printed on your report" in answer["findings"][0]["text"]


def test_a_result_in_range_with_egfr_under_30_is_never_left_to_a_routine_visit():
    result, guidance = read(serum=Measurement(2.0, "mg/L"), egfr=25)
    assert result.situation == "low_egfr"
    assert "routine visit" not in guidance.summary.replace("rather than waiting for a routine", "")
    assert "kidney doctor" in guidance.summary
    assert "q_routine" not in result.questions


# --- found in a clinical read-through of rules version 2026.12.2 ------------------------------


def test_acidic_urine_beside_a_raised_blood_result_keeps_the_blood_repeat():
    # The fresh urine sample repeats the urine test only; the blood rise still needs its own.
    result, guidance = read(
        serum=Measurement(3.0, "mg/L"), urine=Measurement(0.1, "mg/L"), urine_ph=5.0
    )
    assert result.level == "mildly_elevated"
    assert action_codes(guidance)[0] == "repeat_fresh_sample"
    assert "repeat_test_blood" in result.actions  # named: the urine has its own
    assert "q_repeat_timing" in result.questions


@pytest.mark.parametrize("context", ["blood_cancer", "dialysis", "kidney_disease"])
def test_a_known_condition_with_an_earlier_raise_is_not_told_to_find_out_why(context):
    # Dialysis or a known blood cancer or kidney disease already explains a level that stays up.
    result, guidance = read(
        serum=Measurement(6.0, "mg/L", 2.4),
        history=[HistoryPoint(JAN, Measurement(5.0, "mg/L", 2.4))],
        context={context},
    )
    assert result.findings[0].persistent
    assert "persistent" not in result.notes
    assert "worth finding out why" not in page_text(guidance)


def test_a_level_that_stays_up_with_no_known_condition_is_still_worth_finding_out_why():
    result, guidance = read(
        serum=Measurement(6.0, "mg/L", 2.4),
        history=[HistoryPoint(JAN, Measurement(5.0, "mg/L", 2.4))],
        context={"recent_exercise"},
    )
    assert "persistent" in result.notes
    assert "worth finding out why" in page_text(guidance)


@pytest.mark.parametrize(
    ("context", "team"),
    [("blood_cancer", "hematology_team"), ("dialysis", "dialysis_team"),
     ("kidney_disease", "kidney_team")],
)  # fmt: skip
def test_back_in_range_on_a_known_condition_goes_to_its_team_not_a_new_work_up(context, team):
    # A myeloma level that fell with treatment: the team compares results; nobody needs to
    # ask "what caused the earlier result" or for "more checks".
    result, guidance = read(
        serum=Measurement(2.0, "mg/L", 2.4),
        history=[HistoryPoint(JAN, Measurement(5.0, "mg/L", 2.4))],
        context={context},
    )
    assert result.level == "within_range"
    assert action_codes(guidance) == [team]
    assert "q_earlier_result" not in result.questions
    assert "What do you think caused it" not in page_text(guidance)
    reasons = [item["text"] for item in guidance.reasoning]
    assert "An earlier blood result was clearly above its limit; this one is not." in reasons


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (3.7, "just over 1.5 times the upper limit: above range"),  # 1.54x
        (4.7, "just under 2 times the upper limit: above range"),  # 1.96x
        (3.5, "about 1.5 times the upper limit: a little above range"),  # 1.46x
        (4.9, "about 2 times the upper limit: well above range"),  # 2.04x
    ],
)
def test_a_ratio_near_a_cut_off_is_never_rounded_onto_the_other_sides_number(value, words):
    # The legend says "up to 1.5 times" is a little above and "2 times or more" well above.
    _, guidance = read(serum=Measurement(value, "mg/L", 2.4))
    assert words in guidance.findings[0].text


def test_a_small_rise_seen_before_says_why_the_badge_reads_above_range():
    result, guidance = read(
        serum=Measurement(3.0, "mg/L", 2.4),
        history=[HistoryPoint(JAN, Measurement(3.0, "mg/L", 2.4))],
    )
    [finding] = guidance.findings
    assert finding.band == "mildly_elevated" and result.level == "elevated"
    assert guidance.label == "Above range"
    assert "so together they count as above range" in finding.text


@pytest.mark.parametrize(
    "results",
    [
        {"urine": Measurement(0.9, "mg/L")},
        {"serum": Measurement(6.0, "mg/L"), "urine": Measurement(0.9, "mg/L")},
    ],
)
def test_someone_with_a_known_blood_cancer_is_not_offered_a_test_for_plasma_cell_disorders(
    results,
):
    _, guidance = read(context={"blood_cancer"}, **results)
    text = page_text(guidance)
    assert "free light chains" not in text and "plasma cell" not in text
    assert "blood cancer team" in text
    assert "blood_cancer_no_specialized_bloodwork" in guidance.rules_fired


@pytest.mark.parametrize("value", [0.2, 0.5, 0.9])
def test_a_known_blood_cancer_with_only_a_urine_result_reads_as_already_followed(value):
    result, guidance = read(urine=Measurement(value, "mg/L"), context={"blood_cancer"})
    text = page_text(guidance)
    assert "blood cancer team" in guidance.summary
    assert "how your kidneys handle B2M" in guidance.summary
    assert "Finding the cause early" not in text
    assert "blood doctor" not in text
    assert "hematologist" not in text


def test_a_known_blood_cancer_with_a_urine_result_well_above_range_asks_about_a_kidney_doctor():
    _, guidance = read(urine=Measurement(0.9, "mg/L"), context={"blood_cancer"})
    text = page_text(guidance)
    assert "kidney doctor (nephrologist)" in text
    assert "Should I also see a kidney doctor about this urine result?" in guidance.questions
    assert "kidney doctor or a blood doctor" not in text


def test_on_dialysis_a_blood_result_in_range_is_not_called_high_or_expected():
    _, guidance = read(serum=Measurement(2.0, "mg/L"), context={"dialysis"})
    text = page_text(guidance)
    assert "unexpected" in guidance.summary  # 2026.12.19: worth checking, see below
    assert "B2M level in the blood is expected" not in text
    assert "joint pain" in text  # why the team still watches it


def test_on_dialysis_with_only_a_urine_result_the_summary_says_dialysis_not_kidney_disease():
    _, guidance = read(urine=Measurement(0.9, "mg/L"), context={"dialysis"})
    assert "You told us you are on dialysis" in guidance.summary
    assert "you have kidney disease" not in guidance.summary


def test_myeloma_on_dialysis_names_the_blood_cancer_team_beside_the_dialysis_team():
    _, guidance = read(serum=Measurement(20.0, "mg/L", 2.4), context={"blood_cancer", "dialysis"})
    # The summary names the dialysis team, so it leads; the blood cancer team follows.
    assert action_codes(guidance) == ["dialysis_team", "hematology_team"]
    reasons = [item["text"] for item in guidance.reasoning]
    assert any("blood cancer team should see this result too" in text for text in reasons)


@pytest.mark.parametrize("context", ["kidney_disease", "dialysis"])
@pytest.mark.parametrize("egfr", [95, 75])
def test_known_kidney_disease_with_g1_or_g2_is_never_told_it_is_not_kidney_disease(context, egfr):
    _, guidance = read(serum=Measurement(3.0, "mg/L"), egfr=egfr, context={context})
    text = guidance.kidney["text"]
    assert "not counted as kidney disease" not in text
    assert "protein in your urine" in text


def test_g2_without_a_known_kidney_condition_still_says_what_it_means_on_its_own():
    _, guidance = read(serum=Measurement(3.0, "mg/L"), egfr=75)
    assert "not counted as kidney disease" in guidance.kidney["text"]


def test_a_known_blood_cancer_rising_within_range_is_told_it_is_higher_than_last_time():
    _, guidance = read(
        serum=Measurement(2.6, "mg/L", 2.7),
        history=[HistoryPoint(JAN, Measurement(1.6, "mg/L", 2.7))],
        context={"blood_cancer"},
    )
    assert guidance.level == "within_range"
    assert "Your level is higher than it was the last time it was checked." in guidance.notes
    assert "A rising level is worth asking about." in page_text(guidance)


# --- an eGFR under 30 or of 30 to 59, with no kidney team ------------------------------


@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": Measurement(20, "mg/L", 2.4), "egfr": 10},
        {"serum": Measurement(3.0, "mg/L", 2.4), "egfr": 25},
        {"urine": Measurement(600, "ug/L"), "egfr": 25},
    ],
)
def test_an_egfr_under_30_with_a_raised_result_names_the_kidney_doctor_once(inputs):
    # Today: "See a kidney doctor" and then "Ask if you should see a specialist... a kidney
    # doctor or a blood doctor" and "Should I see a kidney doctor or a blood doctor?", under
    # a summary that says "repeat your test" or "Finding the cause early".
    result, guidance = read(**inputs)
    text = page_text(guidance)
    assert result.actions[0] == "see_kidney_specialist"
    assert text.count("kidney doctor (nephrologist)") == 1
    assert "Should I see a kidney doctor or a blood doctor?" not in text
    assert not {"specialist_referral", "kidney_specialist_referral"} & set(result.actions)
    situation = "low_egfr_raised" if "serum" in inputs else "low_egfr_urine"  # see below
    assert guidance.summary == seed.SITUATIONS[situation]["summary"]
    assert "eGFR is under 30" in guidance.summary
    assert "Finding the cause early" not in guidance.summary


def test_a_new_egfr_under_60_beside_a_result_in_range_is_worth_checking_again():
    # Today the page says nothing about an eGFR of 50 and leaves it to a routine visit.
    result, guidance = read(serum=Measurement(2.0, "mg/L", 2.4), egfr=50)
    assert "egfr_recheck" in result.notes
    assert any("checked again" in note for note in guidance.notes)
    assert any(
        "3 months" in item["text"] and item["source"].startswith("KDIGO")
        for item in guidance.reasoning
    )
    # A kidney team already follows known kidney disease; an eGFR of 60 needs no recheck.
    assert (
        "egfr_recheck"
        not in read(serum=Measurement(2.0, "mg/L", 2.4), egfr=50, context={"kidney_disease"})[
            0
        ].notes
    )
    assert "egfr_recheck" not in read(serum=Measurement(2.0, "mg/L", 2.4), egfr=60)[0].notes


def test_a_falling_level_is_not_asked_about_as_going_up():
    _, guidance = read(
        serum=Measurement(3.2, "mg/L", 2.4),
        history=[HistoryPoint(JAN, Measurement(4.5, "mg/L", 2.4))],
    )
    assert "go up" not in page_text(guidance)
    assert "What do you think is raising my B2M level?" in guidance.questions


def test_links_to_other_conditions_do_not_say_the_kidneys_work_well_beside_a_low_egfr():
    for context in ("autoimmune", "chronic_infection"):
        _, guidance = read(serum=Measurement(4.5, "mg/L", 2.4), egfr=45, context={context})
        text = page_text(guidance)
        assert "kidneys are filtering less than usual" in text
        assert "kidneys work well" not in text


def test_the_below_range_note_names_the_blood_result_beside_a_raised_urine_one():
    # Today "Your result is below the range." sits under "well above the usual range".
    _, guidance = read(
        serum=Measurement(0.9, "mg/L", 2.4, lower_limit=1.0), urine=Measurement(1.0, "mg/L")
    )
    [note] = [n for n in guidance.notes if "below the range" in n]
    assert note.startswith("Your blood B2M result is below the range.")


@pytest.mark.parametrize(
    ("serum", "words"),
    [
        (Measurement(4.0, "mg/L", 2.4), "at or above 3.5 mg/L, a staging mark"),
        (Measurement(300, "nmol/L", 203.4), "at or above 3.5 mg/L (about 297 nmol/L)"),
        (Measurement(5.5, "ug/mL", 2.4), "at or above 5.5 mg/L (about 5.5 µg/mL)"),
    ],
)
def test_the_staging_mark_is_also_given_in_the_persons_own_unit(serum, words):
    # Today "at or above 3.5 mg/L" for someone whose report and answers are in nmol/L.
    _, guidance = read(serum=serum, context={"blood_cancer"})
    assert any(words in item["text"] for item in guidance.reasoning)


def test_a_blood_b2m_four_times_the_limit_at_egfr_50_is_not_put_down_to_the_kidneys():
    # The page read "that may explain much of your result" (note and "How we worked this
    # out") beside blood tests for other causes and a specialist.
    result, guidance = read(serum=Measurement(9.6, "mg/L", 2.4), egfr=50)
    page = " ".join([*guidance.notes, *(item["text"] for item in guidance.reasoning)])
    assert "may explain much" not in page
    assert "other causes are worth checking too" in page
    assert "specialized_bloodwork" in action_codes(guidance)


def test_on_dialysis_a_raised_urine_does_not_sit_under_a_summary_saying_not_above_range():
    # Headline "Your B2M result is well above the usual range" (the urine), then the
    # summary "On dialysis, B2M in the blood is often high, but yours is not above the range".
    result, guidance = read(
        serum=Measurement(2.0, "mg/L", 2.4),
        urine=Measurement(1500, "ug/L", 300),
        context={"dialysis"},
    )
    assert "well above" in guidance.headline
    assert "not above the range" not in guidance.summary
    assert "dialysis team" in guidance.summary
    in_range = read(serum=Measurement(2.0, "mg/L", 2.4), context={"dialysis"})[1]
    assert "unexpected" in in_range.summary


@pytest.mark.parametrize(
    ("serum_value", "egfr", "first_two"),
    [
        (9.6, None, ["talk_to_provider", "metabolic_panel_egfr"]),
        (4.0, None, ["talk_to_provider", "repeat_test"]),
        (3.0, None, ["talk_to_provider", "repeat_test"]),
        (9.6, 20, ["see_kidney_specialist", "talk_to_provider"]),  # KDIGO: a kidney doctor
    ],
)
def test_the_provider_comes_before_the_tests_to_ask_them_about(serum_value, egfr, first_two):
    # "Well above range" read "Make an appointment with your health care provider soon"
    # in the summary, then step 1 "Ask about a metabolic panel" ... and the provider only
    # as the last of six steps: the tests are the provider's to order.
    guidance = read(serum=Measurement(serum_value, "mg/L", 2.4), egfr=egfr)[1]
    assert action_codes(guidance)[:2] == first_two


def test_an_earlier_result_in_another_kind_of_unit_is_said_to_be_left_out():
    # Today's urine per creatinine beside an earlier raised 500 µg/L: the earlier result
    # was dropped without a word, and the page read "A first small rise: the usual first
    # step is a repeat test", as if there were nothing before.
    today = Measurement(400, "ug/g{creat}", 300)
    earlier = HistoryPoint(datetime.date(2026, 10, 1), urine=Measurement(500, "ug/L", 300))
    result, guidance = read(urine=today, history=(earlier,))
    assert result.trends == ()
    assert "history_urine_other_kind_of_unit" in result.rules_fired
    words = " ".join(item["text"] for item in guidance.reasoning)
    assert "could not compare" in words
    assert "per creatinine" in words
    same_kind = read(urine=today, history=(HistoryPoint(
        datetime.date(2026, 10, 1), urine=Measurement(200, "ug/g{creat}", 300)),))[0]  # fmt: skip
    assert "history_urine_other_kind_of_unit" not in same_kind.rules_fired


@pytest.mark.parametrize("cause", ["recent_exercise", "dehydration", "acute_illness"])
def test_a_repeat_first_plan_is_not_summed_up_as_tests_to_find_out_why(cause):
    # 4.2 against 2.4 after a ticked short-term cause: the steps are "repeat first, the
    # follow-up tests only if it stays up", but the summary read "They may suggest a few
    # tests to find out why it is up".
    result, guidance = read(serum=Measurement(4.2, "mg/L", 2.4), context={cause})
    assert result.situation == "short_term_first"
    assert "repeat" in guidance.summary
    assert "If it is still above the range" in guidance.summary
    assert guidance.headline == seed.LEVELS["elevated"]["headline"]
    # Without a ticked cause, the tests come at once, and the level's summary stays.
    plain = read(serum=Measurement(4.2, "mg/L", 2.4))
    assert plain[0].situation is None


def test_a_repeat_first_plan_is_explained_once():
    # "How we worked this out" gave two lines for one rule: "...this is a first rise under
    # 2 times the limit. So the repeat test comes first..." and "...nothing else you told
    # us explains the rise better, so a repeat test comes first."
    guidance = read(serum=Measurement(4.2, "mg/L", 2.4), context={"dehydration"})[1]
    repeats = [item for item in guidance.reasoning if "repeat test comes first" in item["text"]]
    assert len(repeats) == 1
    assert "othing else you told us" in repeats[0]["text"]
    mild = read(serum=Measurement(3.0, "mg/L", 2.4), context={"dehydration"})[1]
    assert any("othing else you told us" in item["text"] for item in mild.reasoning)


@pytest.mark.parametrize(
    "blood", [None, Measurement(2.0, "mg/L", 2.4)], ids=["urine only", "blood in range"]
)
def test_a_raised_urine_with_egfr_under_30_is_not_explained_by_b2m_building_up(blood):
    # The summary read "When the kidneys filter this little, B2M builds up, so that may
    # explain much of your result" when only the urine was raised: build-up is in the
    # blood, and a raised urine B2M points to the tubules (the note beside it says so).
    result, guidance = read(serum=blood, urine=Measurement(600, "ug/L", 300), egfr=25)
    assert result.situation == "low_egfr_urine"
    assert "builds up" not in guidance.summary
    assert "kidney doctor" in guidance.summary
    assert action_codes(guidance)[0] == "see_kidney_specialist"
    raised_blood = read(serum=Measurement(4.0, "mg/L", 2.4), egfr=25)[0]
    assert raised_blood.situation == "low_egfr_raised"


# --- RULES_VERSION 2026.12.19 (a clinical reviewer's open points) ----------------------


@pytest.mark.parametrize("egfr", [35, 45, 59])
@pytest.mark.parametrize("value", [3.0, 9.6])
def test_a_known_blood_cancer_with_an_egfr_of_30_to_59_is_not_put_down_to_the_kidneys(value, egfr):
    # Myeloma, 9.6 mg/L against 2.4 and eGFR 45: "When the kidneys filter less, B2M builds
    # up in the blood, and that may explain much of your result" (the general note).
    result, guidance = read(
        serum=Measurement(value, "mg/L", 2.4), egfr=egfr, context={"blood_cancer"}
    )
    text = page_text(guidance)
    assert "may explain much" not in text
    assert seed.NOTES["kidney_filtering_blood_cancer"] in guidance.notes
    assert "a blood cancer can raise B2M" in text
    assert "reads your B2M and your eGFR together" in text
    why = " ".join(item["text"] for item in guidance.reasoning)
    assert "may explain much" not in why
    assert "both the kidneys and the illness" in why


@pytest.mark.parametrize(
    ("value", "lower"), [(0.8, None), (0.5, 0.8), (2.0, None)], ids=["below", "below report", "in"]
)
def test_on_dialysis_a_blood_result_not_above_the_range_is_worth_checking_not_reassuring(
    value, lower
):
    # 0.8 mg/L on dialysis read "Your B2M result is not above the usual range", "On dialysis,
    # B2M in the blood is often high, but yours is not above the range" and "A low B2M
    # level is not a known cause for concern", in a green box. On dialysis the blood level
    # stays well above the range even after a session: check number, unit and timing.
    limit = None if lower is None else 2.4
    result, guidance = read(serum=Measurement(value, "mg/L", limit, lower), context={"dialysis"})
    assert result.situation == "dialysis_in_range"
    assert guidance.headline == "Your blood B2M result is low for someone on dialysis"
    assert guidance.caution == "Check this result"
    assert "unexpected" in guidance.summary
    assert "before or after a session" in guidance.summary
    assert "unit" in guidance.summary
    assert action_codes(guidance) == ["dialysis_team"]
    text = page_text(guidance) + " ".join(item["text"] for item in guidance.reasoning)
    assert "not a known cause for concern" not in text
    assert "below_range" not in result.notes
    # Without dialysis, a low blood B2M keeps its calm reading.
    plain = read(serum=Measurement(value, "mg/L", limit, lower))[1]
    if value < 1.21:
        assert "not a known cause for concern" in " ".join(plain.notes)
    assert plain.caution == ""


def test_the_fresh_sample_step_does_not_assume_a_repeat_is_planned():
    # "Give a fresh urine sample for your repeat test" beside a well-above urine result
    # whose steps name no other repeat.
    for value in (0.1, 0.9):
        guidance = read(urine=Measurement(value, "mg/L"), urine_ph=5.2)[1]
        step = guidance.actions[0]
        assert step["code"] == "repeat_fresh_sample"
        assert "your repeat test" not in step["text"]
        assert step["text"].startswith("Ask for a repeat test with a fresh urine sample.")


@pytest.mark.parametrize(
    "blood", [None, Measurement(3.0, "mg/L", 2.4)], ids=["urine only", "blood raised too"]
)
def test_a_blood_cancer_with_a_raised_urine_says_each_thing_once(blood):
    # The summary and the urine note both ended "...can say if your kidneys need a closer
    # look", and the kidney doctor step said it a third time ("your blood cancer team can
    # say if you need one").
    import re

    _, guidance = read(serum=blood, urine=Measurement(900, "ug/L"), context={"blood_cancer"})
    text = " ".join([guidance.summary, *guidance.notes, *(a["text"] for a in guidance.actions)])
    sentences = [x.strip() for x in re.split(r"(?<=[.?])\s+", text) if x.strip()]
    assert len(sentences) == len(set(sentences))
    assert text.count("closer look") <= 1
    assert text.count("can say if") <= 1


@pytest.mark.parametrize(
    ("blood", "urine", "headline"),
    [
        (2.0, 900, "Your urine B2M result is well above the usual range"),
        (6.0, 200, "Your blood B2M result is well above the usual range"),
        (3.0, 390, "Your blood and urine B2M results are a little above the usual range"),
        (2.0, 200, "Your blood and urine B2M results are not above the usual range"),
        (0.9, 200, "Your blood B2M result is below the usual range"),
    ],
)
def test_with_a_blood_and_a_urine_result_the_headline_says_which_set_it(blood, urine, headline):
    # Blood 2.0 mg/L in range, urine 900 µg/L: "Your B2M result is well above the usual
    # range", without saying it was the urine (the findings below name each).
    _, guidance = read(
        serum=Measurement(blood, "mg/L", None if blood < 1.21 else 2.4),
        urine=Measurement(urine, "ug/L"),
    )
    assert guidance.headline == headline
    alone = read(serum=Measurement(blood, "mg/L", None if blood < 1.21 else 2.4))[1]
    assert alone.headline.startswith("Your B2M result is ")


def test_the_headline_names_the_result_a_raise_seen_before_lifts():
    # Blood 3.0 against 2.4, raised before too, counts as "above range"; urine 0.5 mg/L
    # (1.7 times) is "above range" on its own: both set the headline.
    _, guidance = read(
        serum=Measurement(3.0, "mg/L", 2.4),
        urine=Measurement(0.5, "mg/L"),
        history=[HistoryPoint(JAN, serum=Measurement(3.0, "mg/L", 2.4))],
        test_date=datetime.date(2026, 3, 5),
    )
    assert guidance.headline == "Your blood and urine B2M results are above the usual range"
    _, back = read(
        serum=Measurement(2.0, "mg/L", 2.4),
        urine=Measurement(0.2, "mg/L"),
        history=[HistoryPoint(JAN, serum=Measurement(6.0, "mg/L", 2.4))],
        test_date=datetime.date(2026, 3, 5),
    )
    assert back.headline == "Your blood B2M result is back in the usual range"


def test_every_shipped_headline_names_its_result_or_can_be_named():
    from interpreter.presenters import HEADLINE_SUBJECT

    for fields in seed.LEVELS.values():
        assert fields["headline"].startswith(HEADLINE_SUBJECT)
    for code in rules.HEADLINE_SITUATIONS:
        headline = seed.SITUATIONS[code]["headline"]
        assert headline.startswith(HEADLINE_SUBJECT) or " blood " in headline or "urine" in headline


def test_a_rise_then_a_small_dip_is_not_called_falling_or_a_good_sign():
    # 2.0 (May), 3.8 (August), 3.4 mg/L now (limit 2.4): "It is 3.4 mg/L now, lower than
    # before" and "Your level is lower than it was the last time it was checked. That is
    # a good sign", though it is well up on the earliest result.
    result, guidance = read(
        serum=Measurement(3.4, "mg/L", 2.4),
        test_date=datetime.date(2026, 11, 1),
        history=[
            HistoryPoint(datetime.date(2026, 5, 1), serum=Measurement(2.0, "mg/L")),
            HistoryPoint(datetime.date(2026, 8, 1), serum=Measurement(3.8, "mg/L")),
        ],
    )
    text = page_text(guidance)
    assert "good sign" not in text
    assert guidance.trends[0].text == (
        "Your blood B2M was 2 mg/L on 1 May 2026, and 3.8 mg/L on 1 August 2026. "
        "It is 3.4 mg/L now, lower than last time but higher than on 1 May 2026."
    )
    assert seed.NOTES["trend_lower_than_last"] in guidance.notes
    assert guidance.trends[0].direction == "rising"
    why = " ".join(item["text"] for item in guidance.reasoning)
    assert "lower than last time, but higher than at your earliest result" in why


def test_a_fall_then_a_small_rise_says_both():
    result, guidance = read(
        serum=Measurement(3.0, "mg/L", 2.4),
        test_date=datetime.date(2026, 11, 1),
        history=[
            HistoryPoint(datetime.date(2026, 5, 1), serum=Measurement(5.0, "mg/L")),
            HistoryPoint(datetime.date(2026, 8, 1), serum=Measurement(2.6, "mg/L")),
        ],
    )
    assert guidance.trends[0].text.endswith(
        "It is 3 mg/L now, higher than last time but lower than on 1 May 2026."
    )
    assert seed.NOTES["trend_higher_than_last"] in guidance.notes
    assert seed.NOTES["trend_rising"] not in guidance.notes


def test_a_low_blood_b2m_beside_an_egfr_under_30_is_not_called_no_cause_for_concern():
    # 0.8 mg/L with eGFR 20: "A low B2M level is not a known cause for concern" beside
    # "your eGFR is under 30". Blood B2M runs high at that eGFR: worth checking.
    result, guidance = read(serum=Measurement(0.8, "mg/L"), egfr=20)
    text = page_text(guidance) + " ".join(item["text"] for item in guidance.reasoning)
    assert "not a known cause for concern" not in text
    assert seed.NOTES["below_range_low_egfr"] in guidance.notes
    assert "checking the number and unit" in text
    assert action_codes(guidance)[0] == "see_kidney_specialist"


def test_a_blood_and_a_urine_result_without_limits_get_one_note_about_ranges():
    # Two notes that differed by one word: "Labs use slightly different ranges..." twice.
    _, guidance = read(serum=Measurement(2.0, "mg/L"), urine=Measurement(200, "ug/L"))
    text = " ".join(guidance.notes)
    assert text.count("Labs use slightly different ranges.") == 1
    assert "beside your blood or urine result" in text
