"""Compare stays quick on a long rewrite, so History and the approve page always open.

Word marking lines up every word of a changed block with every word of its
replacement; difflib does that in quadratic time (its junk heuristic is off, so
"the" and spaces count). A 60 KB section rewritten took 12 s to compare, a
750 KB one with scattered edits 66 s: past a proxy's timeout the reviewer could
not open the page they must approve. Past the limits the changed block is shown
whole, removed on the left and added on the right.
"""

import random
import time

from education.compare import diff_text

SENTENCE = "Your kidneys clean B2M out of the blood, and a raised level can mean they are slow. "


def _timed(old, new):
    started = time.perf_counter()
    rows = diff_text(old, new)
    return rows, time.perf_counter() - started


def test_a_long_section_rewritten_compares_in_seconds():
    old = "".join(f"{SENTENCE[:-2]} number {i}. " for i in range(700))  # about 60 KB
    words = old.split()
    random.Random(1).shuffle(words)
    new = " ".join(words)
    rows, took = _timed(old, new)
    assert took < 3, took  # 12 s before
    left, right = "".join(r[0] for r in rows), "".join(r[1] for r in rows)
    assert "<del>kidneys</del>" in left and "<ins>kidneys</ins>" in right


def test_a_huge_body_with_scattered_edits_compares_in_seconds():
    old = " ".join(f"word{i} is here." for i in range(40000))  # about 750 KB
    new = " ".join(
        f"word{i} is there." if i % 7 == 0 else f"word{i} is here." for i in range(40000)
    )
    rows, took = _timed(old, new)
    assert took < 5, took  # 66 s before (the whole compare page)
    assert rows and "<ins>there</ins>" in "".join(r[1] for r in rows)


def test_a_short_change_is_still_marked_word_by_word():
    rows = diff_text("One. The level is high. Three.", "One. The level is raised. Three.")
    assert rows == [("The level is <del>high</del>.", "The level is <ins>raised</ins>.")]
