"""The database cache's tables, made by `migrate` (no separate `createcachetable`).

b2m_cache holds cached pages; b2m_ratelimit holds rate-limit counters. Both are
made whatever CACHES says today, so switching from Redis to the database cache
later needs nothing run by hand. The layout is Django's own (createcachetable),
and making a table that already exists is a no-op.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLES = ("b2m_cache", "b2m_ratelimit")


def create_tables(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    for table in TABLES:
        command.create_table(schema_editor.connection.alias, table, dry_run=False)


def drop_tables(apps, schema_editor):
    existing = schema_editor.connection.introspection.table_names()
    for table in TABLES:
        if table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_tables, drop_tables, elidable=False)]
