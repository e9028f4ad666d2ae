"""A presenter's output frozen as JSON, and thawed again for the templates.

A share link keeps the guidance exactly as its maker saw it (presenters.Guidance:
the words, the number lines, the chart, the clinician rows, "How we worked this
out") and the answers in words ("What you told us", presenters.ToldRow). `freeze` turns any
such value into plain JSON, whatever fields later versions add; `thaw` gives back
something the same templates and download builders read the same way: objects
whose fields are reachable as attributes and as keys, dates as dates, and
already-escaped HTML still marked safe.

Freezing is generic on purpose: the stored snapshot does not depend on the
presenter's classes, so a snapshot made today still renders after they change.
"""

import dataclasses
import datetime

from django.utils.safestring import SafeData, mark_safe

FORMAT = 1

_DATE = "__date__"
_DATETIME = "__datetime__"
_HTML = "__html__"
_MARKERS = {_DATE, _DATETIME, _HTML}


def freeze(value):
    """Plain JSON (dicts, lists, strings, numbers, booleans, None) for `value`."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: freeze(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, SafeData):
        return {_HTML: str(value)}
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, dict):
        return {str(key): freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [freeze(item) for item in value]
    return str(value)  # lazy strings, decimals: their text is what was shown


class Frozen(dict):
    """A thawed object: `guidance.headline` and `guidance["headline"]` both work."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def thaw(value):
    """The inverse of `freeze`, for templates and the download builders."""
    if isinstance(value, list):
        return [thaw(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1 and set(value) <= _MARKERS:
        ((marker, text),) = value.items()
        try:
            if marker == _DATE:
                return datetime.date.fromisoformat(text)
            if marker == _DATETIME:
                return datetime.datetime.fromisoformat(text)
        except (TypeError, ValueError):
            return None
        return mark_safe(str(text))  # it was safe HTML when it was frozen
    return Frozen({key: thaw(item) for key, item in value.items()})


def make(guidance, told=None):
    """What a share link stores of what its maker saw: the guidance, and the
    answers in words ("What you told us", presenters.told_us) when given."""
    stored = {"format": FORMAT, "guidance": freeze(guidance)}
    if told is not None:
        stored["told"] = freeze(list(told))
    return stored


def read(stored):
    """The guidance in a stored snapshot, or None when there is none to read."""
    if not isinstance(stored, dict) or not isinstance(stored.get("guidance"), dict):
        return None
    guidance = thaw(stored["guidance"])
    return guidance if guidance else None


def read_told(stored):
    """The answers in words as the maker saw them, or None for a snapshot made
    before snapshots kept them."""
    if not isinstance(stored, dict) or not isinstance(stored.get("told"), list):
        return None
    return thaw(stored["told"])


# Where a drawing puts its marks (presenters.NumberLine, a trend's chart): not what the
# guide says. The words beside each drawing, the levels and the rules version are.
DRAWINGS = frozenset({"number_line", "chart"})


def _empty(value):
    return value is None or value is False or value in ("", [], {})


def _reads_the_same(then, now):
    """Frozen `then` and `now` say the same, leaving out the drawings and any field added
    since `then` was frozen that says nothing (an empty badge, a False flag)."""
    if isinstance(then, dict) and isinstance(now, dict):
        keys = (set(then) | {key for key, value in now.items() if not _empty(value)}) - DRAWINGS
        return all(
            key in then and key in now and _reads_the_same(then[key], now[key]) for key in keys
        )
    if isinstance(then, list) and isinstance(now, list):
        return len(then) == len(now) and all(map(_reads_the_same, then, now))
    return then == now


def same(stored, guidance):
    """Whether `guidance` says what the stored snapshot did: the same words, levels and
    rules version. A later release that only redraws a number line, or adds a field
    this result leaves empty, does not make a link read as changed."""
    if not isinstance(stored, dict) or not isinstance(stored.get("guidance"), dict):
        return False
    return _reads_the_same(stored["guidance"], freeze(guidance))
