"""Where each piece of editor-owned wording is shown, in plain words for admin.

Editors see the engine's codes (rules.py) in admin; this says where each one
appears and when, so they can judge a change without reading the rules. Codes
without their own line get the general description for their kind.
"""

PAGES = "the result page, the share page, the PDF and the text checklist"

LEVELS = {
    "within_range": "results where every B2M number is within its range",
    "mildly_elevated": "results a little above the range (up to 1.5 times the upper limit)",
    "elevated": "results above the range (over 1.5 and under 2 times the upper limit), and a "
    "result a little above it when an earlier one was raised too",
    "markedly_elevated": "results well above the range (2 times the upper limit or more)",
}

KINDS = {
    "action": 'A tick box under "What usually happens next" on ' + PAGES,
    "question": 'A tick box under "Questions to ask your doctor" on ' + PAGES,
    "note": 'A point under "Good to know" on ' + PAGES,
    "general": "Text on " + PAGES,
}

WHEN = {
    ("action", "repeat_test"): "a first small rise, an acidic urine sample, or a short-term "
    "cause such as hard exercise, not drinking enough or a fever",
    ("action", "repeat_test_blood"): "the same as the step above, for someone who gave a "
    "blood and a urine result when only the blood one is newly raised (in place of it)",
    ("action", "repeat_test_urine"): "the same as the step above, for someone who gave a "
    "blood and a urine result when only the urine one is newly raised (in place of it)",
    ("action", "tests_if_still_raised"): "a first raise above the range (short of well above) "
    "after a short-term cause the person ticked, such as hard exercise, when nothing else "
    "explains it better (in place of the follow-up tests)",
    ("action", "metabolic_panel_egfr"): "results above the range, or a raised blood B2M with "
    "an eGFR under 60",
    ("action", "urine_tests"): "results above the range, for someone with no urine B2M result",
    ("action", "more_urine_tests"): "results above the range, for someone who gave a urine "
    "B2M result",
    ("action", "kidney_imaging"): "results above the range",
    ("action", "specialized_bloodwork"): "results above the range",
    ("action", "specialist_referral"): "results well above the range, or above the range with "
    "an eGFR of 30 to 59 (an eGFR under 30 has its own kidney doctor step)",
    ("action", "kidney_specialist_referral"): "results well above the range from a urine B2M, "
    "for people with a blood cancer (in place of the specialist step above)",
    ("action", "talk_to_provider"): "every result",
    ("question", "q_cause"): "any raised result",
    ("question", "q_repeat_timing"): "a result that suggests repeating the test",
    ("question", "q_which_tests"): "results above the range",
    ("question", "q_kidney_function"): "a raised blood B2M when no eGFR or creatinine was given",
    ("question", "q_specialist"): "a result that suggests seeing a specialist",
    ("question", "q_kidney_specialist"): "people with a blood cancer who are asked about a "
    "kidney doctor",
    ("question", "q_compare_earlier"): "people who said they have kidney disease",
    ("question", "q_exposures"): "a raised urine B2M",
    ("question", "q_medicines"): "people who take medicines that can affect the kidneys",
    ("question", "q_metal_testing"): "people exposed to heavy metals",
    ("question", "q_other_conditions"): "people with an autoimmune condition or a long-term "
    "infection and a raised blood B2M",
    ("question", "q_dialysis_target"): "people on dialysis",
    ("question", "q_treatment_plan"): "people with a blood cancer, and people on dialysis who "
    "gave only a urine result",
    ("question", "q_routine"): "results within the range",
    ("note", "back_in_range"): "a result back in range after an earlier raised one",
    ("note", "persistent"): "a raised result when an earlier one was raised too",
    ("note", "transient_causes"): "a first small rise, or a short-term cause such as hard exercise",
    ("note", "no_symptoms"): "any raised result",
    ("note", "kidney_filtering"): "a raised blood B2M with an eGFR under 60",
    ("note", "kidney_filtering_blood_cancer"): "a raised blood B2M with an eGFR under 60, "
    "for people with a blood cancer (in place of the two notes above and below)",
    ("note", "kidney_filtering_partial"): "a blood B2M 2 times its limit or more with an "
    "eGFR of 30 to 59, for people with no known kidney condition or blood cancer (in place "
    "of the note above)",
    ("note", "non_kidney_causes"): "a raised blood B2M with an eGFR of 60 or more",
    ("note", "non_kidney_causes_if_still_raised"): "a first small rise in blood B2M with an "
    "eGFR of 60 or more, which is repeated first (in place of the note above)",
    ("note", "egfr_recheck"): "an eGFR of 30 to 59 beside a blood B2M not above the range "
    "(or only a urine result), for people with no kidney or dialysis team",
    ("note", "tubular"): "a raised urine B2M",
    ("note", "tubular_known_kidney"): "a raised urine B2M in people who said they have kidney "
    "disease or are on dialysis (in place of the note above)",
    ("note", "tubular_blood_cancer"): "a raised urine B2M in people with a blood cancer (in "
    "place of the plain note on raised urine)",
    ("note", "acidic_urine"): "a urine sample with a pH under 6",
    ("note", "dialysis_expected"): "people on dialysis",
    ("note", "dialysis_in_range"): "people on dialysis with a blood B2M not above the range "
    "(in place of the note above)",
    ("note", "blood_cancer_marker"): "people with a blood cancer",
    ("note", "known_kidney_disease"): "people who said they have kidney disease, unless "
    "every B2M result is within its range from a sample that was not acidic",
    ("note", "known_kidney_disease_in_range"): "people who said they have kidney disease, "
    "with every B2M result within its range from a sample that was not acidic (in place "
    "of the note above)",
    ("note", "autoimmune_link"): "people with an autoimmune condition and a raised blood B2M",
    ("note", "infection_link"): "people with a long-term infection and a raised blood B2M",
    ("note", "medicine_link"): "people who take medicines that can affect the kidneys",
    ("note", "metal_link"): "people exposed to heavy metals",
    ("note", "trend_rising"): "a raised result higher than the last one (and not lower "
    "than the earliest), or, for people with a blood cancer, a blood result in or above "
    "the range",
    ("note", "trend_falling"): "a raised result lower than the last one (and not higher "
    "than the earliest); with a blood cancer, also a blood result in range",
    ("note", "trend_rising_overall"): "a raised result about the same as the last one but "
    "higher than the earliest of three or more",
    ("note", "trend_falling_overall"): "a raised result about the same as the last one but "
    "lower than the earliest of three or more",
    ("note", "trend_lower_than_last"): "a raised result lower than the last one but still "
    "higher than the earliest of three or more",
    ("note", "trend_higher_than_last"): "a raised result higher than the last one but still "
    "lower than the earliest of three or more",
    ("note", "egfr_estimated"): "results where eGFR was worked out from creatinine",
    ("note", "typical_limit_serum"): "a blood result given without the report's upper limit",
    ("note", "typical_limit_urine"): "a urine result given without the report's upper limit",
    ("action", "repeat_fresh_sample"): "a urine sample with a pH under 6",
    ("action", "see_kidney_specialist"): "an eGFR under 30, for people who are not on "
    "dialysis and did not say they have kidney disease",
    ("action", "kidney_team_specialist"): "people who said they have kidney disease and have "
    "an eGFR under 30 (in place of the two kidney steps above and below)",
    ("action", "hematology_team"): "people with a blood cancer who gave a blood result",
    ("action", "hematology_team_urine"): "people with a blood cancer who gave only a urine "
    "result (a urine result is not the blood marker their team follows)",
    ("action", "dialysis_team"): "people on dialysis (with a blood or only a urine result)",
    ("action", "kidney_team"): "people who said they have kidney disease, with an eGFR of 30 "
    "or more or none given",
    ("action", "discuss_earlier_result"): "a result back in range after a clearly raised one",
    ("question", "q_earlier_result"): "a result back in range after a clearly raised one",
    ("question", "q_amyloid"): "people on dialysis",
    ("question", "q_marker_change"): "people with a blood cancer",
    ("question", "q_kidney_plan"): "people who said they have kidney disease",
    ("note", "below_range"): "a blood B2M below the lower limit, for people not on dialysis "
    "and with no eGFR under 30",
    ("note", "below_range_low_egfr"): "a blood B2M below the lower limit with an eGFR under "
    "30, for people not on dialysis (in place of the note above)",
    ("note", "typical_limit_both"): "a blood and a urine result both given without the "
    "report's upper limit (in place of the two notes for each)",
    ("note", "said_exercise"): "people who said they exercised hard lately",
    ("note", "said_dehydration"): "people who said they were not drinking enough",
    ("note", "said_fever"): "people who said they had a fever or an illness lately",
    ("note", "said_exercise_less_likely"): "people who said they exercised hard lately, when "
    "something else they told us explains a raised result better",
    ("note", "said_dehydration_less_likely"): "people who said they were not drinking enough, "
    "when something else they told us explains a raised result better",
    ("note", "said_fever_less_likely"): "people who said they had a fever or an illness lately, "
    "when something else they told us explains a raised result better",
    ("note", "said_exercise_not_enough"): "people who said they exercised hard lately, with "
    "a result 2 times the limit or more, or one that was raised before too",
    ("note", "said_dehydration_not_enough"): "people who said they were not drinking enough, "
    "with a result 2 times the limit or more, or one that was raised before too",
    ("note", "said_fever_not_enough"): "people who said they had a fever or an illness "
    "lately, with a result 2 times the limit or more, or one that was raised before too",
    ("note", "said_exercise_in_range"): "people who said they exercised hard lately, with a "
    "result not above the range",
    ("note", "said_dehydration_in_range"): "people who said they were not drinking enough, "
    "with a result not above the range",
    ("note", "said_fever_in_range"): "people who said they had a fever or an illness lately, "
    "with a result not above the range",
    ("note", "iss_marks"): "people with a blood cancer and a blood B2M of 3.5 mg/L or more",
    ("general", "disclaimer"): "every result, at the end, in a box of its own (also in the "
    "PDF, the text file and the API): keep \u201ceducation, not a diagnosis\u201d in it",
}


def for_level(level):
    when = LEVELS.get(level, "results at this level")
    return f"The badge, headline and summary at the top of {PAGES}, for {when}."


SITUATIONS = {
    "acidic_urine": "a result within range from a urine sample with a pH under 6",
    "dialysis": "people on dialysis",
    "dialysis_in_range": "people on dialysis with no result above the range (a blood B2M "
    "not above the range is unexpected there)",
    "dialysis_urine": "people on dialysis who gave only a urine result",
    "blood_cancer": "people with a blood cancer",
    "kidney_disease": "people who said they have kidney disease",
    "blood_cancer_urine": "people with a blood cancer who gave only a urine result",
    "back_in_range": "a result back in range after a clearly raised one",
    "low_egfr": "a result within range with an eGFR under 30",
    "low_egfr_raised": "a raised result with an eGFR under 30, for people with no kidney or "
    "dialysis team and no blood cancer",
    "low_egfr_urine": "a raised urine B2M (and no raised blood B2M) with an eGFR under 30, "
    "for people with no kidney or dialysis team and no blood cancer",
    "short_term_first": "a first result above range (under 2 times the limit) after hard "
    "exercise, dehydration or a fever, with nothing that explains it better",
    "below_range": "a result within range with a blood B2M below the lower limit",
}


def for_phrase(kind, code):
    part, _, situation = code.partition("_")
    if kind == "general" and part == "label" and situation:
        who = SITUATIONS.get(situation, "a special situation the rules name")
        return (
            f"A second badge beside the level's badge at the top of {PAGES}, for {who}. "
            "Keep it short."
        )
    if kind == "general" and part in ("headline", "summary") and situation:
        who = SITUATIONS.get(situation, "a special situation the rules name")
        return f"The {part} at the top of {PAGES}, in place of the level's {part}, for {who}."
    where = KINDS.get(kind, "Text on " + PAGES)
    when = WHEN.get((kind, code))
    if when is None:
        return f"{where}, when the rules ask for it."
    return f"{where}, for {when}."
