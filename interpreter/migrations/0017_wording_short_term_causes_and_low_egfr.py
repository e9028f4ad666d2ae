"""Words for a short-term cause that cannot explain the result, and for a low eGFR.

Adds (RULES_VERSION 2026.12.16):
- "said_*_not_enough": a ticked short-term cause (hard exercise, dehydration, a fever)
  said back beside a result 2 times its limit or more, or one raised before too, without
  offering it as the reason;
- "non_kidney_causes_if_still_raised": an eGFR of 60 or more beside a first small rise,
  which is repeated before other causes are looked into;
- "egfr_recheck": an eGFR of 30 to 59 with no kidney team and no raised blood B2M;
- "summary_low_egfr_raised": a raised result with an eGFR under 30 and no kidney team.

Rewords four phrases only while they still read as shipped (an editor's own wording is
never overwritten): "q_cause" no longer speaks of a level "going up" beside a falling
one; "autoimmune_link" and "infection_link" no longer say "even when your kidneys work
well" beside a low eGFR; "summary_kidney_disease" no longer opens with "Then".
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    *(
        ("note", code, seed.NOTES[code])
        for code in (
            "said_exercise_not_enough",
            "said_dehydration_not_enough",
            "said_fever_not_enough",
            "non_kidney_causes_if_still_raised",
            "egfr_recheck",
        )
    ),
    ("general", "summary_low_egfr_raised", seed.SITUATIONS["low_egfr_raised"]["summary"]),
]

# (kind, code) -> the text as shipped before this migration.
OLD = {
    ("question", "q_cause"): "What do you think is making my B2M level go up?",
    ("note", "autoimmune_link"): (
        "Autoimmune conditions, such as lupus, can raise B2M even when your kidneys work well."
    ),
    ("note", "infection_link"): (
        "Infections that last a long time can raise B2M, even when your kidneys work "
        "well. Examples are HIV and hepatitis B or C."
    ),
    ("general", "summary_kidney_disease"): (
        "You told us you have kidney disease. Then this result is best read with your "
        "eGFR, which shows how well your kidneys filter. Your kidney team's plan comes "
        "first, so share this result with them."
    ),
}
NEW = {
    ("question", "q_cause"): seed.QUESTIONS["q_cause"],
    ("note", "autoimmune_link"): seed.NOTES["autoimmune_link"],
    ("note", "infection_link"): seed.NOTES["infection_link"],
    ("general", "summary_kidney_disease"): seed.SITUATIONS["kidney_disease"]["summary"],
}


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)
    _phrases.replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _phrases.replace(apps, NEW, OLD)
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0016_wording_typical_limit_notes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
