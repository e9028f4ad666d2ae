from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Education pages"

    def ready(self):
        from . import signals  # noqa: F401  (cache invalidation on edits)

        post_migrate.connect(after_migrate, sender=self, dispatch_uid="education-after-migrate")


def after_migrate(sender, using="default", **kwargs):
    """After every migrate, on new and existing databases alike:

    1. pages that data migrations marked published (that have no live version
       yet and that no editor has touched) go live, so seeded content is on the
       site at once; a page an editor unpublished stays offline;
    2. every versioned object with no history gets its "As shipped" revision, and
       every one a data migration changed since its latest version gets an
       "Updated in a site release" revision.
    """
    from .cache import bump_content_version
    from .publishing import make_published_topics_live
    from .revisions import create_first_revisions, fully_migrated, record_release_changes
    from .signals import no_cache_bumps

    if not fully_migrated(using):
        return
    with no_cache_bumps():
        made_live = make_published_topics_live(using)
        create_first_revisions(using)
        record_release_changes(using)
    if made_live:
        try:
            bump_content_version()
        except Exception:  # noqa: BLE001  (no cache table yet: nothing is cached either)
            pass
