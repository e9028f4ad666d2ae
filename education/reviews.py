"""What needs a clinical review: overdue, due soon, waiting for a reviewer.

Pages (topics), glossary terms and references are listed here; other kinds of
reviewed content (interpreter wording) add themselves with `register`, so the
admin home and the reminder e-mails list them next to pages without this app
knowing about them.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from .models import GlossaryTerm, Reference, ReviewState, Status, Topic

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ReviewItem:
    """One page or piece of wording in a review list."""

    title: str
    kind: str  # "page", "glossary term", "reference", "wording"
    admin_url: str  # the path of its admin change page
    next_review_due: datetime.date | None = None
    submitted_by: object = None
    submitted_at: datetime.datetime | None = None


@dataclass
class ReviewList:
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    waiting: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.overdue or self.due_soon or self.waiting)

    def items(self):
        return [*self.overdue, *self.due_soon, *self.waiting]

    def extend(self, other):
        self.overdue += other.overdue
        self.due_soon += other.due_soon
        self.waiting += other.waiting


def items_for(queryset, *, kind, title, url_name, today, waiting=None):
    """A ReviewList of `queryset` (objects with the review fields), as ReviewItems.

    `waiting`: where to look for submitted drafts, when not in `queryset` alone.
    """
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)

    def item(obj):
        return ReviewItem(
            title=title(obj),
            kind=kind,
            admin_url=reverse(url_name, args=[obj.pk]),
            next_review_due=obj.next_review_due,
            submitted_by=obj.submitted_by,
            submitted_at=obj.submitted_at,
        )

    by_due = queryset.select_related("submitted_by").order_by("next_review_due", "pk")
    return ReviewList(
        overdue=[item(o) for o in by_due.filter(next_review_due__lt=today)],
        due_soon=[
            item(o) for o in by_due.filter(next_review_due__gte=today, next_review_due__lte=soon)
        ],
        waiting=[
            item(o)
            for o in (queryset if waiting is None else waiting)
            .select_related("submitted_by")
            .filter(review_state=ReviewState.SUBMITTED)
            .order_by("submitted_at", "pk")
        ],
    )


def _topics(today):
    return items_for(
        Topic.objects.filter(status=Status.PUBLISHED),
        kind="page",
        title=str,
        url_name="admin:education_topic_change",
        today=today,
        waiting=Topic.objects.all(),  # a page waiting for review need not be published yet
    )


def _new_until_approved(model, kind, title):
    """Published items due for review; any item waiting (a new one is not live yet)."""

    def source(today):
        return items_for(
            model.objects.filter(status=Status.PUBLISHED),
            kind=kind,
            title=title,
            url_name=f"admin:education_{model._meta.model_name}_change",
            today=today,
            waiting=model.objects.all(),
        )

    return source


_glossary = _new_until_approved(
    GlossaryTerm, "glossary term", lambda term: f"Glossary term: {term}"
)
_references = _new_until_approved(
    Reference, "reference", lambda reference: f"Reference: {reference.title}"
)


_SOURCES = [_topics, _glossary, _references]


def register(source):
    """Add `source(today) -> ReviewList` to every review list (once)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def review_list(today=None):
    today = today or timezone.localdate()
    found = ReviewList()
    for source in _SOURCES:
        found.extend(source(today))
    return found
