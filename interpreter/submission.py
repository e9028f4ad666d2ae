"""Bind what a patient typed (page form or JSON API) and turn it into engine inputs.

Nothing here is stored or logged: the data lives only for the request.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from . import rules
from .forms import MAX_HISTORY, HistoryEntryForm, InterpretForm


class _SharedFields(dict):
    """A form class's fields that a form never shown on a page uses as they are.

    Django deep-copies every field and widget of a form for each instance, so that
    rendering one form (autofocus, error classes) cannot change another. A form
    that is only validated (the JSON API's) reads its fields and never changes
    them, so the copy is waste: the instance gets a plain dict of the same fields.
    """

    def __deepcopy__(self, memo):
        return dict(self)


# What an optional field cleans to when the data leaves it out, by field. Only the
# class-level fields of unrendered forms (_SharedFields) are keys, so it stays small.
_CLEANED_WHEN_OMITTED = {}


def _clean_omitted(field, data, files, name):
    """`field.clean` of the value its widget reads when the data leaves `name` out.

    The same every time: an empty value is never checked against anything else. So it is
    worked out once per field and kept, when it is None or text (never a list another
    form could change). Most of the API's fields are left out of most bodies."""
    try:
        return _CLEANED_WHEN_OMITTED[field]
    except KeyError:
        pass
    value = field.clean(field.widget.value_from_datadict(data, files, name))  # may raise
    if value is None or type(value) is str:
        _CLEANED_WHEN_OMITTED[field] = value
    return value


def _clean_fields_unrendered(self):
    """BaseForm._clean_fields, reading each value as a BoundField would, without making one."""
    for name, field in self.fields.items():
        key = self.add_prefix(name)
        widget = field.widget
        try:
            if widget.value_omitted_from_data(self.data, self.files, key):
                self.cleaned_data[name] = _clean_omitted(field, self.data, self.files, key)
            else:
                self.cleaned_data[name] = field.clean(
                    widget.value_from_datadict(self.data, self.files, key)
                )
            clean_field = getattr(self, f"clean_{name}", None)
            if clean_field is not None:
                self.cleaned_data[name] = clean_field()
        except ValidationError as error:
            self.add_error(name, error)


def _unrendered(form_class):
    """`form_class` for forms that are validated but never rendered (the API's)."""
    assert not any(
        field.disabled or isinstance(field, forms.FileField)
        for field in form_class.base_fields.values()
    )
    return type(
        form_class.__name__,
        (form_class,),
        {
            "__module__": __name__,
            "__qualname__": f"unrendered {form_class.__qualname__}",
            "_clean_fields": _clean_fields_unrendered,
        },
    )


_UNRENDERED = {cls: _unrendered(cls) for cls in (InterpretForm, HistoryEntryForm)}
for _cls, _unrendered_cls in _UNRENDERED.items():
    # After the class exists: Django's form metaclass sets base_fields itself.
    _unrendered_cls.base_fields = _SharedFields(_cls.base_fields)


def history_prefix(index):
    return f"history-{index}"


# A key of an earlier-result row, "history-<index>-<field>", index as history_prefix writes it.
_HISTORY_KEY = re.compile(r"history-(0|[1-9][0-9]*)-")


def _history_rows_in(data, minimum):
    """How many earlier-result rows the data reaches into (at least `minimum`)."""
    if data is None:
        return minimum
    indexes = (int(found[1]) for key in data if (found := _HISTORY_KEY.match(key)))
    return max([minimum, *(index + 1 for index in indexes if index < MAX_HISTORY)])


class Submission:
    """The interpreter form plus its earlier-result rows, validated together."""

    def __init__(self, data=None, initial=None, *, blank_rows=0, page=False, rendered=True):
        """``blank_rows``: earlier-result rows to offer even when empty (the page adds
        one at a time, the API sends the rows it has). ``page``: the checker's pages,
        which never assume a urine unit (InterpretForm). ``rendered=False``: the forms
        are only validated, never shown (the API), so they share their class's
        fields instead of copying them (_SharedFields)."""
        self.data = data
        self._classes = {cls: cls if rendered else _UNRENDERED[cls] for cls in _UNRENDERED}
        self.form = self._classes[InterpretForm](data, initial=initial, page=page)
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
            self._classes[HistoryEntryForm](self.data, prefix=history_prefix(i), **units)
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
