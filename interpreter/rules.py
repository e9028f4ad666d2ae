"""The B2M Guide interpretation engine: lab values in, a level and next steps out.

``interpret(Inputs(...))`` returns a ``Result`` of codes only (level, actions, notes,
questions, learn-more keys, and which headline and summary to show). Patient-facing
words for every code live in the database, seeded from
``interpreter/migrations/_seed_wording.py``, and a presenter joins the two.

Sources behind the numbers:
- Serum range 1.21-2.70 mg/L when the report gives none: Mayo Clinic Laboratories
  test catalogue, Beta-2-Microglobulin (B2M), Serum: adult reference 1.21-2.70 mcg/mL.
- Urine upper limit 0.3 mg/L (300 µg/L): Mayo Clinic Laboratories,
  Beta-2-Microglobulin (B2M), Random, Urine: 300 mcg/L or less.
- Below the range: Mayo Clinic Laboratories, serum B2M, Interpretation: low levels
  mean no sign of the disease activity B2M is used to follow; they are not a known
  cause for concern (but never rule a disease out on their own).
- Urine per creatinine (µg/g or mg/mmol creatinine): ranges differ too much between
  labs to use a typical one, so these need the report's own limit.
- Serum 3.5 and 5.5 mg/L: International Staging System for multiple myeloma,
  Greipp PR et al., J Clin Oncol 2005;23:3412-20 (stage I below 3.5, stage III 5.5 or
  more). Used only to explain, on the known-blood-cancer path; never to set a level.
- Urine pH: B2M breaks down in acidic urine; reference labs reject urine samples
  below pH 6 for this test (Mayo Clinic Laboratories urine B2M specimen requirements).
- eGFR below 60: KDIGO 2012/2024 CKD guideline, categories G3a to G5 (see egfr.py).
  With an eGFR of 30 to 59, a blood B2M 2 times its limit or more is read as only partly
  explained by less filtering (project convention pending clinical review; blood B2M
  rises as GFR falls: Inker LA et al., Am J Kidney Dis 2016;67:40-48).
  eGFR below 30 (G4, G5): KDIGO 2024 recommends referral to kidney specialist services.
- Dialysis: a high serum B2M is expected; over years it can form dialysis-related
  amyloid (joint pain, carpal tunnel syndrome), which is why teams follow it
  (Scarpioni R et al., Int J Nephrol Renovasc Dis 2016;9:319-28). Even after a session
  it stays above the usual range, so one in or below the range is unexpected and worth
  checking (number, unit, timing), not reassuring.
- A known blood cancer with an eGFR under 60: both raise serum B2M (the ISS uses B2M
  because it reflects tumour mass and kidney function, Greipp 2005), so the team reads
  them together and the kidneys are never said to explain "much" of it.
- Meaning of raised serum (less filtering, or non-kidney causes such as blood cancers,
  autoimmune disease and chronic infection), raised urine (tubule damage; medicines,
  heavy metals, Wilson's disease), short-term rises after hard exercise, dehydration or a
  feverish illness that often settle on a repeat test in 1-2 weeks, and the follow-up
  list: the project's source article "Understanding Elevated Beta-2 Microglobulin
  Levels" (shared/source-article.txt).
- The 1.5x and 2x cut-offs between "mildly elevated", "elevated" and "markedly
  elevated" are this project's convention pending clinical review: the article gives
  no numbers, only that single mild rises are often short-lived.

Design decisions:
- The report's range alone decides the level, and the level never goes down as a
  value goes up. Contexts (dialysis, blood cancer, recent exercise...) never change
  the level: they change the path through the guidance. A known blood cancer, known
  kidney disease or dialysis each has its own path: the team that already follows
  the person comes first, and no work-up for other causes is suggested for what the
  known condition explains. A second known condition still names its own team, known
  kidney disease or dialysis stops every result driving a work-up (a raised urine B2M
  too: no list of other causes), and a known blood cancer is never offered the blood
  tests that look for one (free light chains).
- Short-term causes (exercise, dehydration, fever) are offered as a reason to repeat
  only when nothing better explains a first raise; a ticked one is always said back
  (the likely reason, less likely than something else, or no raise above the range).
- A possibly invalid sample (acidic urine) is never reassuring: a fresh sample first.
- A first, mild rise asks only for a repeat test and a talk with the provider; the
  longer list of follow-up tests starts at "elevated" (or a raise seen before too).
- One tolerance at every cut-off (``TOLERANCE``): values within 0.01% of a cut-off
  count as on it, so the same amount written in another unit (value and limit each
  printed to 5 significant figures, up to 0.005% off each) never lands on the other
  side. Lab results are nowhere near that precise.
- Actions, notes, questions and learn-more keys come out in the fixed order of
  ACTION_CODES, NOTE_CODES, QUESTION_CODES and LEARN_MORE_KEYS, without duplicates;
  a code outside those tuples is a programming error and raises.
"""

import datetime
import functools
import math
from dataclasses import dataclass, field, replace

from interpreter.egfr import (
    ckd_epi_2021,
    kdigo_category,
    kdigo_category_label,
    reported_whole_number,
)
from interpreter.units import (
    MG_PER_L,
    base_unit,
    creatinine_to_mg_dl,
    from_base,
    is_per_creatinine,
    normalize_unit,
    to_base,
)

RULES_VERSION = "2026.12.21"

WITHIN_RANGE = "within_range"
MILDLY_ELEVATED = "mildly_elevated"
ELEVATED = "elevated"
MARKEDLY_ELEVATED = "markedly_elevated"
LEVELS = (WITHIN_RANGE, MILDLY_ELEVATED, ELEVATED, MARKEDLY_ELEVATED)
RANKS = {code: rank for rank, code in enumerate(LEVELS)}

SERUM = "serum"
URINE = "urine"
ANALYTES = (SERUM, URINE)

ACTION_CODES = (
    "repeat_fresh_sample",
    "see_kidney_specialist",
    # The team the summary names comes first: on dialysis with a blood cancer too, the
    # page takes the dialysis path, so the dialysis team leads.
    "dialysis_team",
    "hematology_team",
    "hematology_team_urine",
    "kidney_team",
    "kidney_team_specialist",
    "discuss_earlier_result",
    # With no named team, the provider comes first: the repeat and the tests after it
    # are theirs to order (a team action replaces this one, see TEAM_ACTIONS).
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
FOLLOW_UP_ACTIONS = (
    "metabolic_panel_egfr",
    "urine_tests",
    "kidney_imaging",
    "specialized_bloodwork",
)
# Actions that name the team a person already has; they replace "talk_to_provider".
TEAM_ACTIONS = (
    "hematology_team",
    "hematology_team_urine",
    "dialysis_team",
    "kidney_team",
    "kidney_team_specialist",
    "discuss_earlier_result",
)

CONTEXT_CODES = (
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
# Short-term causes named by the source article: hard exercise, dehydration, fever.
TRANSIENT_CONTEXTS = ("recent_exercise", "dehydration", "acute_illness")
# Known conditions and exposures that explain a raise better than a short-term cause.
EXPLAINING_CONTEXTS = (
    "kidney_disease",
    "dialysis",
    "blood_cancer",
    "autoimmune",
    "chronic_infection",
    "kidney_medication",
    "heavy_metals",
)
# Known kidney conditions: a kidney or dialysis team already follows every B2M result,
# and failing kidneys explain a raised one (KDIGO 2024: kidney failure, G5 or dialysis,
# is under specialist kidney care), so no result drives a work-up for other causes.
KNOWN_KIDNEY_CONTEXTS = ("kidney_disease", "dialysis")
# The paths (see _known_path) of people on dialysis: their dialysis team already includes
# kidney doctors (KDIGO 2024: kidney failure, G5D, is under specialist kidney care).
DIALYSIS_PATHS = ("dialysis", "dialysis_urine")

NOTE_CODES = (
    "acidic_urine",
    "back_in_range",
    "below_range",
    "below_range_low_egfr",
    "persistent",
    "said_exercise",
    "said_dehydration",
    "said_fever",
    "said_exercise_less_likely",
    "said_dehydration_less_likely",
    "said_fever_less_likely",
    "said_exercise_not_enough",
    "said_dehydration_not_enough",
    "said_fever_not_enough",
    "said_exercise_in_range",
    "said_dehydration_in_range",
    "said_fever_in_range",
    "transient_causes",
    "no_symptoms",
    "kidney_filtering",
    "kidney_filtering_partial",
    "kidney_filtering_blood_cancer",
    "non_kidney_causes",
    "non_kidney_causes_if_still_raised",
    "tubular",
    "tubular_known_kidney",
    "tubular_blood_cancer",
    "dialysis_expected",
    "dialysis_in_range",
    "blood_cancer_marker",
    "iss_marks",
    "known_kidney_disease",
    "known_kidney_disease_in_range",
    "autoimmune_link",
    "infection_link",
    "medicine_link",
    "metal_link",
    "trend_rising",
    "trend_falling",
    "trend_rising_overall",
    "trend_falling_overall",
    "trend_lower_than_last",
    "trend_higher_than_last",
    "egfr_estimated",
    "egfr_recheck",
    "typical_limit_serum",
    "typical_limit_urine",
    "typical_limit_both",
)
# The note a ticked short-term cause adds, in the person's own terms: as the likely
# reason (SAID_NOTES), when something better explains the result ("_less_likely"), when
# the rise is too large or too lasting for it to explain ("_not_enough"), or when the
# result is not above the range ("_in_range"). A tick always shows.
SAID_NOTES = {
    "recent_exercise": "said_exercise",
    "dehydration": "said_dehydration",
    "acute_illness": "said_fever",
}

QUESTION_CODES = (
    "q_cause",
    "q_repeat_timing",
    "q_which_tests",
    "q_kidney_function",
    "q_specialist",
    "q_kidney_specialist",
    "q_compare_earlier",
    "q_earlier_result",
    "q_exposures",
    "q_medicines",
    "q_metal_testing",
    "q_other_conditions",
    "q_dialysis_target",
    "q_amyloid",
    "q_treatment_plan",
    "q_marker_change",
    "q_kidney_plan",
    "q_routine",
)

LEARN_MORE_KEYS = (
    "what-is-b2m#what-it-is",
    "what-is-b2m#why-doctors-test-it",
    "what-is-b2m#no-symptoms",
    "kidneys-and-b2m#filtering",
    "kidneys-and-b2m#high-blood-level",
    "kidneys-and-b2m#high-urine-level",
    "causes-of-high-b2m#kidney-tubule-conditions",
    "causes-of-high-b2m#blood-cancers",
    "causes-of-high-b2m#other-causes",
    "causes-of-high-b2m#short-term-causes",
    "understanding-your-result#what-raised-means",
    "understanding-your-result#when-to-act",
    "understanding-your-result#dont-panic",
    "next-steps#follow-up-tests",
    "next-steps#early-detection",
    "next-steps#questions-to-ask",
    "getting-ready-for-a-repeat-test#how-to-prepare",
    "getting-ready-for-a-repeat-test#urine-test",
    "living-with-myeloma-or-kidney-disease#blood-cancer",
    "living-with-myeloma-or-kidney-disease#kidney-disease",
    "living-with-myeloma-or-kidney-disease#dialysis",
)

# Situations whose own headline and summary replace the level's (see _situation).
SITUATIONS = (
    "acidic_urine",
    "dialysis",
    "dialysis_in_range",
    "dialysis_urine",
    "blood_cancer",
    "kidney_disease",
    "blood_cancer_urine",
    "back_in_range",
    "low_egfr",
    "low_egfr_raised",
    "low_egfr_urine",
    "short_term_first",
    "below_range",
)
# Of those, the ones that also replace the level's headline (only when within range).
HEADLINE_SITUATIONS = ("acidic_urine", "dialysis_in_range", "back_in_range", "below_range")
# Of those, the ones whose level badge would mislead on its own: a second badge (a
# "general" phrase label_<code>) sits beside it. A urine result in range from an
# acidic sample may read falsely low (Mayo Clinic Laboratories), so "Not above range"
# alone would reassure; so would a blood B2M in (or below) the range on dialysis, where
# it is expected well above it even after a session (Scarpioni 2016), so the number, its
# unit and its timing are worth checking.
LABEL_SITUATIONS = ("acidic_urine", "dialysis_in_range")

# Upper limits in mg/L used only when the report gives none (see the module docstring).
TYPICAL_UPPER_LIMITS = {
    SERUM: 2.7,  # Mayo Clinic Laboratories, serum B2M, adults 1.21-2.70 mcg/mL
    URINE: 0.3,  # Mayo Clinic Laboratories, random urine B2M, 300 mcg/L or less
}
# Lower limits in mg/L, used only with the typical upper limit (a report that prints
# its own upper limit but no lower one is never judged "below" against another lab).
TYPICAL_LOWER_LIMITS = {
    SERUM: 1.21,  # Mayo Clinic Laboratories, serum B2M, adults 1.21-2.70 mcg/mL
}

# Project convention pending clinical review: the article gives no numbers.
MILD_RATIO_MAX = 1.5  # above the limit and up to 1.5x: mildly elevated
MARKED_RATIO_MIN = 2.0  # 2x the limit or more: markedly elevated

# ISS for multiple myeloma (Greipp 2005), explained only on the known-blood-cancer path.
ISS_STAGE_II_MG_L = 3.5  # serum B2M at or above: not stage I
ISS_STAGE_III_MG_L = 5.5  # serum B2M at or above: stage III (with albumin, LDH, genetics)

ACIDIC_URINE_PH = 6.0  # labs reject urine B2M samples below pH 6 (B2M breaks down)
REDUCED_EGFR_BELOW = 60  # KDIGO G3a and below: reduced filtering
SPECIALIST_EGFR_BELOW = 30  # KDIGO 2024: G4 and G5, refer to kidney specialist services
# KDIGO 2024: kidney disease is an eGFR under 60 for more than 3 months, so one low
# eGFR (G3a, G3b) is worth checking again.

# Project convention: a change of 0.1x the upper limit counts as rising or falling; less
# than that is steady. With three or more results it is measured twice: from the earliest
# to the latest (the series' direction) and between the last two (the last step). A
# clinician reads both: a rise then a small dip is still up on the earliest result, not
# simply "falling" (see _series_direction).
TREND_STEP = 0.1
# The trend note's code suffix (note trend_<suffix>, rule trend_<analyte>_<suffix>) for a
# (direction, last step) pair; a steady series has none.
TREND_NOTES = {
    ("rising", "rising"): "rising",
    ("falling", "falling"): "falling",
    ("rising", "steady"): "rising_overall",
    ("falling", "steady"): "falling_overall",
    ("rising", "falling"): "lower_than_last",
    ("falling", "rising"): "higher_than_last",
}

# One relative tolerance at every cut-off, in every unit (see the module docstring).
TOLERANCE = 1e-4
RATIO_DECIMALS = 4


def at_least(value: float, cut: float) -> bool:
    """``value >= cut``, counting a value within TOLERANCE of the cut as on it.

    >>> at_least(3.4997, 3.5), at_least(3.4995, 3.5), at_least(2.0, 1.5)
    (True, False, True)
    """
    return value >= cut or math.isclose(value, cut, rel_tol=TOLERANCE)


def above(value: float, cut: float) -> bool:
    """``value > cut``, counting a value within TOLERANCE of the cut as on it (not above).

    >>> above(1.00009, 1.0), above(1.0002, 1.0)
    (False, True)
    """
    return value > cut and not math.isclose(value, cut, rel_tol=TOLERANCE)


@dataclass(frozen=True)
class Measurement:
    """One B2M result as printed on a report; limits are in the same unit."""

    value: float
    unit: str
    upper_limit: float | None = None
    lower_limit: float | None = None


@dataclass(frozen=True)
class HistoryPoint:
    date: datetime.date
    serum: Measurement | None = None
    urine: Measurement | None = None


@dataclass(frozen=True)
class Creatinine:
    value: float
    unit: str
    age: int
    sex: str


@dataclass(frozen=True)
class Inputs:
    serum: Measurement | None = None
    urine: Measurement | None = None
    urine_ph: float | None = None
    egfr: float | None = None
    creatinine: Creatinine | None = None
    test_date: datetime.date | None = None
    history: tuple[HistoryPoint, ...] = ()
    context: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Finding:
    """How one current result compares with its range.

    Amounts ending in ``_mg_l`` are in ``base_unit``: mg/L for concentrations, or
    µg/g creatinine for urine given per creatinine. ``band`` comes from the ratio to
    the upper limit alone; a raise also seen in the history (``persistent``) can lift
    the overall level further.
    """

    analyte: str
    value: float
    unit: str
    value_mg_l: float
    limit: float
    limit_mg_l: float
    limit_source: str
    ratio: float
    band: str
    persistent: bool = False
    below_range: bool = False
    lower_limit: float | None = None
    base_unit: str = MG_PER_L
    lower_limit_source: str | None = None  # "report" or "typical", when there is one
    # A urine result from a sample under pH 6: it may read lower than the real level, so
    # it can never reassure (Mayo Clinic Laboratories: B2M breaks down in acidic urine).
    may_read_low: bool = False

    @property
    def level(self) -> str:
        """The level this result sets for the page: its band, and at least "elevated"
        when it was raised before too (not a one-off)."""
        return higher(self.band, ELEVATED) if self.persistent else self.band


@dataclass(frozen=True)
class KidneyFinding:
    """eGFR used by the rules; ``egfr_whole`` is the whole number the category uses."""

    egfr: float
    category: str
    category_label: str
    source: str
    egfr_whole: int = 0


@dataclass(frozen=True)
class TrendPoint:
    date: datetime.date | None
    value_mg_l: float
    limit_mg_l: float
    ratio: float
    above_limit: bool
    # The value and unit as given, so a page can say "3.0 mg/L" back as it was typed
    # rather than a number converted there and back; the sums use value_mg_l.
    value: float | None = field(default=None, compare=False)
    unit: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Trend:
    """Earlier results and the current one, oldest first.

    ``direction`` is the whole series' (see _series_direction); ``last_step`` compares
    the last two results and ``since_first`` the earliest with the latest. With two
    results all three agree.
    """

    analyte: str
    points: tuple[TrendPoint, ...]
    direction: str
    last_step: str
    since_first: str
    previously_raised: bool
    previously_clearly_raised: bool = False

    @property
    def note(self) -> str | None:
        """The trend note's code suffix, or None for a steady series."""
        return TREND_NOTES.get((self.direction, self.last_step))


@dataclass(frozen=True)
class Result:
    level: str
    rank: int
    findings: tuple[Finding, ...]
    kidney: KidneyFinding | None
    trends: tuple[Trend, ...]
    actions: tuple[str, ...]
    questions: tuple[str, ...]
    notes: tuple[str, ...]
    learn_more: tuple[str, ...]
    rules_fired: tuple[str, ...]
    rules_version: str
    situation: str | None = None


def ratio_of(value: float, limit: float) -> float:
    """Value as a multiple of the limit (both in one unit), rounded for display.

    >>> ratio_of(0.45, 0.3)  # 1.5000000000000002 unrounded
    1.5
    """
    if limit <= 0:
        # Only reachable when a positive limit underflows to 0.0 on conversion.
        return math.inf
    return round(value / limit, RATIO_DECIMALS)


def band_for_ratio(ratio: float) -> str:
    """Level for a value/limit ratio, with TOLERANCE at each cut-off.

    >>> [band_for_ratio(r) for r in (1.0, 1.0002, 1.5, 1.50014, 1.9997, 1.99985)]
    ['within_range', 'mildly_elevated', 'mildly_elevated', 'mildly_elevated', 'elevated', \
'markedly_elevated']
    """
    if not above(ratio, 1.0):
        return WITHIN_RANGE
    if not above(ratio, MILD_RATIO_MAX):
        return MILDLY_ELEVATED
    if not at_least(ratio, MARKED_RATIO_MIN):
        return ELEVATED
    return MARKEDLY_ELEVATED


def higher(*levels: str) -> str:
    """The highest of the given level codes."""
    return max(levels, key=RANKS.__getitem__)


def _check_measurement(measurement: Measurement, analyte: str, what: str) -> None:
    unit = normalize_unit(measurement.unit)  # raises UnknownUnitError
    to_base(measurement.value, unit)  # raises ValueError on NaN, inf or negative
    if is_per_creatinine(unit) and analyte != URINE:
        raise ValueError(
            f"The {what} result is in a per-creatinine unit ({measurement.unit}); "
            "those are for urine only"
        )
    for name in ("upper_limit", "lower_limit"):
        limit = getattr(measurement, name)
        if limit is not None and not (math.isfinite(limit) and limit > 0):
            words = name.replace("_", " ")
            raise ValueError(f"The {what} {words} must be a positive number, not {limit!r}")
    lower, upper = measurement.lower_limit, measurement.upper_limit
    if lower is not None and upper is not None and lower >= upper:
        raise ValueError(f"The {what} lower limit must be below its upper limit")


def _validate(inputs: Inputs) -> None:
    if inputs.serum is None and inputs.urine is None:
        raise ValueError("Give a serum or a urine B2M result (or both)")
    for analyte in ANALYTES:
        measurement = getattr(inputs, analyte)
        if measurement is not None:
            _check_measurement(measurement, analyte, analyte)
            if is_per_creatinine(normalize_unit(measurement.unit)) and (
                measurement.upper_limit is None
            ):
                raise ValueError(
                    f"A {analyte} result per creatinine needs the upper limit printed on "
                    "the report: ranges differ too much between labs to use a typical one"
                )
    unknown = set(inputs.context) - set(CONTEXT_CODES)
    if unknown:
        raise ValueError(f"Unknown context codes {sorted(unknown)}; use codes from CONTEXT_CODES")
    ph = inputs.urine_ph
    if ph is not None and not (math.isfinite(ph) and 0 <= ph <= 14):
        raise ValueError(f"Urine pH must be between 0 and 14, not {ph!r}")
    for point in inputs.history:
        if not isinstance(point.date, datetime.date):
            raise ValueError(f"A history point needs a date, not {point.date!r}")
        for analyte in ANALYTES:
            measurement = getattr(point, analyte)
            if measurement is not None:
                _check_measurement(measurement, analyte, f"earlier {analyte}")


def _finding(analyte: str, measurement: Measurement, fired: list[str]) -> Finding:
    unit = normalize_unit(measurement.unit)
    value_base, kind_unit = to_base(measurement.value, unit)
    if measurement.upper_limit is not None:
        limit, source = measurement.upper_limit, "report"
        limit_base = to_base(limit, unit)[0]
        lower = measurement.lower_limit
        lower_base = None if lower is None else to_base(lower, unit)[0]
        lower_source = None if lower is None else "report"
    else:
        # Only concentration units reach here (_validate): the typical range in mg/L.
        limit_base, source = TYPICAL_UPPER_LIMITS[analyte], "typical"
        limit = from_base(limit_base, unit)
        if measurement.lower_limit is not None:
            lower, lower_base = measurement.lower_limit, to_base(measurement.lower_limit, unit)[0]
            lower_source = "report"
        else:
            lower_base = TYPICAL_LOWER_LIMITS.get(analyte)
            lower = None if lower_base is None else from_base(lower_base, unit)
            lower_source = None if lower_base is None else "typical"
    fired.append(f"{source}_limit_{analyte}")
    ratio = ratio_of(value_base, limit_base)
    band = band_for_ratio(ratio)
    fired.append(f"{analyte}_ratio_{_ratio_rule(band)}")
    below = lower_base is not None and not at_least(value_base, lower_base)
    if below:
        fired.append(f"{analyte}_below_range")
    return Finding(
        analyte=analyte,
        value=measurement.value,
        unit=unit,
        value_mg_l=value_base,
        limit=limit,
        limit_mg_l=limit_base,
        limit_source=source,
        ratio=ratio,
        band=band,
        below_range=below,
        lower_limit=lower,
        base_unit=kind_unit,
        lower_limit_source=lower_source,
    )


def _ratio_rule(band: str) -> str:
    return {
        WITHIN_RANGE: "up_to_1.00",
        MILDLY_ELEVATED: "1.00_to_1.50",
        ELEVATED: "1.50_to_2.00",
        MARKEDLY_ELEVATED: "2.00_or_more",
    }[band]


def _trend(analyte: str, current: Finding, inputs: Inputs) -> Trend | None:
    """Earlier results for the analyte in the same kind of unit plus the current one,
    oldest first; None if there are none."""
    earlier = sorted(
        (
            p
            for p in inputs.history
            if getattr(p, analyte) is not None
            and base_unit(getattr(p, analyte).unit) == current.base_unit
        ),
        key=lambda p: p.date,
    )
    if not earlier:
        return None
    points = []
    for point in earlier:
        measurement = getattr(point, analyte)
        value_base = to_base(measurement.value, measurement.unit)[0]
        if measurement.upper_limit is not None:
            limit_base = to_base(measurement.upper_limit, measurement.unit)[0]
        else:
            limit_base = current.limit_mg_l  # the current report's (or typical) limit
        ratio = ratio_of(value_base, limit_base)
        points.append(
            TrendPoint(
                point.date,
                value_base,
                limit_base,
                ratio,
                above(ratio, 1.0),
                measurement.value,
                normalize_unit(measurement.unit),
            )
        )
    points.append(
        TrendPoint(
            inputs.test_date,
            current.value_mg_l,
            current.limit_mg_l,
            current.ratio,
            RANKS[current.band] > 0,
            current.value,
            current.unit,
        )
    )
    last_step = _change(points[-2], points[-1])
    since_first = _change(points[0], points[-1])
    return Trend(
        analyte=analyte,
        points=tuple(points),
        direction=_series_direction(since_first, last_step),
        previously_raised=any(p.above_limit for p in points[:-1]),
        previously_clearly_raised=any(above(p.ratio, MILD_RATIO_MAX) for p in points[:-1]),
        last_step=last_step,
        since_first=since_first,
    )


def _change(earlier: TrendPoint, later: TrendPoint) -> str:
    """ "rising", "falling" or "steady": a change of TREND_STEP times the limit or more."""
    step = round(later.ratio - earlier.ratio, RATIO_DECIMALS)  # 1.1 - 1.0 is 0.1
    if at_least(step, TREND_STEP):
        return "rising"
    if at_least(-step, TREND_STEP):
        return "falling"
    return "steady"


def _series_direction(since_first: str, last_step: str) -> str:
    """The series' direction: the change from the earliest result to the latest, or,
    when the latest is back about where the earliest was, the last step (3.0, 2.0, then
    3.0 mg/L is a rise: a blood cancer team watches a rise from the lowest point).

    >>> _series_direction("rising", "falling"), _series_direction("steady", "falling")
    ('rising', 'falling')
    """
    return last_step if since_first == "steady" else since_first


def _kidney(inputs: Inputs, fired: list[str]) -> KidneyFinding | None:
    if inputs.egfr is not None:
        egfr, source = float(inputs.egfr), "reported"
        fired.append("egfr_reported")
    elif inputs.creatinine is not None:
        creatinine = inputs.creatinine
        # A positive value so tiny it underflows to 0.0 in mg/dL is taken as the
        # smallest positive float, so valid input never fails the equation's check.
        scr = max(creatinine_to_mg_dl(creatinine.value, creatinine.unit), math.ulp(0.0))
        egfr, source = ckd_epi_2021(scr, creatinine.age, creatinine.sex), "calculated"
        fired.append("egfr_calculated_ckd_epi_2021")
    else:
        return None
    category = kdigo_category(egfr)
    return KidneyFinding(
        egfr=egfr,
        category=category,
        category_label=kdigo_category_label(category),
        source=source,
        egfr_whole=reported_whole_number(egfr),
    )


@functools.cache
def _vocabulary(order: tuple[str, ...]) -> frozenset[str]:
    return frozenset(order)


def _known(codes, order: tuple[str, ...]) -> frozenset[str]:
    """The codes as a set; a code outside the vocabulary `order` raises."""
    codes = frozenset(codes)
    if codes and not codes <= _vocabulary(order):  # most rules leave most kinds empty
        unknown = sorted(codes - _vocabulary(order))
        raise ValueError(f"Codes {unknown} are not in the engine's vocabulary")
    return codes


def _in_order(codes: frozenset[str] | set[str], order: tuple[str, ...]) -> tuple[str, ...]:
    """The codes in the vocabulary's order; a code outside the vocabulary raises."""
    codes = _known(codes, order)
    return tuple(code for code in order if code in codes)


@dataclass(frozen=True)
class Advice:
    """What one rule adds to the result: codes to merge, and the rule ids that fired."""

    actions: frozenset[str] = frozenset()
    notes: frozenset[str] = frozenset()
    questions: frozenset[str] = frozenset()
    learn_more: frozenset[str] = frozenset()
    fired: tuple[str, ...] = ()


def _advice(actions=(), notes=(), questions=(), learn_more=(), fired=()) -> Advice:
    return Advice(
        _known(actions, ACTION_CODES),
        _known(notes, NOTE_CODES),
        _known(questions, QUESTION_CODES),
        _known(learn_more, LEARN_MORE_KEYS),
        tuple(fired),
    )


@dataclass(frozen=True)
class Facts:
    """What the rules look at, worked out once from the inputs."""

    level: str
    raised: frozenset[str]
    persistent: frozenset[str]
    driving: frozenset[str]
    action_rank: int
    kidney: KidneyFinding | None
    trends: tuple[Trend, ...]
    context: frozenset[str]
    findings: tuple[Finding, ...]
    path: str | None

    @property
    def has_serum(self) -> bool:
        return any(f.analyte == SERUM for f in self.findings)

    @property
    def has_urine(self) -> bool:
        return any(f.analyte == URINE for f in self.findings)

    @property
    def single(self) -> frozenset[str]:
        """Raised analytes that drive actions and were not raised before."""
        return self.driving - self.persistent

    @property
    def acidic(self) -> bool:
        """A urine result from an acidic sample (see _acidic)."""
        return any(f.may_read_low for f in self.findings)

    @property
    def back_after_clear_rise(self) -> bool:
        return self.level == WITHIN_RANGE and any(t.previously_clearly_raised for t in self.trends)

    @property
    def serum_in_range(self) -> bool:
        """A blood result that is not above its range (False without a blood result)."""
        return any(f.analyte == SERUM and f.band == WITHIN_RANGE for f in self.findings)

    @property
    def severe_egfr(self) -> bool:
        """eGFR under 30 (KDIGO G4, G5): a reason to see a kidney specialist on its own."""
        return self.kidney is not None and self.kidney.egfr_whole < SPECIALIST_EGFR_BELOW

    @property
    def serum_explained_by_kidneys(self) -> bool:
        return self.kidney is not None and self.kidney.egfr_whole < REDUCED_EGFR_BELOW


def _acidic(ph: float | None) -> bool:
    """A urine pH under 6: B2M breaks down, so the sample may read falsely low."""
    return ph is not None and not at_least(ph, ACIDIC_URINE_PH)


def _known_path(context: frozenset[str], has_serum: bool) -> str | None:
    """The known condition that decides the path: dialysis, blood cancer, kidney disease.

    The dialysis team follows every result: "dialysis" reads a blood (serum) result, the
    marker it tracks, and "dialysis_urine" only a urine one. Blood cancer is read from a
    blood result, the marker its team follows; known kidney disease applies to either.
    """
    if "dialysis" in context:
        return "dialysis" if has_serum else "dialysis_urine"
    if has_serum and "blood_cancer" in context:
        return "blood_cancer"
    if "kidney_disease" in context:
        return "kidney_disease"
    return None


def _analyte_advice(finding: Finding, trend: Trend | None) -> Advice:
    """Limit source, range position, persistence, back-in-range and trend notes."""
    analyte = finding.analyte
    notes = {f"typical_limit_{analyte}"} if finding.limit_source == "typical" else set()
    fired = []
    if finding.below_range:
        notes.add("below_range")
    raised = RANKS[finding.band] > 0
    if trend is not None:
        if raised and trend.note is not None:
            fired.append(f"trend_{analyte}_{trend.note}")
            notes.add(f"trend_{trend.note}")
        if trend.previously_raised and raised:
            fired.append(f"persistent_{analyte}")
            notes.add("persistent")
        elif trend.previously_clearly_raised:
            fired.append(f"back_in_range_after_clear_rise_{analyte}")
            notes.add("back_in_range")
        elif trend.previously_raised:
            fired.append(f"back_in_range_{analyte}")
            notes.add("back_in_range")
    return _advice(notes=notes, fired=fired)


def _level_advice(facts: Facts) -> Advice:
    """The basics for the level: routine when in range, the calm "raised" basics otherwise."""
    if facts.level == WITHIN_RANGE:
        # Routine only when nothing about the sample or the history says otherwise.
        routine = (
            not facts.acidic
            and not facts.back_after_clear_rise
            and not facts.severe_egfr
            and facts.path is None
        )
        return _advice(
            actions={"talk_to_provider"},
            questions={"q_routine"} if routine else (),
            learn_more={
                "what-is-b2m#what-it-is",
                "what-is-b2m#why-doctors-test-it",
                "understanding-your-result#what-raised-means",
            },
        )
    # A known blood cancer with only a urine result takes no path, but is known all the same.
    standard = facts.path is None and "blood_cancer" not in facts.context
    return _advice(
        actions={"talk_to_provider"},
        # B2M itself rarely causes symptoms; a known condition may, so only say it
        # when no known condition is in play.
        notes={"no_symptoms"} if standard else (),
        # Asked when something drives the work-up (a known condition's own result does not).
        questions={"q_cause"} if facts.driving else (),
        learn_more={
            "what-is-b2m#what-it-is",
            "what-is-b2m#no-symptoms" if standard else "what-is-b2m#why-doctors-test-it",
            "understanding-your-result#what-raised-means",
            "understanding-your-result#dont-panic",
        },
    )


def _follow_up_advice(facts: Facts) -> Advice:
    """Repeat a first mild rise; the follow-up list from "elevated"; referral when marked."""
    if facts.action_rank == RANKS[MILDLY_ELEVATED]:
        return _advice(
            actions={"repeat_test"},
            learn_more={"getting-ready-for-a-repeat-test#how-to-prepare"},
            fired=["single_mild_rise_repeat_first"],
        )
    if facts.action_rank < RANKS[ELEVATED]:
        return Advice()
    if _short_term_cause_first(facts):
        return _advice(
            actions={"repeat_test", "tests_if_still_raised"},
            questions={"q_which_tests"},
            learn_more={
                "understanding-your-result#when-to-act",
                "next-steps#follow-up-tests",
            },
            fired=["short_term_cause_repeat_before_tests"],
        )
    actions = set(FOLLOW_UP_ACTIONS)
    fired = ["follow_up_list"]
    if "blood_cancer" in facts.context:
        # Its free light chains look for the plasma cell disorder the person knows about.
        actions.discard("specialized_bloodwork")
        fired.append("blood_cancer_no_specialized_bloodwork")
    if facts.has_urine:
        # The source article's urine tests are a urinalysis, the protein-to-creatinine
        # ratio and a urine B2M; someone who typed a urine B2M result already has the last.
        actions = actions - {"urine_tests"} | {"more_urine_tests"}
        fired.append("urine_b2m_already_done")
    if facts.action_rank == RANKS[ELEVATED] and not facts.driving & facts.persistent:
        # A first raise short of "markedly" is confirmed alongside the tests; a marked
        # raise goes straight to the tests (unless a short-term cause is reported).
        actions.add("repeat_test")
        fired.append("first_raise_confirm_with_repeat")
    if facts.action_rank == RANKS[MARKEDLY_ELEVATED]:
        fired.append("markedly_elevated_referral")
        if "blood_cancer" in facts.context:
            # A blood cancer team already follows them; the raise driving this is a
            # urine one, about the kidneys: a kidney doctor is the only one to ask about.
            actions.add("kidney_specialist_referral")
            fired.append("blood_cancer_kidney_doctor_only")
        else:
            actions.add("specialist_referral")
    return _advice(
        actions=actions,
        questions={"q_which_tests"},
        learn_more={
            "understanding-your-result#when-to-act",
            "next-steps#follow-up-tests",
            "next-steps#early-detection",
        },
        fired=fired,
    )


def _short_term_cause_first(facts: Facts) -> bool:
    """A first raise short of "markedly", after a short-term cause the person ticked
    (hard exercise, dehydration, a fever) with nothing that explains it better: the
    repeat comes first, and the follow-up tests only if the repeat is still raised.

    Source: the source article (after strenuous exercise, dehydration or a febrile
    illness, a repeat test in 1-2 weeks often shows the level back to normal). A
    result 2 times its limit or more, or one raised before, goes to the tests at once.
    """
    return (
        facts.action_rank == RANKS[ELEVATED]
        and not facts.driving & facts.persistent
        and bool(facts.context & set(TRANSIENT_CONTEXTS))
        and not _better_explained(facts)
    )


def _better_explained(facts: Facts) -> bool:
    """Whether something known explains the raise better than a short-term cause."""
    if facts.path is not None or facts.context & set(EXPLAINING_CONTEXTS):
        return True
    return SERUM in facts.single and facts.serum_explained_by_kidneys


def _transient_advice(facts: Facts) -> Advice:
    """Exercise, dehydration or fever: named as a reason to repeat a first raise only
    when nothing better explains it, in the person's own terms when they ticked one.

    A ticked one is always said back: as the likely reason, as less likely than what
    else they told us, or as not having raised a result that is not above the range.
    """
    ticked = [code for code in TRANSIENT_CONTEXTS if code in facts.context]
    if facts.level == WITHIN_RANGE:
        return _advice(
            notes={f"{SAID_NOTES[code]}_in_range" for code in ticked},
            fired=[f"transient_not_raised_{code}" for code in ticked],
        )
    if _better_explained(facts):
        return _advice(
            notes={f"{SAID_NOTES[code]}_less_likely" for code in ticked},
            fired=[f"transient_better_explained_{code}" for code in ticked],
        )
    raised_before = bool(facts.driving & facts.persistent)
    if raised_before or facts.action_rank >= RANKS[MARKEDLY_ELEVATED]:
        # Source: the source article. These causes bring a small rise that passes; a
        # result 2 times its limit or more, or one raised before too, needs the follow-up
        # tests, so a tick is said back without offering it as the reason.
        why = "raised_before" if raised_before else "too_high"
        return _advice(
            notes={f"{SAID_NOTES[code]}_not_enough" for code in ticked},
            fired=[f"transient_{why}_{code}" for code in ticked],
        )
    if not ticked and facts.action_rank != RANKS[MILDLY_ELEVATED]:
        return Advice()
    # The repeat itself comes from _follow_up_advice (a first small rise, or
    # _short_term_cause_first): here only the words that say why.
    return _advice(
        notes={"transient_causes", *(SAID_NOTES[code] for code in ticked)},
        learn_more={"causes-of-high-b2m#short-term-causes"},
        fired=[f"transient_context_{code}" for code in ticked] or ["transient_causes_possible"],
    )


def _kidney_advice(facts: Facts) -> Advice:
    """Raised serum read against eGFR: less filtering below 60, other causes at 60+;
    an eGFR under 30 is a reason to see a kidney specialist in its own right."""
    kidney = facts.kidney
    parts = [
        _advice(
            notes={"egfr_estimated"} if kidney and kidney.source == "calculated" else (),
            learn_more={"kidneys-and-b2m#filtering"} if kidney else (),
        )
    ]
    if facts.severe_egfr and facts.path not in DIALYSIS_PATHS:  # a kidney team follows
        parts.append(
            _advice(actions={"see_kidney_specialist"}, fired=["egfr_below_30_kidney_specialist"])
        )
    elif facts.serum_explained_by_kidneys and facts.path is None and SERUM not in facts.raised:
        # An eGFR of 30 to 59 with no kidney team and no raised blood B2M to read it with:
        # one low eGFR is not kidney disease (KDIGO 2024: under 60 for more than
        # 3 months), so it is worth checking again, not left to a routine visit.
        parts.append(_advice(notes={"egfr_recheck"}, fired=["egfr_below_60_recheck"]))
    if SERUM in facts.raised and facts.path != "dialysis":
        if kidney is None:
            parts.append(
                _advice(
                    actions={"metabolic_panel_egfr"} if facts.path == "kidney_disease" else (),
                    questions={"q_kidney_function"},
                    fired=["serum_raised_egfr_unknown"],
                )
            )
        elif facts.serum_explained_by_kidneys:
            actions = set()
            if SERUM in facts.driving:
                actions.add("metabolic_panel_egfr")
                if facts.action_rank >= RANKS[ELEVATED]:
                    actions.add("specialist_referral")  # a kidney doctor (nephrology)
            # A blood B2M 2 times its limit or more with an eGFR of 30 to 59 (G3a, G3b):
            # less filtering may explain some of it, but the page must not put it all down
            # to the kidneys while it lists the tests for other causes. Project convention
            # pending clinical review, at the same 2x cut-off as "markedly elevated": blood
            # B2M rises as GFR falls (it is used as a filtration marker: Inker LA et al.,
            # Am J Kidney Dis 2016;67:40-48), so how much filtering explains depends on
            # both numbers. Under 30 a kidney doctor comes first anyway (KDIGO 2024).
            partial = (
                SERUM in facts.driving
                and not facts.severe_egfr
                and _serum_band(facts) == MARKEDLY_ELEVATED
            )
            if facts.path == "blood_cancer":
                # A known myeloma, CLL or lymphoma raises blood B2M too, so less filtering
                # is never said to explain "much" of it: the team reads both together
                # (the ISS uses B2M because it reflects both tumour mass and kidney
                # function: Greipp PR et al., J Clin Oncol 2005;23:3412-20).
                note = "kidney_filtering_blood_cancer"
                rule = "serum_raised_egfr_below_60_blood_cancer"
            elif partial:
                note, rule = "kidney_filtering_partial", "serum_well_above_egfr_30_to_59"
            else:
                note, rule = "kidney_filtering", "serum_raised_egfr_below_60"
            parts.append(
                _advice(
                    actions=actions,
                    notes={note},
                    learn_more={"kidneys-and-b2m#high-blood-level"},
                    fired=[rule],
                )
            )
        elif SERUM in facts.driving:
            # A first small rise is repeated before the tests: other causes come into it
            # only if the repeat is still raised.
            repeat_first = facts.action_rank == RANKS[MILDLY_ELEVATED] or (
                _short_term_cause_first(facts)
            )
            parts.append(
                _advice(
                    notes={
                        "non_kidney_causes_if_still_raised" if repeat_first else "non_kidney_causes"
                    },
                    learn_more={"causes-of-high-b2m#other-causes"},
                    fired=["serum_raised_egfr_60_or_more"],
                )
            )
    return _merge(*parts)


def _serum_band(facts: Facts) -> str:
    """The blood result's own level from its ratio to the limit (there must be one)."""
    return next(f.band for f in facts.findings if f.analyte == SERUM)


def _urine_advice(facts: Facts) -> Advice:
    """Raised urine points at the tubules; acidic urine can read falsely low."""
    parts = []
    if URINE in facts.raised and facts.context & set(KNOWN_KIDNEY_CONTEXTS):
        # The known kidney condition explains it: no list of other causes to look into.
        parts.append(
            _advice(
                notes={"tubular_known_kidney"},
                learn_more={"kidneys-and-b2m#high-urine-level"},
                fired=["urine_raised_tubular", "urine_raised_known_kidney_condition"],
            )
        )
    elif URINE in facts.raised and "blood_cancer" in facts.context:
        # A known blood cancer: its team says whether the kidneys need a closer look, and
        # the rarer causes the plain note lists (Wilson's disease, metals) are not where
        # to start. The question about medicines and exposures stays: a medicine can
        # affect the kidneys whatever else a person has.
        parts.append(
            _advice(
                notes={"tubular_blood_cancer"},
                questions={"q_exposures"},
                learn_more={"kidneys-and-b2m#high-urine-level"},
                fired=["urine_raised_tubular", "urine_raised_blood_cancer"],
            )
        )
    elif URINE in facts.raised:
        parts.append(
            _advice(
                notes={"tubular"},
                # Without a known kidney condition a raised urine always drives the work-up.
                questions={"q_exposures"},
                learn_more={
                    "kidneys-and-b2m#high-urine-level",
                    "causes-of-high-b2m#kidney-tubule-conditions",
                },
                fired=["urine_raised_tubular"],
            )
        )
    if facts.acidic:
        parts.append(
            _advice(
                actions={"repeat_fresh_sample"},
                notes={"acidic_urine"},
                questions={"q_repeat_timing"},
                learn_more={"getting-ready-for-a-repeat-test#urine-test"},
                fired=["acidic_urine_ph_below_6"],
            )
        )
    return _merge(*parts)


def _path_advice(facts: Facts) -> Advice:
    """Each known condition's own path: the team that already follows it comes first."""
    if facts.path == "dialysis":
        # "A high level is expected" would sit oddly beside a blood result in range.
        in_range = facts.serum_in_range
        return _advice(
            actions={"dialysis_team"},
            notes={"dialysis_in_range" if in_range else "dialysis_expected"},
            questions={"q_dialysis_target", "q_amyloid"},
            learn_more={
                "kidneys-and-b2m#high-blood-level",
                "living-with-myeloma-or-kidney-disease#dialysis",
            },
            fired=["dialysis_serum_in_range" if in_range else "dialysis_serum_monitoring"],
        )
    if facts.path == "blood_cancer":
        serum = next(f for f in facts.findings if f.analyte == SERUM)
        fired = ["blood_cancer_serum_marker"]
        notes = {"blood_cancer_marker"}
        if at_least(serum.value_mg_l, ISS_STAGE_II_MG_L):  # serum is always in mg/L
            notes.add("iss_marks")
            mark = (
                ISS_STAGE_III_MG_L
                if at_least(serum.value_mg_l, ISS_STAGE_III_MG_L)
                else ISS_STAGE_II_MG_L
            )
            fired.append(f"blood_cancer_iss_{mark}_mg_l")
        # The team follows the marker's direction, in range or not: say a rise or a fall.
        trend = next((t for t in facts.trends if t.analyte == SERUM), None)
        if trend is not None and trend.note is not None:
            notes.add(f"trend_{trend.note}")
            fired.append(f"trend_serum_{trend.note}")
        return _advice(
            actions={"hematology_team"},
            notes=notes,
            questions={"q_treatment_plan", "q_marker_change"},
            learn_more={
                "causes-of-high-b2m#blood-cancers",
                "living-with-myeloma-or-kidney-disease#blood-cancer",
            },
            fired=fired,
        )
    if facts.path == "dialysis_urine":
        # On dialysis with only a urine result: the dialysis team, and no talk of an eGFR,
        # which means little once the kidneys have largely failed (KDIGO 2024: G5).
        return _advice(
            actions={"dialysis_team"},
            questions={"q_treatment_plan"},
            learn_more={"living-with-myeloma-or-kidney-disease#dialysis"},
            fired=["dialysis_urine_team"],
        )
    if facts.path == "kidney_disease":
        # "May run higher than the usual range" would sit oddly beside results that are
        # not (as for dialysis_in_range); an acidic sample may read low, so it never counts.
        in_range = facts.level == WITHIN_RANGE and not facts.acidic
        return _advice(
            actions={"kidney_team"},
            notes={"known_kidney_disease_in_range" if in_range else "known_kidney_disease"},
            questions={"q_kidney_plan"},
            learn_more={
                "kidneys-and-b2m#filtering",
                "living-with-myeloma-or-kidney-disease#kidney-disease",
            },
            fired=["known_kidney_disease_path"],
        )
    return Advice()


def _other_teams_advice(facts: Facts) -> Advice:
    """A known condition beside the one whose path the page takes still names its team
    (myeloma on dialysis, myeloma with kidney disease, myeloma with only a urine result)."""
    parts = []
    if "blood_cancer" in facts.context and facts.path != "blood_cancer":
        # A urine result is not the blood marker the team follows: comparing it with
        # earlier (blood) results invites a reading the summary warns against, so the
        # team is asked about the kidneys instead.
        team = "hematology_team" if facts.has_serum else "hematology_team_urine"
        parts.append(_advice(actions={team}, fired=["blood_cancer_team"]))
    if "kidney_disease" in facts.context and facts.path == "blood_cancer":
        parts.append(_advice(actions={"kidney_team"}, fired=["kidney_disease_team"]))
    return _merge(*parts)


def _history_advice(facts: Facts) -> Advice:
    """Back in range after a clear rise: a good sign, but talk about both results."""
    if not facts.back_after_clear_rise or facts.path is not None:
        # On a known condition's path its team compares the results (hematology_team,
        # q_marker_change...): no talk about "what caused" a raise the condition explains.
        return Advice()
    return _advice(
        actions={"discuss_earlier_result"},
        questions={"q_earlier_result"},
        fired=["back_in_range_discuss_earlier_result"],
    )


# context code -> (note, question, learn-more key, needs a raised serum rather than any raise)
_CONTEXT_LINKS = {
    "kidney_medication": (
        "medicine_link",
        "q_medicines",
        "causes-of-high-b2m#kidney-tubule-conditions",
        False,
    ),
    "heavy_metals": (
        "metal_link",
        "q_metal_testing",
        "causes-of-high-b2m#kidney-tubule-conditions",
        False,
    ),
    "autoimmune": (
        "autoimmune_link",
        "q_other_conditions",
        "causes-of-high-b2m#other-causes",
        True,
    ),
    "chronic_infection": (
        "infection_link",
        "q_other_conditions",
        "causes-of-high-b2m#other-causes",
        True,
    ),
}


def _context_advice(facts: Facts) -> Advice:
    """Known conditions and exposures that can explain a raised result."""
    parts = []
    for code, (note, question, learn, serum_only) in _CONTEXT_LINKS.items():
        applies = SERUM in facts.raised if serum_only else bool(facts.raised)
        if code in facts.context and applies:
            parts.append(
                _advice(
                    notes={note},
                    questions={question},
                    learn_more={learn},
                    fired=[f"context_{code}"],
                )
            )
    return _merge(*parts)


def _question_advice(facts: Facts, so_far: Advice) -> Advice:
    """Questions that follow from the actions and history already chosen."""
    questions = set()
    if "repeat_test" in so_far.actions:
        questions.add("q_repeat_timing")
    # "See a kidney doctor" (an eGFR under 30) already names the specialist to see.
    if "see_kidney_specialist" not in so_far.actions:
        if "specialist_referral" in so_far.actions:
            questions.add("q_specialist")
        if "kidney_specialist_referral" in so_far.actions:
            questions.add("q_kidney_specialist")
    # A blood cancer team's q_marker_change already asks how the level has changed.
    if "q_marker_change" not in so_far.questions and any(
        trend.analyte in facts.raised for trend in facts.trends
    ):
        questions.add("q_compare_earlier")
    return _advice(questions=questions, learn_more={"next-steps#questions-to-ask"})


def _merge(*parts: Advice) -> Advice:
    # One pass over the parts (every result merges a dozen): half the time of a union
    # per field over a generator each.
    actions, notes, questions, learn_more, fired = set(), set(), set(), set(), []
    for part in parts:
        actions |= part.actions
        notes |= part.notes
        questions |= part.questions
        learn_more |= part.learn_more
        fired += part.fired
    return Advice(
        actions=frozenset(actions),
        notes=frozenset(notes),
        questions=frozenset(questions),
        learn_more=frozenset(learn_more),
        fired=tuple(fired),
    )


def _situation(facts: Facts) -> str | None:
    """Which situation's headline and summary replace the level's, if any."""
    if facts.acidic and facts.level == WITHIN_RANGE:
        return "acidic_urine"
    if facts.path == "dialysis" and facts.level == WITHIN_RANGE:
        # Only when nothing is raised: its summary ("...but yours is not above the
        # range") sits under the headline, which a raised urine result makes "well above".
        return "dialysis_in_range"
    if facts.path is not None:
        return facts.path
    if "blood_cancer" in facts.context:
        # Only a urine result (a blood one takes the blood cancer path): their team
        # first, and what a urine B2M is about (the kidneys' handling of B2M).
        return "blood_cancer_urine"
    if facts.back_after_clear_rise:
        return "back_in_range"
    if facts.severe_egfr:
        # An eGFR under 30 without a kidney team: the kidney doctor comes first, whatever
        # the B2M level, so the summary says so rather than the level's own plan.
        if facts.level == WITHIN_RANGE:
            return "low_egfr"
        # "B2M builds up" is about the blood: a raised urine B2M alone is not explained
        # by less filtering (it points to the tubules), so it has its own summary.
        return "low_egfr_raised" if SERUM in facts.raised else "low_egfr_urine"
    if _short_term_cause_first(facts):
        # "Above range" says "they may suggest a few tests"; here the repeat comes first.
        return "short_term_first"
    if facts.level == WITHIN_RANGE and any(f.below_range for f in facts.findings):
        return "below_range"
    return None


def interpret(inputs: Inputs) -> Result:
    """Interpret one set of B2M results. Raises ValueError only on impossible input."""
    _validate(inputs)
    context = frozenset(inputs.context)
    fired: list[str] = []
    kidney = _kidney(inputs, fired)
    findings, trends, parts, levels = [], [], [], {}
    for analyte in ANALYTES:
        measurement = getattr(inputs, analyte)
        if measurement is None:
            continue
        finding = _finding(analyte, measurement, fired)
        if analyte == URINE and _acidic(inputs.urine_ph):
            finding = replace(finding, may_read_low=True)
        trend = _trend(analyte, finding, inputs)
        if any(
            getattr(p, analyte) is not None
            and base_unit(getattr(p, analyte).unit) != finding.base_unit
            for p in inputs.history
        ):
            # An earlier result per creatinine beside one per liter (or the other way):
            # no conversion joins them, so it is left out, and the page says so.
            fired.append(f"history_{analyte}_other_kind_of_unit")
        if trend is not None:
            trends.append(trend)
            if trend.previously_raised and RANKS[finding.band] > 0:
                # Raised before too, so not a one-off: at least "elevated".
                finding = replace(finding, persistent=True)
        levels[analyte] = finding.level
        parts.append(_analyte_advice(finding, trend))
        findings.append(finding)

    level = higher(*levels.values())
    raised = frozenset(a for a, lvl in levels.items() if RANKS[lvl] > 0)
    path = _known_path(context, inputs.serum is not None)
    # A known condition explains what its team already follows, so that result stops
    # driving the general work-up; the level itself does not change.
    if context & set(KNOWN_KIDNEY_CONTEXTS):
        driving = frozenset()  # the kidney team follows every result, whatever the path
    elif path == "blood_cancer":  # (the dialysis path is a known kidney context above)
        driving = raised - {SERUM}
    else:
        driving = raised
    facts = Facts(
        level=level,
        raised=raised,
        persistent=frozenset(f.analyte for f in findings if f.persistent),
        driving=driving,
        action_rank=max((RANKS[levels[a]] for a in driving), default=0),
        kidney=kidney,
        trends=tuple(trends),
        context=context,
        findings=tuple(findings),
        path=path,
    )
    parts.append(_advice(fired=[f"level_{level}"]))
    for rule in (
        _level_advice,
        _follow_up_advice,
        _transient_advice,
        _kidney_advice,
        _urine_advice,
        _path_advice,
        _other_teams_advice,
        _history_advice,
        _context_advice,
    ):
        parts.append(rule(facts))
    so_far = _merge(*parts)
    advice = _merge(so_far, _question_advice(facts, so_far))
    actions = set(advice.actions)
    if actions & set(TEAM_ACTIONS):
        actions.discard("talk_to_provider")  # the named team is who to talk to
    if {"kidney_team", "see_kidney_specialist"} <= actions:
        # Known kidney disease with an eGFR under 30: one kidney step, not two. The team
        # they have should include a kidney doctor (KDIGO 2024: G4-G5, specialist care).
        actions -= {"kidney_team", "see_kidney_specialist"}
        actions.add("kidney_team_specialist")
    if "see_kidney_specialist" in actions:
        # An eGFR under 30: "See a kidney doctor" is the specialist step; a second one
        # ("Ask if you should see a specialist...") would repeat it.
        actions -= {"specialist_referral", "kidney_specialist_referral"}
    if "repeat_fresh_sample" in actions and SERUM not in facts.single:
        actions.discard("repeat_test")  # the fresh sample is the repeat (of a urine result)
    if "repeat_test" in actions and facts.has_serum and facts.has_urine:
        # With a blood and a urine result, say which one to repeat when only one is new
        # and raised ("Repeat your B2M test" beside a blood result in range is unclear).
        named = {SERUM: "repeat_test_blood", URINE: "repeat_test_urine"}
        if len(facts.single) == 1:
            actions = actions - {"repeat_test"} | {named[next(iter(facts.single))]}
    notes = set(advice.notes)
    checks: list[str] = []  # rules that read the notes chosen so far
    if not facts.persistent & facts.driving:
        notes.discard("persistent")  # a known condition explains a level that stays up
    if facts.path == "dialysis":
        # "A low B2M level is not a known cause for concern" is about people whose kidneys
        # clear B2M; on dialysis a low blood result is unexpected (dialysis_in_range).
        notes.discard("below_range")
    elif "below_range" in notes and facts.severe_egfr:
        # Nor with an eGFR under 30: blood B2M rises as filtering falls (Inker LA et al.,
        # Am J Kidney Dis 2016;67:40-48), so one below the range is unexpected there and
        # worth checking (number, unit), not reassuring. Only the blood has a lower limit.
        notes = notes - {"below_range"} | {"below_range_low_egfr"}
        checks.append("serum_below_range_egfr_below_30")
    if {"typical_limit_serum", "typical_limit_urine"} <= notes:
        # One note for both typical limits, not two that differ by a word.
        notes = notes - {"typical_limit_serum", "typical_limit_urine"} | {"typical_limit_both"}

    return Result(
        level=level,
        rank=RANKS[level],
        findings=tuple(findings),
        kidney=kidney,
        trends=tuple(trends),
        actions=_in_order(actions, ACTION_CODES),
        questions=_in_order(advice.questions, QUESTION_CODES),
        notes=_in_order(notes, NOTE_CODES),
        learn_more=_in_order(advice.learn_more, LEARN_MORE_KEYS),
        rules_fired=tuple(dict.fromkeys([*fired, *advice.fired, *checks])),
        rules_version=RULES_VERSION,
        situation=_situation(facts),
    )
