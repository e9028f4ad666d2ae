"""The blood cancer marker note reads as a whole sentence (RULES_VERSION unchanged).

0024 shortened it to "As a marker, a falling level can mean your treatment is working",
which leaves "a marker" hanging (the level is not the marker; B2M is) and reads oddly
on a first result. It now says when the falling level means something: when the team
follows B2M over time.

Changed only while it still reads as shipped: an editor's own wording is never
overwritten.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

OLD = {
    ("note", "blood_cancer_marker"): (
        "As a marker, a falling level can mean your treatment is working. A rising level "
        "is worth asking about."
    ),
}
NEW = {("note", "blood_cancer_marker"): seed.NOTES["blood_cancer_marker"]}


def forwards(apps, schema_editor):
    _phrases.replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _phrases.replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0026_wording_low_blood_b2m_low_egfr_and_both_typical_limits"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
