"""Which pages need a clinical review: overdue, due soon, waiting for a reviewer."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import ReviewState, Status, Topic

DUE_SOON_DAYS = 30


@dataclass
class ReviewList:
    overdue: list
    due_soon: list
    waiting: list

    def __bool__(self):
        return bool(self.overdue or self.due_soon or self.waiting)


def review_list(today=None):
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    live = Topic.objects.filter(status=Status.PUBLISHED).order_by("next_review_due", "title")
    return ReviewList(
        overdue=list(live.filter(next_review_due__lt=today)),
        due_soon=list(live.filter(next_review_due__gte=today, next_review_due__lte=soon)),
        waiting=list(
            Topic.objects.filter(review_state=ReviewState.SUBMITTED).order_by("submitted_at")
        ),
    )
