"""How numbers and units are shown to people (no Django imports)."""

_UNIT_DISPLAY = {"mg/L": "mg/L", "ug/mL": "µg/mL", "ug/L": "µg/L", "nmol/L": "nmol/L",
                 "mg/dL": "mg/dL", "umol/L": "µmol/L",
                 "ug/g{creat}": "µg/g creatinine",
                 "mg/mmol{creat}": "mg/mmol creatinine"}  # fmt: skip
_UNIT_SPOKEN = {
    "ug/g{creat}": "micrograms per gram of creatinine",
    "mg/mmol{creat}": "milligrams per millimole of creatinine",
    "mg/L": "milligrams per liter",
    "ug/mL": "micrograms per milliliter",
    "ug/L": "micrograms per liter",
    "nmol/L": "nanomoles per liter",
    "mg/dL": "milligrams per deciliter",
    "umol/L": "micromoles per liter",
}


def unit_label(code):
    """The unit as printed on reports: "µg/L" for the code "ug/L"."""
    return _UNIT_DISPLAY.get(code, code)


def unit_spoken(code):
    return _UNIT_SPOKEN.get(code, code)


class Typed(float):
    """A number as the person typed it: a float for the sums, its own digits for showing,
    so a report's "1.0" or "3.0" is said back as "1.0", not "1" (forms make these).

    >>> value = Typed("03.0"); value + 1, number(value), number(Typed(".5")), number(Typed("5."))
    (4.0, '3.0', '0.5', '5')
    """

    def __new__(cls, text):
        value = super().__new__(cls, text)
        text = str(text).rstrip(".").lstrip("0")
        value.typed = ("0" + text if text.startswith(".") else text) or "0"
        return value

    def __reduce__(self):
        return (Typed, (self.typed,))


def number(value):
    """A lab number without float noise: 2.4 not 2.4000000000000004, 450 not 450.0;
    a number the person typed (`Typed`) in their own digits.

    >>> number(2.4000000000000004), number(450.0), number(203.389830508), number(0.0123456)
    ('2.4', '450', '203.39', '0.0123')
    """
    typed = getattr(value, "typed", None)
    if typed is not None:
        return typed
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 100:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}" if magnitude < 1 else f"{value:.3f}"
        if "e" in text:
            text = f"{value:.6f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text


def approx(value):
    """A number the guide worked out rather than read off a report, such as a typical
    limit converted out of mg/L: three significant figures. The typical limit is itself
    a rounded figure (2.7 mg/L), so "228.81 nmol/L" would claim a precision it lacks.

    >>> approx(228.8135593), approx(25.4237288), approx(102.5423), approx(3.6), approx(0.3)
    ('229', '25.4', '103', '3.6', '0.3')
    """
    if value == 0:
        return "0"
    return number(float(f"{value:.3g}"))


def limit_number(value, source):
    """A limit as shown: the report's own digits, or a typical one to three figures.

    >>> limit_number(228.8135593, "typical"), limit_number(228.8135593, "report")
    ('229', '228.81')
    """
    return number(value) if source == "report" else approx(value)


def times(ratio):
    """A ratio to the limit as people say it: 1.29 -> "about 1.3 times".

    >>> times(1.29166), times(2.0), times(1.04)
    ('about 1.3 times', 'about 2 times', 'about the same as')
    """
    rounded = round(ratio, 1)
    if rounded == 1:
        return "about the same as"
    return f"about {number(rounded)} times"
