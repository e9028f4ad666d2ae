"""History that never starts late: every versioned object gets a first revision.

Content seeded by data migrations (education pages, glossary, references, the
interpreter's wording, and whatever later migrations add) is created without
django-reversion, so it would have no history: a deleted seeded object could
not be recovered and its first edit would be the oldest version anyone could
restore. After every `migrate` (new and existing databases alike) each object
of each reversion-registered model that has no version yet gets one revision of
its own, commented "As shipped". Objects that already have history are left alone,
so running migrate again adds nothing.

A later data migration that changes shipped words (the interpreter's wording
migrations do, when the text still reads as shipped) changes rows that already have
history, without django-reversion. So after every migrate, each versioned object
whose saved fields differ from its latest version gets one more revision, commented
"Updated in a site release": the history then shows the change, and "Revert" to the
newest entry never brings back words a release replaced.
"""

import json

import reversion
from django.core import serializers
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive, _get_options

AS_SHIPPED = "As shipped"
RELEASE_UPDATE = "Updated in a site release: the words as shipped changed."


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


def serialized(obj):
    """The object as a django-reversion version of it now would hold it (serialized_data)."""
    options = _get_options(type(obj))
    return serializers.serialize(
        options.format,
        [obj],
        fields=options.fields,
        use_natural_foreign_keys=options.use_natural_foreign_keys,
    )


def _fields(obj):
    """The object's fields as its version would hold them now."""
    return json.loads(serialized(obj))[0]["fields"]


def _differs_from_its_history(obj, using):
    latest = Version.objects.using(using).get_for_object(obj, model_db=using).first()
    if latest is None:
        return False  # create_first_revisions gives it its first one
    kept = json.loads(latest.serialized_data)[0]["fields"]
    now = _fields(obj)
    # Only what the version holds: a field a schema migration added later (with its
    # default) is not a change to the words.
    return any(name in now and now[name] != value for name, value in kept.items())


def record_release_changes(using=DEFAULT_DB_ALIAS):
    """Give each versioned object changed since its latest version (by a data
    migration) a revision holding it as it is now; returns how many."""
    recorded = 0
    for model in _registered_models():
        # A page's revision holds its sections: one changed section is recorded
        # with its page, as a save in admin would record it.
        for obj in model._default_manager.using(using).order_by("pk").iterator():
            if not any(
                _differs_from_its_history(each, using) for each in _follow_relations_recursive(obj)
            ):
                continue
            with reversion.create_revision(using=using):
                reversion.set_comment(RELEASE_UPDATE)
                reversion.add_to_revision(obj, model_db=using)
            recorded += 1
    return recorded
