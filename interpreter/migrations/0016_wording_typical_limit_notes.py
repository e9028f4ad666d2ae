"""The "typical limit" notes say where to find the report's range, not the number again.

The finding beside the number line already names the typical limit, in the person's own
unit; the old notes repeated it (in µg/L even for someone who typed mg/L), so a page
said the same number three times. Changes a note only while it still reads as shipped:
an editor's own wording is never overwritten.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

OLD = {
    ("note", "typical_limit_serum"): (
        "Your report did not list a range, so we used a typical upper limit for adults "
        "of 2.7 mg/L for B2M in the blood. Your lab's range may be a little different."
    ),
    ("note", "typical_limit_urine"): (
        "Your report did not list a range, so we used a typical upper limit for adults "
        "of 300 µg/L (0.3 mg/L) for B2M in urine. Your lab's range may be a little "
        "different."
    ),
}
NEW = {key: seed.NOTES[key[1]] for key in OLD}


def forwards(apps, schema_editor):
    _phrases.replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _phrases.replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0015_wording_acidic_badge_and_kidney_team_specialist"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
