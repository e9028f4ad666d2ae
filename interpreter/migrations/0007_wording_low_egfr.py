"""The words for a B2M result in range with an eGFR under 30 (situation "low_egfr").

Adds the summary that replaces "bring it up at your next routine visit" when the
kidneys filter under 30 (KDIGO G4, G5). Sets the live text only, so a database
made before this migration reads like a new one; drafts are left alone.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed


WORDS = [("general", "summary_low_egfr", seed.SITUATIONS["low_egfr"]["summary"])]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0006_wording_drafts"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
