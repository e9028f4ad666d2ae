from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Education pages"

    def ready(self):
        from . import signals  # noqa: F401  (cache invalidation on edits)
        from .revisions import first_revisions_after_migrate

        # After every migrate: each seeded object gets its "As shipped" revision.
        post_migrate.connect(
            first_revisions_after_migrate, sender=self, dispatch_uid="education-first-revisions"
        )
