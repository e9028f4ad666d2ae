"""A summary for a raised urine B2M with an eGFR under 30 (RULES_VERSION 2026.12.18).

Adds "summary_low_egfr_urine": with only the urine raised and an eGFR under 30 (no kidney
or dialysis team, no blood cancer), the summary read "When the kidneys filter this
little, B2M builds up, so that may explain much of your result". Build-up is in the
blood; a raised urine B2M points to the kidney tubules, as the note beside it says.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    ("general", "summary_low_egfr_urine", seed.SITUATIONS["low_egfr_urine"]["summary"]),
]


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)


def backwards(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0022_wording_short_term_first_summary"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
