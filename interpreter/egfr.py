"""Estimated glomerular filtration rate (eGFR) and its KDIGO category.

Sources:
- Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based
  equations to estimate GFR without race. N Engl J Med 2021;385:1737-49.
  doi:10.1056/NEJMoa2102953 (the CKD-EPI 2021 creatinine equation, adults only).
- KDIGO 2012 Clinical Practice Guideline for the Evaluation and Management of CKD,
  Kidney Int Suppl 2013;3:1-150, and its 2024 update, Kidney Int 2024;105(4S):S117-S314
  (GFR categories G1 to G5; the 2024 update kept the same cut-offs).

Labs report eGFR as a whole number, so ``kdigo_category`` rounds half up to a whole
number before comparing: 89.5 counts as 90 (G1) and 59.99 as 60 (G2), the same
category a lab printing the rounded number would give.

>>> round(ckd_epi_2021(1.2, 55, "male"))
71
>>> kdigo_category(44.6), kdigo_category_label("G3b")
('G3a', 'G3b: moderately to severely decreased')
"""

import math

ADULT_AGE = 18

# CKD-EPI 2021 constants (Inker 2021): kappa, alpha and the sex factor by sex.
_KAPPA = {"female": 0.7, "male": 0.9}
_ALPHA = {"female": -0.241, "male": -0.302}
_SEX_FACTOR = {"female": 1.012, "male": 1.0}

# KDIGO GFR categories, highest first: (code, lowest whole-number eGFR, KDIGO wording).
KDIGO_CATEGORIES = (
    ("G1", 90, "normal or high"),
    ("G2", 60, "mildly decreased"),
    ("G3a", 45, "mildly to moderately decreased"),
    ("G3b", 30, "moderately to severely decreased"),
    ("G4", 15, "severely decreased"),
    ("G5", 0, "kidney failure"),
)
_LABELS = {code: f"{code}: {words}" for code, _, words in KDIGO_CATEGORIES}


def ckd_epi_2021(creatinine_mg_dl: float, age_years: float, sex: str) -> float:
    """eGFR in mL/min/1.73 m² from standardized serum creatinine (mg/dL), age and sex.

    eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female].
    Raises ValueError for under-18s, an unknown sex, or a creatinine that is not a
    positive finite number.
    """
    sex_key = sex.strip().lower() if isinstance(sex, str) else sex
    if sex_key not in _KAPPA:
        raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")
    if not math.isfinite(age_years) or age_years < ADULT_AGE:
        raise ValueError(
            f"The CKD-EPI 2021 equation is for adults aged 18 or over, not {age_years!r}"
        )
    if not math.isfinite(creatinine_mg_dl) or creatinine_mg_dl <= 0:
        raise ValueError(f"Creatinine must be a positive number, not {creatinine_mg_dl!r}")
    scaled = creatinine_mg_dl / _KAPPA[sex_key]
    return (
        142
        * min(scaled, 1.0) ** _ALPHA[sex_key]
        * max(scaled, 1.0) ** -1.200
        * 0.9938**age_years
        * _SEX_FACTOR[sex_key]
    )


def reported_whole_number(egfr: float) -> int:
    """Round an eGFR half up to a whole number, as labs print it."""
    if not math.isfinite(egfr) or egfr < 0:
        raise ValueError(f"eGFR must be a finite number of zero or more, not {egfr!r}")
    return math.floor(egfr + 0.5)


def kdigo_category(egfr: float) -> str:
    """KDIGO GFR category ("G1" to "G5") for an eGFR in mL/min/1.73 m²."""
    whole = reported_whole_number(egfr)
    for code, lowest, _ in KDIGO_CATEGORIES[:-1]:
        if whole >= lowest:
            return code
    return "G5"  # 0 to 14; reported_whole_number refuses anything below 0


def kdigo_category_label(category: str) -> str:
    """Plain label for a category code, e.g. "G3a: mildly to moderately decreased"."""
    try:
        return _LABELS[category]
    except KeyError:
        raise ValueError(f"Unknown KDIGO GFR category {category!r}") from None
