"""`rules_fired` ids are part of the API and the clinician panel: fixed here, input by input.

A renamed, dropped or reordered id changes what clinicians' tools receive, so any
change to this table is a deliberate API change (bump RULES_VERSION with it).
"""

import datetime

import pytest

from interpreter.reasoning import FIXED
from interpreter.rules import Creatinine, HistoryPoint, Inputs, Measurement, interpret

M = Measurement
JAN = datetime.date(2026, 1, 5)


def ctx(*codes):
    return frozenset(codes)


TABLE = [
    (
        Inputs(serum=M(2.0, "mg/L")),
        ("typical_limit_serum", "serum_ratio_up_to_1.00", "level_within_range"),
    ),
    (
        Inputs(serum=M(3.0, "mg/L")),
        ("typical_limit_serum", "serum_ratio_1.00_to_1.50", "level_mildly_elevated",
         "single_mild_rise_repeat_first", "transient_causes_possible",
         "serum_raised_egfr_unknown"),
    ),
    (
        Inputs(serum=M(3.0, "mg/L"), context=ctx("recent_exercise")),
        ("typical_limit_serum", "serum_ratio_1.00_to_1.50", "level_mildly_elevated",
         "single_mild_rise_repeat_first", "transient_context_recent_exercise",
         "serum_raised_egfr_unknown"),
    ),
    (
        Inputs(serum=M(3.0, "mg/L"), egfr=50, context=ctx("acute_illness", "dehydration")),
        ("egfr_reported", "typical_limit_serum", "serum_ratio_1.00_to_1.50",
         "level_mildly_elevated", "single_mild_rise_repeat_first",
         "transient_better_explained_dehydration", "transient_better_explained_acute_illness",
         "serum_raised_egfr_below_60"),
    ),
    (
        Inputs(serum=M(4.0, "mg/L", 2.4), context=ctx("recent_exercise")),
        ("report_limit_serum", "serum_ratio_1.50_to_2.00", "level_elevated",
         "short_term_cause_repeat_before_tests", "transient_context_recent_exercise",
         "serum_raised_egfr_unknown"),
    ),
    (
        Inputs(serum=M(2.0, "mg/L"), context=ctx("recent_exercise")),
        ("typical_limit_serum", "serum_ratio_up_to_1.00", "level_within_range",
         "transient_not_raised_recent_exercise"),
    ),
    (
        Inputs(urine=M(0.5, "mg/L")),
        ("typical_limit_urine", "urine_ratio_1.50_to_2.00", "level_elevated", "follow_up_list",
         "urine_b2m_already_done", "first_raise_confirm_with_repeat", "urine_raised_tubular"),
    ),
    (
        Inputs(urine=M(900, "ug/L"), urine_ph=5.0,
               context=ctx("kidney_medication", "heavy_metals")),
        ("typical_limit_urine", "urine_ratio_2.00_or_more", "level_markedly_elevated",
         "follow_up_list", "urine_b2m_already_done", "markedly_elevated_referral",
         "urine_raised_tubular",
         "acidic_urine_ph_below_6", "context_kidney_medication", "context_heavy_metals"),
    ),
    (
        Inputs(serum=M(4.5, "mg/L", 2.4), egfr=40),
        ("egfr_reported", "report_limit_serum", "serum_ratio_1.50_to_2.00", "level_elevated",
         "follow_up_list", "first_raise_confirm_with_repeat", "serum_raised_egfr_below_60"),
    ),
    (
        Inputs(serum=M(1.5, "mg/L", 2.4), egfr=20),
        ("egfr_reported", "report_limit_serum", "serum_ratio_up_to_1.00", "level_within_range",
         "egfr_below_30_kidney_specialist"),
    ),
    (
        Inputs(serum=M(3.0, "mg/L"), creatinine=Creatinine(1.2, "mg/dL", 55, "male")),
        ("egfr_calculated_ckd_epi_2021", "typical_limit_serum", "serum_ratio_1.00_to_1.50",
         "level_mildly_elevated", "single_mild_rise_repeat_first", "transient_causes_possible",
         "serum_raised_egfr_60_or_more"),
    ),
    (
        Inputs(serum=M(3.4, "mg/L"), history=(HistoryPoint(JAN, M(2.8, "mg/L")),)),
        ("typical_limit_serum", "serum_ratio_1.00_to_1.50", "trend_serum_rising",
         "persistent_serum", "level_elevated", "follow_up_list", "serum_raised_egfr_unknown"),
    ),
    (
        Inputs(serum=M(2.0, "mg/L"), history=(HistoryPoint(JAN, M(5.0, "mg/L")),)),
        ("typical_limit_serum", "serum_ratio_up_to_1.00", "back_in_range_after_clear_rise_serum",
         "level_within_range", "back_in_range_discuss_earlier_result"),
    ),
    (
        Inputs(serum=M(2.0, "mg/L"), history=(HistoryPoint(JAN, M(3.0, "mg/L")),)),
        ("typical_limit_serum", "serum_ratio_up_to_1.00", "back_in_range_serum",
         "level_within_range"),
    ),
    (
        Inputs(serum=M(0.7, "mg/L", 2.4, 0.8)),
        ("report_limit_serum", "serum_ratio_up_to_1.00", "serum_below_range",
         "level_within_range"),
    ),
    (
        Inputs(serum=M(30, "mg/L"), egfr=8, context=ctx("dialysis")),
        ("egfr_reported", "typical_limit_serum", "serum_ratio_2.00_or_more",
         "level_markedly_elevated", "dialysis_serum_monitoring"),
    ),
    (
        Inputs(serum=M(2.0, "mg/L"), context=ctx("dialysis")),
        ("typical_limit_serum", "serum_ratio_up_to_1.00", "level_within_range",
         "dialysis_serum_in_range"),
    ),
    (
        Inputs(urine=M(0.9, "mg/L"), context=ctx("dialysis")),
        ("typical_limit_urine", "urine_ratio_2.00_or_more", "level_markedly_elevated",
         "urine_raised_tubular", "urine_raised_known_kidney_condition", "dialysis_urine_team"),
    ),
    (
        Inputs(serum=M(6.0, "mg/L"), context=ctx("blood_cancer")),
        ("typical_limit_serum", "serum_ratio_2.00_or_more", "level_markedly_elevated",
         "serum_raised_egfr_unknown", "blood_cancer_serum_marker", "blood_cancer_iss_5.5_mg_l"),
    ),
    (
        Inputs(serum=M(4.0, "mg/L"), context=ctx("blood_cancer")),
        ("typical_limit_serum", "serum_ratio_1.00_to_1.50", "level_mildly_elevated",
         "serum_raised_egfr_unknown", "blood_cancer_serum_marker", "blood_cancer_iss_3.5_mg_l"),
    ),
    (
        Inputs(serum=M(4.5, "mg/L"), egfr=40, context=ctx("kidney_disease")),
        ("egfr_reported", "typical_limit_serum", "serum_ratio_1.50_to_2.00", "level_elevated",
         "serum_raised_egfr_below_60", "known_kidney_disease_path"),
    ),
    (
        Inputs(serum=M(3.0, "mg/L"), egfr=90, context=ctx("autoimmune", "chronic_infection")),
        ("egfr_reported", "typical_limit_serum", "serum_ratio_1.00_to_1.50",
         "level_mildly_elevated", "single_mild_rise_repeat_first",
         "serum_raised_egfr_60_or_more", "context_autoimmune", "context_chronic_infection"),
    ),
    (
        Inputs(serum=M(20, "mg/L", 2.4), context=ctx("blood_cancer", "dialysis")),
        ("report_limit_serum", "serum_ratio_2.00_or_more", "level_markedly_elevated",
         "dialysis_serum_monitoring", "blood_cancer_team"),
    ),
    (
        Inputs(serum=M(6, "mg/L", 2.4), urine=M(0.9, "mg/L"), egfr=40,
               context=ctx("blood_cancer", "kidney_disease")),
        ("egfr_reported", "report_limit_serum", "serum_ratio_2.00_or_more",
         "typical_limit_urine", "urine_ratio_2.00_or_more", "level_markedly_elevated",
         "serum_raised_egfr_below_60_blood_cancer", "urine_raised_tubular",
         "urine_raised_known_kidney_condition", "blood_cancer_serum_marker",
         "blood_cancer_iss_5.5_mg_l", "kidney_disease_team"),
    ),
    (
        Inputs(serum=M(30, "mg/L"), urine=M(0.9, "mg/L"), context=ctx("dialysis")),
        ("typical_limit_serum", "serum_ratio_2.00_or_more", "typical_limit_urine",
         "urine_ratio_2.00_or_more", "level_markedly_elevated", "urine_raised_tubular",
         "urine_raised_known_kidney_condition", "dialysis_serum_monitoring"),
    ),
    (
        Inputs(urine=M(0.9, "mg/L"), context=ctx("blood_cancer")),
        ("typical_limit_urine", "urine_ratio_2.00_or_more", "level_markedly_elevated",
         "follow_up_list", "blood_cancer_no_specialized_bloodwork", "urine_b2m_already_done",
         "markedly_elevated_referral", "blood_cancer_kidney_doctor_only",
         "urine_raised_tubular", "urine_raised_blood_cancer", "blood_cancer_team"),
    ),
    (
        Inputs(serum=M(48, "mg/L", 2.4), context=ctx("recent_exercise")),
        ("report_limit_serum", "serum_ratio_2.00_or_more", "level_markedly_elevated",
         "follow_up_list", "markedly_elevated_referral", "transient_too_high_recent_exercise",
         "serum_raised_egfr_unknown"),
    ),
    (
        Inputs(serum=M(3.0, "mg/L"), history=(HistoryPoint(JAN, M(3.0, "mg/L")),),
               context=ctx("dehydration")),
        ("typical_limit_serum", "serum_ratio_1.00_to_1.50", "persistent_serum", "level_elevated",
         "follow_up_list", "transient_raised_before_dehydration", "serum_raised_egfr_unknown"),
    ),
    (
        Inputs(serum=M(2.0, "mg/L", 2.4), egfr=45),
        ("egfr_reported", "report_limit_serum", "serum_ratio_up_to_1.00", "level_within_range",
         "egfr_below_60_recheck"),
    ),
    (
        Inputs(serum=M(6.0, "mg/L", 2.4), egfr=20),
        ("egfr_reported", "report_limit_serum", "serum_ratio_2.00_or_more",
         "level_markedly_elevated", "follow_up_list", "markedly_elevated_referral",
         "egfr_below_30_kidney_specialist", "serum_raised_egfr_below_60"),
    ),
    (
        Inputs(urine=M(450, "ug/g{creat}", 300)),
        ("report_limit_urine", "urine_ratio_1.00_to_1.50", "level_mildly_elevated",
         "single_mild_rise_repeat_first", "transient_causes_possible", "urine_raised_tubular"),
    ),
    (
        Inputs(serum=M(9.6, "mg/L", 2.4), egfr=50),
        ("egfr_reported", "report_limit_serum", "serum_ratio_2.00_or_more",
         "level_markedly_elevated", "follow_up_list", "markedly_elevated_referral",
         "serum_well_above_egfr_30_to_59"),
    ),
    (
        Inputs(serum=M(3.4, "mg/L", 2.4), test_date=datetime.date(2026, 3, 5),
               history=(HistoryPoint(JAN, M(2.0, "mg/L")),
                        HistoryPoint(datetime.date(2026, 2, 5), M(3.8, "mg/L")))),
        ("report_limit_serum", "serum_ratio_1.00_to_1.50", "trend_serum_lower_than_last",
         "persistent_serum", "level_elevated", "follow_up_list", "serum_raised_egfr_unknown"),
    ),
    (
        Inputs(serum=M(0.8, "mg/L"), egfr=20),
        ("egfr_reported", "typical_limit_serum", "serum_ratio_up_to_1.00", "serum_below_range",
         "level_within_range", "egfr_below_30_kidney_specialist",
         "serum_below_range_egfr_below_30"),
    ),
    (
        Inputs(urine=M(400, "ug/g{creat}", 300),
               history=(HistoryPoint(JAN, urine=M(500, "ug/L", 300)),)),
        ("report_limit_urine", "urine_ratio_1.00_to_1.50", "history_urine_other_kind_of_unit",
         "level_mildly_elevated", "single_mild_rise_repeat_first", "transient_causes_possible",
         "urine_raised_tubular"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("inputs", "fired"), TABLE, ids=[str(i) for i in range(len(TABLE))])
def test_rules_fired_ids_are_fixed(inputs, fired):
    assert interpret(inputs).rules_fired == fired


def test_every_id_in_the_table_has_plain_words_for_how_we_worked_this_out():
    # Each id is either explained word for word (reasoning.FIXED) or by its family.
    families = ("typical_limit_", "report_limit_", "level_", "context_", "transient_context_",
                "transient_better_explained_", "transient_not_raised_",
                "transient_too_high_", "transient_raised_before_", "blood_cancer_iss_",
                "persistent_", "trend_", "back_in_range_", "serum_ratio_", "urine_ratio_",
                "serum_below_range", "urine_below_range", "history_")  # fmt: skip
    for _, fired in TABLE:
        for rule in fired:
            assert rule in FIXED or rule.startswith(families), rule
