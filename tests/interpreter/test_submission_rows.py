"""How many earlier-result rows a submission reads: as far as its data reaches."""

import pytest

from interpreter.forms import MAX_HISTORY
from interpreter.submission import _history_rows_in


@pytest.mark.parametrize(
    ("keys", "minimum", "rows"),
    [
        ([], 0, 0),
        ([], 2, 2),
        (["serum_value", "history"], 1, 1),
        (["history-0-date"], 0, 1),
        (["history-2-serum_value", "history-0-date"], 0, 3),
        (["history-2-date"], 5, 5),  # the page offers more blank rows than are filled
        (["history-3-"], 0, 4),
        ([f"history-{MAX_HISTORY - 1}-date"], 0, MAX_HISTORY),
        # Not a row history_prefix writes: a leading zero, past the last row, no dash.
        (["history-01-date"], 0, 0),
        ([f"history-{MAX_HISTORY}-date", "history-1-date"], 0, 2),
        (["history-4date", "history--1-date", "xhistory-1-date"], 0, 0),
    ],
)
def test_rows_reach_the_highest_row_the_data_names(keys, minimum, rows):
    assert _history_rows_in(dict.fromkeys(keys, "x"), minimum) == rows


def test_no_data_gives_the_minimum():
    assert _history_rows_in(None, 3) == 3
