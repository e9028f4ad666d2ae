"""The words for a repeat before the follow-up tests after a short-term cause.

Adds the action "tests_if_still_raised" (RULES_VERSION 2026.12.14): a first raise
above the range (short of well above) after hard exercise, dehydration or a fever the
person ticked, with nothing that explains it better, gets the repeat test and "if the
repeat is still above the range, ask about follow-up tests" instead of the whole list
of tests at once. Sets the live text only, so a database made before this migration
reads like a new one.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed


WORDS = [("action", "tests_if_still_raised", seed.ACTIONS["tests_if_still_raised"])]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0013_wording_dialysis_in_range_and_urine_only"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
