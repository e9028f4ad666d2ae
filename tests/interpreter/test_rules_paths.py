"""The known-condition paths and their edges, code by code (no Django needed).

tests/interpreter/test_guidance_fits_the_person.py reads the same situations as a
patient does (with the seeded words); these pin the engine's own codes, so that
`make mutation` can run them without a database.
"""

import datetime

from interpreter.rules import HistoryPoint, Inputs, Measurement, interpret

M = Measurement
JAN, FEB, MAR = (datetime.date(2026, month, 5) for month in (1, 2, 3))


def run(context=(), history=(), **kwargs):
    return interpret(Inputs(context=frozenset(context), history=tuple(history), **kwargs))


def test_the_finding_keeps_the_value_as_typed_and_its_kind_of_unit():
    finding = run(urine=M(450, "mcg/g Cr", 300)).findings[0]
    assert finding.value == 450
    assert finding.unit == "ug/g{creat}"
    assert finding.base_unit == "ug/g{creat}"
    assert run(serum=M(2400, "ug/L")).findings[0].value == 2400


def test_the_current_trend_point_carries_the_current_limit():
    result = run(serum=M(3.0, "mg/L", 3.1), history=[HistoryPoint(JAN, M(2.0, "mg/L", 2.4))])
    first, last = result.trends[0].points
    assert first.limit_mg_l == 2.4
    assert last.limit_mg_l == 3.1


def test_a_raise_in_the_latest_earlier_result_counts_even_when_the_first_was_fine():
    result = run(
        serum=M(2.0, "mg/L"),
        history=[HistoryPoint(JAN, M(2.0, "mg/L")), HistoryPoint(FEB, M(6.0, "mg/L"))],
    )
    (trend,) = result.trends
    assert trend.previously_raised and trend.previously_clearly_raised
    assert result.situation == "back_in_range"
    raised_now = run(
        serum=M(3.0, "mg/L"),
        history=[HistoryPoint(JAN, M(2.0, "mg/L")), HistoryPoint(FEB, M(3.0, "mg/L"))],
    )
    assert raised_now.findings[0].persistent


def test_dialysis_with_only_a_urine_result_takes_the_dialysis_team_path():
    result = run(urine=M(0.5, "mg/L"), context={"dialysis"})
    assert result.situation == "dialysis_urine"  # the summary says dialysis
    assert result.actions == ("dialysis_team",)
    assert "dialysis_expected" not in result.notes


def test_known_paths_skip_the_no_symptoms_note_and_its_page():
    for context in ({"dialysis"}, {"blood_cancer"}, {"kidney_disease"}):
        result = run(serum=M(6.0, "mg/L"), context=context)
        assert "no_symptoms" not in result.notes
        assert "what-is-b2m#no-symptoms" not in result.learn_more
        assert "what-is-b2m#why-doctors-test-it" in result.learn_more
        assert "q_cause" not in result.questions
    plain = run(serum=M(6.0, "mg/L"))
    assert "what-is-b2m#no-symptoms" in plain.learn_more
    assert "what-is-b2m#why-doctors-test-it" not in plain.learn_more


def test_with_a_known_blood_cancer_a_raised_urine_still_asks_about_its_cause():
    result = run(serum=M(6.0, "mg/L"), urine=M(0.5, "mg/L"), context={"blood_cancer"})
    assert "q_cause" in result.questions
    assert "q_exposures" in result.questions
    assert "more_urine_tests" in result.actions


def test_a_first_mild_rise_explained_by_low_egfr_is_still_repeated_but_not_blamed_on_exercise():
    result = run(serum=M(3.0, "mg/L"), egfr=40, context={"recent_exercise"})
    assert "repeat_test" in result.actions
    assert "transient_causes" not in result.notes
    assert "causes-of-high-b2m#short-term-causes" not in result.learn_more


def test_low_egfr_does_not_explain_a_raised_urine_result():
    result = run(urine=M(0.35, "mg/L"), egfr=40)
    assert "transient_causes" in result.notes
    assert "causes-of-high-b2m#short-term-causes" in result.learn_more


def test_the_kidney_filtering_page_is_linked_only_with_kidney_results_or_a_kidney_path():
    assert "kidneys-and-b2m#filtering" in run(serum=M(2.0, "mg/L"), egfr=95).learn_more
    assert "kidneys-and-b2m#filtering" not in run(serum=M(2.0, "mg/L")).learn_more
    kidney_path = run(serum=M(2.0, "mg/L"), context={"kidney_disease"})
    assert "kidneys-and-b2m#filtering" in kidney_path.learn_more


def test_known_kidney_disease_asks_for_an_egfr_only_when_there_is_none():
    without = run(serum=M(4.5, "mg/L"), context={"kidney_disease"})
    assert without.actions == ("kidney_team", "metabolic_panel_egfr")
    with_egfr = run(serum=M(4.5, "mg/L"), egfr=70, context={"kidney_disease"})
    assert with_egfr.actions == ("kidney_team",)
    plain = run(serum=M(4.5, "mg/L"))
    assert "q_kidney_function" in plain.questions
    assert "kidney_team" not in plain.actions


def test_known_kidney_disease_does_not_ask_about_exposures_for_a_raised_urine():
    result = run(urine=M(0.5, "mg/L"), context={"kidney_disease"})
    assert "tubular_known_kidney" in result.notes  # without the list of other causes
    assert "q_exposures" not in result.questions
    assert not {"urine_tests", "more_urine_tests"} & set(result.actions)


def test_dialysis_links_the_page_on_high_blood_levels():
    result = run(serum=M(30.0, "mg/L"), context={"dialysis"})
    assert "kidneys-and-b2m#high-blood-level" in result.learn_more
    assert "kidneys-and-b2m#filtering" not in result.learn_more


def test_blood_cancer_iss_marks_at_their_edges():
    assert "iss_marks" not in run(serum=M(3.49, "mg/L"), context={"blood_cancer"}).notes
    at = run(serum=M(3.5, "mg/L"), context={"blood_cancer"})
    assert "iss_marks" in at.notes
    assert "blood_cancer_iss_3.5_mg_l" in at.rules_fired
    assert (
        "blood_cancer_iss_5.5_mg_l"
        in run(serum=M(5.5, "mg/L"), context={"blood_cancer"}).rules_fired
    )
    in_nmol = run(serum=M(296.61, "nmol/L"), context={"blood_cancer"})  # 3.5 mg/L printed
    assert "blood_cancer_iss_3.5_mg_l" in in_nmol.rules_fired


def test_each_context_links_its_own_page_when_nothing_else_does():
    # eGFR under 60: the "other causes" page is not linked for the kidneys' sake.
    autoimmune = run(serum=M(3.0, "mg/L"), egfr=40, context={"autoimmune"})
    assert "causes-of-high-b2m#other-causes" in autoimmune.learn_more
    assert "causes-of-high-b2m#other-causes" not in run(serum=M(3.0, "mg/L"), egfr=40).learn_more
    # Without a raised urine, only the exposure links the tubule page.
    metals = run(serum=M(3.0, "mg/L"), egfr=40, context={"heavy_metals"})
    assert "causes-of-high-b2m#kidney-tubule-conditions" in metals.learn_more
    assert (
        "causes-of-high-b2m#kidney-tubule-conditions"
        not in run(serum=M(3.0, "mg/L"), egfr=40).learn_more
    )


def test_known_kidney_disease_with_an_egfr_under_30_gets_one_kidney_step_not_two():
    # Before RULES_VERSION 2026.12.15: "see a kidney doctor" and "share with your kidney
    # team" side by side, two steps about the same team.
    for kwargs in (
        {"serum": M(2.3, "mg/L", 2.4)},
        {"serum": M(6.0, "mg/L", 2.4)},
        {"urine": M(700, "ug/L", 300)},
    ):
        result = run(egfr=25, context={"kidney_disease"}, **kwargs)
        assert result.actions == ("kidney_team_specialist",), kwargs
        assert "egfr_below_30_kidney_specialist" in result.rules_fired
    with_myeloma = run(
        serum=M(6.0, "mg/L", 2.4), egfr=25, context={"kidney_disease", "blood_cancer"}
    )
    assert with_myeloma.actions == ("hematology_team", "kidney_team_specialist")


def test_the_single_kidney_step_needs_both_known_kidney_disease_and_an_egfr_under_30():
    assert run(serum=M(2.3, "mg/L", 2.4), egfr=30, context={"kidney_disease"}).actions == (
        "kidney_team",
    )
    assert run(serum=M(2.3, "mg/L", 2.4), egfr=29).actions[0] == "see_kidney_specialist"


def test_only_a_urine_result_from_an_acidic_sample_may_read_low():
    result = run(serum=M(2.0, "mg/L"), urine=M(150, "ug/L", 300), urine_ph=5.5)
    serum_finding, urine_finding = result.findings
    assert urine_finding.may_read_low and not serum_finding.may_read_low
    assert not run(urine=M(150, "ug/L", 300), urine_ph=6.0).findings[0].may_read_low
    assert not run(urine=M(150, "ug/L", 300)).findings[0].may_read_low
    assert run(urine=M(700, "ug/L", 300), urine_ph=5.9).findings[0].may_read_low


def test_on_dialysis_a_low_egfr_never_adds_see_a_kidney_doctor():
    # Before RULES_VERSION 2026.12.15, dialysis with only a urine result and an eGFR under
    # 30 got "see a kidney doctor, ask for a referral" beside the dialysis team that
    # already is one; a blood result on dialysis never did.
    for kwargs in ({"urine": M(5000, "ug/L", 300)}, {"serum": M(25, "mg/L", 2.4)}):
        for context in ({"dialysis"}, {"dialysis", "kidney_disease"}):
            result = run(egfr=10, context=context, **kwargs)
            assert result.actions == ("dialysis_team",), (kwargs, context)
            assert "egfr_below_30_kidney_specialist" not in result.rules_fired
    urine_only = run(urine=M(5000, "ug/L", 300), egfr=10, context={"dialysis"})
    assert urine_only.situation == "dialysis_urine"
    assert "dialysis_urine_team" in urine_only.rules_fired
