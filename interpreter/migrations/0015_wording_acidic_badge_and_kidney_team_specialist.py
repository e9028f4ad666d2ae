"""The words for a urine sample that may read low, and for one kidney step, not two.

Adds (RULES_VERSION 2026.12.15):
- the second badge beside "Not above range" for a urine result in range from an acidic
  sample ("label_acidic_urine"), so the top of the page never reassures about a result
  that may read falsely low;
- the action "kidney_team_specialist", which replaces "kidney_team" plus
  "see_kidney_specialist" for known kidney disease with an eGFR under 30;
- the note "tubular_blood_cancer": a raised urine B2M with a known blood cancer, whose
  team reads it first, in place of the plain note that lists rarer causes.
Sets the live text only, so a database made before this migration reads like a new one.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    ("general", "label_acidic_urine", seed.SITUATIONS["acidic_urine"]["label"]),
    ("action", "kidney_team_specialist", seed.ACTIONS["kidney_team_specialist"]),
    ("note", "tubular_blood_cancer", seed.NOTES["tubular_blood_cancer"]),
]


def add_words(apps, schema_editor):
    _phrases.add(apps, WORDS)


def remove_words(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0014_wording_tests_if_still_raised"),
    ]

    operations = [
        migrations.RunPython(add_words, remove_words),
    ]
