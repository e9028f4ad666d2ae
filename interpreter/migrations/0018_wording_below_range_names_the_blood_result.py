"""The below-range note names the result it is about.

A page can show a blood result below its range beside a raised urine one; "Your result
is below the range" under "well above the usual range" read as a contradiction. Only a
blood result has a lower limit (the form and the API take one for blood only), so the
note now says "Your blood B2M result". Changes the note only while it still reads as
shipped: an editor's own wording is never overwritten.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

OLD = {
    ("note", "below_range"): (
        "Your result is below the range. A low B2M level is not a known cause for "
        "concern (Mayo Clinic Laboratories). It does not rule out a health problem on its "
        "own, so your other results still count."
    )
}
NEW = {("note", "below_range"): seed.NOTES["below_range"]}


def forwards(apps, schema_editor):
    _phrases.replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _phrases.replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0017_wording_short_term_causes_and_low_egfr"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
