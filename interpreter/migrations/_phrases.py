"""Adding and removing seeded phrases, for the wording data migrations.

Each migration passes its own historical `apps` and a list of (kind, code, text).
The leading underscore keeps Django's migration loader from treating this module
as a migration.
"""


def add(apps, words):
    """Set the live text of each phrase, making it when it is missing."""
    Phrase = apps.get_model("interpreter", "Phrase")
    for kind, code, text in words:
        Phrase.objects.update_or_create(kind=kind, code=code, defaults={"text": text})


def remove(apps, words):
    Phrase = apps.get_model("interpreter", "Phrase")
    for kind, code, _ in words:
        Phrase.objects.filter(kind=kind, code=code).delete()


def replace(apps, before, after):
    """Change shipped words: for each (kind, code) in `before`, the live text becomes
    `after[kind, code]`, only while it still reads `before[kind, code]`, so an
    editor's own wording is never overwritten. (After migrate, the change is recorded
    in each phrase's history: education.revisions.record_release_changes.)"""
    Phrase = apps.get_model("interpreter", "Phrase")
    for (kind, code), text in before.items():
        Phrase.objects.filter(kind=kind, code=code, text=text).update(text=after[kind, code])
