"""The interpretation engine, rule by rule and boundary by boundary (no Django needed)."""

import datetime
import doctest

import pytest

from interpreter.rules import (
    ACTION_CODES,
    CONTEXT_CODES,
    LEARN_MORE_KEYS,
    LEVELS,
    NOTE_CODES,
    QUESTION_CODES,
    RANKS,
    RULES_VERSION,
    SITUATIONS,
    TYPICAL_UPPER_LIMITS,
    Creatinine,
    HistoryPoint,
    Inputs,
    Measurement,
    band_for_ratio,
    interpret,
)
from interpreter.units import UnknownUnitError, from_mg_per_l

FOLLOW_UP = ("metabolic_panel_egfr", "urine_tests", "kidney_imaging", "specialized_bloodwork")
# With a urine B2M result in hand, the urine tests still to ask about are the other two.
FOLLOW_UP_AFTER_URINE = tuple(
    "more_urine_tests" if code == "urine_tests" else code for code in FOLLOW_UP
)
JAN = datetime.date(2026, 1, 5)
FEB = datetime.date(2026, 2, 5)
MAR = datetime.date(2026, 3, 5)


def serum(value, unit="mg/L", limit=None, lower=None):
    return Measurement(value, unit, limit, lower)


urine = serum


def run(**kwargs):
    if "context" in kwargs:
        kwargs["context"] = frozenset(kwargs["context"])
    if "history" in kwargs:
        kwargs["history"] = tuple(kwargs["history"])
    return interpret(Inputs(**kwargs))


def before(date=JAN, **measurements):
    return HistoryPoint(date, **measurements)


# --- exported vocabulary ----------------------------------------------------------


def test_levels_are_ordered_with_ranks():
    assert LEVELS == ("within_range", "mildly_elevated", "elevated", "markedly_elevated")
    assert RANKS == {"within_range": 0, "mildly_elevated": 1, "elevated": 2, "markedly_elevated": 3}


def test_action_codes_are_ordered_by_importance():
    assert ACTION_CODES == (
        "repeat_fresh_sample",
        "see_kidney_specialist",
        "dialysis_team",
        "hematology_team",
        "hematology_team_urine",
        "kidney_team",
        "kidney_team_specialist",
        "discuss_earlier_result",
        "talk_to_provider",
        "repeat_test",
        "repeat_test_blood",
        "repeat_test_urine",
        "tests_if_still_raised",
        "metabolic_panel_egfr",
        "urine_tests",
        "more_urine_tests",
        "kidney_imaging",
        "specialized_bloodwork",
        "specialist_referral",
        "kidney_specialist_referral",
    )


def test_context_codes():
    assert CONTEXT_CODES == (
        "recent_exercise",
        "dehydration",
        "acute_illness",
        "kidney_disease",
        "dialysis",
        "blood_cancer",
        "autoimmune",
        "chronic_infection",
        "kidney_medication",
        "heavy_metals",
    )


def test_typical_upper_limits_are_mayo_adult_limits_in_mg_per_l():
    assert TYPICAL_UPPER_LIMITS == {"serum": 2.7, "urine": 0.3}


def test_result_carries_the_rules_version():
    assert RULES_VERSION == "2026.12.21"
    assert run(serum=serum(2.0)).rules_version == "2026.12.21"


# --- bands ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        (0.0, "within_range"),
        (1.0, "within_range"),
        (1.0001, "within_range"),  # within the tolerance of the cut-off
        (1.0002, "mildly_elevated"),
        (1.5, "mildly_elevated"),
        (1.5002, "elevated"),
        (1.9997, "elevated"),
        (1.9999, "markedly_elevated"),
        (2.0, "markedly_elevated"),
        (40.0, "markedly_elevated"),
    ],
)
def test_band_for_ratio_at_each_cut_off(ratio, band):
    assert band_for_ratio(ratio) == band


@pytest.mark.parametrize(
    ("micrograms_per_l", "level"),
    [
        (300, "within_range"),  # exactly the typical limit
        (301, "mildly_elevated"),
        (450, "mildly_elevated"),  # 1.5x
        (451, "elevated"),
        (599, "elevated"),
        (600, "markedly_elevated"),  # 2x
    ],
)
def test_urine_level_at_each_boundary_of_the_typical_limit(micrograms_per_l, level):
    assert run(urine=urine(micrograms_per_l, "ug/L")).level == level


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (1.6, "within_range"),
        (1.61, "mildly_elevated"),
        (2.4, "mildly_elevated"),  # 1.5x
        (2.41, "elevated"),
        (3.19, "elevated"),
        (3.2, "markedly_elevated"),  # 2x
    ],
)
def test_serum_level_at_each_boundary_of_a_reported_limit(value, level):
    assert run(serum=serum(value, limit=1.6)).level == level


@pytest.mark.parametrize(
    ("value", "limit", "level"),
    [
        (3.49, 3.0, "mildly_elevated"),
        (3.5, 3.0, "mildly_elevated"),
        (3.5, 4.0, "within_range"),  # the lab's own range decides, not the ISS marks
        (5.5, 3.0, "elevated"),
        (5.5, 6.0, "within_range"),
        (6.0, 3.0, "markedly_elevated"),
    ],
)
def test_the_reports_range_alone_sets_the_level_never_the_iss_marks(value, limit, level):
    result = run(serum=serum(value, limit=limit))
    assert result.level == level
    assert not any("iss" in rule for rule in result.rules_fired)
    assert "iss_marks" not in result.notes


def test_iss_marks_do_not_apply_to_urine():
    assert run(urine=urine(6.0, limit=10.0)).level == "within_range"


def test_the_reports_own_limit_wins_over_the_typical_limit():
    with_report = run(serum=serum(3.0, limit=3.1))
    assert with_report.level == "within_range"
    assert with_report.findings[0].limit_source == "report"
    assert "typical_limit_serum" not in with_report.notes
    without = run(serum=serum(3.0))
    assert without.level == "mildly_elevated"
    assert without.findings[0].limit_source == "typical"
    assert "typical_limit_serum" in without.notes
    assert "typical_limit_serum" in without.rules_fired


def test_typical_limit_note_names_the_analyte():
    result = run(serum=serum(2.0, limit=2.5), urine=urine(0.1))
    assert result.notes == ("typical_limit_urine",)
    assert "typical_limit_urine" in result.rules_fired
    assert "report_limit_serum" in result.rules_fired


def test_finding_gives_the_typical_limit_in_the_values_own_unit():
    finding = run(serum=serum(2000, "µg/L")).findings[0]
    assert finding.unit == "ug/L"
    assert finding.value_mg_l == pytest.approx(2.0)
    assert finding.limit == pytest.approx(2700)
    assert finding.limit_mg_l == 2.7
    assert finding.ratio == pytest.approx(0.7407)
    assert finding.band == "within_range"


@pytest.mark.parametrize(
    ("analyte", "value", "limit", "level"),
    [
        # the project's example amounts, as a lab prints them in each unit
        ("serum", (2.4, "mg/L"), (1.6, "mg/L"), "mildly_elevated"),  # 1.5x exactly
        ("serum", (2400, "ug/L"), (1600, "ug/L"), "mildly_elevated"),
        ("serum", (2.4, "ug/mL"), (1.6, "ug/mL"), "mildly_elevated"),
        ("serum", (203.39, "nmol/L"), (135.59, "nmol/L"), "mildly_elevated"),
        ("serum", (2.4, "mg/L"), None, "within_range"),
        ("serum", (203.39, "nmol/L"), None, "within_range"),
        ("serum", (228.81, "nmol/L"), None, "within_range"),  # 2.7 mg/L
        ("urine", (0.6, "mg/L"), None, "markedly_elevated"),  # 2x exactly
        ("urine", (600, "mcg/L"), None, "markedly_elevated"),
        ("urine", (0.6, "ug/mL"), None, "markedly_elevated"),
        ("urine", (50.85, "nmol/L"), None, "markedly_elevated"),
    ],
)
def test_equal_amounts_in_different_units_land_on_the_same_side(analyte, value, limit, level):
    measurement = Measurement(*value, upper_limit=limit[0] if limit else None)
    assert run(**{analyte: measurement}).level == level


def test_overall_level_is_the_higher_of_serum_and_urine():
    result = run(serum=serum(2.0), urine=urine(0.7))
    assert [f.band for f in result.findings] == ["within_range", "markedly_elevated"]
    assert result.level == "markedly_elevated"
    assert result.rank == 3


# --- what each level asks of the patient --------------------------------------------


def test_within_range_reassures_and_demands_no_follow_up_tests():
    result = run(serum=serum(2.0), urine=urine(0.2))
    assert result.level == "within_range"
    assert result.actions == ("talk_to_provider",)
    assert result.questions == ("q_routine",)
    assert "no_symptoms" not in result.notes
    assert "what-is-b2m#why-doctors-test-it" in result.learn_more


def test_single_mild_rise_asks_for_a_repeat_test_first():
    result = run(serum=serum(3.0))
    assert result.level == "mildly_elevated"
    assert result.actions == ("talk_to_provider", "repeat_test")
    assert "transient_causes" in result.notes
    assert "q_repeat_timing" in result.questions
    assert "causes-of-high-b2m#short-term-causes" in result.learn_more
    assert "single_mild_rise_repeat_first" in result.rules_fired


@pytest.mark.parametrize("context", ["recent_exercise", "dehydration", "acute_illness"])
def test_single_mild_rise_after_a_short_term_cause_is_likely_to_pass(context):
    result = run(serum=serum(3.0), context={context})
    assert result.level == "mildly_elevated"
    assert result.actions == ("talk_to_provider", "repeat_test")
    assert "transient_causes" in result.notes
    assert f"transient_context_{context}" in result.rules_fired


def test_first_elevated_rise_gets_the_follow_up_list_and_a_confirming_repeat():
    result = run(serum=serum(4.0, limit=2.4))
    assert result.level == "elevated"
    assert result.actions == ("talk_to_provider", "repeat_test", *FOLLOW_UP)
    assert "q_which_tests" in result.questions
    assert "first_raise_confirm_with_repeat" in result.rules_fired


@pytest.mark.parametrize("cause", ["recent_exercise", "dehydration", "acute_illness"])
def test_a_ticked_short_term_cause_puts_the_repeat_before_the_tests(cause):
    # 4.0 against 2.4 is 1.67 times: above range, a first raise, nothing else told.
    result = run(serum=serum(4.0, limit=2.4), context={cause})
    assert result.level == "elevated"
    assert result.actions == ("talk_to_provider", "repeat_test", "tests_if_still_raised")
    assert "q_which_tests" in result.questions
    assert "short_term_cause_repeat_before_tests" in result.rules_fired
    assert result.situation == "short_term_first"  # its summary: repeat first, then tests
    assert run(serum=serum(4.0, limit=2.4)).situation is None
    assert run(serum=serum(4.8, limit=2.4), context={cause}).situation is None  # 2 times
    assert "follow_up_list" not in result.rules_fired
    # "Read more" still leads to when to act and which tests come next.
    assert {"understanding-your-result#when-to-act", "next-steps#follow-up-tests"} <= set(
        result.learn_more
    )


@pytest.mark.parametrize(
    "why",
    [
        # Raised before too: not a one-off, so the tests now.
        dict(history=[before(serum=serum(3.0, limit=2.4))]),
        # Less kidney filtering explains it better than the exercise.
        dict(egfr=50),
        # A known condition explains it better.
        dict(more={"autoimmune"}),
    ],
)
def test_the_tests_come_at_once_when_more_than_a_short_term_cause_is_in_play(why):
    why = dict(why)  # the parameter is shared between runs: never change it
    context = {"recent_exercise", *why.pop("more", ())}
    result = run(serum=serum(4.0, limit=2.4), context=context, test_date=FEB, **why)
    assert "tests_if_still_raised" not in result.actions
    assert "short_term_cause_repeat_before_tests" not in result.rules_fired
    assert "follow_up_list" in result.rules_fired


def test_a_short_term_cause_does_not_hold_back_the_tests_from_2_times_the_limit():
    # 4.8 against 2.4 is exactly 2 times: well above range, the tests at once.
    result = run(serum=serum(4.8, limit=2.4), context={"recent_exercise"})
    assert result.level == "markedly_elevated"
    assert "tests_if_still_raised" not in result.actions
    assert set(FOLLOW_UP) <= set(result.actions)
    # Just under 2 times it is still a repeat first.
    result = run(serum=serum(4.79, limit=2.4), context={"recent_exercise"})
    assert result.actions[1:3] == ("repeat_test", "tests_if_still_raised")


def test_markedly_raised_is_a_clear_call_to_action():
    result = run(urine=urine(0.9))
    assert result.level == "markedly_elevated"
    assert result.actions == ("talk_to_provider", *FOLLOW_UP_AFTER_URINE, "specialist_referral")
    assert {"q_which_tests", "q_specialist"} <= set(result.questions)
    assert "understanding-your-result#when-to-act" in result.learn_more
    assert "markedly_elevated_referral" in result.rules_fired


def test_a_short_term_cause_does_not_hold_back_a_first_marked_rise():
    # Source article: these causes bring a small rise that passes; a marked one needs the
    # follow-up tests, so the tick is said back without a "repeat first".
    result = run(urine=urine(0.9), context={"dehydration"})
    assert result.level == "markedly_elevated"
    assert "repeat_test" not in result.actions
    assert {"urine_tests", "kidney_imaging"} & set(result.actions) or "more_urine_tests" in (
        result.actions
    )
    assert "transient_causes" not in result.notes
    assert "said_dehydration_not_enough" in result.notes
    assert "transient_too_high_dehydration" in result.rules_fired


def test_a_short_term_cause_is_not_the_reason_when_one_result_was_raised_before():
    # The blood was raised before too; the urine rise is new. Exercise explains neither
    # the lasting blood rise nor, on its own, the page: no "That alone can raise B2M".
    result = run(
        serum=serum(3.2), urine=urine(0.5), history=[before(serum=serum(3.2))],
        context={"recent_exercise"},
    )  # fmt: skip
    assert "said_exercise_not_enough" in result.notes
    assert not {"said_exercise", "transient_causes"} & set(result.notes)
    assert "repeat_test" not in result.actions
    assert "transient_raised_before_recent_exercise" in result.rules_fired


@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": serum(6.0, limit=2.4), "egfr": 20},
        {"serum": serum(4.5, limit=2.4), "egfr": 25},
        {"urine": urine(0.9), "egfr": 20, "context": {"blood_cancer"}},
        {"urine": urine(0.9), "egfr": 20},
    ],
)
def test_an_egfr_under_30_is_the_only_specialist_step(inputs):
    result = run(**inputs)
    assert result.actions[0] == "see_kidney_specialist"
    assert not {"specialist_referral", "kidney_specialist_referral"} & set(result.actions)
    assert not {"q_specialist", "q_kidney_specialist"} & set(result.questions)
    # Without the low eGFR, the same result asks about a specialist.
    inputs = {**inputs, "egfr": 45}
    assert {"specialist_referral", "kidney_specialist_referral"} & set(run(**inputs).actions)


@pytest.mark.parametrize("cause", ["recent_exercise", "dehydration", "acute_illness"])
def test_a_short_term_cause_is_not_the_reason_for_a_rise_seen_before(cause):
    result = run(serum=serum(3.0), history=[before(serum=serum(3.0))], context={cause})
    note = {"recent_exercise": "said_exercise", "dehydration": "said_dehydration",
            "acute_illness": "said_fever"}[cause]  # fmt: skip
    assert f"{note}_not_enough" in result.notes
    assert f"{note}_less_likely" not in result.notes
    assert f"transient_raised_before_{cause}" in result.rules_fired


def test_raised_results_say_there_are_no_symptoms_and_not_to_panic():
    result = run(serum=serum(3.0))
    assert "no_symptoms" in result.notes
    assert "understanding-your-result#dont-panic" in result.learn_more
    assert "q_cause" in result.questions


@pytest.mark.parametrize("value", [2.0, 3.0, 4.5, 9.0])
def test_actions_follow_the_order_of_action_codes_without_duplicates(value):
    result = run(serum=serum(value), urine=urine(value / 10), urine_ph=5.0, egfr=40)
    assert list(result.actions) == sorted(set(result.actions), key=ACTION_CODES.index)


# --- history --------------------------------------------------------------------------


def test_persistent_mild_rise_is_at_least_elevated_with_the_follow_up_list():
    result = run(serum=serum(3.0), history=[before(serum=serum(3.1))])
    assert result.level == "elevated"
    assert result.findings[0].band == "mildly_elevated"
    assert result.findings[0].persistent
    assert result.actions == ("talk_to_provider", *FOLLOW_UP)
    assert "persistent" in result.notes
    assert "persistent_serum" in result.rules_fired


def test_a_persistent_rise_ranks_above_a_single_mild_rise():
    single = run(serum=serum(3.0))
    persistent = run(serum=serum(3.0), history=[before(serum=serum(3.0))])
    assert persistent.rank > single.rank


def test_a_short_term_cause_does_not_explain_a_persistent_rise():
    result = run(serum=serum(3.0), history=[before(serum=serum(3.0))], context={"recent_exercise"})
    assert "transient_causes" not in result.notes
    assert "repeat_test" not in result.actions


def test_a_persistent_marked_rise_stays_markedly_elevated():
    assert run(urine=urine(0.9), history=[before(urine=urine(0.5))]).level == "markedly_elevated"


def test_earlier_result_within_range_is_not_persistence():
    result = run(serum=serum(3.0), history=[before(serum=serum(2.0))])
    assert result.level == "mildly_elevated"
    assert "persistent" not in result.notes


def test_raised_earlier_result_now_back_in_range_is_good_news():
    result = run(serum=serum(2.0), history=[before(serum=serum(4.0))])
    assert result.level == "within_range"
    assert "back_in_range" in result.notes
    assert result.actions == ("talk_to_provider",)
    assert "back_in_range_serum" in result.rules_fired


def test_history_of_the_other_analyte_does_not_count_as_persistence():
    result = run(serum=serum(3.0), history=[before(urine=urine(0.9))])
    assert result.level == "mildly_elevated"
    assert result.trends == ()


def test_history_without_a_limit_uses_the_current_reports_limit():
    # 3.05 is above the typical 2.7 but below this report's 3.1.
    result = run(serum=serum(3.2, limit=3.1), history=[before(serum=serum(3.05))])
    assert result.level == "mildly_elevated"
    assert result.trends[0].points[0].limit_mg_l == 3.1
    assert not result.trends[0].previously_raised


def test_history_with_its_own_limit_uses_it():
    result = run(serum=serum(3.2, limit=3.1), history=[before(serum=serum(3.05, limit=3.0))])
    assert result.level == "elevated"
    assert result.trends[0].previously_raised


def test_history_without_a_limit_uses_the_typical_limit_when_the_report_has_none():
    result = run(serum=serum(3.0), history=[before(serum=serum(2800, "ug/L"))])
    assert result.trends[0].points[0].limit_mg_l == 2.7
    assert result.level == "elevated"


def test_trend_lists_points_oldest_first_with_the_current_result_last():
    result = run(
        serum=serum(3.0),
        test_date=MAR,
        history=[before(FEB, serum=serum(2.5)), before(JAN, serum=serum(2.0))],
    )
    (trend,) = result.trends
    assert trend.analyte == "serum"
    assert [p.date for p in trend.points] == [JAN, FEB, MAR]
    assert [p.value_mg_l for p in trend.points] == [2.0, 2.5, 3.0]
    assert [p.above_limit for p in trend.points] == [False, False, True]


def test_trend_points_keep_each_value_and_unit_as_given():
    # The page says earlier results back as typed ("3.0 mg/L", "254 nmol/L" converted
    # only for showing); the sums use value_mg_l.
    result = run(
        serum=serum(300, "nmol/L"),
        test_date=MAR,
        history=[before(FEB, serum=serum(2700, "ug/L")), before(JAN, serum=serum(3.0))],
    )
    (trend,) = result.trends
    assert [(p.value, p.unit) for p in trend.points] == [
        (3.0, "mg/L"),
        (2700, "ug/L"),
        (300, "nmol/L"),
    ]


def test_current_trend_point_has_no_date_without_a_test_date():
    result = run(serum=serum(3.0), history=[before(serum=serum(2.0))])
    assert result.trends[0].points[-1].date is None


@pytest.mark.parametrize(
    ("earlier", "now", "direction"),
    [
        (1.0, 1.1, "rising"),  # exactly 0.1x the limit
        (1.0, 1.09, "steady"),
        (1.0, 1.0, "steady"),
        (1.0, 0.91, "steady"),
        (1.0, 0.9, "falling"),
    ],
)
def test_trend_direction_compares_the_last_two_results(earlier, now, direction):
    result = run(urine=urine(now, limit=1.0), history=[before(urine=urine(earlier))])
    assert result.trends[0].direction == direction


def test_rising_and_falling_are_noted_only_for_raised_results():
    rising = run(serum=serum(3.4), history=[before(serum=serum(2.5))])
    assert "trend_rising" in rising.notes
    falling = run(serum=serum(3.0), history=[before(JAN, serum=serum(4.0))])
    assert "trend_falling" in falling.notes
    back = run(serum=serum(2.0), history=[before(serum=serum(4.0))])
    assert "trend_falling" not in back.notes


def test_history_of_a_raised_result_suggests_comparing_with_earlier_ones():
    assert (
        "q_compare_earlier" in run(serum=serum(3.0), history=[before(serum=serum(2.0))]).questions
    )


# --- kidneys ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("egfr", "note"),
    [
        (30, "kidney_filtering"),
        (59, "kidney_filtering"),
        (59.49, "kidney_filtering"),
        (59.5, "non_kidney_causes"),  # a lab prints 60
        (60, "non_kidney_causes"),
        (95, "non_kidney_causes"),
    ],
)
def test_raised_serum_is_read_against_egfr_60(egfr, note):
    result = run(serum=serum(4.5), egfr=egfr)
    assert note in result.notes
    assert {"kidney_filtering", "non_kidney_causes"} - {note} & set(result.notes) == set()
    assert "non_kidney_causes_if_still_raised" not in result.notes


@pytest.mark.parametrize(
    ("inputs", "repeat_first"),
    [
        ({"serum": serum(3.0)}, True),  # a first small rise
        ({"serum": serum(4.5), "context": {"recent_exercise"}}, True),  # a ticked cause
        ({"serum": serum(4.5)}, False),
        ({"serum": serum(3.0), "history": [before(serum=serum(3.0))]}, False),
        ({"serum": serum(6.0)}, False),
    ],
)
def test_other_causes_come_in_only_if_a_repeat_is_still_raised_when_it_comes_first(
    inputs, repeat_first
):
    # Today a first small rise reads "repeat first" beside "So other causes are worth
    # checking": the eGFR note now waits for the repeat when the repeat comes first.
    result = run(egfr=77, **inputs)
    plain, waits = "non_kidney_causes", "non_kidney_causes_if_still_raised"
    assert (waits if repeat_first else plain) in result.notes
    assert (plain if repeat_first else waits) not in result.notes


def test_raised_serum_with_low_egfr_points_to_kidney_filtering():
    result = run(serum=serum(3.0), egfr=45)
    assert result.kidney.category == "G3a"
    assert result.kidney.source == "reported"
    assert "metabolic_panel_egfr" in result.actions
    assert "specialist_referral" not in result.actions  # a first mild rise: repeat first
    assert "kidneys-and-b2m#high-blood-level" in result.learn_more
    assert "serum_raised_egfr_below_60" in result.rules_fired


@pytest.mark.parametrize(
    ("value", "egfr", "note"),
    [
        (4.7, 45, "kidney_filtering"),  # under 2 times 2.4: less filtering may explain much
        (4.8, 45, "kidney_filtering_partial"),  # 2 times: only some of it
        (9.6, 50, "kidney_filtering_partial"),
        (9.6, 30, "kidney_filtering_partial"),
        (9.6, 29, "kidney_filtering"),  # G4: a kidney doctor first, and much can be filtering
        (9.6, 60, "non_kidney_causes"),
    ],
)
def test_a_blood_b2m_well_above_range_with_egfr_30_to_59_is_not_put_down_to_the_kidneys(
    value, egfr, note
):
    # eGFR 50 with 9.6 mg/L (4 times 2.4) read "that may explain much of your result":
    # a blood B2M 2 times its limit or more with an eGFR of 30 to 59 is the picture
    # that calls for a look at other causes (the work-up and a specialist already do).
    result = run(serum=serum(value, limit=2.4), egfr=egfr)
    assert note in result.notes
    others = {"kidney_filtering", "kidney_filtering_partial", "non_kidney_causes"} - {note}
    assert not others & set(result.notes)
    partial = note == "kidney_filtering_partial"
    assert ("serum_well_above_egfr_30_to_59" in result.rules_fired) is partial
    assert ("serum_raised_egfr_below_60" in result.rules_fired) is (note == "kidney_filtering")


def test_known_kidney_disease_keeps_the_plain_kidney_filtering_note():
    # Known kidney disease: the team reads the B2M with the eGFR; the result does not
    # drive a look for other causes.
    result = run(serum=serum(9.6, limit=2.4), egfr=50, context={"kidney_disease"})
    assert "kidney_filtering" in result.notes
    assert "kidney_filtering_partial" not in result.notes


@pytest.mark.parametrize("value", [3.0, 4.5, 9.6])
@pytest.mark.parametrize("egfr", [20, 35, 45, 59])
@pytest.mark.parametrize("other", [set(), {"kidney_disease"}])
def test_a_known_blood_cancer_reads_a_low_egfr_in_its_own_frame(value, egfr, other):
    # Before (2026.12.18): the general "less filtering ... may explain much of your
    # result", as if the kidneys alone explained a marker the illness raises too.
    result = run(serum=serum(value, limit=2.4), egfr=egfr, context={"blood_cancer", *other})
    assert "kidney_filtering_blood_cancer" in result.notes
    assert not {"kidney_filtering", "kidney_filtering_partial"} & set(result.notes)
    assert "serum_raised_egfr_below_60_blood_cancer" in result.rules_fired
    assert "serum_raised_egfr_below_60" not in result.rules_fired
    assert "hematology_team" in result.actions


def test_a_known_blood_cancer_with_an_egfr_of_60_or_more_gets_no_kidney_filtering_note():
    result = run(serum=serum(9.6, limit=2.4), egfr=60, context={"blood_cancer"})
    assert not {n for n in result.notes if n.startswith("kidney_filtering")}


def test_elevated_serum_with_low_egfr_adds_a_kidney_doctor():
    result = run(serum=serum(4.5), egfr=45)
    assert result.level == "elevated"
    assert "specialist_referral" in result.actions


def test_raised_serum_with_normal_egfr_points_to_other_causes():
    result = run(serum=serum(4.5), egfr=95)
    assert "non_kidney_causes" in result.notes
    assert "specialized_bloodwork" in result.actions
    assert "causes-of-high-b2m#other-causes" in result.learn_more


def test_raised_serum_without_kidney_results_asks_about_kidney_function():
    result = run(serum=serum(3.0))
    assert result.kidney is None
    assert "q_kidney_function" in result.questions


def test_serum_within_range_gets_no_kidney_note_even_with_low_egfr():
    result = run(serum=serum(2.0), egfr=40)
    assert not {"kidney_filtering", "non_kidney_causes"} & set(result.notes)


def test_egfr_is_calculated_from_creatinine_when_not_reported():
    result = run(serum=serum(3.0), creatinine=Creatinine(1.2, "mg/dL", 55, "male"))
    kidney = result.kidney
    assert kidney.source == "calculated"
    assert kidney.egfr == pytest.approx(71, abs=0.5)
    assert kidney.egfr_whole == 71
    assert kidney.category == "G2"
    assert kidney.category_label == "G2: mildly decreased"
    assert "egfr_estimated" in result.notes
    assert "non_kidney_causes_if_still_raised" in result.notes  # a first small rise


def test_creatinine_in_micromoles_gives_the_same_egfr():
    mg = run(serum=serum(3.0), creatinine=Creatinine(1.2, "mg/dL", 55, "male"))
    umol = run(serum=serum(3.0), creatinine=Creatinine(1.2 * 88.42, "µmol/L", 55, "male"))
    assert umol.kidney.egfr == pytest.approx(mg.kidney.egfr)


def test_a_reported_egfr_wins_over_creatinine():
    result = run(serum=serum(3.0), egfr=50, creatinine=Creatinine(0.7, "mg/dL", 30, "female"))
    assert result.kidney.source == "reported"
    assert result.kidney.egfr == 50
    assert "egfr_estimated" not in result.notes


def test_creatinine_for_a_child_is_rejected():
    with pytest.raises(ValueError, match="18"):
        run(serum=serum(3.0), creatinine=Creatinine(0.5, "mg/dL", 12, "female"))


# --- urine -----------------------------------------------------------------------


def test_raised_urine_points_to_the_kidney_tubules():
    result = run(urine=urine(0.5))
    assert "tubular" in result.notes
    # A urine B2M is not suggested again beside the result that is one.
    assert "more_urine_tests" in result.actions and "urine_tests" not in result.actions
    assert "urine_b2m_already_done" in result.rules_fired
    assert "specialized_bloodwork" in result.actions
    assert "q_exposures" in result.questions
    assert {
        "kidneys-and-b2m#high-urine-level",
        "causes-of-high-b2m#kidney-tubule-conditions",
    } <= set(result.learn_more)
    assert "urine_raised_tubular" in result.rules_fired


@pytest.mark.parametrize(
    ("ph", "acidic"),
    [(4.5, True), (5.99, True), (5.9995, False), (6.0, False), (7.5, False), (None, False)],
)
def test_acidic_urine_may_read_falsely_low_and_needs_a_fresh_sample(ph, acidic):
    result = run(urine=urine(0.1), urine_ph=ph)
    assert result.level == "within_range"
    assert ("acidic_urine" in result.notes) is acidic
    assert ("repeat_fresh_sample" in result.actions) is acidic
    assert ("q_repeat_timing" in result.questions) is acidic
    assert ("q_routine" in result.questions) is not acidic
    assert (result.situation == "acidic_urine") is acidic


def test_urine_ph_without_a_urine_result_is_ignored():
    result = run(serum=serum(2.0), urine_ph=5.0)
    assert "acidic_urine" not in result.notes
    assert result.actions == ("talk_to_provider",)


# --- contexts -------------------------------------------------------------------


@pytest.mark.parametrize("context", CONTEXT_CODES)
@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": serum(2.0)},
        {"serum": serum(3.0)},
        {"serum": serum(4.5), "egfr": 40},
        {"serum": serum(30.0)},
        {"urine": urine(0.4)},
        {"urine": urine(0.9), "urine_ph": 5.0},
        {"serum": serum(3.0), "history": [before(serum=serum(3.0))]},
    ],
)
def test_contexts_never_change_the_level_the_numbers_give(context, inputs):
    assert run(**inputs, context={context}).level == run(**inputs).level


def test_on_dialysis_a_high_serum_level_is_expected_and_monitored():
    result = run(serum=serum(30.0), egfr=8, context={"dialysis"})
    assert result.level == "markedly_elevated"
    assert result.actions == ("dialysis_team",)
    assert result.situation == "dialysis"
    assert "dialysis_expected" in result.notes
    assert "no_symptoms" not in result.notes
    assert "kidney_filtering" not in result.notes
    assert {"q_dialysis_target", "q_amyloid"} <= set(result.questions)
    assert "q_cause" not in result.questions
    assert "dialysis_serum_monitoring" in result.rules_fired


@pytest.mark.parametrize(
    ("context", "extra"),
    [
        ({"dialysis"}, {"serum": serum(30.0)}),
        ({"dialysis"}, {}),
        ({"kidney_disease"}, {"serum": serum(4.5), "egfr": 40}),
        ({"kidney_disease"}, {}),
    ],
)
def test_a_raised_urine_result_with_a_known_kidney_condition_drives_no_work_up(context, extra):
    # On dialysis (or with known kidney disease) failing kidneys explain a raised urine
    # B2M and the kidney or dialysis team already follows it (KDIGO 2024): no metabolic
    # panel "with your eGFR", imaging, Wilson's disease bloodwork or specialist to ask for.
    result = run(urine=urine(0.9), context=context, **extra)
    assert result.level == "markedly_elevated"
    assert not set(result.actions) & {
        *FOLLOW_UP_AFTER_URINE,
        "specialist_referral",
        "repeat_test",
        "talk_to_provider",
    }
    assert not {"q_cause", "q_exposures", "q_which_tests", "q_specialist"} & set(result.questions)
    assert "tubular_known_kidney" in result.notes
    assert "tubular" not in result.notes  # its list of other causes does not apply
    assert "kidneys-and-b2m#high-urine-level" in result.learn_more
    assert "causes-of-high-b2m#kidney-tubule-conditions" not in result.learn_more
    assert "urine_raised_known_kidney_condition" in result.rules_fired


def test_a_raised_urine_result_without_a_known_kidney_condition_keeps_its_causes():
    result = run(urine=urine(0.9))
    assert "tubular" in result.notes
    assert "tubular_known_kidney" not in result.notes
    assert "q_exposures" in result.questions
    assert "causes-of-high-b2m#kidney-tubule-conditions" in result.learn_more


@pytest.mark.parametrize("serum_value", [None, 2.0, 6.0])
def test_a_raised_urine_result_with_a_known_blood_cancer_leaves_out_the_rarer_causes(
    serum_value,
):
    # Before RULES_VERSION 2026.12.15 a person with a known myeloma read "a rare copper
    # problem called Wilson's disease can do this" under their raised urine result.
    extra = {} if serum_value is None else {"serum": serum(serum_value)}
    result = run(urine=urine(0.9), context={"blood_cancer"}, **extra)
    assert "tubular_blood_cancer" in result.notes
    assert "tubular" not in result.notes
    assert "q_exposures" in result.questions  # medicines can affect the kidneys too
    assert "kidneys-and-b2m#high-urine-level" in result.learn_more
    assert "causes-of-high-b2m#kidney-tubule-conditions" not in result.learn_more
    assert "urine_raised_blood_cancer" in result.rules_fired
    with_medicine = run(urine=urine(0.9), context={"blood_cancer", "kidney_medication"})
    assert "medicine_link" in with_medicine.notes


@pytest.mark.parametrize("value", [1.0, 2.0, 2.7])
def test_on_dialysis_a_blood_result_in_range_is_not_called_high(value):
    result = run(serum=serum(value), context={"dialysis"})
    assert result.situation == "dialysis_in_range"
    assert "dialysis_in_range" in result.notes
    assert "dialysis_expected" not in result.notes
    assert result.actions == ("dialysis_team",)
    assert "dialysis_serum_in_range" in result.rules_fired
    assert "dialysis_serum_monitoring" not in result.rules_fired
    raised = run(serum=serum(2.8), context={"dialysis"})
    assert raised.situation == "dialysis"
    assert "dialysis_expected" in raised.notes
    assert "dialysis_in_range" not in raised.notes


def test_on_dialysis_a_raised_urine_beside_a_blood_result_in_range_keeps_the_in_range_note():
    # The note names the blood result ("B2M in the blood often runs high, though yours is
    # not above the range now"). The summary sits under the headline, which is set by
    # the urine: "well above the usual range" read beside "...but yours is not above the
    # range", so the summary is the plain dialysis one.
    result = run(serum=serum(2.0), urine=urine(0.9), context={"dialysis"})
    assert result.level == "markedly_elevated"
    assert result.situation == "dialysis"
    assert "dialysis_in_range" in result.notes
    assert "dialysis_expected" not in result.notes


@pytest.mark.parametrize("context", [{"dialysis"}, {"dialysis", "kidney_disease"}])
@pytest.mark.parametrize("value", [0.2, 0.9])
def test_on_dialysis_with_only_a_urine_result_the_summary_says_dialysis(context, value):
    assert run(urine=urine(value), context=context).situation == "dialysis_urine"
    assert run(urine=urine(value), context={"kidney_disease"}).situation == "kidney_disease"


@pytest.mark.parametrize("context", [{"dialysis"}, {"dialysis", "kidney_disease"}])
@pytest.mark.parametrize("value", [0.2, 0.9])
def test_on_dialysis_with_only_a_urine_result_the_dialysis_team_comes_first_without_egfr_talk(
    context, value
):
    result = run(urine=urine(value), context=context)
    assert result.actions == ("dialysis_team",)
    assert "known_kidney_disease" not in result.notes  # "read it with your eGFR"
    assert "q_kidney_plan" not in result.questions  # "fit with my eGFR"
    assert "q_treatment_plan" in result.questions
    assert "living-with-myeloma-or-kidney-disease#dialysis" in result.learn_more
    assert "dialysis_urine_team" in result.rules_fired
    assert "known_kidney_disease_path" not in result.rules_fired
    kidney = run(urine=urine(value), context={"kidney_disease"})
    assert kidney.actions == ("kidney_team",)
    in_range = value == 0.2  # "may run higher" only beside a result that does
    assert ("known_kidney_disease" in kidney.notes) is not in_range
    assert ("known_kidney_disease_in_range" in kidney.notes) is in_range


def test_blood_cancer_context_explains_b2m_as_a_monitoring_marker():
    within = run(serum=serum(2.0), context={"blood_cancer"})
    assert within.level == "within_range"
    assert within.actions == ("hematology_team",)
    assert "blood_cancer_marker" in within.notes
    assert {"q_treatment_plan", "q_marker_change"} <= set(within.questions)
    assert "causes-of-high-b2m#blood-cancers" in within.learn_more
    raised = run(serum=serum(4.5), egfr=95, context={"blood_cancer"})
    assert raised.actions == ("hematology_team",)
    assert raised.situation == "blood_cancer"


@pytest.mark.parametrize("earlier", [2.0, 3.0, 6.0])
def test_a_known_blood_cancer_with_earlier_results_asks_about_the_change_once(earlier):
    history = [before(serum=serum(earlier))]
    result = run(serum=serum(4.5), history=history, context={"blood_cancer"})
    assert "q_marker_change" in result.questions
    assert "q_compare_earlier" not in result.questions  # the same question twice
    assert "q_compare_earlier" in run(serum=serum(4.5), history=history).questions


def test_blood_cancer_context_needs_a_serum_result():
    assert "blood_cancer_marker" not in run(urine=urine(0.5), context={"blood_cancer"}).notes


@pytest.mark.parametrize("value", [0.2, 0.4, 0.9])
def test_a_known_blood_cancer_with_only_a_urine_result_has_its_own_summary(value):
    assert run(urine=urine(value), context={"blood_cancer"}).situation == "blood_cancer_urine"
    assert run(urine=urine(value)).situation is None


@pytest.mark.parametrize("extra", [{}, {"serum": serum(6.0)}])
def test_a_known_blood_cancer_is_asked_about_a_kidney_doctor_only(extra):
    # A blood cancer team already follows them: no "kidney doctor or blood doctor".
    result = run(urine=urine(0.9), context={"blood_cancer"}, **extra)
    assert "kidney_specialist_referral" in result.actions
    assert "q_kidney_specialist" in result.questions
    assert "specialist_referral" not in result.actions
    assert "q_specialist" not in result.questions
    assert "blood_cancer_kidney_doctor_only" in result.rules_fired
    plain = run(urine=urine(0.9))
    assert "specialist_referral" in plain.actions
    assert "kidney_specialist_referral" not in plain.actions
    assert "q_kidney_specialist" not in plain.questions


@pytest.mark.parametrize("value", [0.4, 0.9])
def test_a_known_blood_cancer_with_only_a_urine_result_is_not_told_b2m_rarely_causes_symptoms(
    value,
):
    result = run(urine=urine(value), context={"blood_cancer"})
    assert "no_symptoms" not in result.notes
    assert "what-is-b2m#no-symptoms" not in result.learn_more
    assert "what-is-b2m#why-doctors-test-it" in result.learn_more
    assert "no_symptoms" in run(urine=urine(value)).notes


def test_a_known_blood_cancer_with_a_kidney_condition_keeps_the_kidney_summary():
    result = run(urine=urine(0.9), context={"blood_cancer", "kidney_disease"})
    assert result.situation == "kidney_disease"


@pytest.mark.parametrize(
    ("context", "note", "question"),
    [
        ("kidney_medication", "medicine_link", "q_medicines"),
        ("heavy_metals", "metal_link", "q_metal_testing"),
        ("autoimmune", "autoimmune_link", "q_other_conditions"),
        ("chronic_infection", "infection_link", "q_other_conditions"),
    ],
)
def test_other_contexts_add_their_note_and_question_to_a_raised_serum(context, note, question):
    raised = run(serum=serum(3.0), context={context})
    assert note in raised.notes
    assert question in raised.questions
    assert f"context_{context}" in raised.rules_fired
    within = run(serum=serum(2.0), context={context})
    assert note not in within.notes


@pytest.mark.parametrize(
    ("context", "note"),
    [
        ("kidney_medication", "medicine_link"),
        ("heavy_metals", "metal_link"),
        ("kidney_disease", "known_kidney_disease"),
    ],
)
def test_kidney_contexts_also_apply_to_a_raised_urine(context, note):
    assert note in run(urine=urine(0.5), context={context}).notes


@pytest.mark.parametrize("context", ["autoimmune", "chronic_infection"])
def test_autoimmune_and_infection_notes_need_a_raised_serum(context):
    notes = run(serum=serum(2.0), urine=urine(0.5), context={context}).notes
    assert not {"autoimmune_link", "infection_link"} & set(notes)


# --- every code is reachable, and nothing outside the vocabulary comes out ---------

REACHING_INPUTS = [
    {"urine": urine(0.6), "egfr": 25},  # low_egfr_urine
    {"serum": serum(9.6, limit=2.4), "egfr": 50},  # kidney_filtering_partial
    {"serum": serum(3.0), "egfr": 45, "context": {"blood_cancer"}},
    {"serum": serum(0.8), "egfr": 20},  # below_range_low_egfr
    {"serum": serum(2.0), "urine": urine(0.2)},  # typical_limit_both
    # The four trend notes where the last step and the earliest result differ.
    {
        "serum": serum(3.5),
        "history": [before(JAN, serum=serum(2.0)), before(FEB, serum=serum(3.5))],
    },
    {
        "serum": serum(3.0),
        "history": [before(JAN, serum=serum(5.0)), before(FEB, serum=serum(3.0))],
    },
    {
        "serum": serum(3.4),
        "history": [before(JAN, serum=serum(2.0)), before(FEB, serum=serum(3.8))],
    },
    {
        "serum": serum(3.4),
        "history": [before(JAN, serum=serum(5.0)), before(FEB, serum=serum(2.8))],
    },
    {"serum": serum(2.0), "history": [before(serum=serum(3.0))]},
    {"serum": serum(2.0), "history": [before(serum=serum(5.0))]},
    {"serum": serum(3.0), "history": [before(serum=serum(3.0))], "context": {"kidney_disease"}},
    {"serum": serum(3.0), "history": [before(serum=serum(2.0))]},
    {"serum": serum(3.0), "history": [before(serum=serum(4.0))]},
    {"serum": serum(4.5), "egfr": 40},
    {"serum": serum(4.5), "egfr": 20},
    {"serum": serum(2.0), "egfr": 20},
    {"serum": serum(4.5), "creatinine": Creatinine(0.9, "mg/dL", 40, "male")},
    {"serum": serum(3.0), "context": {"recent_exercise", "dehydration", "acute_illness"}},
    {
        "serum": serum(3.0),
        "egfr": 40,
        "context": {"recent_exercise", "dehydration", "acute_illness"},
    },
    {"serum": serum(2.0), "context": {"recent_exercise", "dehydration", "acute_illness"}},
    {"serum": serum(4.0, limit=2.4), "context": {"recent_exercise"}},
    {"serum": serum(1.0)},
    {"urine": urine(0.9), "urine_ph": 5.0, "context": {"kidney_medication", "heavy_metals"}},
    {"urine": urine(0.1)},
    {"urine": urine(0.2), "urine_ph": 5.5},
    {"serum": serum(30.0), "context": {"dialysis"}},
    {"serum": serum(30.0), "urine": urine(0.9), "context": {"dialysis"}},
    {"serum": serum(2.0), "context": {"dialysis"}},
    {"urine": urine(0.9), "context": {"dialysis"}},
    {"serum": serum(6.0), "context": {"blood_cancer"}},
    {"urine": urine(0.9), "context": {"blood_cancer"}},
    {"serum": serum(3.0), "context": {"autoimmune", "chronic_infection"}},
    {"serum": serum(3.0), "context": {"kidney_disease"}},
    {"serum": serum(3.0), "egfr": 20, "context": {"kidney_disease"}},
    {"serum": serum(2.0)},
    {"serum": serum(6.0), "context": {"recent_exercise", "dehydration", "acute_illness"}},
    {"serum": serum(2.0), "egfr": 45},
    {"serum": serum(3.0), "egfr": 95},
    {"serum": serum(2.0), "context": {"kidney_disease"}},
    {"serum": serum(2.0), "urine": urine(0.36)},
    {"serum": serum(3.0), "urine": urine(0.1)},
]


def _all_results():
    return [run(**inputs) for inputs in REACHING_INPUTS]


def test_every_note_code_is_reachable():
    reached = {note for result in _all_results() for note in result.notes}
    assert reached == set(NOTE_CODES)


def test_every_question_code_is_reachable():
    reached = {question for result in _all_results() for question in result.questions}
    assert reached == set(QUESTION_CODES)


def test_every_action_code_is_reachable():
    reached = {action for result in _all_results() for action in result.actions}
    assert reached == set(ACTION_CODES)


def test_every_learn_more_key_is_reachable():
    reached = {key for result in _all_results() for key in result.learn_more}
    assert reached == set(LEARN_MORE_KEYS)


def test_every_situation_is_reachable():
    reached = {result.situation for result in _all_results()}
    assert reached == {None, *SITUATIONS}


def test_learn_more_uses_only_existing_education_pages():
    for result in _all_results():
        assert set(result.learn_more) <= set(LEARN_MORE_KEYS)
        assert list(result.learn_more) == sorted(result.learn_more, key=LEARN_MORE_KEYS.index)
        assert "next-steps#questions-to-ask" in result.learn_more


def test_learn_more_keys_are_topic_and_section_slugs():
    for key in LEARN_MORE_KEYS:
        topic, section = key.split("#")
        assert topic and section and key == key.lower() and " " not in key


# --- impossible input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "error"),
    [
        ({}, "serum or a urine"),
        ({"serum": serum(2.0), "context": {"jogging"}}, "jogging"),
        ({"serum": serum(-1.0)}, "negative"),
        ({"serum": serum(float("nan"))}, "finite"),
        ({"serum": serum(2.0, limit=0)}, "upper limit"),
        ({"urine": urine(0.1), "urine_ph": 15}, "pH"),
        ({"serum": serum(2.0), "history": [before(serum=serum(-2.0))]}, "negative"),
        ({"serum": serum(2.0), "egfr": -5}, "eGFR"),
    ],
)
def test_impossible_input_raises_value_error(inputs, error):
    with pytest.raises(ValueError, match=error):
        run(**inputs)


def test_unknown_unit_raises_unknown_unit_error():
    with pytest.raises(UnknownUnitError):
        run(serum=serum(2.0, "mg/dL"))


def test_docstring_examples_hold():
    from interpreter import rules as module

    outcome = doctest.testmod(module)
    assert outcome.attempted > 0
    assert outcome.failed == 0


# --- behaviour mutation testing showed untested ------------------------------------


def test_trend_with_three_earlier_results_reads_the_series_and_remembers_any_raise():
    result = run(
        serum=serum(2.6),
        test_date=datetime.date(2026, 4, 5),
        history=[
            before(MAR, serum=serum(2.0)),
            before(JAN, serum=serum(5.0)),  # the only raised one, and not the latest
            before(FEB, serum=serum(2.2)),
        ],
    )
    (trend,) = result.trends
    assert [p.date for p in trend.points] == [JAN, FEB, MAR, datetime.date(2026, 4, 5)]
    assert [p.above_limit for p in trend.points] == [True, False, False, False]
    # 2.0 -> 2.6 mg/L is up 0.22x the limit, but down 0.89x from the earliest 5.0 mg/L.
    assert (trend.direction, trend.last_step, trend.since_first) == (
        "falling",
        "rising",
        "falling",
    )
    assert trend.previously_raised and trend.previously_clearly_raised
    assert result.level == "within_range"
    assert "discuss_earlier_result" in result.actions


def test_trend_with_three_earlier_results_falling_at_the_end():
    result = run(
        urine=urine(0.5),
        history=[before(JAN, urine=urine(0.4)), before(FEB, urine=urine(0.7)),
                 before(MAR, urine=urine(0.6))],
    )  # fmt: skip
    (trend,) = result.trends
    assert len(trend.points) == 4
    # 0.6 -> 0.5 mg/L is down 0.33x the limit, but up 0.33x from the earliest 0.4 mg/L:
    # before 2026.12.20 this read only "lower than last time... That is a good sign".
    assert (trend.direction, trend.last_step) == ("rising", "falling")
    assert result.level == "elevated" and result.findings[0].persistent
    assert "trend_lower_than_last" in result.notes
    assert "trend_falling" not in result.notes
    assert "trend_urine_lower_than_last" in result.rules_fired


@pytest.mark.parametrize("unit", ["mg/L", "ug/L", "nmol/L"])
def test_an_earlier_result_exactly_at_its_limit_is_not_a_raise(unit):
    at_limit = Measurement(from_mg_per_l(2.4, unit), unit, from_mg_per_l(2.4, unit))
    result = run(serum=serum(3.0, limit=2.4), history=[before(serum=at_limit)])
    (trend,) = result.trends
    assert not trend.points[0].above_limit
    assert not trend.previously_raised
    assert not result.findings[0].persistent
    assert result.level == "mildly_elevated"
    assert "persistent" not in result.notes


def test_an_earlier_result_just_above_its_limit_is_a_raise():
    result = run(serum=serum(3.0, limit=2.4), history=[before(serum=serum(2.41, limit=2.4))])
    assert result.findings[0].persistent
    assert result.level == "elevated"


def test_a_limit_so_small_it_underflows_reads_as_far_above_it_without_crashing():
    result = run(serum=serum(1.0, "ug/L", limit=5e-324))
    assert result.findings[0].limit_mg_l == 0.0
    assert result.level == "markedly_elevated"


def test_the_reports_lower_limit_wins_over_the_typical_one():
    # 1.15 mg/L is below the typical 1.21 but within a report's 1.1 lower limit.
    assert not run(serum=serum(1.15, limit=2.4, lower=1.1)).findings[0].below_range
    assert run(serum=serum(1.15)).findings[0].below_range
    assert not run(serum=serum(1.15, lower=1.1)).findings[0].below_range
    assert run(serum=serum(1.05, lower=1.1)).findings[0].lower_limit == 1.1


def test_the_typical_lower_limit_is_given_in_the_values_own_unit():
    finding = run(serum=serum(1000, "ug/L")).findings[0]
    assert finding.below_range
    assert finding.lower_limit == pytest.approx(1210)


@pytest.mark.parametrize(
    ("measurement", "lower", "source"),
    [
        (serum(0.7, limit=2.4, lower=0.8), 0.8, "report"),
        (serum(0.7, lower=0.8), 0.8, "report"),
        (serum(0.7), 1.21, "typical"),
        (serum(0.7, limit=2.4), None, None),
    ],
)
def test_a_finding_says_where_its_lower_limit_came_from(measurement, lower, source):
    [finding] = run(serum=measurement).findings
    assert finding.lower_limit == (None if lower is None else pytest.approx(lower))
    assert finding.lower_limit_source == source


def test_urine_has_no_typical_lower_limit():
    finding = run(urine=urine(0.001)).findings[0]
    assert not finding.below_range
    assert finding.lower_limit is None
    assert finding.lower_limit_source is None
    assert "below_range" not in run(urine=urine(0.001)).notes


def test_a_first_elevated_rise_without_a_ticked_cause_names_no_short_term_cause():
    result = run(urine=urine(0.5))
    assert "transient_causes" not in result.notes
    assert not {"said_exercise", "said_dehydration", "said_fever"} & set(result.notes)


SAID = {"recent_exercise": "said_exercise", "dehydration": "said_dehydration",
        "acute_illness": "said_fever"}  # fmt: skip


@pytest.mark.parametrize("cause", SAID)
@pytest.mark.parametrize(
    "better",
    [
        {"egfr": 50},
        {"context": {"kidney_disease"}},
        {"context": {"dialysis"}},
        {"context": {"blood_cancer"}},
        {"context": {"autoimmune"}},
    ],
)
def test_a_ticked_short_term_cause_is_said_back_when_something_better_explains_the_rise(
    cause, better
):
    better = dict(better)
    context = {cause, *better.pop("context", set())}
    result = run(serum=serum(3.2), context=context, **better)
    note = SAID[cause]
    assert f"{note}_less_likely" in result.notes
    assert note not in result.notes  # not offered as the reason
    assert "transient_causes" not in result.notes
    assert f"{note}_in_range" not in result.notes
    assert f"transient_better_explained_{cause}" in result.rules_fired
    assert f"transient_context_{cause}" not in result.rules_fired


@pytest.mark.parametrize("cause", SAID)
@pytest.mark.parametrize("inputs", [{"serum": serum(2.0)}, {"serum": serum(1.0)},
                                    {"urine": urine(0.2)}, {"serum": serum(2.0), "egfr": 40},
                                    {"serum": serum(2.0), "context": {"dialysis"}}])  # fmt: skip
def test_a_ticked_short_term_cause_is_said_back_when_the_result_is_not_above_range(cause, inputs):
    inputs = dict(inputs)
    context = {cause, *inputs.pop("context", set())}
    result = run(context=context, **inputs)
    note = SAID[cause]
    assert f"{note}_in_range" in result.notes
    assert not {note, f"{note}_less_likely", "transient_causes"} & set(result.notes)
    assert "repeat_test" not in result.actions
    assert f"transient_not_raised_{cause}" in result.rules_fired
    assert not {f"{note}_in_range", f"{note}_less_likely"} & set(run(**inputs).notes)


@pytest.mark.parametrize("cause", SAID)
def test_a_ticked_short_term_cause_that_is_the_likely_reason_is_said_once(cause):
    notes = set(run(serum=serum(3.0), context={cause}).notes)
    note = SAID[cause]
    assert {note, "transient_causes"} <= notes
    assert not {f"{note}_less_likely", f"{note}_in_range"} & notes


def test_situations_apply_only_where_they_belong():
    assert run(urine=urine(0.5), urine_ph=5.0).situation is None  # raised: the level's words
    assert run(urine=urine(0.2), urine_ph=5.0).situation == "acidic_urine"
    assert run(serum=serum(1.0), urine=urine(0.5)).situation is None  # below, but urine raised
    assert run(serum=serum(1.0)).situation == "below_range"
    assert run(serum=serum(3.0), egfr=20).situation == "low_egfr_raised"
    assert run(urine=urine(0.9), egfr=20).situation == "low_egfr_urine"
    assert run(serum=serum(3.0), egfr=30).situation is None
    assert run(serum=serum(3.0), egfr=20, context={"kidney_disease"}).situation == (
        "kidney_disease"
    )
    assert run(serum=serum(2.0), egfr=20).situation == "low_egfr"
    assert run(serum=serum(2.0), egfr=20, context={"dialysis"}).situation == "dialysis_in_range"
    assert run(urine=urine(0.2), urine_ph=5.0, context={"kidney_disease"}).situation == (
        "acidic_urine"
    )
    assert run(serum=serum(2.0), egfr=30).situation is None


@pytest.mark.parametrize("milligrams_per_l", [0.1, 0.35, 0.5, 0.9])
def test_acidic_urine_puts_the_fresh_sample_first_and_no_plain_repeat_beside_it(
    milligrams_per_l,
):
    # Within range, a little above, above and well above the typical 0.3 mg/L limit:
    # the fresh sample is the repeat, so a plain "repeat the test" never sits beside it.
    result = run(urine=urine(milligrams_per_l), urine_ph=5.0)
    assert result.actions[0] == "repeat_fresh_sample"
    assert "repeat_test" not in result.actions


# --- a clinical read-through of 2026.12.2 ------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "repeat"),
    [
        ({"serum": serum(3.0)}, True),  # a first blood rise: its own repeat stays
        ({"serum": serum(4.5)}, True),  # a first "elevated" blood rise is confirmed too
        ({"serum": serum(3.0), "history": [before(serum=serum(3.0))]}, False),  # seen before
        ({"serum": serum(2.0)}, False),  # blood in range: the fresh urine is the repeat
    ],
)
def test_a_fresh_urine_sample_replaces_only_the_urine_repeat(inputs, repeat):
    result = run(urine=urine(0.1), urine_ph=5.0, **inputs)
    assert result.actions[0] == "repeat_fresh_sample"
    # With a blood and a urine result, the blood repeat is named (repeat_test_blood).
    assert ("repeat_test_blood" in result.actions) is repeat
    assert "repeat_test" not in result.actions


@pytest.mark.parametrize(
    ("context", "kept"),
    [((), True), (("recent_exercise",), True), (("blood_cancer",), False),
     (("dialysis",), False), (("kidney_disease",), False)],
)  # fmt: skip
def test_the_stays_up_note_is_for_a_raise_nothing_known_explains(context, kept):
    result = run(serum=serum(6.0), history=[before(serum=serum(5.0))], context=context)
    assert "persistent_serum" in result.rules_fired
    assert ("persistent" in result.notes) is kept


def test_the_stays_up_note_stays_for_urine_beside_a_known_blood_cancer():
    result = run(
        serum=serum(6.0),
        urine=urine(0.9),
        history=[before(serum=serum(5.0), urine=urine(0.9))],
        context={"blood_cancer"},
    )
    assert "persistent" in result.notes


@pytest.mark.parametrize("context", [(), ("blood_cancer",), ("dialysis",), ("kidney_disease",)])
def test_back_in_range_after_a_clear_rise_asks_for_a_talk_only_without_a_known_team(context):
    result = run(serum=serum(2.0), history=[before(serum=serum(5.0))], context=context)
    talk = not context
    assert ("discuss_earlier_result" in result.actions) is talk
    assert ("q_earlier_result" in result.questions) is talk
    assert ("back_in_range_discuss_earlier_result" in result.rules_fired) is talk
    assert "back_in_range_after_clear_rise_serum" in result.rules_fired


@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": serum(6.0), "urine": urine(0.9)},  # blood cancer path, urine raised too
        {"urine": urine(0.9)},  # no blood result: no path, but still a known blood cancer
        {"urine": urine(0.9), "history": [before(urine=urine(0.9))]},
    ],
)
def test_a_known_blood_cancer_is_never_offered_blood_tests_that_look_for_one(inputs):
    result = run(context={"blood_cancer"}, **inputs)
    assert "specialized_bloodwork" not in result.actions
    assert "blood_cancer_no_specialized_bloodwork" in result.rules_fired
    # Only a urine result: the team is asked about the kidneys, not to compare it with
    # the blood marker it follows (hematology_team_urine).
    team = "hematology_team" if "serum" in inputs else "hematology_team_urine"
    assert team in result.actions
    assert {"hematology_team", "hematology_team_urine"} - {team} & set(result.actions) == set()
    assert "metabolic_panel_egfr" in result.actions  # the urine rise still gets kidney tests


@pytest.mark.parametrize(
    ("context", "teams"),
    [
        # The team of the path the summary names comes first.
        ({"blood_cancer", "dialysis"}, ("dialysis_team", "hematology_team")),
        ({"blood_cancer", "kidney_disease"}, ("hematology_team", "kidney_team")),
        ({"blood_cancer", "kidney_disease", "dialysis"}, ("dialysis_team", "hematology_team")),
    ],
)
def test_two_known_conditions_name_both_teams(context, teams):
    result = run(serum=serum(20.0, limit=2.4), context=context)
    assert result.actions == teams


def test_known_kidney_disease_beside_a_blood_cancer_asks_for_no_urine_work_up():
    result = run(
        serum=serum(6.0), urine=urine(0.9), egfr=40, context={"blood_cancer", "kidney_disease"}
    )
    assert result.situation == "blood_cancer"
    assert result.actions == ("hematology_team", "kidney_team")
    assert "q_cause" not in result.questions


@pytest.mark.parametrize(
    ("earlier", "direction"), [(1.6, "rising"), (2.6, "falling"), (2.1, "steady")]
)
def test_a_known_blood_cancer_hears_the_markers_direction_even_within_range(earlier, direction):
    result = run(serum=serum(2.2, limit=2.7), history=[before(serum=serum(earlier, limit=2.7))],
                 context={"blood_cancer"})  # fmt: skip
    assert result.level == "within_range"
    assert result.trends[0].direction == direction
    moved = direction != "steady"
    assert (f"trend_{direction}" in result.notes) is moved
    assert (f"trend_serum_{direction}" in result.rules_fired) is moved


def test_without_a_known_blood_cancer_an_in_range_rise_adds_no_trend_note():
    result = run(serum=serum(2.2, limit=2.7), history=[before(serum=serum(1.6, limit=2.7))])
    assert "trend_rising" not in result.notes


# --- a clinical read-through of 2026.12.16 -----------------------------------------------


@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": serum(2.0, limit=2.4), "egfr": 95},
        {"serum": serum(2.2, limit=2.4), "egfr": 20},
        {"serum": serum(2.0, limit=2.4), "egfr": 45, "history": [before(serum=serum(5.0))]},
        {"urine": urine(0.2)},
        {"serum": serum(2.0), "urine": urine(0.2)},
    ],
)
def test_known_kidney_disease_in_range_does_not_say_it_may_run_higher(inputs):
    result = run(context={"kidney_disease"}, **inputs)
    assert result.level == "within_range"
    assert "known_kidney_disease_in_range" in result.notes
    assert "known_kidney_disease" not in result.notes


@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": serum(3.0)},
        {"serum": serum(2.0), "urine": urine(0.9)},  # the urine one is raised
        {"urine": urine(0.2), "urine_ph": 5.0},  # acidic: it may read low, so no "in range"
    ],
)
def test_known_kidney_disease_keeps_its_note_unless_every_result_is_in_range(inputs):
    result = run(context={"kidney_disease"}, **inputs)
    assert "known_kidney_disease" in result.notes
    assert "known_kidney_disease_in_range" not in result.notes


@pytest.mark.parametrize(
    ("inputs", "repeat"),
    [
        ({"serum": serum(2.0), "urine": urine(0.36)}, "repeat_test_urine"),
        ({"serum": serum(3.0), "urine": urine(0.1)}, "repeat_test_blood"),
        ({"serum": serum(3.0), "urine": urine(0.36)}, "repeat_test"),  # both raised
        ({"serum": serum(3.0)}, "repeat_test"),  # one result: no doubt which
        ({"urine": urine(0.36)}, "repeat_test"),
    ],
)
def test_the_repeat_step_names_the_result_when_only_one_of_two_is_raised(inputs, repeat):
    result = run(**inputs)
    repeats = {"repeat_test", "repeat_test_blood", "repeat_test_urine"}
    assert repeats & set(result.actions) == {repeat}
    assert "q_repeat_timing" in result.questions


def test_a_known_blood_cancer_with_only_a_urine_result_asks_the_team_about_the_kidneys():
    result = run(urine=urine(0.36), context={"blood_cancer"})
    assert result.situation == "blood_cancer_urine"
    assert result.actions[0] == "hematology_team_urine"
    assert "hematology_team" not in result.actions
    with_blood = run(serum=serum(2.0), urine=urine(0.36), context={"blood_cancer"})
    assert "hematology_team" in with_blood.actions
    assert "hematology_team_urine" not in with_blood.actions


# --- RULES_VERSION 2026.12.20: the trend reads the whole series ------------------------


@pytest.mark.parametrize(
    ("values", "direction", "last_step", "note"),
    [
        # Two results: the one step, as before.
        ((2.8, 3.4), "rising", "rising", "trend_rising"),
        ((4.0, 3.4), "falling", "falling", "trend_falling"),
        ((3.3, 3.4), "steady", "steady", None),
        # A rise, then a small dip: still up on the earliest (it read "falling").
        ((2.0, 3.8, 3.4), "rising", "falling", "trend_lower_than_last"),
        # A fall, then a small rise: still down on the earliest (it read "rising").
        ((5.0, 2.8, 3.4), "falling", "rising", "trend_higher_than_last"),
        # A slow climb, each step under a tenth of the limit: it read "steady".
        ((2.8, 3.0, 3.2, 3.3), "rising", "steady", "trend_rising_overall"),
        ((4.0, 3.5, 3.4), "falling", "steady", "trend_falling_overall"),
        # Back to where it started: the last step decides (a rise from the lowest point).
        ((3.4, 2.8, 3.4), "rising", "rising", "trend_rising"),
        ((3.4, 4.4, 3.4), "falling", "falling", "trend_falling"),
        ((3.4, 3.45, 3.4), "steady", "steady", None),
        # The same way all along.
        ((2.8, 3.1, 3.4), "rising", "rising", "trend_rising"),
    ],
)
def test_the_trend_reads_the_whole_series_and_its_last_step(values, direction, last_step, note):
    dates = [datetime.date(2026, month, 1) for month in range(1, len(values))]
    history = [before(d, serum=serum(v, limit=2.7)) for d, v in zip(dates, values, strict=False)]
    result = run(serum=serum(values[-1], limit=2.7), history=history)
    (trend,) = result.trends
    assert (trend.direction, trend.last_step) == (direction, last_step)
    trend_notes = {n for n in result.notes if n.startswith("trend_")}
    assert trend_notes == ({note} if note else set())
    fired = {r for r in result.rules_fired if r.startswith("trend_serum_")}
    assert fired == ({note.replace("trend_", "trend_serum_")} if note else set())


def test_a_known_blood_cancer_hears_a_rise_from_the_lowest_point_within_range():
    # 6.0 at diagnosis, 1.6 after treatment, 2.4 now (limit 2.7): down on the earliest,
    # up on the last: the team follows the new rise.
    result = run(
        serum=serum(2.4, limit=2.7),
        history=[
            before(JAN, serum=serum(6.0, limit=2.7)),
            before(FEB, serum=serum(1.6, limit=2.7)),
        ],
        context={"blood_cancer"},
    )
    assert result.level == "within_range"
    assert "trend_higher_than_last" in result.notes
    assert "trend_serum_higher_than_last" in result.rules_fired


# --- RULES_VERSION 2026.12.21 -------------------------------------------------------------


@pytest.mark.parametrize("context", [set(), {"kidney_disease"}, {"blood_cancer"}])
@pytest.mark.parametrize("egfr", [10, 20, 29])
def test_a_blood_b2m_below_the_range_with_an_egfr_under_30_is_worth_checking(egfr, context):
    # 0.8 mg/L with eGFR 20 read "A low B2M level is not a known cause for concern": blood
    # B2M rises as filtering falls, so it is unexpected there.
    result = run(serum=serum(0.8), egfr=egfr, context=context)
    assert "below_range_low_egfr" in result.notes
    assert "below_range" not in result.notes
    assert result.rules_fired[-1] == "serum_below_range_egfr_below_30"


@pytest.mark.parametrize("egfr", [None, 30, 45, 95])
def test_a_blood_b2m_below_the_range_with_an_egfr_of_30_or_more_keeps_the_calm_note(egfr):
    result = run(serum=serum(0.8), egfr=egfr)
    assert "below_range" in result.notes
    assert "below_range_low_egfr" not in result.notes
    assert "serum_below_range_egfr_below_30" not in result.rules_fired


def test_on_dialysis_a_low_blood_b2m_gets_neither_below_range_note():
    result = run(serum=serum(0.8), egfr=8, context={"dialysis"})
    assert not {"below_range", "below_range_low_egfr"} & set(result.notes)
    assert result.situation == "dialysis_in_range"


@pytest.mark.parametrize(
    ("inputs", "notes"),
    [
        ({"serum": serum(2.0), "urine": urine(0.2)}, {"typical_limit_both"}),
        ({"serum": serum(2.0, limit=2.4), "urine": urine(0.2)}, {"typical_limit_urine"}),
        ({"serum": serum(2.0), "urine": urine(0.2, limit=0.3)}, {"typical_limit_serum"}),
        ({"serum": serum(2.0)}, {"typical_limit_serum"}),
        ({"urine": urine(0.2)}, {"typical_limit_urine"}),
    ],
)
def test_one_typical_limit_note_for_a_blood_and_a_urine_result(inputs, notes):
    result = run(**inputs)
    assert {n for n in result.notes if n.startswith("typical_limit_")} == notes
