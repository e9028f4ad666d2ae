"""Words for a blood B2M well above range beside an eGFR of 30 to 59 (RULES_VERSION
2026.12.18).

Adds "kidney_filtering_partial": with an eGFR of 30 to 59 and a blood B2M 2 times its
limit or more (no known kidney condition or blood cancer), the page said "that may
explain much of your result" beside the tests for other causes. Less filtering may
explain some of such a result, so the note now says other causes are worth checking too.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [("note", "kidney_filtering_partial", seed.NOTES["kidney_filtering_partial"])]


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)


def backwards(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0020_wording_metabolic_panel_rechecks"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
