"""The interpreter form: exact errors in the patient's words."""

import datetime

import pytest

from interpreter.submission import Submission


def errors_for(data):
    submission = Submission(data)
    assert not submission.is_valid()
    return submission.form.errors.get_json_data()


def messages(data, field):
    return [e["message"] for e in errors_for(data).get(field, [])]


def test_neither_result_asks_for_one_of_them():
    assert errors_for({}) == {
        "serum_value": [
            {
                "message": "Enter your blood B2M result, or a urine B2M result below.",
                "code": "required",
            }
        ]
    }


def test_both_results_chosen_and_neither_typed_marks_both_boxes():
    # Today only the blood box is marked ("..., or a urine B2M result below"), so the
    # urine box the patient was asked to fill carries no error.
    assert errors_for({"kind": "both", "serum_unit": "mg/L", "urine_unit": "ug/L"}) == {
        "serum_value": [{"message": "Enter your blood B2M result.", "code": "required"}],
        "urine_value": [{"message": "Enter your urine B2M result.", "code": "required"}],
    }


@pytest.mark.parametrize(
    "typed, message",
    [
        ("abc", "Enter your blood B2M result as a number, like 2.4."),
        ("3,1,2", "Enter your blood B2M result as a number, like 2.4."),
        ("-2", "Your blood B2M result must be more than zero."),
        ("0", "Your blood B2M result must be more than zero."),
        ("nan", "Enter your blood B2M result as a number, like 2.4."),
        ("inf", "Enter your blood B2M result as a number, like 2.4."),
        ("1e400", "Enter your blood B2M result as a number, like 2.4."),
        (
            "<0.2",
            "Enter your blood B2M result as a number without the < sign. "
            "If your report shows a sign, ask the lab or your doctor what it means.",
        ),
        (
            "900",
            "This is higher than any blood B2M result we know of. "
            "Check the number and the unit on your report.",
        ),
    ],
)
def test_bad_serum_values_get_a_specific_message(typed, message):
    assert messages({"serum_value": typed, "serum_unit": "mg/L"}, "serum_value") == [message]


def test_thousands_separator_is_understood():
    submission = Submission({"urine_value": "1,200", "urine_unit": "ug/L"})
    assert submission.is_valid(), submission.error_list()
    assert submission.to_inputs().urine.value == 1200


def test_serum_value_in_the_wrong_unit_is_caught():
    assert messages({"serum_value": "2.4", "serum_unit": "ug/L"}, "serum_value") == [
        "This is much lower than blood B2M results usually are in µg/L. "
        "Check the unit: it may be a different one."
    ]


def test_limit_in_another_unit_than_the_result_is_caught():
    data = {"serum_value": "2600", "serum_unit": "ug/L", "serum_upper_limit": "2.4"}
    assert messages(data, "serum_upper_limit") == [
        "This does not look like a blood B2M upper limit in µg/L. "
        "Check that the limit and the result use the same unit."
    ]


def test_unknown_unit_choice_is_refused():
    assert "serum_unit" in errors_for({"serum_value": "2", "serum_unit": "grams"})


def test_future_test_date_is_refused():
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    assert messages({"serum_value": "2", "test_date": tomorrow}, "test_date") == [
        "The test date cannot be in the future."
    ]


def test_creatinine_needs_age_and_sex_when_no_egfr():
    errors = errors_for({"serum_value": "2", "creatinine_value": "1.1"})
    assert errors["age"][0]["message"] == "Enter your age to estimate eGFR from creatinine."
    assert errors["sex"][0]["message"] == ("Choose the sex used on your report to estimate eGFR.")


def test_creatinine_with_age_and_sex_becomes_engine_input():
    submission = Submission(
        {
            "serum_value": "2",
            "creatinine_value": "88",
            "creatinine_unit": "umol/L",
            "age": "50",
            "sex": "female",
        }  # fmt: skip
    )
    assert submission.is_valid(), submission.error_list()
    creatinine = submission.to_inputs().creatinine
    assert (creatinine.value, creatinine.unit, creatinine.age, creatinine.sex) == (
        88,
        "umol/L",
        50,
        "female",
    )


def test_unknown_context_code_is_refused():
    assert messages({"serum_value": "2", "context": ["astrology"]}, "context") == [
        "Something sent with this page is not on the list below. "
        "Check the ticked boxes, then press Continue."
    ]


def test_earlier_result_needs_a_date_and_must_be_before_the_test():
    submission = Submission(
        {"serum_value": "3", "test_date": "2026-11-01", "history-0-serum_value": "2.5"}
    )
    assert not submission.is_valid()
    assert ("id_history-0-date", "Earlier result 1: Enter the date of this earlier result.") in (
        submission.error_list()
    )
    submission = Submission(
        {
            "serum_value": "3",
            "test_date": "2026-11-01",
            "history-0-date": "2026-11-05",
            "history-0-serum_value": "2.5",
        }
    )
    assert not submission.is_valid()
    assert (
        "id_history-0-date",
        "Earlier result 1: An earlier result must be dated before the test date.",
    ) in submission.error_list()


def test_earlier_results_take_todays_units_and_are_sorted_by_date():
    submission = Submission(
        {
            "serum_value": "3100",
            "serum_unit": "ug/L",
            "history-0-date": "2026-09-01",
            "history-0-serum_value": "2500",
            "history-1-date": "2026-07-01",
            "history-1-serum_value": "2000",
        }
    )
    assert submission.is_valid(), submission.error_list()
    history = submission.to_inputs().history
    assert [point.date.month for point in history] == [7, 9]
    assert all(point.serum.unit == "ug/L" for point in history)


def test_error_summary_links_point_at_the_fields():
    submission = Submission({"serum_value": "abc", "urine_upper_limit": "3"})
    assert not submission.is_valid()
    ids = [field_id for field_id, _ in submission.error_list()]
    assert ids == ["id_serum_value", "id_urine_value"]


def test_valid_form_keeps_units_and_limits():
    submission = Submission(
        {
            "serum_value": "3.1",
            "serum_unit": "mg/L",
            "serum_upper_limit": "2.4",
            "urine_value": "450",
            "urine_unit": "ug/L",
            "urine_ph": "5.5",
            "context": ["recent_exercise", "dehydration"],
        }  # fmt: skip
    )
    assert submission.is_valid(), submission.error_list()
    inputs = submission.to_inputs()
    assert inputs.serum.upper_limit == 2.4
    assert inputs.urine.unit == "ug/L"
    assert inputs.urine_ph == 5.5
    assert inputs.context == frozenset({"recent_exercise", "dehydration"})


# --- Hostile input: a clear message, never a server error (fuzz audit) --------------------

HUGE = "9" * 309  # overflows a float to infinity


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"serum_value": "3.1", "serum_range": HUGE},
            "serum_range",
            "A number in the blood B2M reference range is far too large. Enter the blood "
            "B2M reference range as printed, like 0.8-2.4, or just its upper number, like 2.4.",
        ),
        (
            {"serum_value": "3.1", "serum_range": f"0.8-{HUGE}"},
            "serum_range",
            "A number in the blood B2M reference range is far too large. Enter the blood "
            "B2M reference range as printed, like 0.8-2.4, or just its upper number, like 2.4.",
        ),
        (
            # Per creatinine no mg/L bounds apply: the range must be refused by itself.
            {"urine_value": "300", "urine_unit": "ug/g{creat}", "urine_range": HUGE},
            "urine_range",
            "A number in the urine B2M reference range is far too large. Enter the urine "
            "B2M reference range as printed, like 0-300, or just its upper number, like 300.",
        ),
        (
            {"urine_value": "300", "urine_unit": "ug/L", "urine_range": HUGE},
            "urine_range",
            "A number in the urine B2M reference range is far too large. Enter the urine "
            "B2M reference range as printed, like 0-300, or just its upper number, like 300.",
        ),
    ],
)
def test_a_range_number_too_large_for_a_float_gets_one_clear_message(data, field, message):
    submission = Submission(data, page=True)
    assert not submission.is_valid()
    assert submission.form.errors[field] == [message]


@pytest.mark.parametrize("typed", ["inf", "nan", "1e400", "0.8to", "lots"])
def test_a_range_with_letters_that_are_not_a_unit_is_not_told_to_drop_the_unit(typed):
    submission = Submission({"serum_value": "3.1", "serum_range": typed}, page=True)
    assert not submission.is_valid()
    assert submission.form.errors["serum_range"] == [
        "Enter the blood B2M reference range as printed, like 0.8-2.4, or just its upper "
        "number, like 2.4."
    ]


@pytest.mark.parametrize("typed", ["2.4 mg/L", "0.8-2.4 µg/L", "300 ug/g creat"])
def test_a_range_typed_with_its_unit_is_told_to_drop_the_unit(typed):
    submission = Submission({"serum_value": "3.1", "serum_range": typed}, page=True)
    assert not submission.is_valid()
    assert submission.form.errors["serum_range"] == [
        "Enter the numbers of the blood B2M reference range without the unit, like 0.8-2.4."
    ]


def test_a_range_from_a_lower_limit_only_says_it_has_no_upper_number():
    submission = Submission({"serum_value": "3.1", "serum_range": "≥ 2.4"}, page=True)
    assert not submission.is_valid()
    assert submission.form.errors["serum_range"] == [
        "Enter the blood B2M reference range with its upper number, like 0.8-2.4 or 2.4. "
        "A range that starts with ≥ has no upper limit to compare with."
    ]


@pytest.mark.parametrize("sign", ["<", "≤", ">", "≥"])
def test_a_value_with_any_comparison_sign_gets_the_sign_message(sign):
    assert messages({"serum_value": f"{sign}2.4"}, "serum_value") == [
        f"Enter your blood B2M result as a number without the {sign} sign. "
        "If your report shows a sign, ask the lab or your doctor what it means."
    ]


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"urine_value": "300", "urine_unit": "furlongs"}, "urine_unit",
         "“furlongs” is not a unit we can use for your urine result. Choose one from the list."),
        ({"serum_value": "3", "serum_unit": "kg/L"}, "serum_unit",
         "“kg/L” is not a unit we can use for your blood result. Choose one from the list."),
        ({"serum_value": "3", "serum_unit": "ug/g{creat}"}, "serum_unit",
         "µg/g creatinine is a unit per creatinine, for urine only. "
         "Choose the unit of your blood result from the list."),
        ({"serum_value": "3", "creatinine_value": "1", "creatinine_unit": "mmHg", "age": "50",
          "sex": "female"}, "creatinine_unit",
         "“mmHg” is not a unit we can use for your creatinine result. "
         "Choose mg/dL or µmol/L, as printed on your report."),
        ({"serum_value": "3", "creatinine_value": "1", "age": "50", "sex": "x"}, "sex",
         "Choose female or male for the sex used on your report."),
        ({"serum_value": "3", "serum_unit": "x" * 10_000}, "serum_unit",
         f"“{'x' * 30}…” is not a unit we can use for your blood result. "
         "Choose one from the list."),
        ({"serum_value": "3", "serum_unit": "mg/L\x00"}, "serum_unit",
         "“mg/L\ufffd” is not a unit we can use for your blood result. Choose one from the list."),
    ],
)  # fmt: skip
def test_a_choice_not_on_the_list_gets_one_message_naming_the_field(data, field, message):
    errors = errors_for(data)
    assert [e["message"] for e in errors[field]] == [message]
    assert "Select a valid choice" not in str(errors)


@pytest.mark.parametrize(
    "field, typed, code",
    [("serum_unit", "µg/mL", "ug/mL"), ("urine_unit", "mcg/L", "ug/L"),
     ("creatinine_unit", "µmol/L", "umol/L")],
)  # fmt: skip
def test_a_units_other_spelling_is_read_as_its_code(field, typed, code):
    creatinine = "90" if field == "creatinine_unit" else "1"  # µmol/L, or mg/dL
    data = {"serum_value": "3", "urine_value": "300", "creatinine_value": creatinine,
            "age": "50", "sex": "female", field: typed}  # fmt: skip
    submission = Submission(data)
    assert submission.is_valid(), submission.error_list()
    assert submission.form.cleaned_data[field] == code


AMBIGUOUS_DATE = (
    "Enter the test date as year-month-day, like 2026-11-01, or with the month's name, "
    "like 1 November 2026. A date such as 01/02/2026 can be read two ways."
)


@pytest.mark.parametrize("typed", ["01/02/2026", "12/11/2026", "1.2.2026", "13/02/2026", "1-2-26"])
def test_a_date_of_numbers_only_is_asked_again_never_read_in_a_guessed_order(typed):
    assert messages({"serum_value": "3", "test_date": typed}, "test_date") == [AMBIGUOUS_DATE]


@pytest.mark.parametrize(
    "typed", ["2026-02-01", "2026/02/01", "1 February 2026", "1 Feb 2026", "01-Feb-2026",
              "February 1, 2026", "Feb 1 2026"],
)  # fmt: skip
def test_a_date_year_first_or_with_the_months_name_is_read(typed):
    submission = Submission({"serum_value": "3", "test_date": typed})
    assert submission.is_valid(), submission.error_list()
    assert submission.form.cleaned_data["test_date"] == datetime.date(2026, 2, 1)


def test_an_earlier_results_date_of_numbers_only_is_asked_again_too():
    submission = Submission(
        {"serum_value": "3", "history-0-date": "01/02/2026", "history-0-serum_value": "2.9"}
    )
    assert not submission.is_valid()
    assert submission.history_forms[0].errors["date"] == [
        "Enter the date of an earlier result as year-month-day, like 2026-10-01, or with the "
        "month's name, like 1 October 2026. A date such as 01/02/2026 can be read two ways."
    ]


@pytest.mark.parametrize(
    "typed, value",
    [("1 200", 1200), ("12\u00a0000", 12000), ("3.4\u200b", 3.4), ("\ufeff3.4", 3.4),
     ("٣٫٤", 3.4), ("٣.٤", 3.4)],
)  # fmt: skip
def test_numbers_pasted_with_invisible_marks_or_grouped_by_spaces_are_read(typed, value):
    submission = Submission({"urine_value": typed, "urine_unit": "ug/L"})
    assert submission.is_valid(), submission.error_list()
    assert submission.form.cleaned_data["urine_value"] == value


@pytest.mark.parametrize("typed", ["3 4", "1 5", "12 34"])
def test_a_space_inside_a_number_is_asked_about_never_dropped(typed):
    assert messages({"urine_value": typed, "urine_unit": "ug/L"}, "urine_value") == [
        "Enter your urine B2M result as one number, like 2.4. Check the space in it."
    ]


def test_numbers_are_said_back_with_the_digits_typed():
    # Today "1.0-2.4" and "3.0" come back as "1 to 2.4 mg/L" and "3 mg/L" on the check
    # page, which asks the patient to compare them with the paper report.
    from interpreter.presenters import told_us

    submission = Submission(
        {"kind": "serum", "serum_value": "3,0", "serum_unit": "mg/L", "serum_range": "1.0-2.40"}
    )
    assert submission.is_valid(), submission.error_list()
    inputs = submission.to_inputs()
    assert inputs.serum.value == 3.0 and inputs.serum.upper_limit == 2.4
    rows = told_us(inputs, ranges={"serum": submission.form.cleaned_data["serum_range"]})
    words = {row.label: row.value for row in rows}
    assert "3.0 mg/L" in words.values()
    assert "1.0 to 2.40 mg/L" in words.values()


def page_errors(data):
    submission = Submission(data, page=True)
    assert not submission.is_valid()
    errors = submission.form.errors.get_json_data()
    return {field: [e["message"] for e in found] for field, found in errors.items()}


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "urine", "urine_value": "2000"},
        {"kind": "urine", "urine_value": "2000", "urine_range": "300"},
        {"kind": "urine", "urine_value": "450", "urine_range": "0-300"},
        {"kind": "both", "serum_value": "3.4", "urine_value": "2000", "urine_range": "300"},
    ],
)
def test_a_urine_number_without_its_unit_is_not_judged_in_mg_per_l(data):
    # Before: 2000 with no unit was read as 2000 mg/L ("higher than any urine B2M result
    # we know of") and a limit of 300 as 300 mg/L ("does not look like a urine B2M upper
    # limit in mg/L"), beside "Choose the unit": a unit the patient never chose.
    assert page_errors(data) == {
        "urine_unit": ["Choose the unit printed beside your urine result. Most reports use µg/L."]
    }


@pytest.mark.parametrize(
    "data, unit_field, message",
    [
        (
            {"kind": "urine", "urine_value": "450", "urine_unit": "mg/L", "urine_range": "300"},
            "urine_unit",
            "Your result and range look like µg/L, not mg/L. "
            "Check the unit printed on your report and choose it here.",
        ),
        (
            {"serum_value": "3400", "serum_unit": "mg/L", "serum_range": "2400"},
            "serum_unit",
            "Your result and range look like µg/L, not mg/L. "
            "Check the unit printed on your report and choose it here.",
        ),
        (
            {"serum_value": "3.4", "serum_unit": "ug/L", "serum_range": "0.8-2.4"},
            "serum_unit",
            "Your result and range look like mg/L, not µg/L. "
            "Check the unit printed on your report and choose it here.",
        ),
    ],
)
def test_a_result_and_range_typed_in_the_wrong_unit_point_at_the_unit(data, unit_field, message):
    # Before: "This does not look like a … upper limit in mg/L. Check that the limit and
    # the result use the same unit." on the range, when both did use the same unit.
    assert page_errors(data) == {unit_field: [message]}


def test_a_limit_in_another_unit_than_its_result_still_says_so_on_the_page():
    data = {"serum_value": "2600", "serum_unit": "ug/L", "serum_range": "2.4"}
    assert page_errors(data) == {
        "serum_range": [
            "This does not look like a blood B2M upper limit in µg/L. "
            "Check that the limit and the result use the same unit."
        ]
    }


WITHOUT_UNIT = "Enter your blood B2M result as the number only, without the unit, like 2.4."


@pytest.mark.parametrize(
    "typed, message",
    [
        ("3.4 mg/L", WITHOUT_UNIT),
        ("3.4mg/l", WITHOUT_UNIT),
        ("3,4 µg/mL", WITHOUT_UNIT),
        (
            "3.4 H",
            "Enter your blood B2M result as the number only, like 2.4. "
            "Leave out a mark such as H, L or * printed beside it.",
        ),
        (
            "3.4*",
            "Enter your blood B2M result as the number only, like 2.4. "
            "Leave out a mark such as H, L or * printed beside it.",
        ),
        (
            "H 3.4",
            "Enter your blood B2M result as the number only, like 2.4. "
            "Leave out a mark such as H, L or * printed beside it.",
        ),
        (
            "3.4 (high)",
            "Enter your blood B2M result as the number only, like 2.4. "
            "Leave out a mark such as H, L or * printed beside it.",
        ),
    ],
)
def test_a_number_typed_with_its_unit_or_the_reports_mark_says_what_to_leave_out(typed, message):
    # Before: "Enter your blood B2M result as a number, like 2.4." to someone who had
    # typed a number, copied from the report with its unit or its "H" for high.
    assert messages({"serum_value": typed, "serum_unit": "mg/L"}, "serum_value") == [message]


def test_the_urine_range_is_explained_with_a_urine_example():
    # Before: the urine range's hint and errors said "like 0.8-2.4", a blood range in
    # mg/L, beside a urine result most reports print in µg/L ("0-300").
    form = Submission(None, page=True).form
    assert "like 0-300" in form.fields["urine_range"].help_text
    assert "0.8-2.4" not in form.fields["urine_range"].help_text
    assert "like 0.8-2.4" in form.fields["serum_range"].help_text
    data = {"kind": "urine", "urine_value": "450", "urine_unit": "ug/L", "urine_range": "lots"}
    assert page_errors(data) == {
        "urine_range": [
            "Enter the urine B2M reference range as printed, like 0-300, "
            "or just its upper number, like 300."
        ]
    }
