"""Reword the unsupported "helps make the diagnosis" claim and link to the new pages.

The edits live in `_content_0006.py`. Each replaces one exact passage and is
skipped if an editor has already changed it.
"""

from django.db import migrations

from education.markdown import render_markdown

from . import _content_0006 as content


def _apply(apps, find_key, replace_key):
    Section = apps.get_model("education", "Section")
    for edit in content.EDITS:
        section = Section.objects.filter(topic__slug=edit["topic"], slug=edit["section"]).first()
        if section is None or edit[find_key] not in section.body:
            continue
        if find_key == "find" and edit["replace"] in section.body:
            continue
        section.body = section.body.replace(edit[find_key], edit[replace_key], 1)
        section.body_html = render_markdown(section.body)
        section.save(update_fields=["body", "body_html"])


def forwards(apps, schema_editor):
    _apply(apps, "find", "replace")


def backwards(apps, schema_editor):
    _apply(apps, "replace", "find")


class Migration(migrations.Migration):
    dependencies = [("education", "0005_key_points_get_help_and_new_pages")]

    operations = [migrations.RunPython(forwards, backwards)]
