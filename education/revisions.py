"""History that never starts late: every versioned object gets a first revision.

Content seeded by data migrations (education pages, glossary, references, the
interpreter's wording, and whatever later migrations add) is created without
django-reversion, so it would have no history: a deleted seeded object could
not be recovered and its first edit would be the oldest version anyone could
restore. After every `migrate` (new and existing databases alike) each object
of each reversion-registered model that has no version yet gets one revision of
its own, commented "As shipped". Objects that already have history are left alone,
so running migrate again adds nothing.
"""

import reversion
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Version
from reversion.revisions import _get_options

AS_SHIPPED = "As shipped"


def fully_migrated(using=DEFAULT_DB_ALIAS):
    """True when no migration is left to apply (post_migrate also follows partial runs)."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def _registered_models():
    # Models that follow others (a topic follows its sections) first: their one
    # revision then holds the followed objects too, and those need none of their own.
    models = [m for m in reversion.get_registered_models() if m._meta.managed]
    return sorted(models, key=lambda m: (not _get_options(m).follow, m._meta.label))


def create_first_revisions(using=DEFAULT_DB_ALIAS):
    """Give every versioned object without history a first revision; returns how many."""
    created = 0
    for model in _registered_models():
        versioned = set(
            Version.objects.using(using)
            .get_for_model(model, model_db=using)
            .values_list("object_id", flat=True)
        )
        for obj in model._default_manager.using(using).order_by("pk").iterator():
            if str(obj.pk) in versioned:
                continue
            with reversion.create_revision(using=using):
                reversion.set_comment(AS_SHIPPED)
                reversion.add_to_revision(obj, model_db=using)
            created += 1
        # Objects that the revisions above followed now have a version too.
    return created
