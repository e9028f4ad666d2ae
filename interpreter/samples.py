"""Made-up results for previewing wording: one of each level, showing a given code.

Staff preview a wording draft on a sample result (admin, publishing.py). For a
phrase, the sample of each level is the simplest one whose guidance uses that
phrase, found by running the engine over a small set of made-up inputs, so new
codes need no new samples. No Django here: plain data and the engine.
"""

import datetime
import itertools

from . import rules

TEST_DATE = datetime.date(2026, 11, 2)
EARLIER = datetime.date(2026, 10, 1)
EARLIEST = datetime.date(2026, 7, 1)
LIMIT = 2.4  # mg/L, the report's upper limit in every sample

# Blood B2M in mg/L for each level, against LIMIT (see rules.MILD_RATIO_MAX and
# rules.MARKED_RATIO_MIN for the bands these fall in).
SERUM_FOR_LEVEL = {
    rules.WITHIN_RANGE: 1.8,
    rules.MILDLY_ELEVATED: 3.1,
    rules.ELEVATED: 4.2,
    rules.MARKEDLY_ELEVATED: 6.0,
}

# Each a small change to the plain sample; combined two at a time at most.
_KIDNEY = [
    {},
    {"egfr": 45.0},
    {"egfr": 20.0},
    {"egfr": 90.0},
    {"creatinine": rules.Creatinine(1.1, "mg/dL", 60, "female")},
]
_URINE = [
    {},
    {"urine": rules.Measurement(450.0, "ug/L", 300.0)},
    {"urine": rules.Measurement(250.0, "ug/L", 300.0), "urine_ph": 5.5},
    {"urine": rules.Measurement(450.0, "ug/L", None)},
    # Only a urine result, no blood one (some phrases are for that alone).
    {"urine": rules.Measurement(900.0, "ug/L", 300.0), "serum": None},
]
# Two earlier results, (earliest, last) as multiples of the value now: the trend notes
# that compare the whole series with its last step (rules.TREND_NOTES) need three.
_SERIES = {
    "rose, then steady": (0.7, 1.0),
    "fell, then steady": (1.3, 1.0),
    "rose, then fell": (0.6, 1.3),
    "fell, then rose": (1.4, 0.8),
}
_HISTORY = ["", "lower", "higher", "raised", "clearly raised", *_SERIES]
_LIMIT_GIVEN = [True, False]
_LOW = [False, True]  # a blood B2M below the report's lower limit


def _inputs(level, *, kidney, urine, history, limit_given, context, low=False):
    value = 0.6 if low else SERUM_FOR_LEVEL[level]
    lower = 0.8 if low and limit_given else None
    serum = rules.Measurement(value, "mg/L", LIMIT if limit_given else None, lower)
    points = ()
    if history in _SERIES:
        earliest, last = _SERIES[history]
        limit = LIMIT if limit_given else None
        points = (
            rules.HistoryPoint(EARLIEST, serum=rules.Measurement(value * earliest, "mg/L", limit)),
            rules.HistoryPoint(EARLIER, serum=rules.Measurement(value * last, "mg/L", limit)),
        )
    elif history:
        earlier = {
            "lower": value * 0.8,
            "higher": value * 1.2,
            "raised": LIMIT * 1.3,
            "clearly raised": LIMIT * 2.5,
        }[history]
        earlier_limit = LIMIT if limit_given else None
        points = (
            rules.HistoryPoint(EARLIER, serum=rules.Measurement(earlier, "mg/L", earlier_limit)),
        )
    if "serum" in urine:
        urine = dict(urine)
        serum = urine.pop("serum")
        points = ()  # the earlier results are blood ones
    return rules.Inputs(
        serum=serum,
        test_date=TEST_DATE,
        history=points,
        context=frozenset(context),
        **kidney,
        **urine,
    )


def _candidates(level):
    """Inputs for `level`, plainest first."""
    plain = {"kidney": {}, "urine": {}, "history": "", "limit_given": True, "context": ()}
    yield _inputs(level, **plain)
    options = {
        "kidney": _KIDNEY[1:],
        "urine": _URINE[1:],
        "history": _HISTORY[1:],
        "limit_given": _LIMIT_GIVEN[1:],
        "low": _LOW[1:],
        "context": [(code,) for code in rules.CONTEXT_CODES],
    }
    for name, values in options.items():
        for value in values:
            yield _inputs(level, **{**plain, name: value})
    for (first, firsts), (second, seconds) in itertools.combinations(options.items(), 2):
        for a, b in itertools.product(firsts, seconds):
            yield _inputs(level, **{**plain, first: a, second: b})


def _uses(result, kind, code):
    if kind == "action":
        return code in result.actions
    if kind == "question":
        return code in result.questions
    if kind == "note":
        return code in result.notes
    part, _, situation = code.partition("_")
    if part in ("headline", "summary") and situation:
        # A situation's own headline or summary, in place of the level's.
        return getattr(result, "situation", None) == situation
    return True  # other general text is on every result


def sample(level, kind=None, code=None):
    """(inputs, result) for a made-up result at `level` that shows the phrase, if any does.

    Returns the plain sample of the level when no sample there uses the phrase;
    `shows` tells which.
    """
    first = None
    for inputs in _candidates(level):
        try:
            result = rules.interpret(inputs)
        except ValueError:
            continue
        if result.level != level:
            continue
        if first is None:
            first = (inputs, result)
        if kind is None or _uses(result, kind, code):
            return inputs, result, True
    if first is None:
        raise LookupError(f"No sample result at level {level}")
    return first[0], first[1], False
