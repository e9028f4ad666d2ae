"""The words for a raised urine B2M with known kidney disease or dialysis.

Adds the note "tubular_known_kidney" (RULES_VERSION 2026.12.6), shown in place of
"tubular" without its list of other causes (medicines, metals, Wilson's disease):
the known condition explains the result and the kidney or dialysis team follows it.
Sets the live text only, so a database made before this migration reads like a new one.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed


WORDS = [("note", "tubular_known_kidney", seed.NOTES["tubular_known_kidney"])]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0009_wording_more_urine_tests"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
