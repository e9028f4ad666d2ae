"""Two notes for RULES_VERSION 2026.12.21.

- "below_range_low_egfr": a blood B2M of 0.8 mg/L beside an eGFR of 20 read "A low B2M
  level is not a known cause for concern". Blood B2M rises as filtering falls, so a low
  one with an eGFR under 30 is unexpected and worth checking (number and unit).
- "typical_limit_both": a blood and a urine result without their report's limits got two
  notes that differ by one word ("Labs use slightly different ranges..." twice).
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

CODES = ["below_range_low_egfr", "typical_limit_both"]
WORDS = [("note", code, seed.NOTES[code]) for code in CODES]


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)


def backwards(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0025_wording_trend_over_the_series"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
