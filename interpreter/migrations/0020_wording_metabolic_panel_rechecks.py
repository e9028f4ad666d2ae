"""The metabolic panel step reads right for people who already gave an eGFR.

"This blood test includes your eGFR" read oddly to someone who had just typed their eGFR
or creatinine from the same report. The step now says what the panel checks (creatinine
and eGFR), which is true whether it is a first check or a recheck. Changes the text only
while it still reads as shipped: an editor's own wording is never overwritten.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

OLD = {
    ("action", "metabolic_panel_egfr"): (
        "Ask about a metabolic panel. This blood test includes your eGFR, which shows how well "
        "your kidneys filter your blood."
    )
}
NEW = {("action", "metabolic_panel_egfr"): seed.ACTIONS["metabolic_panel_egfr"]}


def forwards(apps, schema_editor):
    _phrases.replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _phrases.replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0019_wording_named_repeat_and_known_conditions"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
