"""Bring existing databases up to the engine of RULES_VERSION 2026.12.1 (issue 9).

New codes (known-condition paths, acidic urine, back in range, below range, ticked
short-term causes) get their words, the level labels become one vocabulary, and
texts that claimed more than their sources say are reworded. Every row the seed
knows is set to the seed's words, so an existing database reads exactly like a new
one. Uses only the fields LevelWording and Phrase have at this point of the graph.
"""

from django.db import migrations

from . import _seed_wording as seed


def phrases():
    for kind, texts in (
        ("action", seed.ACTIONS),
        ("question", seed.QUESTIONS),
        ("note", seed.NOTES),
    ):
        yield from ((kind, code, text) for code, text in texts.items())
    for situation, words in seed.SITUATIONS.items():
        for part, text in words.items():
            yield "general", f"{part}_{situation}", text


def update_wording(apps, schema_editor):
    LevelWording = apps.get_model("interpreter", "LevelWording")
    Phrase = apps.get_model("interpreter", "Phrase")
    for level, words in seed.LEVELS.items():
        LevelWording.objects.update_or_create(level=level, defaults=words)
    for kind, code, text in phrases():
        Phrase.objects.update_or_create(kind=kind, code=code, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [
        ("interpreter", "0003_share_link"),
    ]

    operations = [
        migrations.RunPython(update_wording, migrations.RunPython.noop),
    ]
