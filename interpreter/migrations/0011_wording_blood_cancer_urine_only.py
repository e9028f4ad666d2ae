"""The words for a known blood cancer with only a urine B2M result.

Adds (RULES_VERSION 2026.12.7) the summary "summary_blood_cancer_urine", which names
their blood cancer team and says a urine B2M is about the kidneys, in place of the
level's summary ("Finding the cause early..."); and the kidney-doctor-only specialist
step and question, in place of "a kidney doctor or a blood doctor". Sets the live
text only, so a database made before this migration reads like a new one.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    ("general", "summary_blood_cancer_urine", seed.SITUATIONS["blood_cancer_urine"]["summary"]),
    ("action", "kidney_specialist_referral", seed.ACTIONS["kidney_specialist_referral"]),
    ("question", "q_kidney_specialist", seed.QUESTIONS["q_kidney_specialist"]),
]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0010_wording_urine_with_known_kidney_condition"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
