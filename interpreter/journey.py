"""The checker's pages: a short first screen, optional steps, "Check your answers", the result.

Nothing is stored on the server. Every page is a form that carries all the
answers given so far: the fields of the step on screen, and every other
answer as a hidden field under its own name. So each POST holds the whole
journey, the server checks it with the same forms as always (forms.py), and
any step can be shown again filled in ("Change", "Change my answers", an
expired form sent again). No lab value goes into a URL.

An answered step is not shown in the answer to its POST: views.py keeps the
answers in a signed cookie in the patient's own browser (answers_cookie.py)
and sends the browser on (303) to a GET address that names only the journey
and the page. Reload, Back and Forward then ask again with a GET. The README
("Never losing answers") explains the trade-off.
"""

import re
from dataclasses import dataclass, replace

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from . import rules, slips, units
from .display import unit_label
from .forms import (
    CONTEXT_CHOICES,
    KIND_CHOICES,
    MAX_HISTORY,
    HistoryEntryForm,
    InterpretForm,
    dropped_for_kind,
    plain_number,
)
from .presenters import KNOWN_CONDITIONS_LABEL, format_date, told_us
from .submission import Submission, history_prefix

START_FIELDS = (
    "kind",
    "serum_value",
    "serum_unit",
    "serum_range",
    "urine_value",
    "urine_unit",
    "urine_range",
    "test_date",
)
STEP_FIELDS = {
    "start": (*START_FIELDS, "serum_upper_limit", "urine_upper_limit"),
    "kidney": ("creatinine_value", "creatinine_unit", "egfr", "age", "sex", "urine_ph"),
    "situations": ("context",),
}
OPTIONAL_STEPS = ("kidney", "earlier", "situations")
HISTORY_FIELDS = ("date", "serum_value", "urine_value")
_HISTORY_KEY = re.compile(rf"^history-(\d+)-({'|'.join(HISTORY_FIELDS)})$")
# A range typed with its lower number: "0.8-2.4", "0,8 – 2,4", "0.8 to 2.4".
_HAS_LOW = re.compile(r"\d\s*(?:-|–|—|to)\s*\S", re.IGNORECASE)
CONFIRMED = "confirmed"
# Said once on the check page after a step changed something the patient did not type
# ("We changed the urine unit to µg/L", "Removed the earlier result from ..."), and
# the earlier result just removed, for its Undo. Kept with the answers (never in an
# address) and dropped by the next step (Answers.take_notes).
NOTE = "note"
REMOVED = "removed"
_REMOVED_KEY = re.compile(rf"^{REMOVED}-({'|'.join(HISTORY_FIELDS)})$")
KNOWN = set(InterpretForm.base_fields) | {CONFIRMED, NOTE}
NUMBER_FIELDS = {
    name for name, field in InterpretForm.base_fields.items() if hasattr(field, "what")
} - {"serum_range", "urine_range"}


def step_of(field_name):
    """The step that asks for a field (form field name, or history-N-...)."""
    match = _HISTORY_KEY.match(field_name)
    if match:
        return f"earlier:{match[1]}"
    for step, names in STEP_FIELDS.items():
        if field_name in names:
            return step
    return "start"


class Answers:
    """Every answer so far, as the raw text of each field: {name: [values]}."""

    def __init__(self, values=None):
        self.values = {k: [v for v in vs if v != ""] for k, vs in (values or {}).items()}
        self.values = {k: vs for k, vs in self.values.items() if vs}

    @classmethod
    def from_post(cls, post):
        values = {
            name: post.getlist(name)
            for name in post
            if name in KNOWN or _HISTORY_KEY.match(name) or _REMOVED_KEY.match(name)
        }
        answers = cls(values)
        answers._settle()
        return answers

    def _settle(self):
        """Older or outside answers in today's shape: a range for a bare upper limit,
        and the kind of result from the values given."""
        for analyte in ("serum", "urine"):
            limit = self.values.pop(f"{analyte}_upper_limit", None)
            if limit and f"{analyte}_range" not in self.values:
                self.values[f"{analyte}_range"] = limit
        # A lower limit the page never asks for on its own goes into the range, where
        # the patient can see it and any problem with it ("5-2.4"); a range that has
        # its own lower number keeps it, as the form does.
        lower = self.values.pop("serum_lower_limit", None)
        given = self.get("serum_range")
        if lower and not _HAS_LOW.search(given):
            self.values["serum_range"] = [f"{lower[0]}-{given}"]
        if "kind" not in self.values:
            serum, urine = "serum_value" in self.values, "urine_value" in self.values
            self.values["kind"] = ["both" if serum and urine else "urine" if urine else "serum"]
        # The result the patient did not choose is not theirs to carry on.
        for name in dropped_for_kind(self.get("kind")):
            self.values.pop(name, None)

    def get(self, name, default=""):
        return self.values.get(name, [default])[0]

    def getlist(self, name):
        return list(self.values.get(name, []))

    def query_dict(self):
        data = QueryDict(mutable=True)
        for name, values in self.values.items():
            data.setlist(name, values)
        return data

    def copy(self):
        return Answers({k: list(v) for k, v in self.values.items()})

    def without(self, names):
        kept = self.copy()
        for name in names:
            kept.values.pop(name, None)
        return kept

    def update(self, values):
        for name, value in values.items():
            values_list = value if isinstance(value, list) else [value]
            values_list = [v for v in values_list if v not in ("", None)]
            if values_list:
                self.values[name] = values_list
            else:
                self.values.pop(name, None)

    def hidden(self, exclude=()):
        """(name, value) pairs for hidden fields: every answer not on the page."""
        exclude = set(exclude)
        return [
            (name, value)
            for name, values in sorted(self.values.items())
            if name not in exclude
            for value in values
        ]

    def history_indexes(self):
        indexes = {int(m[1]) for name in self.values if (m := _HISTORY_KEY.match(name))}
        return sorted(indexes)

    def compact_history(self):
        """Renumber earlier results 0, 1, 2... in the order they were added."""
        rows = []
        for index in self.history_indexes():
            rows.append(
                {f: self.values.pop(f"{history_prefix(index)}-{f}", []) for f in HISTORY_FIELDS}
            )
        for index, row in enumerate(rows):
            for f, values in row.items():
                if values:
                    self.values[f"{history_prefix(index)}-{f}"] = values

    def take_notes(self):
        """Forget what the last step had to say, and the earlier result it removed;
        return that result ({field: [values]}), for an Undo."""
        self.values.pop(NOTE, None)
        return {f: self.values.pop(f"{REMOVED}-{f}", []) for f in HISTORY_FIELDS}

    def note(self, code):
        self.values.setdefault(NOTE, []).append(code)

    def remove_history(self, index):
        """Remove earlier result `index`, keeping it aside for an Undo."""
        prefix = history_prefix(index)
        removed = False
        for f in HISTORY_FIELDS:
            values = self.values.pop(f"{prefix}-{f}", [])
            if values:
                self.values[f"{REMOVED}-{f}"] = values
                removed = True
        if removed:
            self.note(REMOVED)
        self.compact_history()

    def put_back(self, removed):
        """Undo a removal: the earlier result comes back as the last one added."""
        if not any(removed.values()) or len(self.history_indexes()) >= MAX_HISTORY:
            return False
        prefix = history_prefix(next_history_index(self))
        for f, values in removed.items():
            if values:
                self.values[f"{prefix}-{f}"] = values
        self.note("restored")
        return True

    def confirm(self, key):
        if key not in self.getlist(CONFIRMED):
            self.values.setdefault(CONFIRMED, []).append(key)


_EARLIER_STEP = re.compile(r"earlier:([0-9]{1,3})")


def earlier_index(step):
    """N for a step "earlier:N" (an earlier result the page can hold), else None."""
    match = _EARLIER_STEP.fullmatch(step or "")
    if match is None or int(match[1]) >= MAX_HISTORY:
        return None
    return int(match[1])


def valid_step(step):
    """`step` when it names a page that asks questions, else "" (a tampered or old form)."""
    if step in STEP_FIELDS or earlier_index(step) is not None:
        return step
    return ""


def step_field_names(step):
    index = earlier_index(step)
    if index is not None:
        return tuple(f"{history_prefix(index)}-{f}" for f in HISTORY_FIELDS)
    return STEP_FIELDS.get(step, ())


def submission_for(answers):
    return Submission(answers.query_dict(), page=True)


def step_errors(submission, step):
    """(field id, message) pairs for the fields of one step, in page order."""
    if step.startswith("earlier:"):
        index = earlier_index(step)
        for entry in submission.history_forms:
            if entry.prefix == history_prefix(index):
                return [
                    (entry[name].auto_id, message)
                    for name, messages in entry.errors.items()
                    if name in entry.fields
                    for message in messages
                ]
        return []
    form = submission.form
    order = [name for name in STEP_FIELDS.get(step, ()) if name in form.fields]
    return [
        (_summary_target(form[name]), message)
        for name in order
        for message in form.errors.get(name, [])
    ]


def _summary_target(bound):
    """The id an error summary links to: the field, or the first option of a radio or
    checkbox list (id_kind_0, GOV.UK's pattern), since the list itself has no id."""
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return bound.auto_id


def settle_numbers(answers, submission, step):
    """After a step is answered: numbers as typed in plain form ("3,4" becomes 3.4)."""
    if step.startswith("earlier:"):
        return
    cleaned = submission.form.cleaned_data
    for name in STEP_FIELDS.get(step, ()):
        value = cleaned.get(name)
        if name.endswith("_upper_limit"):
            continue  # worked out from the range
        if name in NUMBER_FIELDS and isinstance(value, float):
            answers.update({name: plain_number(value)})
        elif name.endswith("_range") and value:
            low, high = value
            text = (
                plain_number(high) if low is None else f"{plain_number(low)}-{plain_number(high)}"
            )
            answers.update({name: text})


def first_invalid_step(submission):
    """The first page, in asking order, with a problem; None when all is well."""
    submission.is_valid()
    steps = ["start", "kidney", "situations"]
    steps += [f"earlier:{i}" for i in range(len(submission.history_forms))]
    for step in steps:
        if step_errors(submission, step):
            return step
    if unplaced_errors(submission):
        return "start"
    return None


def unplaced_errors(submission):
    """Messages no page shows beside a field (a problem of the whole form, or of a
    field no page asks): shown at the top of the first page, never lost."""
    asked = {name for names in STEP_FIELDS.values() for name in names}
    return [
        message
        for name, messages in submission.form.errors.items()
        if name not in asked
        for message in messages
    ]


def situation_groups(form):
    """The situations' checkboxes in the two groups "What you told us" lists them in
    (presenters.told_us): what happened around the test, and what the person lives with."""
    boxes = list(form["context"])
    return [
        (label, [box for box in boxes if box.data["value"] in codes])
        for label, codes in (
            ("Around the time of the test", rules.TRANSIENT_CONTEXTS),
            (KNOWN_CONDITIONS_LABEL, rules.EXPLAINING_CONTEXTS),
        )
    ]


def next_history_index(answers):
    indexes = answers.history_indexes()
    return (indexes[-1] + 1) if indexes else 0


def can_add_history(answers):
    return len(answers.history_indexes()) < MAX_HISTORY


@dataclass
class Check:
    """What the check page needs: the answers in words, and any slips to ask about."""

    rows: list
    slips: list


def told_for(answers, submission):
    """The answers in words ("What you told us"), exactly as the check and result
    pages list them: the ranges as typed, the kind of result chosen, and each
    earlier result with the page that asks it. The downloads and a new share
    link use the same rows, so their words match the page."""
    ranges = {
        analyte: submission.form.cleaned_data.get(f"{analyte}_range")
        for analyte in ("serum", "urine")
    }
    filled = sorted(submission.filled_history(), key=lambda entry: entry.cleaned_data["date"])
    history_steps = [f"earlier:{entry.prefix.split('-')[1]}" for entry in filled]
    return told_us(
        submission.to_inputs(),
        ranges=ranges,
        kind=answers.get("kind"),
        history_steps=history_steps,
    )


def slips_in(submission):
    """Every slip in the answers, earlier results included (each with its page's field)."""
    filled = sorted(submission.filled_history(), key=lambda entry: entry.cleaned_data["date"])
    return slips.find(submission.to_inputs(), earlier=[entry.prefix for entry in filled])


def choice_focus(name, index):
    """The `focus` of one option of a radio or checkbox list: "kind_1" (id_kind_1)."""
    return f"{name}_{index}"


def _change_focus(row, answers):
    """The field a row's "Change" puts focus on, for rows whose page has more than one
    field or a list of options; "Add" opens its page at the top, where it explains
    itself. (Rows of the first screen carry their own field, presenters.told_us.)"""
    if row.field or not row.given or not row.step:
        return row.field
    if row.step == "start":  # "Result on the report", the only one without a field
        codes = [code for code, _ in KIND_CHOICES]
        kind = answers.get("kind")
        return choice_focus("kind", codes.index(kind) if kind in codes else 0)
    if row.step == "kidney":
        given = [name for name in ("creatinine_value", "egfr") if answers.get(name)]
        return given[0] if given else ""
    if row.step == "situations":
        # The first ticked box of the row's own group (the rows and the page's two
        # groups are the same, situation_groups).
        known = row.label == KNOWN_CONDITIONS_LABEL
        group = rules.EXPLAINING_CONTEXTS if known else rules.TRANSIENT_CONTEXTS
        ticked = set(answers.getlist("context"))
        codes = [code for code, _ in CONTEXT_CHOICES]
        first = next((i for i, code in enumerate(codes) if code in group and code in ticked), None)
        return choice_focus("context", first) if first is not None else ""
    index = earlier_index(row.step)
    if index is not None:
        return f"{history_prefix(index)}-date"
    return ""


def check_for(answers, submission):
    confirmed = set(answers.getlist(CONFIRMED))
    rows = [
        replace(row, field=_change_focus(row, answers)) for row in told_for(answers, submission)
    ]
    return Check(
        rows=rows,
        slips=[slip for slip in slips_in(submission) if slip.key not in confirmed],
    )


def answers_from_inputs(inputs):
    """The checker's answers for engine inputs (a share link's stored numbers).

    Earlier results are given in today's unit, as the earlier-result page asks them.
    """
    values = {}
    kind = "both" if inputs.serum and inputs.urine else "urine" if inputs.urine else "serum"
    values["kind"] = kind
    for analyte, m in (("serum", inputs.serum), ("urine", inputs.urine)):
        if m is None:
            continue
        values[f"{analyte}_value"] = plain_number(m.value)
        values[f"{analyte}_unit"] = m.unit
        if m.upper_limit is not None:
            high = plain_number(m.upper_limit)
            low = m.lower_limit
            # The range as typed, its lower number too ("0.8-2.4"): it says a result is
            # below the range.
            values[f"{analyte}_range"] = high if low is None else f"{plain_number(low)}-{high}"
    for name in ("urine_ph", "egfr"):
        if getattr(inputs, name) is not None:
            values[name] = plain_number(getattr(inputs, name))
    if inputs.creatinine is not None:
        c = inputs.creatinine
        values.update(
            creatinine_value=plain_number(c.value),
            creatinine_unit=c.unit,
            age=str(c.age),
            sex=c.sex,
        )
    if inputs.test_date:
        values["test_date"] = inputs.test_date.isoformat()
    if inputs.context:
        values["context"] = sorted(inputs.context)
    for index, point in enumerate(inputs.history[:MAX_HISTORY]):
        prefix = history_prefix(index)
        values[f"{prefix}-date"] = point.date.isoformat()
        for analyte, m in (("serum", point.serum), ("urine", point.urine)):
            today = getattr(inputs, analyte)
            if m is None or today is None:
                continue
            value = units.from_mg_per_l(units.to_mg_per_l(m.value, m.unit), today.unit)
            values[f"{prefix}-{analyte}_value"] = plain_number(value)
    answers = Answers()
    answers.update(values)
    return answers


# The answer a slip's "No, it is ..." changed, in words ("We changed the urine unit to µg/L").
FIXED_WORDS = {"urine_unit": "the urine unit", "serum_unit": "the blood unit"}


@dataclass(frozen=True)
class Note:
    """A line the check page says once, after a step changed what the patient sees."""

    text: str
    undo: str = ""  # the Undo button's hidden words, when the change can be undone


def _removed_date(answers):
    """ "from 3 March 2026" for the earlier result just removed, or "" if it has no date."""
    typed = answers.get(f"{REMOVED}-date")
    try:
        date = HistoryEntryForm.base_fields["date"].clean(typed)
    except ValidationError:
        return ""
    return f" from {format_date(date)}" if date else ""


def notes_for(answers):
    """What the last step changed, in words, for the check page (role=status)."""
    notes = []
    for code in answers.getlist(NOTE):
        kind, _, field = code.partition(":")
        if kind == "fixed" and field in FIXED_WORDS and answers.get(field):
            text = f"We changed {FIXED_WORDS[field]} to {unit_label(answers.get(field))}."
            notes.append(Note(text))
        elif kind == REMOVED:
            which = f"the earlier result{_removed_date(answers)}"
            kept = any(answers.getlist(f"{REMOVED}-{f}") for f in HISTORY_FIELDS)
            notes.append(Note(f"Removed {which}.", undo=f" removing {which}" if kept else ""))
        elif kind == "restored":
            notes.append(Note("Put back the earlier result you removed."))
    return notes
