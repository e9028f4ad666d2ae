"""Add key points, get-help-sooner boxes, next steps with timing and two new pages.

The words live in `_content_0005.py` beside this file. Existing databases get
the new content too; anything an editor has already added under the same
slug is left alone, and a seeded text is only updated while it is unchanged.
"""

import datetime

from django.db import migrations

from education.markdown import render_markdown

from . import _content_0005 as content


def _add_section(Section, topic, item, order):
    if Section.objects.filter(topic=topic, slug=item["slug"]).exists():
        return
    Section.objects.create(
        topic=topic,
        slug=item["slug"],
        title=item["title"],
        kind=item.get("kind", "text"),
        order=order,
        body=item["body"],
        body_html=render_markdown(item["body"]),
    )


def add_content(apps, schema_editor):
    Reference = apps.get_model("education", "Reference")
    GlossaryTerm = apps.get_model("education", "GlossaryTerm")
    Topic = apps.get_model("education", "Topic")
    Section = apps.get_model("education", "Section")

    for item in content.REFERENCES:
        Reference.objects.get_or_create(
            key=item["key"],
            defaults={
                "title": item["title"],
                "publisher": item["publisher"],
                "year": item.get("year"),
                "url": item["url"],
            },
        )
    references = {ref.key: ref for ref in Reference.objects.all()}

    for item in content.GLOSSARY:
        GlossaryTerm.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "term": item["term"],
                "definition": item["definition"],
                "definition_html": render_markdown(item["definition"]),
                "also_known_as": item.get("also_known_as", ""),
                "status": "published",
            },
        )

    for slug, sections in content.ADDED_SECTIONS.items():
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            continue
        for item in sections:
            _add_section(Section, topic, item, item["order"])

    for update in content.BODY_UPDATES:
        Section.objects.filter(
            topic__slug=update["topic"], slug=update["section"], body=update["old"]
        ).update(body=update["new"], body_html=render_markdown(update["new"]))

    for slug, keys in content.ADDED_REFERENCES.items():
        topic = Topic.objects.filter(slug=slug).first()
        if topic is not None:
            topic.references.add(*[references[key] for key in keys if key in references])

    # Unreviewed content is due for its first clinical review soon.
    first_review_due = datetime.date.today() + datetime.timedelta(days=30)
    for item in content.TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "summary": item["summary"],
                "order": item["order"],
                "status": "published",
                "next_review_due": first_review_due,
            },
        )
        if not created:
            continue
        topic.references.set([references[key] for key in item["references"]])
        for position, section in enumerate(item["sections"], start=1):
            _add_section(Section, topic, section, position * 10)


def remove_content(apps, schema_editor):
    Reference = apps.get_model("education", "Reference")
    GlossaryTerm = apps.get_model("education", "GlossaryTerm")
    Topic = apps.get_model("education", "Topic")
    Section = apps.get_model("education", "Section")

    Topic.objects.filter(slug__in=[item["slug"] for item in content.TOPICS]).delete()
    for slug, sections in content.ADDED_SECTIONS.items():
        Section.objects.filter(
            topic__slug=slug, slug__in=[item["slug"] for item in sections]
        ).delete()
    for update in content.BODY_UPDATES:
        Section.objects.filter(
            topic__slug=update["topic"], slug=update["section"], body=update["new"]
        ).update(body=update["old"], body_html=render_markdown(update["old"]))
    GlossaryTerm.objects.filter(slug__in=[item["slug"] for item in content.GLOSSARY]).delete()
    Reference.objects.filter(key__in=[item["key"] for item in content.REFERENCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("education", "0004_section_kind")]

    operations = [migrations.RunPython(add_content, remove_content)]
