"""The words for dialysis with a blood B2M in range, or with only a urine result.

Adds (RULES_VERSION 2026.12.9) the summary and note for a blood result not above the
range on dialysis ("dialysis_in_range": "often high, but yours is not above the
range"), and a summary for dialysis with only a urine result that says dialysis
("dialysis_urine"), in place of "You told us you have kidney disease". Sets the live
text only, so a database made before this migration reads like a new one.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    ("general", "summary_dialysis_in_range", seed.SITUATIONS["dialysis_in_range"]["summary"]),
    ("general", "summary_dialysis_urine", seed.SITUATIONS["dialysis_urine"]["summary"]),
    ("note", "dialysis_in_range", seed.NOTES["dialysis_in_range"]),
]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0012_wording_ticked_short_term_causes"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
