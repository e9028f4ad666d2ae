"""Add the "at a glance" table to "Understanding your result".

The words live in `_content_0007.py`. Skipped if the page is gone or an editor
already has a section with the same link name.

Data migrations save through historical models, which send no signals, so the
public page cache would keep serving the pages from before 0005 to 0007 until
its entries expire. Once the migration has committed, a new content version
makes every cached page stale at once.
"""

import logging
import uuid

from django.db import migrations, transaction

from education.markdown import render_markdown

from . import _content_0007 as content

logger = logging.getLogger(__name__)


def _make_cached_pages_stale():
    # After the commit, outside the migration's transaction: on a fresh
    # database the cache table may not exist yet (and then no page is cached),
    # and a cache that is down must not fail the migration.
    from education.cache import CONTENT_VERSION_KEY

    from django.core.cache import cache

    try:
        cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001 - any cache failure: nothing cached to refresh
        logger.warning("Could not refresh the page cache after migrating education content.")


def forwards(apps, schema_editor):
    Topic = apps.get_model("education", "Topic")
    Section = apps.get_model("education", "Section")
    for slug, sections in content.SECTIONS.items():
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            continue
        for item in sections:
            if Section.objects.filter(topic=topic, slug=item["slug"]).exists():
                continue
            Section.objects.create(
                topic=topic,
                slug=item["slug"],
                title=item["title"],
                kind=item["kind"],
                order=item["order"],
                body=item["body"],
                body_html=render_markdown(item["body"]),
            )
    transaction.on_commit(_make_cached_pages_stale)


def backwards(apps, schema_editor):
    Section = apps.get_model("education", "Section")
    for slug, sections in content.SECTIONS.items():
        Section.objects.filter(
            topic__slug=slug, slug__in=[item["slug"] for item in sections]
        ).delete()
    transaction.on_commit(_make_cached_pages_stale)


class Migration(migrations.Migration):
    dependencies = [("education", "0006_wording_fixes_and_links_to_new_pages")]

    operations = [migrations.RunPython(forwards, backwards)]
