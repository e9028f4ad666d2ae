"""CKD-EPI 2021 eGFR and KDIGO GFR categories (no Django needed)."""

import doctest
import math

import pytest

from interpreter.egfr import (
    KDIGO_CATEGORIES,
    ckd_epi_2021,
    kdigo_category,
    kdigo_category_label,
    reported_whole_number,
)

# Published values, not recomputed here: each is the output reported for these inputs
# by the NKF CKD-EPI 2021 calculator (male 55 y, 1.2 mg/dL -> 71) or by independent
# public implementations' own test suites, rounded as those sources give them.
REFERENCE_VALUES = [
    # (creatinine mg/dL, age, sex, published eGFR, tolerance)
    (1.2, 55, "male", 71, 0.5),
    (1.1, 50, "male", 82, 0.5),
    (1.5, 90, "male", 44, 0.5),
    (1.5, 90, "female", 33, 0.5),
    (1.0, 50, "female", 68.63, 0.1),
    (1.5, 60, "male", 52.96, 0.1),
    (0.8, 40, "male", 114.74, 0.1),
    # At creatinine = kappa both creatinine terms are 1: 142 x 0.9938^age (x 1.012).
    (0.7, 50, "female", 105.3, 0.1),
    (1.0, 60, "male", 86.2, 0.1),
    # Below kappa the alpha term decides; worked by hand from the published equation
    # (142 x (0.6/0.9)^-0.302 x 0.9938^40 = 125.149), to 0.01 so that a male alpha of
    # -0.30 (125.05) or a female alpha of -0.24 would show.
    (0.6, 40, "male", 125.149, 0.01),
    (0.5, 30, "female", 129.317, 0.01),
]


@pytest.mark.parametrize(("scr", "age", "sex", "expected", "tolerance"), REFERENCE_VALUES)
def test_ckd_epi_2021_matches_published_values(scr, age, sex, expected, tolerance):
    assert ckd_epi_2021(scr, age, sex) == pytest.approx(expected, abs=tolerance)


def test_women_get_a_lower_egfr_than_men_at_the_same_high_creatinine():
    assert ckd_epi_2021(1.5, 60, "female") < ckd_epi_2021(1.5, 60, "male")


@pytest.mark.parametrize("sex", ["female", "male"])
def test_egfr_falls_as_creatinine_rises(sex):
    values = [ckd_epi_2021(scr, 50, sex) for scr in (0.4, 0.6, 0.7, 0.9, 1.2, 2.0, 5.0)]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("sex", ["female", "male"])
def test_egfr_falls_with_age(sex):
    assert ckd_epi_2021(1.0, 80, sex) < ckd_epi_2021(1.0, 40, sex)


@pytest.mark.parametrize("sex", ["Female", " MALE "])
def test_sex_is_read_case_insensitively(sex):
    assert ckd_epi_2021(1.0, 50, sex) == ckd_epi_2021(1.0, 50, sex.strip().lower())


@pytest.mark.parametrize(("age", "allowed"), [(17, False), (17.99, False), (18, True), (90, True)])
def test_only_adults_get_an_egfr(age, allowed):
    if allowed:
        assert ckd_epi_2021(1.0, age, "male") > 0
    else:
        with pytest.raises(ValueError, match="18"):
            ckd_epi_2021(1.0, age, "male")


@pytest.mark.parametrize("sex", ["", "other", "f", None])
def test_unknown_sex_is_rejected(sex):
    with pytest.raises(ValueError, match="sex must be 'female' or 'male'"):
        ckd_epi_2021(1.0, 50, sex)


@pytest.mark.parametrize("scr", [0, -1.0, math.nan, math.inf])
def test_impossible_creatinine_is_rejected(scr):
    with pytest.raises(ValueError, match="Creatinine must be a positive number"):
        ckd_epi_2021(scr, 50, "female")


@pytest.mark.parametrize(
    ("egfr", "category"),
    [
        (130, "G1"),
        (90, "G1"),
        (89.9, "G1"),  # a lab prints 90
        (89.5, "G1"),
        (89.49, "G2"),
        (60, "G2"),
        (59.99, "G2"),  # a lab prints 60
        (59.5, "G2"),
        (59.49, "G3a"),
        (45, "G3a"),
        (44.5, "G3a"),
        (44.49, "G3b"),
        (30, "G3b"),
        (29.5, "G3b"),
        (29.49, "G4"),
        (15, "G4"),
        (14.5, "G4"),
        (14.49, "G5"),
        (0, "G5"),
    ],
)
def test_kdigo_category_at_every_boundary(egfr, category):
    assert kdigo_category(egfr) == category


@pytest.mark.parametrize(("egfr", "whole"), [(0.5, 1), (44.5, 45), (88.5, 89), (59.49, 59)])
def test_egfr_rounds_half_up_like_a_lab_report(egfr, whole):
    assert reported_whole_number(egfr) == whole


@pytest.mark.parametrize("egfr", [-1, math.nan, math.inf])
def test_impossible_egfr_has_no_category(egfr):
    with pytest.raises(ValueError):
        kdigo_category(egfr)


@pytest.mark.parametrize(
    ("category", "label"),
    [
        ("G1", "G1: normal or high"),
        ("G2", "G2: mildly decreased"),
        ("G3a", "G3a: mildly to moderately decreased"),
        ("G3b", "G3b: moderately to severely decreased"),
        ("G4", "G4: severely decreased"),
        ("G5", "G5: kidney failure"),
    ],
)
def test_each_category_has_a_plain_kdigo_label(category, label):
    assert kdigo_category_label(category) == label


def test_categories_cover_every_code_once():
    assert [code for code, _, _ in KDIGO_CATEGORIES] == ["G1", "G2", "G3a", "G3b", "G4", "G5"]


def test_unknown_category_has_no_label():
    with pytest.raises(ValueError, match="Unknown KDIGO GFR category 'G3'"):
        kdigo_category_label("G3")


def test_docstring_examples_hold():
    from interpreter import egfr as module

    outcome = doctest.testmod(module)
    assert outcome.attempted > 0
    assert outcome.failed == 0
