"""Every error the engine and the unit converter raise, word for word (no Django).

The API and the forms show these when something slips past their own checks, and a
clinician's tool may show them as they are, so their exact words are fixed here.
"""

import datetime

import pytest

from interpreter import units
from interpreter.rules import HistoryPoint, Inputs, Measurement, _in_order, interpret

M = Measurement


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (Inputs(), "Give a serum or a urine B2M result (or both)"),
        (
            Inputs(serum=M(2.0, "mg/L", 0)),
            "The serum upper limit must be a positive number, not 0",
        ),
        (
            Inputs(serum=M(2.0, "mg/L", 2.4, -1.0)),
            "The serum lower limit must be a positive number, not -1.0",
        ),
        (
            Inputs(serum=M(2.0, "mg/L", 2.4, 2.4)),
            "The serum lower limit must be below its upper limit",
        ),
        (
            Inputs(serum=M(2.0, "ug/g{creat}", 300)),
            "The serum result is in a per-creatinine unit (ug/g{creat}); those are for urine only",
        ),
        (
            Inputs(urine=M(450, "mcg/g Cr")),
            "A urine result per creatinine needs the upper limit printed on the report: "
            "ranges differ too much between labs to use a typical one",
        ),
        (
            Inputs(serum=M(2.0, "mg/L"), context=frozenset({"jogging", "hiking"})),
            "Unknown context codes ['hiking', 'jogging']; use codes from CONTEXT_CODES",
        ),
        (
            Inputs(urine=M(0.1, "mg/L"), urine_ph=14.5),
            "Urine pH must be between 0 and 14, not 14.5",
        ),
        (
            Inputs(urine=M(0.1, "mg/L"), urine_ph=-0.5),
            "Urine pH must be between 0 and 14, not -0.5",
        ),
        (
            Inputs(serum=M(2.0, "mg/L"), history=(HistoryPoint("2026-01-05", M(2.0, "mg/L")),)),
            "A history point needs a date, not '2026-01-05'",
        ),
        (
            Inputs(
                serum=M(2.0, "mg/L"),
                history=(HistoryPoint(datetime.date(2026, 1, 5), M(2.0, "mg/L", float("inf"))),),
            ),
            "The earlier serum upper limit must be a positive number, not inf",
        ),
        (Inputs(serum=M(-2.0, "mg/L")), "A lab value cannot be negative (-2.0)"),
        (Inputs(serum=M(float("nan"), "mg/L")), "A lab value must be a finite number, not nan"),
    ],
)
def test_impossible_input_is_refused_in_these_words(inputs, message):
    with pytest.raises(ValueError) as error:
        interpret(inputs)
    assert str(error.value) == message


def test_limits_on_the_edge_of_valid_are_accepted():
    assert interpret(Inputs(urine=M(0.1, "mg/L"), urine_ph=0)).level == "within_range"
    assert interpret(Inputs(urine=M(0.1, "mg/L"), urine_ph=14)).level == "within_range"
    assert interpret(Inputs(serum=M(2.0, "mg/L", 2.4, 2.39))).level == "within_range"


def test_a_code_outside_the_vocabulary_raises_instead_of_vanishing():
    with pytest.raises(ValueError) as error:
        _in_order({"repeat_test", "repeat_tset"}, ("repeat_test", "talk_to_provider"))
    assert str(error.value) == "Codes ['repeat_tset'] are not in the engine's vocabulary"
    assert _in_order({"talk_to_provider", "repeat_test"}, ("repeat_test", "talk_to_provider")) == (
        "repeat_test",
        "talk_to_provider",
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: units.normalize_unit("mg/dL"),
            "Unknown B2M unit 'mg/dL'. Use one of: mg/L, ug/mL, ug/L, nmol/L, ug/g{creat}, "
            "mg/mmol{creat}.",
        ),
        (
            lambda: units.normalize_unit("  furlongs "),
            "Unknown B2M unit 'furlongs'. Use one of: mg/L, ug/mL, ug/L, nmol/L, ug/g{creat}, "
            "mg/mmol{creat}.",
        ),
        (lambda: units.normalize_unit(5), "B2M unit must be text, not int"),
        (
            lambda: units.normalize_creatinine_unit("mg/L"),
            "Unknown creatinine unit 'mg/L'. Use one of: mg/dL, umol/L.",
        ),
        (lambda: units.normalize_creatinine_unit(None),
         "creatinine unit must be text, not NoneType"),
        (
            lambda: units.to_mg_per_l(1, "ug/g{creat}"),
            "ug/g{creat} is an amount per creatinine: it cannot be converted to mg/L.",
        ),
        (lambda: units.to_base(-1, "mg/L"), "A lab value cannot be negative (-1.0)"),
        (lambda: units.from_base(float("inf"), "mg/mmol{creat}"),
         "A lab value must be a finite number, not inf"),
        (lambda: units.creatinine_to_mg_dl(-3, "mg/dL"), "A lab value cannot be negative (-3.0)"),
    ],
)  # fmt: skip
def test_unit_errors_are_raised_in_these_words(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value) == message


def test_unknown_unit_errors_are_their_own_kind_of_value_error():
    with pytest.raises(units.UnknownUnitError):
        units.normalize_unit("mg/dL")
    with pytest.raises(units.UnknownUnitError):
        units.to_mg_per_l(1, "mg/mmol{creat}")
