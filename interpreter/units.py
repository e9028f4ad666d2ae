"""Units for beta-2 microglobulin (B2M) and creatinine results.

Lab reports give B2M in mg/L, ug/mL, ug/L or nmol/L, and creatinine in mg/dL or
umol/L. Everything inside the engine works in mg/L (B2M) and mg/dL (creatinine).

Many labs report urine B2M per gram or per millimole of creatinine instead
(``ug/g{creat}``, ``mg/mmol{creat}``, UCUM spelling). Those are a different kind of
amount: they never convert to mg/L, only to each other, with µg/g creatinine as
their base unit (``to_base``).

Sources:
- Mass units: 1 mg/L = 1 ug/mL = 1000 ug/L (SI definitions).
- Molar mass of B2M: UniProt P61769 (B2MG_HUMAN); the mature protein is 11,731 Da,
  rounded here to 11.8 kDa, so 1 mg/L = 1000 / 11.8 nmol/L (about 84.7 nmol/L).
- Molar mass of creatinine: 113.12 g/mol, so 1 mg/dL = 88.42 umol/L, and
  1 mg B2M per mmol creatinine = 1000 µg per 0.11312 g = 8840 µg/g creatinine.

>>> normalize_unit("  MCG/ml ")
'ug/mL'
>>> to_mg_per_l(2400, "ug/L")
2.4
>>> round(from_mg_per_l(1, "nmol/L"), 1)
84.7
>>> round(creatinine_to_mg_dl(88.42, "µmol/L"), 6)
1.0
"""

import math
import unicodedata

MG_PER_L = "mg/L"
UG_PER_ML = "ug/mL"
UG_PER_L = "ug/L"
NMOL_PER_L = "nmol/L"
# Urine B2M per creatinine (UCUM annotations), compared only with the report's own limit.
UG_PER_G_CREAT = "ug/g{creat}"
MG_PER_MMOL_CREAT = "mg/mmol{creat}"
PER_CREATININE_UNITS = (UG_PER_G_CREAT, MG_PER_MMOL_CREAT)

MG_PER_DL = "mg/dL"
UMOL_PER_L = "umol/L"

# UniProt P61769: mature B2M is 11,731 Da; 11.8 kDa is the figure labs commonly quote.
B2M_MOLAR_MASS_KDA = 11.8
# mg/L -> nmol/L: (1e-3 g/L) / (11,800 g/mol) = 8.47e-8 mol/L = 84.7 nmol/L.
NMOL_PER_L_PER_MG_PER_L = 1000 / B2M_MOLAR_MASS_KDA

# Creatinine molar mass 113.12 g/mol: 1 mg/dL = 10 mg/L / 113.12 g/mol = 88.42 umol/L.
UMOL_PER_L_PER_MG_DL = 88.42
# 1 mg/mmol creatinine = 1000 µg / (113.12 mg) = 8840 µg/g creatinine (113.12 g/mol).
UG_PER_G_PER_MG_PER_MMOL = 1_000_000 / 113.12

# How many of each unit make one mg/L.
_PER_MG_PER_L = {
    MG_PER_L: 1.0,
    UG_PER_ML: 1.0,
    UG_PER_L: 1000.0,
    NMOL_PER_L: NMOL_PER_L_PER_MG_PER_L,
}

# How many of each per-creatinine unit make one µg/g creatinine.
_PER_UG_PER_G_CREAT = {
    UG_PER_G_CREAT: 1.0,
    MG_PER_MMOL_CREAT: 1 / UG_PER_G_PER_MG_PER_MMOL,
}

UNIT_CHOICES = [
    (MG_PER_L, "mg/L (milligrams per liter)"),
    (UG_PER_ML, "µg/mL (micrograms per milliliter, also written mcg/mL)"),
    (UG_PER_L, "µg/L (micrograms per liter, also written mcg/L)"),
    (NMOL_PER_L, "nmol/L (nanomoles per liter)"),
]
# Urine only: the same amounts plus the two per-creatinine units.
URINE_UNIT_CHOICES = [
    *UNIT_CHOICES,
    (UG_PER_G_CREAT, "µg/g creatinine (micrograms per gram of creatinine, also mcg/g Cr)"),
    (MG_PER_MMOL_CREAT, "mg/mmol creatinine (milligrams per millimole of creatinine)"),
]

CREATININE_UNIT_CHOICES = [
    (MG_PER_DL, "mg/dL (milligrams per deciliter)"),
    (UMOL_PER_L, "µmol/L (micromoles per liter, also written umol/L)"),
]


class UnknownUnitError(ValueError):
    """A unit we do not recognise; the message lists the accepted units."""


def _key(text: str) -> str:
    # NFKC folds the micro sign (U+00B5) into Greek mu (U+03BC); casefold handles
    # "MG/L" and "Mg/l"; inner spaces are dropped so "mg / L" also matches.
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split()).replace("μ", "u").replace("mc", "u")


_B2M_ALIASES = {_key(code): code for code, _ in URINE_UNIT_CHOICES}
for _alias in ("ug/g creatinine", "ug/g Cr", "ug/g creat", "ug/gCr", "ug/g{Cr}"):
    _B2M_ALIASES[_key(_alias)] = UG_PER_G_CREAT
for _alias in ("mg/mmol creatinine", "mg/mmol Cr", "mg/mmol creat", "mg/mmolCr", "mg/mmol{Cr}"):
    _B2M_ALIASES[_key(_alias)] = MG_PER_MMOL_CREAT
_CREATININE_ALIASES = {_key(code): code for code, _ in CREATININE_UNIT_CHOICES}
_CREATININE_ALIASES[_key("micromol/L")] = UMOL_PER_L


def _lookup(text: str, aliases: dict[str, str], what: str, choices: list) -> str:
    if not isinstance(text, str):
        raise UnknownUnitError(f"{what} unit must be text, not {type(text).__name__}")
    code = aliases.get(_key(text))
    if code is None:
        accepted = ", ".join(code for code, _ in choices)
        typed = text.strip()
        typed = typed if len(typed) <= 30 else f"{typed[:30]}…"  # never a whole long input
        raise UnknownUnitError(f"Unknown {what} unit {typed!r}. Use one of: {accepted}.")
    return code


def normalize_unit(text: str) -> str:
    """Return the canonical B2M unit code for ``text`` or raise UnknownUnitError.

    >>> [normalize_unit(u) for u in ("µg/mL", "μg/L", "MG/l", "nmol/l")]
    ['ug/mL', 'ug/L', 'mg/L', 'nmol/L']
    """
    return _lookup(text, _B2M_ALIASES, "B2M", URINE_UNIT_CHOICES)


def is_per_creatinine(unit: str) -> bool:
    """Whether a B2M unit is an amount per creatinine (urine only, report's limit only).

    >>> is_per_creatinine("mcg/g Cr"), is_per_creatinine("mg/L")
    (True, False)
    """
    return normalize_unit(unit) in PER_CREATININE_UNITS


def normalize_creatinine_unit(text: str) -> str:
    """Return the canonical creatinine unit code ("mg/dL" or "umol/L")."""
    return _lookup(text, _CREATININE_ALIASES, "creatinine", CREATININE_UNIT_CHOICES)


def _check_amount(value: float) -> float:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"A lab value must be a finite number, not {value!r}")
    if value < 0:
        raise ValueError(f"A lab value cannot be negative ({value!r})")
    return value


def _concentration(unit: str) -> str:
    code = normalize_unit(unit)
    if code in PER_CREATININE_UNITS:
        raise UnknownUnitError(
            f"{code} is an amount per creatinine: it cannot be converted to mg/L."
        )
    return code


def to_mg_per_l(value: float, unit: str) -> float:
    """Convert a B2M amount in ``unit`` to mg/L (concentration units only)."""
    return _check_amount(value) / _PER_MG_PER_L[_concentration(unit)]


def from_mg_per_l(value: float, unit: str) -> float:
    """Convert a B2M amount in mg/L to ``unit`` (concentration units only)."""
    return _check_amount(value) * _PER_MG_PER_L[_concentration(unit)]


def base_unit(unit: str) -> str:
    """The unit amounts of this kind are compared in: mg/L, or µg/g creatinine.

    >>> base_unit("nmol/L"), base_unit("mg/mmol{creat}")
    ('mg/L', 'ug/g{creat}')
    """
    return UG_PER_G_CREAT if is_per_creatinine(unit) else MG_PER_L


def to_base(value: float, unit: str) -> tuple[float, str]:
    """An amount in its kind's base unit, and that unit.

    >>> to_base(2400, "ug/L"), round(to_base(1, "mg/mmol{creat}")[0])
    ((2.4, 'mg/L'), 8840)
    """
    code = normalize_unit(unit)
    if code in PER_CREATININE_UNITS:
        return _check_amount(value) / _PER_UG_PER_G_CREAT[code], UG_PER_G_CREAT
    return to_mg_per_l(value, code), MG_PER_L


def from_base(value: float, unit: str) -> float:
    """Convert an amount in ``unit``'s base unit (see ``base_unit``) back to ``unit``."""
    code = normalize_unit(unit)
    if code in PER_CREATININE_UNITS:
        return _check_amount(value) * _PER_UG_PER_G_CREAT[code]
    return from_mg_per_l(value, code)


def creatinine_to_mg_dl(value: float, unit: str) -> float:
    """Convert a creatinine amount in ``unit`` to mg/dL."""
    value = _check_amount(value)
    if normalize_creatinine_unit(unit) == UMOL_PER_L:
        return value / UMOL_PER_L_PER_MG_DL
    return value
