"""Typing slips worth a question before the result (no Django imports).

A slip is not an error: the number may be right. The check page shows it back
with a plain question and both answers one tap away ("Is that right?"), and
the result waits for the answer. A confirmed slip is remembered by its key,
which includes the number, so changing the number asks again.
"""

from dataclasses import dataclass, field, replace

from . import egfr, rules, units
from .display import number, times, unit_label

# Many times the limit. Blood B2M about 5 times a typical limit (over 12 mg/L)
# is seen mainly on dialysis or in kidney failure (Argyropoulos et al., Front
# Med 2017); typing 34 for 3.4 gives 14 times. So from 5 times, ask.
SLIP_TIMES_LIMIT = 5.0
# Urine B2M is usually printed in µg/L, with limits near 160-300 µg/L (Mayo
# Clinic Laboratories, ARUP). 10 mg/L is 10,000 µg/L, over 30 times that limit,
# so a urine number of 10 or more "in mg/L" is most likely a µg/L number.
URINE_MG_LOOKS_LIKE_UG = 10.0
# The other way: under 1 µg/L is far below any urine result a lab reports in
# µg/L (detection limits are about 10-100 µg/L), so it is most likely in mg/L.
URINE_UG_LOOKS_LIKE_MG = 1.0
# eGFR under 15 is kidney failure (KDIGO 2024, category G5). From creatinine
# alone, that is worth a question unless the patient told us about dialysis
# or a known kidney condition.
KIDNEY_FAILURE_EGFR = 15
KNOWN_KIDNEY_CONTEXT = {"dialysis", "kidney_disease"}

ANALYTE_WORDS = {"serum": "blood", "urine": "urine"}


@dataclass(frozen=True)
class Slip:
    key: str  # what confirming it remembers (code and the number)
    field: str  # the answer it is about (the form field's name)
    title: str
    question: str
    yes: str  # the answer that keeps the number as it is
    no: str  # the answer that changes it
    fix: dict = field(default_factory=dict)  # answers that "no" sets; empty: go and correct it


def _limit_base(analyte, measurement):
    """The limit in the value's base unit (mg/L, or µg/g creatinine: units.to_base)."""
    if measurement.upper_limit is not None:
        return units.to_base(measurement.upper_limit, measurement.unit)[0], "your limit"
    return rules.TYPICAL_UPPER_LIMITS[analyte], "the typical limit"


def _urine_unit_slip(m):
    value, unit = number(m.value), unit_label(m.unit)
    if m.unit in (units.MG_PER_L, units.UG_PER_ML) and m.value >= URINE_MG_LOOKS_LIKE_UG:
        other = units.UG_PER_L
    elif m.unit == units.UG_PER_L and m.value < URINE_UG_LOOKS_LIKE_MG:
        other = units.MG_PER_L
    else:
        return None
    return Slip(
        key=f"urine_unit:{value}{m.unit}",
        field="urine_unit",
        title=f"Is your urine result in {unit}?",
        question=(
            f"You entered {value} {unit} for urine. Urine B2M is most often printed in µg/L, "
            f"and a number like this is usually in {unit_label(other)}. "
            "Check the unit printed beside the number."
        ),
        yes=f"Yes, it is {value} {unit}",
        no=f"No, it is {value} {unit_label(other)}",
        fix={"urine_unit": other},
    )


def _times_words(ratio):
    """14.2 -> "14 times": whole times read better once they are many."""
    return f"{round(ratio)} times" if ratio >= 10 else times(ratio)


def _times_slip(analyte, m):
    limit, whose = _limit_base(analyte, m)
    ratio = units.to_base(m.value, m.unit)[0] / limit
    if ratio < SLIP_TIMES_LIMIT:
        return None
    value, unit = number(m.value), unit_label(m.unit)
    return Slip(
        key=f"{analyte}_times:{value}{m.unit}",
        field=f"{analyte}_value",
        title=f"Is {value} {unit} right?",
        question=(
            f"You entered {value} {unit}. That is {_times_words(ratio)} {whose}. "
            "Results this high are not common, so please check the number on your report. "
            "Is that right?"
        ),
        yes=f"Yes, {value} {unit} is right",
        no="No, let me correct it",
    )


def _earlier_times_slip(analyte, point, today, prefix):
    """An earlier result many times the limit: today's limit when the earlier result has
    none of its own and shares today's unit (the page asks earlier results in it)."""
    m = getattr(point, analyte)
    if m is None:
        return None
    if m.upper_limit is None and today is not None and today.unit == m.unit:
        m = replace(m, upper_limit=today.upper_limit)
    limit, whose = _limit_base(analyte, m)
    ratio = units.to_base(m.value, m.unit)[0] / limit
    if ratio < SLIP_TIMES_LIMIT:
        return None
    value, unit = number(m.value), unit_label(m.unit)
    when = f"{point.date.day} {point.date:%B %Y}"
    return Slip(
        key=f"earlier_{analyte}_times:{point.date.isoformat()}:{value}{m.unit}",
        field=f"{prefix}-{analyte}_value",
        title=f"Is your earlier result of {value} {unit} right?",
        question=(
            f"You entered {value} {unit} for your earlier result from {when}. That is "
            f"{_times_words(ratio)} {whose}. Results this high are not common, so please "
            "check the number on that report. Is that right?"
        ),
        yes=f"Yes, {value} {unit} is right",
        no="No, let me correct it",
    )


def _creatinine_slip(inputs):
    c = inputs.creatinine
    if c is None or inputs.egfr is not None or KNOWN_KIDNEY_CONTEXT & inputs.context:
        return None
    estimate = egfr.ckd_epi_2021(units.creatinine_to_mg_dl(c.value, c.unit), c.age, c.sex)
    if egfr.reported_whole_number(estimate) >= KIDNEY_FAILURE_EGFR:
        return None
    value, unit = number(c.value), unit_label(c.unit)
    return Slip(
        key=f"creatinine:{value}{c.unit}:{c.age}{c.sex}",
        field="creatinine_value",
        title=f"Is your creatinine {value} {unit}?",
        question=(
            f"You entered a creatinine of {value} {unit}. With your age and sex, that gives "
            f"an eGFR of about {egfr.reported_whole_number(estimate)}, which would mean the "
            "kidneys are hardly filtering. Please check the number and its unit. Is that right?"
        ),
        yes=f"Yes, {value} {unit} is right",
        no="No, let me correct it",
    )


def find(inputs, earlier=()):
    """The slips in `inputs`, in the order the answers were asked.

    ``earlier``: the form prefix ("history-0") of each of ``inputs.history``, in its
    order, so a slip in an earlier result can open the page that asks it."""
    slips = []
    if inputs.serum is not None:
        slips.append(_times_slip("serum", inputs.serum))
    if inputs.urine is not None:
        unit_slip = _urine_unit_slip(inputs.urine)
        # A urine number in the wrong unit is also many times the limit: ask once.
        slips.append(unit_slip or _times_slip("urine", inputs.urine))
    slips.append(_creatinine_slip(inputs))
    for point, prefix in zip(inputs.history, earlier, strict=False):
        slips.append(_earlier_times_slip("serum", point, inputs.serum, prefix))
        slips.append(_earlier_times_slip("urine", point, inputs.urine, prefix))
    if "dialysis" in inputs.context:
        # On dialysis, B2M many times the limit is expected (Argyropoulos et al. 2017).
        slips = [s for s in slips if s is None or "_times:" not in s.key]
    return [slip for slip in slips if slip is not None]
