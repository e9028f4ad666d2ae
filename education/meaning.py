"""The few words whose change changes what a sentence tells patients.

A minor fix (workflow.Workflow.minor_fix_refusal) is a small correction with no
clinical review: a typo, a broken link. Fifteen words are plenty to turn advice
round: "It does not mean something is wrong" loses its "not", "2.4 mg/L" becomes
"24 mg/L", "may" becomes "must", "in 2 weeks" becomes "in 2 months". So a minor fix
may not add, remove or swap a number, a unit (of a lab value or of time), a
negation or a word that says how sure or how strongly something is advised.
These lists are an editorial rule of this project (README, Editing: "a typo, a
broken link"), not a clinical threshold; where they catch too much, the draft
simply goes to a clinical reviewer.

Plain Python, no Django: the workflow gives it the changed sentences of a draft.

>>> [c.describe() for c in meaning_changes([("It does not mean that.", "It does mean that.")])]
['“not” is taken out of “It does not mean that.”']
>>> [c.describe() for c in meaning_changes([("Over 2.4 mg/L.", "Over 24 mg/L.")])]
['the number “2.4” becomes “24” in “Over 24 mg/L.”']
>>> meaning_changes([("Teh test is quick.", "The test is quick.")])
[]
>>> meaning_changes([("[NHS](https://nhs.uk/a1)", "[NHS](https://nhs.uk/a2)")])
[]
"""

import re
from collections import Counter
from dataclasses import dataclass

NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nothing",
        "nobody",
        "neither",
        "nor",
        "without",
        "cannot",
        "unless",
    }
)  # and every "…n't" (don't, isn't, can't, shouldn't…)

# How sure a sentence is, or how strongly it advises: "should" to "must", "may" to
# "will", "rarely" to "often".
CERTAINTY = frozenset(
    {
        "should",
        "must",
        "may",
        "might",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "ought",
        "need",
        "needs",
        "always",
        "usually",
        "often",
        "sometimes",
        "rarely",
        "seldom",
        "likely",
        "unlikely",
        "only",
    }
)

NUMBER_WORDS = frozenset(
    {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "hundred",
        "thousand",
        "half",
        "twice",
        "double",
        "once",
    }
)

# Units of a lab value, and of time ("repeat in 2 weeks"). A word with a slash in it
# is a unit when one of its parts is one of these (mg/L, µg/L, mL/min, mg/mmol).
UNITS = frozenset(
    {
        "%",
        "percent",
        "mg",
        "µg",
        "μg",
        "ug",
        "mcg",
        "g",
        "kg",
        "l",
        "ml",
        "dl",
        "mmol",
        "µmol",
        "μmol",
        "umol",
        "nmol",
        "min",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
    }
)

KINDS = {
    "number": "the number",
    "unit": "the unit",
    "negation": "",
    "certainty": "",
}

# A link's address is no word patients read: a minor fix may mend it (README).
_ADDRESS = re.compile(r"\]\([^)\s]*\)|https?://\S+|www\.\S+|\[\[(?:[^\]|]*\|)?[^\]]*\]\]")
# Words joined by - ' ’ / . or , stay one word: 2.4, 0.8-2.4, mg/L, don't, beta-2.
_WORD = re.compile(r"[^\W_]+(?:[-'’/.,][^\W_]+)*|%")


# The site a link points at: "https://www.nhs.uk/x" and "www.nhs.uk/x" are both "nhs.uk".
_SITE = re.compile(r"(?:https?://|(?<![\w.])www\.)(?:www\.)?([^/\s)\]>\"'?#]+)", re.IGNORECASE)


def sites(text):
    """The sites (host names, without "www.") that `text` links to.

    >>> sorted(sites("[NHS](https://www.nhs.uk/a) and www.mayocliniclabs.com/b, [x](/learn/)"))
    ['mayocliniclabs.com', 'nhs.uk']
    """
    return {host.lower().rstrip(".") for host in _SITE.findall(text or "")}


def new_sites(pairs):
    """The sites the new texts of (old, new) pairs link to that none of the old ones did."""
    before = set().union(*(sites(old) for old, _ in pairs))
    after = set().union(*(sites(new) for _, new in pairs))
    return sorted(after - before)


def kind_of(word):
    """ "number", "unit", "negation", "certainty" or None for one word (as _WORD finds it).

    >>> [kind_of(w) for w in ["2.4", "mg/L", "doesn't", "Must", "kidneys", "beta-2", "weeks"]]
    ['number', 'unit', 'negation', 'certainty', None, None, 'unit']
    """
    low = word.lower().replace("’", "'")
    if low[0].isdigit() or low in NUMBER_WORDS:
        return "number"
    if low in UNITS or ("/" in low and any(part in UNITS for part in low.split("/"))):
        return "unit"
    if low in NEGATIONS or low.endswith("n't"):
        return "negation"
    if low in CERTAINTY:
        return "certainty"
    return None


def _meaning_words(text):
    """The (kind, word) pairs in `text` that carry its meaning, in order, addresses left out."""
    words = _WORD.findall(_ADDRESS.sub(" ", text or ""))
    return [(kind, word.lower().replace("’", "'")) for word in words if (kind := kind_of(word))]


def words_that_matter(text):
    """A count of the (kind, word) pairs in `text` that carry its meaning, addresses left out."""
    return Counter(_meaning_words(text))


_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def _sentences(text):
    return [part for part in _SENTENCE_END.split(text or "") if part.strip()]


def _quoted(sentence, limit=160):
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class MeaningChange:
    """Words of one kind that a changed sentence took out or put in."""

    kind: str
    removed: tuple
    added: tuple
    old: str
    new: str

    def describe(self):
        """One clause for the editor, quoting the sentence it happened in."""
        if self.kind == "order":
            listed = " and ".join(f"“{w}”" for w in sorted(set(self.removed)))
            return f"{listed} change places in “{_quoted(self.new)}”"
        noun = KINDS[self.kind]
        noun = f"{noun} " if noun else ""
        if len(self.removed) == 1 and len(self.added) == 1:
            return f"{noun}“{self.removed[0]}” becomes “{self.added[0]}” in “{_quoted(self.new)}”"
        parts = []
        for words, verb, sentence in (
            (self.removed, "taken out of", self.old),
            (self.added, "added in", self.new),
        ):
            if words:
                listed = ", ".join(f"“{w}”" for w in words)
                be = "is" if len(words) == 1 else "are"
                parts.append(f"{noun}{listed} {be} {verb} “{_quoted(sentence)}”")
        return "; ".join(parts)


def meaning_changes(pairs):
    """The MeaningChanges in (old text, new text) pairs of changed sentences.

    A block of changed sentences with as many sentences on both sides is compared
    sentence by sentence, so a "not" moved from one sentence to the next counts; and
    within a sentence the order counts, so "2 tablets every 4 hours" becoming "4
    tablets every 2 hours" does too.

    >>> moved = meaning_changes([("It is not X. It is Y.", "It is X. It is not Y.")])
    >>> [c.describe() for c in moved]
    ['“not” is taken out of “It is not X.”', '“not” is added in “It is not Y.”']
    >>> [c.describe() for c in meaning_changes([("Take 2 every 4 h.", "Take 4 every 2 h.")])]
    ['“2” and “4” change places in “Take 4 every 2 h.”']
    """
    found = []
    for old, new in pairs:
        a, b = _sentences(old), _sentences(new)
        found += [
            change
            for old_part, new_part in (zip(a, b, strict=True) if len(a) == len(b) else [(old, new)])
            for change in _changes(old_part, new_part)
        ]
    return found


def _changes(old, new):
    before, after = _meaning_words(old), _meaning_words(new)
    if before == after:
        return []
    found = []
    for kind in KINDS:
        removed = tuple(
            word
            for (k, word), n in (Counter(before) - Counter(after)).items()
            if k == kind
            for _ in range(n)
        )
        added = tuple(
            word
            for (k, word), n in (Counter(after) - Counter(before)).items()
            if k == kind
            for _ in range(n)
        )
        if removed or added:
            found.append(MeaningChange(kind, removed, added, old, new))
    if not found:  # the same words, in another order
        moved = tuple(x[1] for x, y in zip(before, after, strict=True) if x != y)
        found.append(MeaningChange("order", moved, moved, old, new))
    return found
