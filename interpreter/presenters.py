"""Turn the engine's result plus the editor-owned words into what a page shows.

Templates only print what this builds. The numbers in sentences are assembled
here; the guidance words (headline, summary, actions, notes, questions,
disclaimer) come from the database, where editors own them.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.utils.formats import date_format

from . import rules, units
from .display import approx, limit_number, number, times, unit_label
from .forms import CONTEXT_CHOICES
from .reasoning import reasoning
from .wording import current_wording

ANALYTE_NAMES = {"serum": "blood", "urine": "urine"}
ANALYTE_TITLES = {"serum": "Blood (serum) B2M", "urine": "Urine B2M"}
DIRECTION_WORDS = {
    "rising": "higher than before",
    "falling": "lower than before",
    "steady": "about the same as before",
}
# With three or more results: the last step and the change since the earliest result.
CHANGE_WORDS = {"rising": "higher than", "falling": "lower than", "steady": "about the same as"}
KDIGO_SOURCE = "KDIGO 2024 chronic kidney disease guideline"
# The clinician panel's row of the engine's rule ids; the downloads leave it out
# (downloads.clinician_rows) and say the same in words ("How we worked this out").
RULES_FIRED_LABEL = "Rules fired"
TYPICAL_LIMIT_SOURCE = "Mayo Clinic Laboratories adult reference interval"

# Number-line bands, as multiples of the upper limit: the engine's four levels
# (rules.band_for_ratio), named with the same level labels as the badge, so the
# picture, the legend and the words agree.
NUMBER_LINE_BANDS = [
    ("within", rules.WITHIN_RANGE, 0.0, 1.0),
    ("mild", rules.MILDLY_ELEVATED, 1.0, rules.MILD_RATIO_MAX),
    ("clear", rules.ELEVATED, rules.MILD_RATIO_MAX, rules.MARKED_RATIO_MIN),
    ("marked", rules.MARKEDLY_ELEVATED, rules.MARKED_RATIO_MIN, None),
]

# What a KDIGO category means, in words that do not contradict each other (KDIGO
# 2024: G1 and G2 count as chronic kidney disease only with other signs of damage).
KIDNEY_MEANINGS = {
    "G1": "Your kidneys filter at a normal rate.",
    "G2": (
        "Filtering is a little lower than the young adult average. On its own, without "
        "other signs of kidney damage, this is not counted as kidney disease."
    ),
    "G3a": "Your kidneys filter less than usual.",
    "G3b": "Your kidneys filter clearly less than usual.",
    "G4": "Your kidneys filter much less than usual.",
    "G5": "Your kidneys filter very little.",
}

# With a known kidney condition, G1 and G2 must not read as "no kidney disease": the
# category is the filtering rate only (KDIGO 2024 also counts damage such as protein in
# the urine), and the person's kidney team follows both.
KNOWN_KIDNEY_DISEASE_MEANINGS = {
    "G1": (
        "Your kidneys filter at a normal rate. Your kidney team also looks at other "
        "signs, such as protein in your urine."
    ),
    "G2": (
        "Filtering is a little lower than the young adult average. Your kidney team also "
        "looks at other signs, such as protein in your urine."
    ),
}


def format_date(value):
    return date_format(value, "j F Y") if value else ""


# Tick labels whose centres are closer than this, in percent of the line's width,
# would run into each other on a 320 px phone: the line is 296 px wide there
# and a label such as "102.54" is about 40 px wide, so centres need about 44 px.
TICK_LABEL_GAP_PERCENT = 15


@dataclass
class NumberLine:
    """Geometry for a number line in percent of its width.

    The lower-limit fields stay empty when the finding has no lower limit. Every
    field added here has a default that draws what older share-link snapshots
    drew: a snapshot made before a field existed reads it as empty.
    """

    bands: list
    marker_percent: float
    maximum: str
    limit_percent: float
    marker_anchor: str
    lower_percent: float | None = None
    lower_label: str = ""  # empty when it would run into the upper limit's label
    lower_words: str = ""  # the legend's line: where the range starts
    hide_zero_label: bool = False


@dataclass
class FindingView:
    analyte: str
    title: str
    text: str
    limit_text: str
    value: str
    unit: str
    limit: str
    limit_source: str
    band: str
    band_label: str
    below_range: bool
    ratio: float
    value_mg_l: float
    limit_mg_l: float
    number_line: NumberLine | None  # None in the API's view (present(for_page=False))
    value_float: float
    limit_float: float
    unit_code: str
    base_unit: str = units.MG_PER_L
    may_read_low: bool = False


@dataclass
class TrendRow:
    date: str
    iso_date: str
    value: str
    status: str
    value_float: float


@dataclass
class TrendView:
    analyte: str
    title: str
    unit: str
    text: str
    direction: str
    rows: list
    chart: dict
    unit_code: str


@dataclass
class Guidance:
    level: str
    rank: int
    label: str
    headline: str
    summary: str
    findings: list
    kidney: dict | None
    trends: list
    notes: list
    actions: list
    questions: list
    learn_more: list
    disclaimer: str
    rules_version: str
    rules_fired: list
    test_date: datetime.date | None
    clinician: list = field(default_factory=list)
    reasoning: list = field(default_factory=list)
    # A second badge beside the level's when the level alone would mislead (a urine
    # result in range from an acidic sample); "" when there is none.
    caution: str = ""

    def as_api(self):
        findings = [
            {
                "kind": f"{f.analyte}_b2m",
                "text": f"{f.text} {f.limit_text}".strip(),
                "value": f.value_float,
                "unit": f.unit_code,
                "upper_limit": f.limit_float,
                "limit_source": f.limit_source,
                "ratio_to_limit": f.ratio,
                "band": f.band,
                "value_mg_l": round(f.value_mg_l, 4) if f.base_unit == units.MG_PER_L else None,
                "label": f.band_label,
                "below_range": f.below_range,
                "may_read_low": f.may_read_low,
            }
            for f in self.findings
        ]
        if self.kidney:
            findings.append({"kind": "egfr", **self.kidney})
        for trend in self.trends:
            findings.append(
                {
                    "kind": f"{trend.analyte}_trend",
                    "text": trend.text,
                    "direction": trend.direction,
                    "unit": trend.unit_code,
                    "points": [
                        {"date": row.iso_date or None, "value": row.value_float}
                        for row in trend.rows
                    ],
                }
            )
        return {
            "level": self.level,
            "rank": self.rank,
            "label": self.label,
            "caution": self.caution or None,
            "headline": self.headline,
            "summary": self.summary,
            "findings": findings,
            "notes": self.notes,
            "actions": self.actions,
            "questions": self.questions,
            "learn_more": self.learn_more,
            "rules_version": self.rules_version,
            "rules_fired": self.rules_fired,
            "disclaimer": self.disclaimer,
            "reasoning": self.reasoning,
        }


def _number_line(finding, level_labels):
    top = max(2.5, finding.ratio * 1.15)
    unit = unit_label(finding.unit)

    def edge(ratio):  # a typical limit's multiples are as rough as the limit itself
        return limit_number(finding.limit * ratio, finding.limit_source)

    bands = []
    for css, level, start, end in NUMBER_LINE_BANDS:
        label = level_labels[level]
        low = edge(start)
        if end is None:
            words = f"{low} {unit} or more"
        elif start == 0:
            words = f"up to {edge(end)} {unit}"
        else:
            words = f"over {low} up to {edge(end)} {unit}"
            if end == rules.MARKED_RATIO_MIN:
                words = f"over {low}, under {edge(end)} {unit}"
        end = top if end is None else end
        bands.append(
            {
                "css": css,
                "label": label,
                "range": words,
                "start": round(start / top * 100, 2),
                "width": round((end - start) / top * 100, 2),
            }
        )
    marker = round(min(finding.ratio / top, 1.0) * 100, 2)
    line = NumberLine(
        bands=bands,
        marker_percent=marker,
        maximum=edge(top),
        limit_percent=round(1 / top * 100, 2),
        marker_anchor="start" if marker < 20 else "end" if marker > 80 else "middle",
    )
    if finding.lower_limit is not None:
        # The bands are multiples of the upper limit only, so without this mark a
        # result "below the range" sits in "Not above range" with nothing to show
        # where the range begins. The legend says the same in words (the picture is
        # hidden from screen readers). Near the upper limit's mark (a very high
        # result stretches the line) it keeps its mark but not its number: the upper
        # limit's number is the one the bands are read from.
        lower = limit_number(finding.lower_limit, finding.lower_limit_source)
        line.lower_percent = round(min(finding.lower_limit / finding.limit / top, 1.0) * 100, 2)
        if abs(line.limit_percent - line.lower_percent) >= TICK_LABEL_GAP_PERCENT:
            line.lower_label = lower
        if finding.lower_limit_source == "report":
            line.lower_words = f"The range on your report starts at {lower} {unit}."
        else:
            line.lower_words = f"The typical adult range starts at {lower} {unit}."
    # "0" is the label a reader needs least: it gives way to any label crowding it.
    crowded = [line.limit_percent] + ([line.lower_percent] if line.lower_label else [])
    line.hide_zero_label = min(crowded) < TICK_LABEL_GAP_PERCENT
    return line


def _position(finding, band_label):
    """Where the value sits, in words that match the level label."""
    if finding.below_range:
        if finding.lower_limit_source == "report":  # the limit it fell below
            return "That is below the range printed on your report."
        return "That is below the typical adult range."
    if finding.band == rules.WITHIN_RANGE:
        where = "on your report" if finding.limit_source == "report" else "for adults"
        if round(finding.ratio, 1) >= 1:
            return f"That is about the same as the upper limit {where}: {band_label.lower()}."
        return f"That is within the range {where}."
    rounded = round(finding.ratio, 1)
    if rounded <= 1:
        return f"That is just above the upper limit: {band_label.lower()}."
    how_much = f"{times(finding.ratio)} the upper limit"
    if finding.band == rules.ELEVATED:
        # Never rounded onto a cut-off the legend puts in the next band down or up:
        # "up to 1.5 times" is a little above range, "2 times or more" well above it.
        if rounded <= rules.MILD_RATIO_MAX:
            how_much = f"just over {number(rules.MILD_RATIO_MAX)} times the upper limit"
        elif rounded >= rules.MARKED_RATIO_MIN:
            how_much = f"just under {number(rules.MARKED_RATIO_MIN)} times the upper limit"
    return f"That is {how_much}: {band_label.lower()}."


def _sample_words(finding):
    """A urine result from an acidic sample may read low: never let it reassure."""
    if not finding.may_read_low:
        return ""
    if finding.band == rules.WITHIN_RANGE:
        return " But your sample was acidic, so your real level may be higher than this."
    return " Your sample was acidic, so your real level may be even higher."


def _limit_text(finding, limit, unit):
    """Which limit the finding was compared with, and where it came from. A result below
    the range names the lower limit too: that is the one it was compared with."""
    lower = (
        limit_number(finding.lower_limit, finding.lower_limit_source)
        if finding.below_range
        else None
    )
    if lower is not None and finding.lower_limit_source == "report":
        if finding.limit_source == "report":
            return f"We compared it with the range from your report: {lower} to {limit} {unit}."
        return f"We compared it with the lower limit from your report: {lower} {unit}."
    if finding.limit_source == "report":
        return f"We compared it with the upper limit from your report: {limit} {unit}."
    # The note typical_limit_<analyte> ("Good to know") says what to do about it.
    if lower is not None:
        return (
            f"Your report's range was not given, so we used a typical adult range of {lower} "
            f"to {limit} {unit}."
        )
    return (
        f"Your report's limit was not given, so we used a typical adult upper limit of "
        f"{limit} {unit}."
    )


def _finding_view(finding, level_labels, for_page=True):
    unit = unit_label(finding.unit)
    value, limit = number(finding.value), limit_number(finding.limit, finding.limit_source)
    band_label = level_labels[finding.band]
    name = ANALYTE_NAMES[finding.analyte]
    text = f"Your {name} B2M is {value} {unit}. {_position(finding, band_label)}"
    text += _sample_words(finding)
    if finding.persistent:
        text += " An earlier result was also above the limit"
        if finding.band == rules.MILDLY_ELEVATED:
            # The engine lifts a raise seen before to at least "elevated": say so here,
            # or the badge and this finding name two different levels.
            text += f", so together they count as {level_labels[rules.ELEVATED].lower()}"
        text += "."
    limit_text = _limit_text(finding, limit, unit)
    view = FindingView(
        analyte=finding.analyte,
        title=ANALYTE_TITLES[finding.analyte],
        text=text,
        limit_text=limit_text,
        value=value,
        unit=unit,
        limit=limit,
        limit_source=finding.limit_source,
        band=finding.band,
        band_label=band_label,
        below_range=finding.below_range,
        ratio=finding.ratio,
        value_mg_l=finding.value_mg_l,
        limit_mg_l=finding.limit_mg_l,
        number_line=_number_line(finding, level_labels) if for_page else None,
        value_float=finding.value,
        limit_float=finding.limit,
        unit_code=finding.unit,
        base_unit=finding.base_unit,
        may_read_low=finding.may_read_low,
    )
    return view


def _kidney_view(kidney, context=frozenset()):
    if kidney is None:
        return None
    meanings = KIDNEY_MEANINGS
    if set(context) & set(rules.KNOWN_KIDNEY_CONTEXTS):
        meanings = {**KIDNEY_MEANINGS, **KNOWN_KIDNEY_DISEASE_MEANINGS}
    how = (
        "from your report"
        if kidney.source == "reported"
        else "estimated from your creatinine, age and sex with the CKD-EPI 2021 equation"
    )
    text = (
        f"Your eGFR is {kidney.egfr_whole} mL/min/1.73 m² ({how}). "
        f"That is kidney filtering category {kidney.category_label}. "
        f"{meanings[kidney.category]}"
    )
    return {
        "text": text,
        "value": kidney.egfr_whole,
        "category": kidney.category,
        "category_label": kidney.category_label,
        "source": kidney.source,
    }


def _point_value(point, unit):
    """A trend point in `unit`: as the person typed it when it was typed in that unit
    ("3.0 mg/L" stays "3.0"), else converted."""
    if point.value is not None and point.unit == unit:
        return point.value
    return units.from_base(point.value_mg_l, unit)


def _point_text(point, unit, value):
    """A trend point's number as shown: the typed digits, or a converted one to three
    figures ("254", not "254.24" for an earlier 3.0 mg/L shown in nmol/L: the molar
    mass behind it is itself a rounded 11.8 kDa)."""
    if point.value is not None and point.unit == unit:
        return number(value)
    return approx(value)


# Chart label sizes in the chart's own units (its viewBox is 600 wide). site.css draws
# labels at 14 units, 19 under 36rem and 23 under 25rem; print at 17. Widths are
# estimated on the large side (about 0.62 of the font size a character, DejaVu-wide),
# so a label placed clear of the others here is clear at every size.
CHART_FONT_LARGEST = 23  # the first and latest labels, and all of them in a short chart
CHART_FONT_MIDDLE = 17  # middle labels: phones hide them in a crowded chart (site.css)
CHART_DATE_FONT = 17  # dates: 14 on a screen, 17 on paper
CHART_CHAR_WIDTH = 0.62
CHART_LIMIT_GAP = 6  # between the limit line and its label
CHART_VALUE_NUDGE = 8  # the first result's label starts this far right of its dot (r=6)
CHART_DATE_NUDGE = 3  # and its date this far right of the y-axis line


def _text_box(x, baseline, text, font, anchor="middle"):
    """The box (left, top, right, bottom) a label of `font` units is drawn in, roughly."""
    width = len(text) * CHART_CHAR_WIDTH * font
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (left, baseline - 0.95 * font, left + width, baseline + 0.3 * font)


def _overlap(a, b):
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0


def _date_anchors(count):
    """How each date is anchored to its dot: the first starts at it and the latest
    ends at it, so both stay inside the chart's edges; the others are centred."""
    return ["start" if i == 0 else "end" if i == count - 1 else "middle" for i in range(count)]


CHART_DATE_GAP = 8  # at least this much space between two dates


def _labelled_dates(xs, dates):
    """Which dots keep their labels: the first, the latest, and, from the left, each
    one whose date clears the last date kept and the latest date. The boxes are the
    ones the anchors draw (_date_anchors). The table under the chart lists every result."""
    count = len(xs)
    if count < 2:
        return [True] * count
    boxes = [
        _text_box(x, 0, date, CHART_DATE_FONT, anchor)
        for x, date, anchor in zip(xs, dates, _date_anchors(count), strict=True)
    ]
    shown = [True] + [False] * (count - 2) + [True]
    kept = boxes[0]
    for i in range(1, count - 1):
        box = boxes[i]
        if box[0] >= kept[2] + CHART_DATE_GAP and box[2] + CHART_DATE_GAP <= boxes[-1][0]:
            shown[i] = True
            kept = box
    return shown


def _limit_label_place(limit_y, text, dots, left, right, bottom):
    """Where the limit's label goes: at the right end above the line, unless a result's
    label or dot is there; then below it, then at the left end, then along the line.
    The first place clear of everything wins, else the one with the least overlap."""
    font = CHART_FONT_LARGEST
    crowded = len(dots) > 3
    obstacles = [_text_box(left - 6, bottom, "0", font, "end")]
    obstacles.append((0, bottom + 2, right + 48, bottom + 40))  # the dates
    for i, dot in enumerate(dots):
        obstacles.append((dot["x"] - 8, dot["y"] - 8, dot["x"] + 8, dot["y"] + 8))
        if dot["labelled"]:
            end = i in (0, len(dots) - 1)
            size = CHART_FONT_LARGEST if end or not crowded else CHART_FONT_MIDDLE
            obstacles.append(
                _text_box(
                    dot.get("value_x", dot["x"]),
                    dot["y"] - 12,
                    dot["label"],
                    size,
                    dot.get("value_anchor", "middle"),
                )
            )
    below = round(CHART_LIMIT_GAP + 0.95 * font)
    places = [
        (right, -CHART_LIMIT_GAP, "end"),
        (right, below, "end"),
        (left + 8, -CHART_LIMIT_GAP, "start"),
        (left + 8, below, "start"),
    ]
    # Then along the line, for a chart whose results all sit near the limit.
    for eighth in range(1, 8):
        x = round(left + (right - left) * eighth / 8)
        places += [(x, -CHART_LIMIT_GAP, "middle"), (x, below, "middle")]

    def cost(place):
        x, dy, anchor = place
        box = _text_box(x, limit_y + dy, text, font, anchor)
        clipped = box[0] < 2 or box[2] > right + 46  # the chart is 600 wide
        return sum(_overlap(box, other) for other in obstacles) + 1e6 * clipped

    x, dy, anchor = min(places, key=cost)  # min keeps the first of equal costs
    return {"x": x, "dy": dy, "anchor": anchor}


def _chart(points, unit, limit_label):
    """Server-side SVG geometry for a trend line, in the patient's unit; the current
    limit is labelled as the finding names it (`limit_label`)."""
    width, height, left, right, top, bottom = 600, 240, 56, 48, 24, 40
    values = [_point_value(p, unit) for p in points]
    limits = [units.from_base(p.limit_mg_l, unit) for p in points]
    high = max(values + limits) * 1.2
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(value):
        return round(top + plot_h - value / high * plot_h, 1)

    step = plot_w / max(len(points) - 1, 1)
    dots = []
    for i, (point, value) in enumerate(zip(points, values, strict=True)):
        dots.append(
            {
                "x": round(left + i * step, 1),
                "y": y(value),
                "label": _point_text(point, unit, value),
                "date": point.date.strftime("%-d %b %Y") if point.date else "Now",
                "above": point.above_limit,
            }
        )
    for i, (dot, anchor) in enumerate(zip(dots, _date_anchors(len(dots)), strict=True)):
        dot["date_anchor"] = anchor
        # The first result sits on the y-axis: a label centred over it was crossed by
        # the axis line, so its value and date start just right of the axis instead.
        first = i == 0
        dot["value_x"] = round(dot["x"] + CHART_VALUE_NUDGE, 1) if first else dot["x"]
        dot["value_anchor"] = "start" if first else "middle"
        dot["date_x"] = round(dot["x"] + CHART_DATE_NUDGE, 1) if first else dot["x"]
    shown = _labelled_dates([d["date_x"] for d in dots], [d["date"] for d in dots])
    for dot, labelled in zip(dots, shown, strict=True):
        dot["labelled"] = labelled
    limit_y = y(limits[-1])
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "bottom": top + plot_h,
        "top": top,
        "limit_y": limit_y,
        "limit_label": limit_label,
        "limit_label_place": _limit_label_place(
            limit_y, f"Upper limit {limit_label}", dots, left, width - right, top + plot_h
        ),
        "line": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "axis_max": number(high),
        "axis_max_y": top,
    }


def _steady_way(points):
    """ "up" or "down" when three or more results each moved the same way and the latest
    is at least a tenth of the limit from the first (the engine's step, rules.TREND_STEP):
    the last step of a slow climb can be "about the same" while each step went up."""
    if len(points) < 3:
        return ""
    values = [point.value_mg_l for point in points]
    steps = list(itertools.pairwise(values))
    change = round(points[-1].ratio - points[0].ratio, rules.RATIO_DECIMALS)
    if all(b > a for a, b in steps) and rules.at_least(change, rules.TREND_STEP):
        return "up"
    if all(b < a for a, b in steps) and rules.at_least(-change, rules.TREND_STEP):
        return "down"
    return ""


def trend_change_words(trend):
    """The last step and the change since the earliest result, in words ("higher than")."""
    last_step = getattr(trend, "last_step", trend.direction)  # older snapshots: two results
    since_first = getattr(trend, "since_first", trend.direction)
    return CHANGE_WORDS[last_step], CHANGE_WORDS[since_first]


def _trend_view(trend, unit_code, level_labels, limit_label):
    unit = unit_label(unit_code)
    rows = []
    for point in trend.points:
        value = _point_value(point, unit_code)
        row = TrendRow(
            date=format_date(point.date) or "This test",
            iso_date=point.date.isoformat() if point.date else "",
            value=f"{_point_text(point, unit_code, value)} {unit}",
            status=level_labels[rules.band_for_ratio(point.ratio)],
            value_float=round(value, 6),
        )
        rows.append(row)
    before, now = rows[-2], rows[-1]
    name = ANALYTE_NAMES[trend.analyte]
    if len(rows) == 2:
        text = (
            f"Your {name} B2M was {before.value} on {before.date}. "
            f"It is {now.value} now, {DIRECTION_WORDS[trend.direction]}."
        )
    else:
        # The last step alone misleads (a rise then a small dip read "lower than
        # before"): say it beside the change since the earliest result.
        first = rows[0]
        step, since = trend_change_words(trend)
        joiner = "and" if step == since else "but"
        text = (
            f"Your {name} B2M was {first.value} on {first.date}, and {before.value} on "
            f"{before.date}. It is {now.value} now, {step} last time {joiner} {since} on "
            f"{first.date}."
        )
    way = _steady_way(trend.points)
    if way:
        text += f" It has gone {way} at each of your last {len(trend.points)} results."
    view = TrendView(
        analyte=trend.analyte,
        title=f"{ANALYTE_TITLES[trend.analyte]} over time",
        unit=unit,
        text=text,
        direction=trend.direction,
        rows=rows,
        chart=_chart(trend.points, unit_code, limit_label),
        unit_code=unit_code,
    )
    return view


def _clinician_rows(result, findings):
    rows = []
    for finding in findings:
        base = unit_label(finding.base_unit)
        source = (
            "from the report"
            if finding.limit_source == "report"
            else f"typical adult limit, {TYPICAL_LIMIT_SOURCE}"
        )
        rows.append(
            (
                finding.title,
                f"{number(finding.value_mg_l)} {base}; limit {number(finding.limit_mg_l)} "
                f"{base} ({source}); ratio {finding.ratio:.2f}; {finding.band_label}"
                + ("; below the range" if finding.below_range else "")
                + ("; acidic sample (pH under 6), may read low" if finding.may_read_low else ""),
            )
        )
    if result.kidney:
        rows.append(
            (
                "eGFR",
                f"{result.kidney.egfr_whole} mL/min/1.73 m² ({result.kidney.source}); "
                f"KDIGO {result.kidney.category} ({KDIGO_SOURCE})",
            )
        )
    rows.append((RULES_FIRED_LABEL, ", ".join(result.rules_fired) or "none"))
    rows.append(("Rules version", result.rules_version))
    return rows


# The shipped headlines open with this; with a blood and a urine result, the presenter
# names the one that sets the headline in its place (an editor's headline that opens
# otherwise is shown as written).
HEADLINE_SUBJECT = "Your B2M result is "


def _headline_analytes(result):
    """The results the headline speaks of: those at the page's level, or, for a
    situation's own headline, those the situation is about."""
    if result.situation == "back_in_range":
        return {t.analyte for t in result.trends if t.previously_clearly_raised}
    if result.situation == "below_range":
        return {f.analyte for f in result.findings if f.below_range}
    return {f.analyte for f in result.findings if f.level == result.level}


def _named_headline(headline, result):
    """'Your blood B2M result is ...' when a blood and a urine result were both given:
    the findings name each, but the headline set by the higher of the two did not say
    which it was about."""
    if len(result.findings) < 2 or not headline.startswith(HEADLINE_SUBJECT):
        return headline
    analytes = _headline_analytes(result)
    if analytes == {rules.SERUM}:
        subject = "Your blood B2M result is "
    elif analytes == {rules.URINE}:
        subject = "Your urine B2M result is "
    else:
        subject = "Your blood and urine B2M results are "
    return subject + headline.removeprefix(HEADLINE_SUBJECT)


def present(result, inputs, *, for_page=True):
    """Build the page's and the API's view of an engine result.

    With `for_page=False` (the API's answer, which sends neither) the number lines
    and the clinician rows are left out: None and []. A share link's page shows
    both, so the API asks for the page's view when it makes one.
    """
    wording_now = current_wording()
    levels, phrases = wording_now.levels, wording_now.phrases
    level_labels = {code: wording.label for code, wording in levels.items()}
    wording = levels[result.level]
    findings = [_finding_view(f, level_labels, for_page) for f in result.findings]
    unit_for = {f.analyte: f.unit for f in result.findings}
    limit_for = {f.analyte: f.limit for f in findings}  # as the finding says it
    trends = [
        _trend_view(t, unit_for[t.analyte], level_labels, limit_for[t.analyte])
        for t in result.trends
    ]
    headline, summary, caution = wording.headline, wording.summary, ""
    if result.situation is not None:
        summary = phrases[("general", f"summary_{result.situation}")]
        if result.situation in rules.HEADLINE_SITUATIONS:
            headline = phrases[("general", f"headline_{result.situation}")]
        if result.situation in rules.LABEL_SITUATIONS:
            caution = phrases[("general", f"label_{result.situation}")]
    headline = _named_headline(headline, result)
    return Guidance(
        level=result.level,
        rank=result.rank,
        label=wording.label,
        headline=headline,
        summary=summary,
        findings=findings,
        kidney=_kidney_view(result.kidney, inputs.context),
        trends=trends,
        notes=[phrases[("note", code)] for code in result.notes],
        actions=[{"code": code, "text": phrases[("action", code)]} for code in result.actions],
        questions=[phrases[("question", code)] for code in result.questions],
        learn_more=[wording_now.links[k] for k in result.learn_more if k in wording_now.links],
        disclaimer=phrases[("general", "disclaimer")],
        rules_version=result.rules_version,
        rules_fired=list(result.rules_fired),
        test_date=inputs.test_date,
        clinician=_clinician_rows(result, findings) if for_page else [],
        reasoning=reasoning(result, findings, level_labels),
        caution=caution,
    )


# --- "What you told us" --------------------------------------------------------

KIND_WORDS = {"serum": "Blood", "urine": "Urine", "both": "Blood and urine"}
KNOWN_CONDITIONS_LABEL = "Health conditions, medicines and exposures"


@dataclass
class ToldRow:
    """One answer in words. `step` is the page that asks it (for "Change" and "Add"),
    `field` the form field "Change" puts focus on, when the page has more than one,
    and `name` what "Change" and "Remove" are called after, when the label is not
    enough ("earlier result from 1 June 2026": the numbers change as results are added)."""

    label: str
    value: str
    step: str
    given: bool = True
    field: str = ""
    name: str = ""

    @property
    def removable(self):
        return self.step.startswith("earlier:")


def _measurement_words(m):
    return f"{number(m.value)} {unit_label(m.unit)}"


def _range_words(analyte, m, given_range):
    unit = unit_label(m.unit)
    if given_range and given_range[0] is not None:
        return f"{number(given_range[0])} to {number(given_range[1])} {unit}"
    if m.upper_limit is not None:
        return f"Up to {number(m.upper_limit)} {unit}"
    return "Not given, so we used a typical adult limit"


def _kidney_words(inputs):
    parts = []
    c = inputs.creatinine
    if c is not None:
        value = f"{number(c.value)} {unit_label(c.unit)}"
        parts.append(f"Creatinine {value} (age {c.age}, {c.sex} on the report)")
    if inputs.egfr is not None:
        parts.append(f"eGFR {number(inputs.egfr)} mL/min/1.73 m²")
    return "; ".join(parts)


def told_us(inputs, *, ranges=None, kind=None, history_steps=None):
    """The patient's answers in plain words, in the order the checker asks them.

    One list for the check page (with "Change" beside each), the result page and
    the clinicians' panel of a shared page. `ranges`: the ranges as typed
    ({analyte: (low, high)}), when known; `history_steps`: the page of each
    earlier result, in the order of `inputs.history`.
    """
    ranges = ranges or {}
    if kind is None:
        kind = "both" if inputs.serum and inputs.urine else "urine" if inputs.urine else "serum"
    rows = [ToldRow("Result on the report", KIND_WORDS.get(kind, KIND_WORDS["serum"]), "start")]
    for analyte, m in (("serum", inputs.serum), ("urine", inputs.urine)):
        if m is None:
            continue
        name = ANALYTE_TITLES[analyte]
        rows.append(ToldRow(name, _measurement_words(m), "start", field=f"{analyte}_value"))
        rows.append(
            ToldRow(
                f"{name} reference range",
                _range_words(analyte, m, ranges.get(analyte)),
                "start",
                given=m.upper_limit is not None,
                field=f"{analyte}_range",
            )
        )
    rows.append(
        ToldRow(
            "Test date",
            format_date(inputs.test_date) or "Not given",
            "start",
            given=inputs.test_date is not None,
            field="test_date",
        )
    )
    kidney = _kidney_words(inputs)
    rows.append(ToldRow("Kidney results", kidney or "Not given", "kidney", given=bool(kidney)))
    if inputs.urine_ph is not None:
        rows.append(ToldRow("Urine pH", number(inputs.urine_ph), "kidney", field="urine_ph"))
    steps = history_steps or [""] * len(inputs.history)
    for number_, (point, step) in enumerate(zip(inputs.history, steps, strict=True), start=1):
        values = [
            f"{ANALYTE_NAMES[a]} {_measurement_words(m)}"
            for a, m in (("serum", point.serum), ("urine", point.urine))
            if m is not None
        ]
        rows.append(
            ToldRow(
                f"Earlier result {number_}",
                f"{format_date(point.date)}: {', '.join(values)}",
                step,
                name=f"earlier result from {format_date(point.date)}",
            )
        )
    if not inputs.history:
        rows.append(ToldRow("Earlier results", "None added", "", given=False))
    # One question on the form, two kinds of answer: what happened around the test
    # (short-term causes) and what the person lives with (known conditions, medicines,
    # exposures), each in its own row so a known condition never reads as short-term.
    for label, codes in (
        ("Around the time of the test", rules.TRANSIENT_CONTEXTS),
        (KNOWN_CONDITIONS_LABEL, rules.EXPLAINING_CONTEXTS),
    ):
        ticked = [
            text for code, text in CONTEXT_CHOICES if code in codes and code in inputs.context
        ]
        rows.append(
            ToldRow(
                label,
                "; ".join(ticked) if ticked else "Nothing added",
                "situations",
                given=bool(ticked),
            )
        )
    return rows
