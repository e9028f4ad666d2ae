"""The words for the urine tests still to ask about when a urine B2M result is known.

Adds the action "more_urine_tests" (RULES_VERSION 2026.12.2): someone who typed a
raised urine B2M result is no longer told to ask for a urine B2M test. Sets the live
text only, so a database made before this migration reads like a new one.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed


WORDS = [("action", "more_urine_tests", seed.ACTIONS["more_urine_tests"])]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0008_wording_review"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
