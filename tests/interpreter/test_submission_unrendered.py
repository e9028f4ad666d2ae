"""The API's forms (validated, never shown) check exactly what the page's forms check.

Submission(rendered=False) shares its class's fields and cleans each field left out
of the data once per field (submission._clean_omitted). Whatever the data, both must
give the same answer: valid or not, the same cleaned values, the same messages.
"""

import datetime

from django import forms
from django.utils.datastructures import MultiValueDict
from hypothesis import given, settings
from hypothesis import strategies as st

from interpreter import rules
from interpreter.submission import Submission, _clean_omitted

# For each field: values a person or a client might send, good and bad. Left out of
# the data is one more choice for every field (None below).
FIELDS = {
    "kind": ["serum", "urine", "both", "blood?"],
    "serum_value": ["3.1", "", " ", "3,1", "abc", "-2", "3 4"],
    "serum_unit": ["mg/L", "ug/L", "nmol/l", "", "furlongs", "ug/g creatinine"],
    "serum_range": ["0.8-2.4", "2.4", "", "to 2.4", "2.4-0.8"],
    "serum_upper_limit": ["2.4", "", "0", "x"],
    "serum_lower_limit": ["0.8", "", "3"],
    "urine_value": ["450", "", "-1", "0.2"],
    "urine_unit": ["ug/L", "mg/L", "", "ug/g creatinine", "?"],
    "urine_range": ["0-300", "", "300"],
    "urine_upper_limit": ["300", ""],
    "urine_ph": ["5.5", "", "15", "acid"],
    "creatinine_value": ["1.1", "", "97"],
    "creatinine_unit": ["mg/dL", "umol/L", "", "mmol"],
    "egfr": ["52", "", "300", "fifty"],
    "age": ["60", "", "60.5", "12"],
    "sex": ["female", "male", "", "other"],
    "test_date": ["2026-11-01", "", "2099-01-01", "1 Nov", "2026-02-30"],
}
HISTORY_FIELDS = {
    "date": ["2026-06-01", "", "2099-01-01", "soon"],
    "serum_value": ["2.9", "", "x"],
    "serum_unit": ["mg/L", "", "nmol/L", "?"],
    "serum_upper_limit": ["2.4", ""],
    "urine_value": ["200", ""],
    "urine_unit": ["ug/L", ""],
    "urine_upper_limit": ["300", ""],
}
CONTEXTS = [[], [rules.CONTEXT_CODES[0]], [rules.CONTEXT_CODES[0], "made-up"]]


def _choices(fields, prefix=""):
    return {
        f"{prefix}{name}": st.one_of(st.none(), st.sampled_from(values))
        for name, values in fields.items()
    }


@st.composite
def form_data(draw):
    values = draw(st.fixed_dictionaries(_choices(FIELDS)))
    for row in range(draw(st.integers(0, 2))):
        values.update(draw(st.fixed_dictionaries(_choices(HISTORY_FIELDS, f"history-{row}-"))))
    data = MultiValueDict({key: [value] for key, value in values.items() if value is not None})
    context = draw(st.sampled_from(CONTEXTS))
    if context:
        data.setlist("context", context)
    return data


def _outcome(submission):
    valid = submission.is_valid()
    forms = [submission.form, *submission.history_forms]
    return {
        "valid": valid,
        "cleaned": [getattr(form, "cleaned_data", None) for form in forms],
        "errors": [form.errors.get_json_data() for form in forms],
        "inputs": submission.to_inputs() if valid else None,
    }


@settings(max_examples=400, deadline=None)
@given(data=form_data())
def test_the_apis_forms_answer_as_the_pages_forms_do(data):
    page = _outcome(Submission(data, rendered=True))
    api = _outcome(Submission(data, rendered=False))
    assert api == page


def test_a_list_a_left_out_field_cleans_to_is_never_kept_to_be_shared():
    field = forms.MultipleChoiceField(required=False, choices=[("a", "A")])
    first = _clean_omitted(field, MultiValueDict(), {}, "codes")
    first.append("changed by one form")
    assert _clean_omitted(field, MultiValueDict(), {}, "codes") == []


def test_a_left_out_field_cleans_once_and_keeps_its_empty_value():
    field = forms.CharField(required=False)
    calls = []
    field.clean = lambda value: calls.append(value) or ""
    assert [_clean_omitted(field, MultiValueDict(), {}, "note") for _ in range(3)] == [""] * 3
    assert calls == [None]


def test_a_left_out_field_a_form_requires_still_answers_required():
    # The earlier result's date is required once a value is given: left out of the
    # data, each row still gets its own message, the first time and the second.
    data = MultiValueDict(
        {"serum_value": ["3.1"], "history-0-serum_value": ["2.9"], "history-1-serum_value": ["2"]}
    )
    for _ in range(2):
        submission = Submission(data, rendered=False)
        assert not submission.is_valid()
        assert [list(form.errors) for form in submission.history_forms] == [["date"], ["date"]]


def test_dates_are_cleaned_from_the_data_not_kept():
    first = Submission(
        MultiValueDict({"serum_value": ["3.1"], "test_date": ["2026-11-01"]}), rendered=False
    )
    second = Submission(MultiValueDict({"serum_value": ["3.1"]}), rendered=False)
    assert first.is_valid() and second.is_valid()
    assert first.to_inputs().test_date == datetime.date(2026, 11, 1)
    assert second.to_inputs().test_date is None
