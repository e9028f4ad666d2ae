"""A summary for a repeat-first plan after a short-term cause (RULES_VERSION 2026.12.18).

Adds "summary_short_term_first": a first result above range (under 2 times the limit)
after hard exercise, dehydration or a fever, with nothing that explains it better. The
steps say "repeat first, the follow-up tests only if it stays up", but the level's
summary read "They may suggest a few tests to find out why it is up".
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    ("general", "summary_short_term_first", seed.SITUATIONS["short_term_first"]["summary"]),
]


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)


def backwards(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0021_wording_kidney_filtering_partial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
