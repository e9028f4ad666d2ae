"""Any saved or deleted content invalidates every cached public page at once."""

import contextlib
import threading

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_content_version
from .models import FormerGlossarySlug, GlossaryTerm, LiveTopic, Reference, Section, Topic

CONTENT_MODELS = (Topic, Section, GlossaryTerm, FormerGlossarySlug, Reference, LiveTopic)


_quiet = threading.local()


@contextlib.contextmanager
def no_cache_bumps():
    """Saves inside make no cache bump (after migrate the cache table may not exist yet)."""
    _quiet.active = True
    try:
        yield
    finally:
        _quiet.active = False


def content_changed(**kwargs):
    if kwargs.get("raw") or getattr(_quiet, "active", False):
        return
    bump_content_version()


for _model in CONTENT_MODELS:
    post_save.connect(content_changed, sender=_model, dispatch_uid=f"bump-save-{_model.__name__}")
    post_delete.connect(
        content_changed, sender=_model, dispatch_uid=f"bump-delete-{_model.__name__}"
    )


@receiver(m2m_changed, sender=Topic.references.through, dispatch_uid="bump-topic-references")
@receiver(m2m_changed, sender=LiveTopic.references.through, dispatch_uid="bump-live-references")
def topic_references_changed(**kwargs):
    content_changed()
