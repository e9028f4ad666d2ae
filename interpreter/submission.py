"""Bind what a patient typed (page form or JSON API) and turn it into engine inputs.

Nothing here is stored or logged: the data lives only for the request.
"""

from django.utils.functional import cached_property

from . import rules
from .forms import MAX_HISTORY, HistoryEntryForm, InterpretForm


def history_prefix(index):
    return f"history-{index}"


def _history_rows_in(data, minimum):
    if data is None:
        return minimum
    rows = minimum
    for index in range(MAX_HISTORY):
        prefix = history_prefix(index)
        if any(key.startswith(prefix + "-") for key in data):
            rows = max(rows, index + 1)
    return rows


class Submission:
    """The interpreter form plus its earlier-result rows, validated together."""

    def __init__(self, data=None, initial=None, *, blank_rows=0, page=False):
        """``blank_rows``: earlier-result rows to offer even when empty (the page adds
        one at a time, the API sends the rows it has). ``page``: the checker's pages,
        which never assume a urine unit (InterpretForm)."""
        self.data = data
        self.form = InterpretForm(data, initial=initial, page=page)
        self.bound = data is not None
        self._rows = _history_rows_in(data, blank_rows)

    @cached_property
    def history_forms(self):
        units = {}
        if self.bound and self.form.is_valid():
            units = {
                "serum_unit": self.form.cleaned_data["serum_unit"],
                "urine_unit": self.form.cleaned_data["urine_unit"],
            }
        return [
            HistoryEntryForm(self.data, prefix=history_prefix(i), **units)
            for i in range(self._rows)
        ]

    def is_valid(self):
        if not self.bound:
            return False
        valid = self.form.is_valid()
        for entry in self.history_forms:
            valid = entry.is_valid() and valid
        if valid:
            valid = self._check_history_dates()
        return valid

    def _check_history_dates(self):
        test_date = self.form.cleaned_data.get("test_date")
        ok = True
        for entry in self.filled_history():
            date = entry.cleaned_data["date"]
            if test_date and date >= test_date:
                entry.add_error("date", "An earlier result must be dated before the test date.")
                ok = False
            for analyte, name in (("serum", "blood"), ("urine", "urine")):
                field = f"{analyte}_value"
                if entry.cleaned_data.get(field) and not self.form.cleaned_data.get(field):
                    entry.add_error(
                        field,
                        f"Enter today's {name} result above to compare with this earlier one.",
                    )
                    ok = False
        return ok

    def filled_history(self):
        return [entry for entry in self.history_forms if entry.is_valid() and not entry.is_blank()]

    def error_list(self):
        """(field id, message) pairs in page order, for the error summary."""
        errors = []
        for name, messages in self.form.errors.items():
            field_id = self.form[name].auto_id if name in self.form.fields else "main-content"
            errors.extend((field_id, message) for message in messages)
        for number, entry in enumerate(self.history_forms, start=1):
            for name, messages in entry.errors.items():
                field_id = entry[name].auto_id if name in entry.fields else "history"
                errors.extend(
                    (field_id, f"Earlier result {number}: {message}") for message in messages
                )
        return errors

    def to_inputs(self):
        data = self.form.cleaned_data
        serum = urine = None
        if data.get("serum_value") is not None:
            serum = rules.Measurement(
                data["serum_value"],
                data["serum_unit"],
                data.get("serum_upper_limit"),
                data.get("serum_lower_limit"),
            )
        if data.get("urine_value") is not None:
            urine = rules.Measurement(
                data["urine_value"],
                data["urine_unit"],
                data.get("urine_upper_limit"),
            )
        creatinine = None
        if data.get("creatinine_value") is not None and data.get("egfr") is None:
            creatinine = rules.Creatinine(
                data["creatinine_value"], data["creatinine_unit"], data["age"], data["sex"]
            )
        history = []
        for entry in self.filled_history():
            history.append(
                rules.HistoryPoint(
                    date=entry.cleaned_data["date"],
                    serum=entry.measurement("serum"),
                    urine=entry.measurement("urine"),
                )
            )
        history.sort(key=lambda point: point.date)
        return rules.Inputs(
            serum=serum,
            urine=urine,
            urine_ph=data.get("urine_ph"),
            egfr=data.get("egfr"),
            creatinine=creatinine,
            test_date=data.get("test_date"),
            history=tuple(history),
            context=frozenset(data.get("context") or ()),
        )
