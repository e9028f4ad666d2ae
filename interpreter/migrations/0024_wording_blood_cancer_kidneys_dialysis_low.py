"""Words for RULES_VERSION 2026.12.19: the haematology frame for a low eGFR, an unexpected
blood B2M on dialysis, and fewer repeats.

- Adds "kidney_filtering_blood_cancer": with a known blood cancer and an eGFR under 60,
  the page said "less filtering ... may explain much of your result" (the general note),
  as if the kidneys alone explained a marker the illness raises too.
- Adds a headline and a badge for "dialysis_in_range" and rewrites its summary and note:
  a blood B2M in or below the range on dialysis read as a calm "not above the range" (and,
  below it, "a low B2M level is not a known cause for concern"). On dialysis it is
  expected well above the range, so the number, unit and timing are worth checking.
- "repeat_fresh_sample" no longer speaks of "your repeat test" as if one were planned.
- A blood cancer with a raised urine B2M: the summary, the urine note and the kidney
  doctor step each said the team "can say if" the kidneys need a closer look; now once.
  On every blood cancer page, the summary and the marker note both opened "Your blood
  cancer team uses B2M as one marker to follow your condition over time"; now the
  summary alone says it.

Changed texts change only while they still read as shipped: an editor's own wording is
never overwritten.
"""

from django.db import migrations

from . import _phrases
from . import _seed_wording as seed

WORDS = [
    ("note", "kidney_filtering_blood_cancer", seed.NOTES["kidney_filtering_blood_cancer"]),
    ("general", "headline_dialysis_in_range", seed.SITUATIONS["dialysis_in_range"]["headline"]),
    ("general", "label_dialysis_in_range", seed.SITUATIONS["dialysis_in_range"]["label"]),
]

OLD = {
    ("general", "summary_dialysis_in_range"): (
        "On dialysis, B2M in the blood is often high, but yours is not above the range. "
        "Your dialysis team keeps track of it, so share this result with them. They can "
        "tell you what it means for your care."
    ),
    ("note", "dialysis_in_range"): (
        "On dialysis, B2M in the blood often runs high, though yours is not above the range "
        "now. Over many years, a high level can build up and form deposits called "
        "dialysis-related amyloid. These can cause joint pain or carpal tunnel syndrome, "
        "with tingling in the hand. That is why your team watches it."
    ),
    ("general", "summary_blood_cancer_urine"): (
        "You told us you have a blood cancer, so share this result with your blood "
        "cancer team. A urine B2M result is mostly about how your kidneys handle B2M. "
        "It is not the blood marker your team uses to follow your condition. They can "
        "say if your kidneys need a closer look."
    ),
    ("note", "tubular_blood_cancer"): (
        "Your kidneys filter B2M out of the blood, and tiny tubes in them then take it "
        "back. So there is very little in healthy urine. A higher urine level can mean "
        "these tubes are not working as well as usual. Your blood cancer team can say if "
        "your kidneys need a closer look."
    ),
    ("action", "kidney_specialist_referral"): (
        "Ask if you should also see a kidney doctor (nephrologist). Your urine result is "
        "about your kidneys, and your blood cancer team can say if you need one."
    ),
    ("note", "blood_cancer_marker"): (
        "Your blood cancer team uses B2M as one marker to follow your condition over "
        "time. A falling level can mean your treatment is working. A rising level is "
        "worth asking about. One result is only part of the picture."
    ),
    ("action", "repeat_fresh_sample"): (
        "Give a fresh urine sample for your repeat test. Ask the lab how you should "
        "collect it so it is not acidic, and follow their steps."
    ),
}
NEW = {
    ("general", "summary_dialysis_in_range"): seed.SITUATIONS["dialysis_in_range"]["summary"],
    ("note", "dialysis_in_range"): seed.NOTES["dialysis_in_range"],
    ("general", "summary_blood_cancer_urine"): seed.SITUATIONS["blood_cancer_urine"]["summary"],
    ("note", "tubular_blood_cancer"): seed.NOTES["tubular_blood_cancer"],
    ("action", "kidney_specialist_referral"): seed.ACTIONS["kidney_specialist_referral"],
    ("action", "repeat_fresh_sample"): seed.ACTIONS["repeat_fresh_sample"],
    ("note", "blood_cancer_marker"): seed.NOTES["blood_cancer_marker"],
}


def forwards(apps, schema_editor):
    _phrases.add(apps, WORDS)
    _phrases.replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _phrases.replace(apps, NEW, OLD)
    _phrases.remove(apps, WORDS)


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0023_wording_low_egfr_urine_summary"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
