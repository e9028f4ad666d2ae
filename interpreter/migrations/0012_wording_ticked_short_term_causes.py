"""The words that say a ticked short-term cause back in every case.

Adds (RULES_VERSION 2026.12.8) a note for each of hard exercise, dehydration and a
fever when something else the person told us explains a raised result better
("said_..._less_likely"), and when the result is not above the range
("said_..._in_range"): ticking a box always changes what the page says. Sets the live
text only, so a database made before this migration reads like a new one.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

CODES = [
    f"said_{cause}_{case}"
    for case in ("less_likely", "in_range")
    for cause in ("exercise", "dehydration", "fever")
]
WORDS = [("note", code, seed.NOTES[code]) for code in CODES]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0011_wording_blood_cancer_urine_only"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
