"""Trend notes for three or more results (RULES_VERSION 2026.12.20).

The engine compared only the last two results, so 2.0, 3.8, then 3.4 mg/L read "Your level
is lower than it was the last time it was checked. That is a good sign", and 5.0, 2.6,
then 3.0 mg/L read only "higher than last time". The series' direction is now the change
from the earliest result to the latest, said beside the last step; these notes cover the
cases where the two differ.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

CODES = [
    "trend_rising_overall",
    "trend_falling_overall",
    "trend_lower_than_last",
    "trend_higher_than_last",
]
WORDS = [("note", code, seed.NOTES[code]) for code in CODES]


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)


def backwards(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0024_wording_blood_cancer_kidneys_dialysis_low"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
