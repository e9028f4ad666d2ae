"""The words editors own, read once per content version in each process.

Every result needs the level wording, the phrases and the titles of the
sections it links to. They change only when an editor saves something, which
bumps the shared content version (education/cache.py, signals.py). Each worker
re-reads them when it sees a new version, so an edit shows at once on every
worker, for the price of one shared-cache lookup per result.

Only live words are read here. A staff preview of a draft (publishing.py) puts
its own Wording in place for the duration of one `previewing` block, in a
context variable, so no other request, thread or later call ever sees it.
"""

import contextlib
import contextvars
from dataclasses import dataclass

from django.db import DatabaseError

from education.cache import content_version
from education.models import FormerTopicSlug, LiveTopic

from . import rules
from .models import LevelWording, Phrase


@dataclass(frozen=True)
class Wording:
    levels: dict  # level code -> LevelWording
    phrases: dict  # (kind, code) -> text
    links: dict  # "topic#section" learn-more key -> {"title", "topic", "url"}


def _load():
    # The live pages only: an editor's draft never changes a result's links. A page
    # that moved keeps its old address (FormerTopicSlug), and so do the keys the rules
    # name it by: its sections' links follow it to the new address.
    live = list(LiveTopic.objects.all())
    slugs = {topic.topic_id: [topic.slug] for topic in live}
    for former in FormerTopicSlug.objects.filter(topic_id__in=slugs):
        slugs[former.topic_id].append(former.slug)
    by_key = {
        f"{slug}#{section.slug}": (topic, section)
        for topic in live
        for section in topic.section_list
        for slug in reversed(slugs[topic.topic_id])  # the address now wins a clash
    }
    links = {}
    for key in rules.LEARN_MORE_KEYS:
        if key in by_key:
            topic, section = by_key[key]
            links[key] = {
                "title": section.title,
                "topic": topic.title,
                "url": section.get_absolute_url(),
            }
    return Wording(
        levels={w.level: w for w in LevelWording.objects.all()},
        phrases={(p.kind, p.code): p.text for p in Phrase.objects.all()},
        links=links,
    )


_current = (None, None)  # (content version, Wording)
_preview = contextvars.ContextVar("wording_preview", default=None)


@contextlib.contextmanager
def previewing(wording):
    """Within this block only, current_wording() answers `wording` (a draft preview)."""
    token = _preview.set(wording)
    try:
        yield wording
    finally:
        _preview.reset(token)


def current_wording():
    global _current
    override = _preview.get()
    if override is not None:
        return override
    version = content_version()
    seen, wording = _current
    if wording is None or seen != version:
        try:
            fresh = _load()
        except DatabaseError:
            if wording is None:
                raise
            # The database is not answering: keep serving the words this worker
            # read last (an edit made meanwhile shows once the database is back).
            return wording
        wording = fresh
        _current = (version, wording)
    return wording
