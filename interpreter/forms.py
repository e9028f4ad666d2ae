"""The interpreter's forms: what a patient types, checked in their own words.

The JSON API feeds the same forms (see api.py), so both give the same errors.
"""

import copy
import datetime
import math
import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import capfirst

from . import rules, units
from .display import Typed, unit_label

# Plausibility bounds, to catch typing slips and wrong units, not to judge results.
# The highest B2M reported in people on dialysis or with myeloma is well below
# 200 mg/L (Argyropoulos et al., Front Med 2017); 500 mg/L leaves a wide margin.
MAX_B2M_MG_L = 500.0
# Serum B2M below 0.1 mg/L is not seen in practice (typical adult range about
# 0.8-2.7 mg/L: Mayo Clinic Laboratories), so such a value usually means a unit slip.
MIN_SERUM_B2M_MG_L = 0.1
# Reference-range upper limits printed by labs: serum about 1.8-3 mg/L,
# urine about 0.16-0.3 mg/L (Mayo Clinic Laboratories, ARUP). Wide margins.
LIMIT_BOUNDS_MG_L = {"serum": (0.5, 10.0), "urine": (0.01, 5.0)}
MAX_HISTORY = 10

CONTEXT_CHOICES = [
    ("recent_exercise", "I did hard exercise in the day or two before the test"),
    ("dehydration", "I was dehydrated (not drinking enough, or after vomiting or diarrhea)"),
    ("acute_illness", "I had a fever or a short illness around the time of the test"),
    ("kidney_disease", "I have a known kidney condition"),
    ("dialysis", "I am on dialysis"),
    ("blood_cancer", "I have myeloma, CLL or lymphoma"),
    ("autoimmune", "I have an autoimmune condition, such as lupus"),
    ("chronic_infection", "I have a long-term infection, such as HIV or hepatitis B or C"),
    ("kidney_medication", "I take a medicine my doctor said can affect the kidneys"),
    ("heavy_metals", "I may have been exposed to cadmium, mercury or lead"),
]
assert {code for code, _ in CONTEXT_CHOICES} == set(rules.CONTEXT_CODES)

SEX_CHOICES = [("", "Choose one"), ("female", "Female"), ("male", "Male")]

# "1,200" and "12,000" are thousands (a group of three digits after a leading
# 1-999); any other comma is a decimal mark, as printed in much of Europe: "3,4".
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d*,\d+$")
_NUMBER = re.compile(r"^\d*\.?\d+$|^\d+\.$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACE_BETWEEN_DIGITS = re.compile(r"\d\s+\d")
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\s\d{3})+(?:[.,]\d+)?")  # "1 200", "12 000,5"
# A number copied with what the report prints around it (spaces already removed).
_WITH_EXTRAS = re.compile(r"(?P<before>[^\d.,]*)(?P<number>[\d.,]*\d[\d.,]*)(?P<after>[^\d]*)")
# The marks reports print beside a result outside its range: H, L, HI, *, ↑, (high)...
_REPORT_MARK = re.compile(r"[*!↑↓]+|[(\[]?(?:h|l|hi|lo|high|low|a|abn|abnormal)[)\]]?")


def plain_number(value):
    """A number as a patient would type it, which NumberField and RangeField read back:
    3.4, 1200, 0.00012, never 1.2e-04 and never rounded to zero (12 significant digits).

    >>> [plain_number(v) for v in (3.4, 1200.0, 0.00001, 1e-13, 1234567.0, 300.123456)]
    ['3.4', '1200', '0.00001', '0.0000000000001', '1234567', '300.123456']
    """
    return format(Decimal(f"{value:.12g}"), "f")


def read_decimal_comma(text):
    """ "3,4" -> "3.4"; "1,200" -> "1200"; anything else unchanged (checked after)."""
    if _THOUSANDS.match(text):
        return text.replace(",", "")
    if _DECIMAL_COMMA.match(text):
        return text.replace(",", ".")
    return text


class NumberField(forms.CharField):
    """A number typed as text (`inputmode="decimal"`), with messages a patient understands."""

    widget = forms.TextInput

    def __init__(self, *, what, minimum=None, maximum=None, **kwargs):
        self.what = what
        self.minimum = minimum
        self.maximum = maximum
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})
        return attrs

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        # Pasted from a PDF: zero-width spaces and byte-order marks; an Arabic decimal mark.
        text = text.translate(_INVISIBLE).replace("\u066b", ".").strip()
        if _SPACE_BETWEEN_DIGITS.search(text) and not _GROUPED.fullmatch(text):
            # "3 4" is not 34: a space is a thousands separator only in groups of three.
            raise forms.ValidationError(
                f"Enter {self.what} as one number, like 2.4. Check the space in it.",
                code="invalid",
            )
        text = "".join(text.split())
        if text.startswith(("<", ">", "≤", "≥")):
            raise forms.ValidationError(
                f"Enter {self.what} as a number without the {text[0]} sign. "
                "If your report shows a sign, ask the lab or your doctor what it means.",
                code="sign",
            )
        text = read_decimal_comma(text)
        if text.startswith("-"):
            raise forms.ValidationError(
                f"{capfirst(self.what)} must be more than zero.", code="min"
            )
        if not _NUMBER.match(text):
            raise forms.ValidationError(self.not_a_number(text), code="invalid")
        number = Typed(text)  # a float that keeps the digits typed ("3.0"), for showing
        if not math.isfinite(number):
            raise forms.ValidationError(f"Enter {self.what} as a number, like 2.4.", code="invalid")
        return number

    def not_a_number(self, text):
        """What to leave out of a number copied with its unit ("3.4 mg/L") or the
        report's mark for high or low ("3.4 H", "3.4*"), or the general example."""
        parts = _WITH_EXTRAS.fullmatch(text.lower())
        if parts and _NUMBER.match(read_decimal_comma(parts["number"])):
            before, after = parts["before"], parts["after"]
            if not before and _UNIT_WORDS.match(after):
                return f"Enter {self.what} as the number only, without the unit, like 2.4."
            if all(not mark or _REPORT_MARK.fullmatch(mark) for mark in (before, after)):
                return (
                    f"Enter {self.what} as the number only, like 2.4. "
                    "Leave out a mark such as H, L or * printed beside it."
                )
        return f"Enter {self.what} as a number, like 2.4."

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value <= 0:
            raise forms.ValidationError(
                f"{capfirst(self.what)} must be more than zero.", code="min"
            )
        if self.minimum is not None and value < self.minimum:
            raise forms.ValidationError(
                f"{capfirst(self.what)} must be {self.minimum:g} or more.", code="min"
            )
        if self.maximum is not None and value > self.maximum:
            raise forms.ValidationError(
                f"{capfirst(self.what)} must be {self.maximum:g} or less. "
                "Check the number on your report.",
                code="max",
            )


_RANGE = re.compile(r"^(?:(?P<low>[\d.,]+)(?:-|–|—|to))?(?P<high>[\d.,]+)$")
_UPPER_ONLY = ("<=", "≤", "<", "upto", "under", "below", "lessthan")
# Letters that show a unit was typed with the range ("0.8-2.4 mg/L"), as opposed to
# other letters ("inf", "1e400", "0.8 to"), which get the general example instead.
_UNIT_WORDS = re.compile(r"[mnµμu]?(?:g|mol)/|/(?:m?l|dl)\b|mg|µg|μg|ug|mcg|mmol|nmol|creat")


class RangeField(forms.CharField):
    """A reference range as reports print it: "0.8-2.4", "0,8 – 2,4", "< 2.4" or just "2.4".

    Cleans to (low or None, high).
    """

    def __init__(self, *, what, example=("0.8-2.4", "2.4"), **kwargs):
        self.what = what
        self.range_example, self.upper_example = example  # as such a report prints it
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "off", "spellcheck": "false"})
        return attrs

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        like, upper = self.range_example, self.upper_example
        compact = "".join(text.split()).lower()
        for word in _UPPER_ONLY:
            if compact.startswith(word):
                compact = compact.removeprefix(word)
                break
        match = _RANGE.match(compact)
        example = (
            f"Enter {self.what} as printed, like {like}, or just its upper number, like {upper}."
        )
        if not match:
            if _UNIT_WORDS.search(compact):
                raise forms.ValidationError(
                    f"Enter the numbers of {self.what} without the unit, like {like}.",
                    code="invalid",
                )
            if compact.startswith((">", "≥")):
                raise forms.ValidationError(
                    f"Enter {self.what} with its upper number, like {like} or {upper}. "
                    f"A range that starts with {compact[0]} has no upper limit to compare with.",
                    code="invalid",
                )
            raise forms.ValidationError(example, code="invalid")
        numbers = []
        for part in (match["low"], match["high"]):
            if part is None:
                numbers.append(None)
                continue
            part = read_decimal_comma(part)
            if not _NUMBER.match(part):
                raise forms.ValidationError(example, code="invalid")
            number = Typed(part)  # said back as printed: "1.0-2.4", not "1 to 2.4"
            if not math.isfinite(number):
                # 309 digits and more overflow to infinity: no report prints that.
                raise forms.ValidationError(
                    f"A number in {self.what} is far too large. {example}", code="invalid"
                )
            numbers.append(number)
        low, high = numbers
        if high <= 0:
            raise forms.ValidationError(
                f"The upper number of {self.what} must be more than zero.", code="min"
            )
        if low is not None and low >= high:
            raise forms.ValidationError(
                f"The second number of {self.what} must be the bigger one, like {like}.",
                code="order",
            )
        return (low, high)


def _copy_sharing_choices(field, memo):
    """Field.__deepcopy__, but the widget's and the field's choices are shared, not copied."""
    result = copy.copy(field)
    memo[id(field)] = result
    result.widget = copy.copy(field.widget)
    result.widget.attrs = field.widget.attrs.copy()
    result.error_messages = field.error_messages.copy()
    result.validators = field.validators[:]
    return result


def shorten(text, limit=30):
    """What was typed, short enough to say back in a message: "mg/Lxxxxx…"."""
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in str(text).strip())
    return text if len(text) <= limit else f"{text[:limit]}…"


class FixedChoiceField(forms.ChoiceField):
    """A ChoiceField whose choices are constants, shared by every form instead of copied.

    Django deep-copies each field (and re-normalizes its widget's choices) for
    every form it builds; for the unit, sex and context lists that was most of
    the cost of building the forms, which was half of an API call. Nothing
    changes these choices after start-up.

    ``invalid(value)``: the message for a value not on the list (a tampered form,
    or the API), naming the field, instead of Django's "Select a valid choice".
    ``normalize(value)``: a unit's other spellings ("µmol/L") read as its code.
    """

    def __init__(self, *args, invalid=None, normalize=None, **kwargs):
        self.invalid = invalid
        self.normalize = normalize
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if self.normalize and value and not self.valid_value(value):
            try:
                return self.normalize(value)
            except units.UnknownUnitError:
                pass
        return value

    def validate(self, value):
        if self.invalid and value not in self.empty_values and not self.valid_value(value):
            raise forms.ValidationError(self.invalid(value), code="invalid_choice")
        super().validate(value)

    def __deepcopy__(self, memo):
        return _copy_sharing_choices(self, memo)


class OneFocusMixin:
    """A radio or checkbox list whose option number `focus_index`, when set, has
    `autofocus`: "Change" puts focus on one option (the chosen one), never on every
    option of the list, which is what `autofocus` in the widget's attrs would do."""

    focus_index = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if index == self.focus_index:
            option["attrs"] = {**option["attrs"], "autofocus": True}
        return option


class RadioSelect(OneFocusMixin, forms.RadioSelect):
    pass


class CheckboxSelectMultiple(OneFocusMixin, forms.CheckboxSelectMultiple):
    pass


class FixedMultipleChoiceField(forms.MultipleChoiceField):
    """FixedChoiceField's sharing, for a multiple choice."""

    def __deepcopy__(self, memo):
        return _copy_sharing_choices(self, memo)


def unit_message(what):
    """The message for a unit not on the list of ``what`` ("your blood result")."""

    def message(value):
        if value in units.PER_CREATININE_UNITS and "urine" not in what:
            return (
                f"{unit_label(value)} is a unit per creatinine, for urine only. "
                f"Choose the unit of {what} from the list."
            )
        return f"“{shorten(value)}” is not a unit we can use for {what}. Choose one from the list."

    return message


# What a closed select shows: short enough for a 320 px phone (a longer option is cut
# off there). The words behind each unit are in the field's hint; the stored codes are
# the same as ever (units.UNIT_CHOICES, which the API and error messages use).
SELECT_UNIT_LABELS = {
    units.MG_PER_L: "mg/L",
    units.UG_PER_ML: "µg/mL (also mcg/mL)",
    units.UG_PER_L: "µg/L (also mcg/L)",
    units.NMOL_PER_L: "nmol/L",
    units.UG_PER_G_CREAT: "µg/g creatinine",
    units.MG_PER_MMOL_CREAT: "mg/mmol creatinine",
    units.MG_PER_DL: "mg/dL",
    units.UMOL_PER_L: "µmol/L (also umol/L)",
}


def select_choices(choices):
    """(code, short label) for a select: see SELECT_UNIT_LABELS."""
    return [(code, SELECT_UNIT_LABELS.get(code, label)) for code, label in choices]


def unit_field(label="", help_text="", *, urine=False, what=None):
    """A B2M unit choice (mg/L first); empty means mg/L or the form's own default.

    Urine also offers the per-creatinine units (units.URINE_UNIT_CHOICES).
    """
    what = what or ("the urine result" if urine else "the blood result")
    return FixedChoiceField(
        label=label,
        choices=select_choices(units.URINE_UNIT_CHOICES if urine else units.UNIT_CHOICES),
        initial=units.MG_PER_L,
        required=False,
        help_text=help_text,
        invalid=unit_message(what),
        normalize=units.normalize_unit,
    )


PER_CREATININE_NEEDS_LIMIT = (
    "Enter the upper limit printed on your report. For a result per creatinine we "
    "cannot use a typical limit, because labs differ too much."
)


REPORT_UNIT_HINT = (
    "Pick the unit printed next to the number on your report. "
    "mg/L means milligrams per liter. µg means micrograms, also printed as mcg."
)


# Year first (what a date picker sends), or with the month's name in either order
# ("1 Feb 2026", "01-Feb-2026", "February 1, 2026"): never an order that is guessed.
DATE_FORMATS = [
    "%Y-%m-%d", "%Y/%m/%d",
    "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y", "%d-%b-%Y", "%d-%B-%Y", "%d/%b/%Y",
    "%B %d %Y", "%b %d %Y", "%B %d, %Y", "%b %d, %Y",
]  # fmt: skip
# 01/02/2026 is 1 February in the UK and 2 January in the US.
_DAY_MONTH_NUMBERS = re.compile(r"\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}")


class PastDateField(forms.DateField):
    """A date on a lab report, never ahead: typed as YYYY-MM-DD (the browser's date
    picker) or with the month's name; an all-number day and month is asked again."""

    widget = forms.DateInput(attrs={"type": "date"})
    EARLIEST = datetime.date(1950, 1, 1)

    def __init__(self, *, what, example, **kwargs):
        self.what = what
        self.example = example
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "error_messages", {"invalid": f"Enter {what} as a real date, like {example}."}
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and _DAY_MONTH_NUMBERS.fullmatch(value.strip()):
            example = datetime.date.fromisoformat(self.example)
            named = f"{example.day} {example:%B %Y}"
            raise forms.ValidationError(
                f"Enter {self.what} as year-month-day, like {self.example}, or with the "
                f"month's name, like {named}. A date such as 01/02/2026 can be read two ways.",
                code="ambiguous",
            )
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(f"{capfirst(self.what)} cannot be in the future.", "date")
        if value and value < self.EARLIEST:
            raise forms.ValidationError(f"{capfirst(self.what)} must be after 1950.", "date")


def plausible_limit(analyte, limit, unit):
    """Whether an upper limit could be a lab's B2M limit in that unit (LIMIT_BOUNDS_MG_L)."""
    low, high = LIMIT_BOUNDS_MG_L[analyte]
    return low <= units.to_mg_per_l(limit, unit) <= high


# The thousandfold slip between the two units reports use most (mg/L and µg/L).
THOUSANDFOLD = {units.MG_PER_L: units.UG_PER_L, units.UG_PER_L: units.MG_PER_L}


def plausible_value(analyte, value, unit):
    """Whether a result could be a B2M result in that unit (MAX_B2M_MG_L, MIN_SERUM_B2M_MG_L)."""
    value_mg = units.to_mg_per_l(value, unit)
    return value_mg <= MAX_B2M_MG_L and (analyte != "serum" or value_mg >= MIN_SERUM_B2M_MG_L)


def likely_unit(analyte, value, limit, unit):
    """The unit a result and its limit were most likely printed in, when it is not `unit`.

    Both typed from one report share its unit: when the limit cannot be a B2M limit in
    `unit` but can in the thousandfold other unit, and the result can be a result in
    it, the unit chosen is the slip, not the numbers ("450" and "300" in mg/L).
    """
    other = THOUSANDFOLD.get(unit)
    if other is None or limit is None or plausible_limit(analyte, limit, unit):
        return None
    if plausible_limit(analyte, limit, other) and plausible_value(analyte, value, other):
        return other
    return None


class B2MInputsMixin:
    """Checks shared by the form and each earlier result: plausible values in their unit."""

    def check_b2m(self, analyte, value_field, unit_name, limit_field=None, *, unit=None):
        value = self.cleaned_data.get(value_field)
        if value is None:
            return
        if unit is None and self.has_error(unit_name):
            # No unit yet (the page asks for the urine one, never assumes it): a number
            # cannot be judged "too high" or a limit "not a limit" in a unit not chosen.
            return
        unit = unit or self.cleaned_data.get(unit_name) or units.MG_PER_L
        if units.is_per_creatinine(unit):
            return  # compared only with the report's own limit: no mg/L bounds apply
        if getattr(self, "page", False) and limit_field:
            likely = likely_unit(analyte, value, self.cleaned_data.get(limit_field), unit)
            if likely:
                # The page's unit choice is the answer to fix; the API keeps its messages.
                self.add_error(
                    unit_name,
                    f"Your result and range look like {unit_label(likely)}, not "
                    f"{unit_label(unit)}. Check the unit printed on your report and "
                    "choose it here.",
                )
                return
        value_mg = units.to_mg_per_l(value, unit)
        name = "blood" if analyte == "serum" else "urine"
        if value_mg > MAX_B2M_MG_L:
            self.add_error(
                value_field,
                f"This is higher than any {name} B2M result we know of. "
                "Check the number and the unit on your report.",
            )
        elif analyte == "serum" and value_mg < MIN_SERUM_B2M_MG_L:
            self.add_error(
                value_field,
                f"This is much lower than blood B2M results usually are in "
                f"{unit_label(unit)}. Check the unit: it may be a different one.",
            )
        if limit_field:
            limit = self.cleaned_data.get(limit_field)
            if limit is not None and not plausible_limit(analyte, limit, unit):
                where = getattr(self, "limit_error_field", lambda name: name)(limit_field)
                self.add_error(
                    where,
                    f"This does not look like a {name} B2M upper limit in "
                    f"{unit_label(unit)}. Check that the limit and the result use "
                    "the same unit.",
                )


KIND_CHOICES = [
    ("serum", "Blood B2M (serum or plasma)"),
    ("urine", "Urine B2M"),
    ("both", "Both blood and urine"),
]
KIND_FIELDS = {
    "serum": ("serum_value", "serum_unit", "serum_range", "serum_upper_limit", "serum_lower_limit"),
    "urine": ("urine_value", "urine_unit", "urine_range", "urine_upper_limit", "urine_ph"),
}

# Urine B2M is most often printed in µg/L: that unit first, then mg/L, then the rest.
URINE_UNITS_FIRST = (units.UG_PER_L, units.MG_PER_L)
URINE_UNIT_CHOICES = [("", "Choose the unit")] + sorted(
    select_choices(units.URINE_UNIT_CHOICES),
    key=lambda choice: (
        URINE_UNITS_FIRST.index(choice[0])
        if choice[0] in URINE_UNITS_FIRST
        else len(URINE_UNITS_FIRST)
    ),
)
RANGE_HINT = (
    "Printed beside the result after “ref” or “reference range”. Type it as printed, "
    "like 0.8-2.4, or just the upper number. Optional."
)
# Urine limits are most often printed in µg/L, near 160-300 (slips.py's sources).
URINE_RANGE_HINT = RANGE_HINT.replace("0.8-2.4", "0-300")


def dropped_for_kind(kind):
    """The fields of the result the patient said is not on their report."""
    return {"serum": KIND_FIELDS["urine"], "urine": KIND_FIELDS["serum"]}.get(kind, ())


def for_kind(data):
    """The answers without the analyte the patient said is not on their report."""
    if data is None or not hasattr(data, "get"):
        return data
    kind = data.get("kind")
    drop = dropped_for_kind(kind if isinstance(kind, str) else None)
    if not drop:
        return data
    kept = data.copy()
    for name in drop:
        kept.pop(name, None)
    return kept


class InterpretForm(B2MInputsMixin, forms.Form):
    """Every answer of the checker. The page asks them in steps (journey.py); the API sends
    them at once. ``page=True`` adds what only the page asks: the urine unit is never assumed."""

    kind = FixedChoiceField(
        label="Which B2M result is on your report?",
        choices=KIND_CHOICES,
        required=False,
        widget=RadioSelect,
        help_text="B2M may be printed as “Beta-2 microglobulin”, “β2-microglobulin” or “B2MG”.",
        error_messages={"invalid_choice": "Choose blood, urine or both."},
    )
    serum_value = NumberField(
        what="your blood B2M result",
        label="Blood B2M result",
        help_text="The number printed beside B2M, without the unit.",
    )
    serum_unit = unit_field("Unit of your blood result", REPORT_UNIT_HINT, what="your blood result")
    serum_range = RangeField(
        what="the blood B2M reference range",
        label="Reference range for blood B2M (optional)",
        help_text=RANGE_HINT,
    )
    serum_upper_limit = NumberField(
        what="the upper limit",
        label="Upper limit of the normal range for blood B2M (optional)",
        help_text="The highest number in the range printed beside your result, in the same unit. "
        "For a range of 0.8–2.4, enter 2.4.",
    )
    serum_lower_limit = NumberField(
        what="the lower limit",
        label="Lower limit of the normal range for blood B2M (optional)",
        help_text="The lowest number in the same range. For a range of 0.8–2.4, enter 0.8.",
    )
    urine_value = NumberField(
        what="your urine B2M result",
        label="Urine B2M result",
        help_text="The number printed beside B2M, without the unit.",
    )
    urine_unit = FixedChoiceField(
        label="Unit of your urine result",
        choices=URINE_UNIT_CHOICES,
        required=False,
        help_text="Pick the unit printed next to the number. Most reports use µg/L for urine. "
        "µg means micrograms, also printed as mcg.",
        invalid=unit_message("your urine result"),
        normalize=units.normalize_unit,
    )
    urine_range = RangeField(
        what="the urine B2M reference range",
        example=("0-300", "300"),
        label="Reference range for urine B2M (optional)",
        help_text=URINE_RANGE_HINT,
    )
    urine_upper_limit = NumberField(
        what="the upper limit",
        label="Upper limit of the normal range for urine B2M (optional)",
        help_text="The highest number in the range printed beside your result, in the same unit.",
    )
    urine_ph = NumberField(
        what="the urine pH",
        minimum=3,
        maximum=10,
        label="Urine pH (optional)",
        help_text="Some urine reports show the pH (how acidic the sample was), "
        "a number from about 4 to 9.",
    )
    creatinine_value = NumberField(
        what="your creatinine result",
        label="Creatinine (blood) (optional)",
        help_text="Reports print it as “Creatinine” or “Creat”, usually near eGFR.",
    )
    creatinine_unit = FixedChoiceField(
        label="Unit of your creatinine result",
        choices=select_choices(units.CREATININE_UNIT_CHOICES),
        initial=units.MG_PER_DL,
        required=False,
        invalid=lambda value: (
            f"“{shorten(value)}” is not a unit we can use for your creatinine result. "
            "Choose mg/dL or µmol/L, as printed on your report."
        ),
        normalize=units.normalize_creatinine_unit,
    )
    egfr = NumberField(
        what="your eGFR",
        maximum=250,
        label="eGFR, in mL/min/1.73 m² (optional)",
        help_text="Often printed just below creatinine. If your report has it, "
        "we do not need your age and sex.",
    )
    age = NumberField(
        what="your age",
        minimum=18,
        maximum=120,
        label="Your age in years (only for creatinine without eGFR)",
        help_text="The estimate is for adults aged 18 or over.",
    )
    sex = FixedChoiceField(
        label="Sex used by the lab (only for creatinine without eGFR)",
        choices=SEX_CHOICES,
        required=False,
        invalid=lambda value: "Choose female or male for the sex used on your report.",
        help_text="Look near your name or date of birth at the top of the report, "
        "often “Sex: F” or “Gender: M”. The kidney estimate uses it because muscle "
        "changes creatinine.",
    )
    test_date = PastDateField(
        what="the test date",
        example="2026-11-01",
        label="Date of the test (optional)",
        help_text="Often printed as “collected” or “sample date”. Used for your retest reminder.",
    )
    context = FixedMultipleChoiceField(
        label="Did any of these apply around the time of the test? (optional)",
        choices=CONTEXT_CHOICES,
        required=False,
        widget=CheckboxSelectMultiple,
        # Only a changed page sends a code not on the list (the API refuses it first).
        error_messages={
            "invalid_choice": "Something sent with this page is not on the list below. "
            "Check the ticked boxes, then press Continue."
        },
    )

    def __init__(self, data=None, *args, page=False, **kwargs):
        self.page = page
        super().__init__(for_kind(data), *args, **kwargs)

    def clean_serum_unit(self):
        return self.cleaned_data.get("serum_unit") or units.MG_PER_L

    def clean_urine_unit(self):
        unit = self.cleaned_data.get("urine_unit")
        if not unit and self.page and self.data.get("urine_value"):
            raise forms.ValidationError(
                "Choose the unit printed beside your urine result. Most reports use µg/L.",
                code="required",
            )
        return unit or units.MG_PER_L

    def clean_creatinine_unit(self):
        return self.cleaned_data.get("creatinine_unit") or units.MG_PER_DL

    def clean_age(self):
        age = self.cleaned_data.get("age")
        if age is not None and age != int(age):
            raise forms.ValidationError("Enter your age in whole years.", code="invalid")
        return None if age is None else int(age)

    def _apply_ranges(self, data):
        for analyte in ("serum", "urine"):
            given = data.get(f"{analyte}_range")
            if given is not None:
                data[f"{analyte}_upper_limit"] = given[1]
                if analyte == "serum" and given[0]:  # "0.8-2.4": below 0.8 is below the range
                    data["serum_lower_limit"] = given[0]

    def clean(self):
        data = super().clean()
        self._apply_ranges(data)
        serum, urine = data.get("serum_value"), data.get("urine_value")
        kind = data.get("kind")
        if (
            serum is None
            and urine is None
            and not (self.has_error("serum_value") or self.has_error("urine_value"))
        ):
            wanted = {
                "serum": [("serum_value", "Enter your blood B2M result.")],
                "urine": [("urine_value", "Enter your urine B2M result.")],
                # Both boxes are asked for, so both are marked (each with its own message).
                "both": [
                    ("serum_value", "Enter your blood B2M result."),
                    ("urine_value", "Enter your urine B2M result."),
                ],
            }.get(
                kind, [("serum_value", "Enter your blood B2M result, or a urine B2M result below.")]
            )
            for field, message in wanted:
                self.add_error(field, forms.ValidationError(message, code="required"))
        elif kind == "both":
            for analyte, name in (("serum", "blood"), ("urine", "urine")):
                if data.get(f"{analyte}_value") is None and not self.has_error(f"{analyte}_value"):
                    self.add_error(
                        f"{analyte}_value",
                        forms.ValidationError(
                            f"Enter your {name} B2M result too, or choose only one result above.",
                            code="required",
                        ),
                    )
        for analyte, name in (("serum", "blood"), ("urine", "urine")):
            if (
                data.get(f"{analyte}_upper_limit") is not None
                and data.get(f"{analyte}_value") is None
                and not self.has_error(f"{analyte}_value")
            ):
                self.add_error(
                    f"{analyte}_value",
                    f"Enter your {name} result too, or leave its range empty.",
                )
        if (
            urine is not None
            and units.is_per_creatinine(data.get("urine_unit") or units.MG_PER_L)
            and data.get("urine_upper_limit") is None
            and not self.has_error("urine_upper_limit")
            and not self.has_error("urine_range")
        ):
            # On the page the limit is typed as the range; the API sends upper_limit.
            self.add_error(
                "urine_range" if self.page else "urine_upper_limit", PER_CREATININE_NEEDS_LIMIT
            )
        self._check_lower_limit(data, "serum")
        if data.get("urine_ph") is not None and urine is None:
            self.add_error("urine_ph", "The urine pH only helps with a urine B2M result.")
        self.check_b2m("serum", "serum_value", "serum_unit", "serum_upper_limit")
        self.check_b2m("urine", "urine_value", "urine_unit", "urine_upper_limit")
        self._check_creatinine(data)
        return data

    def limit_error_field(self, limit_field):
        """Where a limit's error shows: the range the patient typed, when they typed one."""
        range_field = limit_field.replace("_upper_limit", "_range")
        if range_field in self.fields and self.cleaned_data.get(range_field) is not None:
            return range_field
        return limit_field

    def _check_lower_limit(self, data, analyte):
        lower, upper = data.get(f"{analyte}_lower_limit"), data.get(f"{analyte}_upper_limit")
        if lower is None:
            return
        if data.get(f"{analyte}_value") is None:
            self.add_error(
                f"{analyte}_lower_limit", "Enter your result too, or leave its lower limit empty."
            )
        elif upper is None:
            self.add_error(
                f"{analyte}_upper_limit",
                "Enter the upper limit too. We judge your result by the whole range.",
            )
        elif lower >= upper:
            self.add_error(
                f"{analyte}_lower_limit",
                "The lower limit must be smaller than the upper limit. Check both numbers.",
            )

    def _check_creatinine(self, data):
        creatinine = data.get("creatinine_value")
        if creatinine is None:
            return
        unit = data.get("creatinine_unit") or units.MG_PER_DL
        mg_dl = units.creatinine_to_mg_dl(creatinine, unit)
        # Serum creatinine outside 0.1-30 mg/dL is not compatible with life in
        # adults; such a value is a typing slip or a wrong unit.
        if not 0.1 <= mg_dl <= 30:
            self.add_error(
                "creatinine_value",
                "This does not look like a blood creatinine result in that unit. "
                "Check the number and the unit.",
            )
        if data.get("egfr") is not None:
            return  # A reported eGFR wins; creatinine is then not needed.
        if data.get("age") is None and not self.has_error("age"):
            self.add_error("age", "Enter your age to estimate eGFR from creatinine.")
        if not data.get("sex") and not self.has_error("sex"):
            self.add_error("sex", "Choose the sex used on your report to estimate eGFR.")


class HistoryEntryForm(B2MInputsMixin, forms.Form):
    """One earlier result.

    The page shows date and values only: their units and limits are those of
    today's result. The API may give each earlier result its own unit and limit.
    """

    date = PastDateField(
        what="the date of an earlier result", example="2026-10-01", label="Date of the earlier test"
    )
    serum_value = NumberField(what="the earlier blood result", label="Earlier blood B2M result")
    serum_unit = unit_field(what="the earlier blood result")
    serum_upper_limit = NumberField(what="the upper limit", label="Blood B2M upper limit")
    urine_value = NumberField(what="the earlier urine result", label="Earlier urine B2M result")
    urine_unit = unit_field(urine=True, what="the earlier urine result")
    urine_upper_limit = NumberField(what="the upper limit", label="Urine B2M upper limit")

    def __init__(self, *args, serum_unit=None, urine_unit=None, **kwargs):
        self.default_units = {
            "serum_unit": serum_unit or units.MG_PER_L,
            "urine_unit": urine_unit or units.MG_PER_L,
        }
        super().__init__(*args, **kwargs)

    def clean_serum_unit(self):
        return self.cleaned_data.get("serum_unit") or self.default_units["serum_unit"]

    def clean_urine_unit(self):
        return self.cleaned_data.get("urine_unit") or self.default_units["urine_unit"]

    def clean(self):
        data = super().clean()
        has_value = data.get("serum_value") is not None or data.get("urine_value") is not None
        if data.get("date") and not has_value and not self.errors:
            self.add_error("serum_value", "Enter the earlier blood or urine result for this date.")
        if has_value and not data.get("date") and not self.has_error("date"):
            self.add_error("date", "Enter the date of this earlier result.")
        self.check_b2m("serum", "serum_value", "serum_unit", "serum_upper_limit")
        self.check_b2m("urine", "urine_value", "urine_unit", "urine_upper_limit")
        return data

    def measurement(self, analyte):
        value = self.cleaned_data.get(f"{analyte}_value")
        if value is None:
            return None
        return rules.Measurement(
            value,
            self.cleaned_data[f"{analyte}_unit"],
            self.cleaned_data.get(f"{analyte}_upper_limit"),
        )

    def is_blank(self):
        return not any(self.cleaned_data.get(f) for f in ("date", "serum_value", "urine_value"))
