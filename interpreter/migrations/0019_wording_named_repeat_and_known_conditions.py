"""Words for steps that name the result they are about (RULES_VERSION 2026.12.17).

Adds:
- "repeat_test_blood" and "repeat_test_urine": with a blood and a urine result, the
  repeat step names the one that is newly raised ("Repeat your B2M test" beside a blood
  result in range left people unsure which test to repeat);
- "hematology_team_urine": a known blood cancer with only a urine result. The team is
  asked whether the kidneys need a closer look, not to compare the result with earlier
  (blood) results: a urine result is not the marker that team follows;
- "known_kidney_disease_in_range": known kidney disease with every result in range, in
  place of "your B2M level may run higher than the usual range" beside a result that
  does not.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    *(
        ("action", code, seed.ACTIONS[code])
        for code in ("repeat_test_blood", "repeat_test_urine", "hematology_team_urine")
    ),
    ("note", "known_kidney_disease_in_range", seed.NOTES["known_kidney_disease_in_range"]),
]


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)


def backwards(apps, schema_editor):
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0018_wording_below_range_names_the_blood_result"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
