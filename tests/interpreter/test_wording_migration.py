"""Migration 0004 brings a database seeded with the old words up to the new ones."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from interpreter.migrations import _seed_wording as seed

BEFORE = [("interpreter", "0003_share_link")]
AFTER = [("interpreter", "0004_wording_for_known_conditions")]

OLD_LABEL = "Within range"
OLD_NO_SYMPTOMS = "A high B2M level does not cause symptoms by itself. You cannot feel it."


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_existing_database_gets_the_new_words_and_the_new_codes():
    apps = _migrate(BEFORE)
    LevelWording = apps.get_model("interpreter", "LevelWording")
    Phrase = apps.get_model("interpreter", "Phrase")
    # A database seeded before issue 9: old words, and none of the new codes.
    LevelWording.objects.filter(level="within_range").update(label=OLD_LABEL)
    Phrase.objects.filter(kind="note", code="no_symptoms").update(text=OLD_NO_SYMPTOMS)
    Phrase.objects.filter(code__in=["hematology_team", "iss_marks", "summary_dialysis"]).delete()

    apps = _migrate(AFTER)
    LevelWording = apps.get_model("interpreter", "LevelWording")
    Phrase = apps.get_model("interpreter", "Phrase")
    try:
        assert LevelWording.objects.get(level="within_range").label == "Not above range"
        assert Phrase.objects.get(kind="note", code="no_symptoms").text == seed.NOTES["no_symptoms"]
        assert (
            Phrase.objects.get(kind="action", code="hematology_team").text
            == (seed.ACTIONS["hematology_team"])
        )
        assert Phrase.objects.get(kind="note", code="iss_marks").text == seed.NOTES["iss_marks"]
        assert (
            Phrase.objects.get(kind="general", code="summary_dialysis").text
            == (seed.SITUATIONS["dialysis"]["summary"])
        )
        assert not Phrase.objects.filter(code="headline_dialysis").exists()
    finally:
        call_command("migrate", verbosity=0)  # leave the schema at the latest migration
