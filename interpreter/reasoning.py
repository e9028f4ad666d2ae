""" "How we worked this out": the rules that applied, in plain words, with their sources.

Built from the engine's ``rules_fired`` ids (a fixed vocabulary, see
tests/interpreter/test_rules_fired.py) and the presenter's findings, so the list
never shows an internal code. No Django imports: the words here explain the
engine's own logic and sources, and change only when the rules do.
"""

from . import rules
from .display import limit_number, number, unit_label
from .units import from_base

MAYO = "Mayo Clinic Laboratories"
KDIGO = "KDIGO 2024 kidney guideline"
CKD_EPI = "CKD-EPI 2021 equation (Inker and others, 2021)"
ARTICLE = "Our source article, Understanding Elevated Beta-2 Microglobulin Levels"
OWN_STEPS = "B2M Guide's own steps (the source article gives no numbers)"
ISS = "International Staging System for myeloma (Greipp and others, 2005)"
DIALYSIS_SOURCE = "Review of dialysis-related amyloid (Scarpioni and others, 2016)"
REPORT = "Your lab report"

NAMES = {"serum": "blood", "urine": "urine"}
CONTEXT_WORDS = {
    "autoimmune": "an autoimmune condition",
    "chronic_infection": "a long-term infection",
    "kidney_medication": "a medicine that can affect the kidneys",
    "heavy_metals": "contact with metals such as lead",
}

# Rule id -> (plain words, source). Ids that need numbers are handled in _limit_items.
FIXED = {
    "egfr_reported": ("We read your kidney filtering from the eGFR on your report.", KDIGO),
    "egfr_calculated_ckd_epi_2021": (
        "We worked out your eGFR from your creatinine, age and sex.",
        CKD_EPI,
    ),
    "single_mild_rise_repeat_first": (
        "A first small rise: the usual first step is a repeat test in one to two weeks.",
        ARTICLE,
    ),
    "transient_causes_possible": (
        "A first small rise can come from a short-term cause, such as hard exercise. So a "
        "repeat test comes first.",
        ARTICLE,
    ),
    "follow_up_list": (
        "A clear or repeated rise is a reason to ask about follow-up tests.",
        ARTICLE,
    ),
    "short_term_cause_repeat_before_tests": (
        "You told us about a short-term cause. Nothing else you told us explains the rise "
        "better, and it is under 2 times the limit. So the repeat test comes first, and the "
        "follow-up tests only if it stays up.",
        ARTICLE,
    ),
    "first_raise_confirm_with_repeat": (
        "This is the first raised result, so a repeat test helps confirm it.",
        ARTICLE,
    ),
    "markedly_elevated_referral": (
        "A result well above the range is a reason to ask about a specialist.",
        ARTICLE,
    ),
    "serum_raised_egfr_unknown": (
        "We had no eGFR, so we could not tell how much your kidneys explain a raised blood result.",
        KDIGO,
    ),
    "serum_raised_egfr_below_60": (
        "Your eGFR is under 60, so less kidney filtering may explain much of a raised "
        "blood result.",
        KDIGO,
    ),
    "serum_well_above_egfr_30_to_59": (
        "Your eGFR is 30 to 59, so less kidney filtering may explain some of a raised "
        "blood result. Yours is 2 times the limit or more, so other causes are worth "
        "checking too.",
        OWN_STEPS,
    ),
    "serum_raised_egfr_below_60_blood_cancer": (
        "Your eGFR is under 60. With a known blood cancer, both the kidneys and the "
        "illness can raise blood B2M, so your team reads the two together.",
        ISS,
    ),
    "serum_below_range_egfr_below_30": (
        "Your blood result is below the range, but your eGFR is under 30. Blood B2M is "
        "usually high then, so the result is worth checking.",
        "Study of B2M and kidney filtering (Inker and others, 2016)",
    ),
    "serum_raised_egfr_60_or_more": (
        "Your eGFR is 60 or more, so kidney filtering alone is not likely to explain a "
        "raised blood result.",
        ARTICLE,
    ),
    "egfr_below_60_recheck": (
        "An eGFR under 60 for 3 months or more is a sign of kidney disease. So one low "
        "eGFR is worth checking again.",
        KDIGO,
    ),
    "egfr_below_30_kidney_specialist": (
        "An eGFR under 30 is a reason to see a kidney doctor, whatever the B2M result.",
        KDIGO,
    ),
    "urine_b2m_already_done": (
        "You already have a urine B2M result, so the other urine tests are the ones to ask about.",
        ARTICLE,
    ),
    "urine_raised_tubular": (
        "A raised urine result points to the tiny tubes in the kidneys.",
        ARTICLE,
    ),
    "urine_raised_known_kidney_condition": (
        "With known kidney disease or dialysis, a raised urine result is expected. Your "
        "kidney team follows it, so we suggest no tests for other causes.",
        KDIGO,
    ),
    "urine_raised_blood_cancer": (
        "With a known blood cancer, your blood cancer team reads a raised urine result "
        "first, so we leave out the list of rarer causes.",
        ARTICLE,
    ),
    "acidic_urine_ph_below_6": (
        "Your urine pH is under 6. B2M breaks down in acidic urine, so labs ask for a new sample.",
        MAYO,
    ),
    "dialysis_serum_monitoring": (
        "On dialysis, a high blood B2M is expected, and your dialysis team follows it.",
        DIALYSIS_SOURCE,
    ),
    "dialysis_serum_in_range": (
        "On dialysis, blood B2M is usually well above the range, even after a session. "
        "Yours is not, so it is worth checking with your dialysis team.",
        DIALYSIS_SOURCE,
    ),
    "blood_cancer_serum_marker": (
        "With a known blood cancer, B2M is a marker your team tracks, so we suggest no "
        "tests for other causes.",
        ARTICLE,
    ),
    "blood_cancer_team": (
        "You told us you have a blood cancer, so your blood cancer team should see this "
        "result too.",
        ARTICLE,
    ),
    "blood_cancer_no_specialized_bloodwork": (
        "With a known blood cancer, we do not suggest blood tests that look for one.",
        ARTICLE,
    ),
    "blood_cancer_kidney_doctor_only": (
        "Your blood cancer team already follows you. A raised urine result is about the "
        "kidneys, so the specialist to ask about is a kidney doctor.",
        ARTICLE,
    ),
    "kidney_disease_team": (
        "You told us you have kidney disease, so your kidney team should see this result too.",
        KDIGO,
    ),
    "dialysis_urine_team": (
        "On dialysis, your dialysis team follows your kidneys, so we put their plan first.",
        KDIGO,
    ),
    "known_kidney_disease_path": (
        "With known kidney disease, we read B2M with your eGFR and put your kidney team's "
        "plan first.",
        KDIGO,
    ),
    "back_in_range_discuss_earlier_result": (
        "An earlier result was clearly raised, so both results are worth a talk, even "
        "though this one is back in range.",
        ARTICLE,
    ),
}


# A ticked short-term cause, by rule id family (the cause follows the prefix).
TRANSIENT = {
    "transient_context_": (
        "You told us about a short-term cause, and nothing else you told us "
        "explains the rise better, so a repeat test comes first.",
        ARTICLE,
    ),
    "transient_better_explained_": (
        "You told us about a short-term cause. But other things you told us may "
        "explain the result better, so it is not the reason for a repeat test.",
        ARTICLE,
    ),
    "transient_too_high_": (
        "You told us about a short-term cause. It brings only a small rise, not "
        "one of 2 times the limit or more, so we do not wait for a repeat test.",
        ARTICLE,
    ),
    "transient_raised_before_": (
        "You told us about a short-term cause. Its rise passes, but an earlier "
        "result was raised too, so we do not wait for a repeat test.",
        ARTICLE,
    ),
    "transient_not_raised_": (
        "You told us about a short-term cause, but your result is not above the "
        "range, so it changes nothing here.",
        ARTICLE,
    ),
}


def level_steps(labels):
    """How the level follows from the ratio to the limit, in the level names the badge,
    the number line and the legend use (`labels`: level code -> the editors' label)."""
    mild, marked = number(rules.MILD_RATIO_MAX), number(rules.MARKED_RATIO_MIN)
    return (
        f"We set the level by comparing your result with that limit: up to the limit is "
        f"{labels[rules.WITHIN_RANGE].lower()}, up to {mild} times the limit is "
        f"{labels[rules.MILDLY_ELEVATED].lower()}, under {marked} times is "
        f"{labels[rules.ELEVATED].lower()}, and {marked} times or more is "
        f"{labels[rules.MARKEDLY_ELEVATED].lower()}."
    )


def _lower_limit_item(finding, name, unit):
    """Which lower limit a result below the range was compared with, and its source."""
    lower = f"{limit_number(finding.lower_limit, finding.lower_limit_source)} {unit}"
    if finding.lower_limit_source == "report":
        return (f"We compared your {name} result with the lower limit printed on your "
                f"report: {lower}.", REPORT)  # fmt: skip
    return (f"Your report gave no lower limit, so we used a typical adult lower limit of "
            f"{lower}.", MAYO)  # fmt: skip


def _limit_items(result, findings, labels):
    items = []
    lower_limits = {f.analyte: f for f in result.findings if f.below_range}
    for finding in findings:
        name = NAMES[finding.analyte]
        unit = unit_label(finding.unit)
        if finding.limit_source == "report":
            items.append(
                (
                    f"We compared your {name} result with the upper limit printed on your "
                    f"report: {finding.limit} {unit}.",
                    REPORT,
                )
            )
        else:
            items.append(
                (
                    f"Your report gave no {name} range, so we used a typical adult upper "
                    f"limit of {finding.limit} {unit}.",
                    MAYO,
                )
            )
        if finding.below_range:
            items.append(_lower_limit_item(lower_limits[finding.analyte], name, unit))
            if {"dialysis_serum_in_range", "serum_below_range_egfr_below_30"} & set(
                result.rules_fired
            ):
                continue  # on dialysis or under eGFR 30 a low blood result is unexpected
            items.append(
                (
                    f"Your {name} result is below the range. A low level is not a known "
                    "cause for concern.",
                    MAYO,
                )
            )
    items.append((level_steps(labels), OWN_STEPS))
    return items


# The ISS marks (rules.ISS_STAGE_II_MG_L, ISS_STAGE_III_MG_L) by rule id.
ISS_MARKS = {
    "blood_cancer_iss_3.5_mg_l": rules.ISS_STAGE_II_MG_L,
    "blood_cancer_iss_5.5_mg_l": rules.ISS_STAGE_III_MG_L,
}


def _iss_item(mark, result):
    """The staging mark a blood result reached, also in the person's own unit."""
    unit = next(f.unit for f in result.findings if f.analyte == rules.SERUM)
    words = f"{number(mark)} mg/L"
    if unit != "mg/L":
        words += f" (about {number(float(f'{from_base(mark, unit):.3g}'))} {unit_label(unit)})"
    return (
        f"Your blood result is at or above {words}, a staging mark specialists use only "
        "with a known myeloma. It does not change your level.",
        ISS,
    )


def _history_item(rule, fired):
    analyte = "serum" if "_serum" in rule else "urine"
    name = NAMES[analyte]
    if rule.endswith("_other_kind_of_unit"):
        return (
            f"An earlier {name} result was in another kind of unit: one is per creatinine, "
            "the other per liter. So we could not compare it with this one. Your provider "
            "can.",
            OWN_STEPS,
        )
    if rule.startswith("persistent_"):
        return (
            f"An earlier {name} result was also above its limit, so this is not a one-off.",
            ARTICLE,
        )
    if rule.startswith("back_in_range_after_clear_rise_"):
        if "back_in_range_discuss_earlier_result" in fired:
            return None  # said once, by back_in_range_discuss_earlier_result
        # On a known condition's path, its team compares the results.
        return (f"An earlier {name} result was clearly above its limit; this one is not.", ARTICLE)
    if rule.startswith("back_in_range_"):
        return (f"An earlier {name} result was a little above its limit; this one is not.", ARTICLE)
    if rule.startswith("trend_"):
        return (TREND_WORDS[rule.removeprefix(f"trend_{analyte}_")].format(name=name), OWN_STEPS)
    return None


# The trend rules (rules.TREND_NOTES) by suffix; each change is a tenth of the limit or more.
TREND_WORDS = {
    "rising": "Your {name} level is higher than last time by at least a tenth of the limit.",
    "falling": "Your {name} level is lower than last time by at least a tenth of the limit.",
    "rising_overall": (
        "Your {name} level is about the same as last time, but higher than at your "
        "earliest result. We count a change of a tenth of the limit or more."
    ),
    "falling_overall": (
        "Your {name} level is about the same as last time, but lower than at your "
        "earliest result. We count a change of a tenth of the limit or more."
    ),
    "lower_than_last": (
        "Your {name} level is lower than last time, but higher than at your earliest "
        "result. We count a change of a tenth of the limit or more."
    ),
    "higher_than_last": (
        "Your {name} level is higher than last time, but lower than at your earliest "
        "result. We count a change of a tenth of the limit or more."
    ),
}


def reasoning(result, findings, labels):
    """A short list of {"text", "source"} for "How we worked this out"; `labels` are the
    level names (level code -> label) the rest of the page uses."""
    items = _limit_items(result, findings, labels)
    for rule in result.rules_fired:
        if rule in FIXED:
            items.append(FIXED[rule])
        elif rule in ISS_MARKS:
            items.append(_iss_item(ISS_MARKS[rule], result))
        elif rule.startswith(tuple(TRANSIENT)):
            if (
                rule.startswith("transient_context_")
                and "short_term_cause_repeat_before_tests" in result.rules_fired
            ):
                continue  # said once, with the tests that wait for the repeat
            items.append(next(v for k, v in TRANSIENT.items() if rule.startswith(k)))
        elif rule.startswith("context_"):
            thing = CONTEXT_WORDS[rule.removeprefix("context_")]
            items.append((f"You told us about {thing}, which can raise B2M.", ARTICLE))
        elif rule.startswith(("persistent_", "trend_", "back_in_range_", "history_")):
            item = _history_item(rule, result.rules_fired)
            if item:
                items.append(item)
    unique = list(dict.fromkeys(items))
    return [{"text": text, "source": source} for text, source in unique]
