"""The "typical limit" notes say where to find the report's range, not the number again.

The finding beside the number line already names the typical limit, in the person's own
unit; the old notes repeated it (in µg/L even for someone who typed mg/L), so a page
said the same number three times. Changes a note only while it still reads as shipped:
an editor's own wording is never overwritten.
"""

from django.db import migrations

from . import _seed_wording as seed

OLD = {
    "typical_limit_serum": (
        "Your report did not list a range, so we used a typical upper limit for adults "
        "of 2.7 mg/L for B2M in the blood. Your lab's range may be a little different."
    ),
    "typical_limit_urine": (
        "Your report did not list a range, so we used a typical upper limit for adults "
        "of 300 µg/L (0.3 mg/L) for B2M in urine. Your lab's range may be a little "
        "different."
    ),
}


def _swap(apps, before, after):
    Phrase = apps.get_model("interpreter", "Phrase")
    for code in OLD:
        Phrase.objects.filter(kind="note", code=code, text=before[code]).update(text=after[code])


def forwards(apps, schema_editor):
    _swap(apps, OLD, seed.NOTES)


def backwards(apps, schema_editor):
    _swap(apps, seed.NOTES, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0015_wording_acidic_badge_and_kidney_team_specialist"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
