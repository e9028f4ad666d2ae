"""The clinical review workflow, and the checks any content type can reuse.

Two groups, made by migrations: "Content editors" write and submit; "Clinical
reviewers" approve (they hold the `education.approve_topic` permission). A
reviewer approves only what someone else last edited; the approval publishes
the draft and records the review from the reviewer's own account (their
ReviewerProfile: name and role), today's date, and the next review date
(REVIEW_INTERVAL_MONTHS on). A reviewer can send a draft back with a comment.
An editor can publish a small fix without review, with a reason, recorded as
a minor fix and never shown as a review. Every step is a revision in the
page's history.

Reusable pieces (no topic-specific code):
- CONTENT_EDITORS, CLINICAL_REVIEWERS: the group names.
- is_content_editor(user), is_clinical_reviewer(user, perm=APPROVE_PERMISSION).
- reviewer_identity(user) -> (name, role) or WorkflowError.
- check_can_approve(user, last_editor, perm=...) -> raises WorkflowError with the reason.
- next_review_due(on=None): the date REVIEW_INTERVAL_MONTHS after `on` (today).
"""

import calendar
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

CONTENT_EDITORS = "Content editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
APPROVE_PERMISSION = "education.approve_topic"


class WorkflowError(Exception):
    """A step that is not allowed, with a message for the person trying it."""


def in_group(user, name):
    return user.is_active and user.groups.filter(name=name).exists()


def is_content_editor(user):
    return user.is_active and (user.is_superuser or in_group(user, CONTENT_EDITORS))


def is_clinical_reviewer(user, perm=APPROVE_PERMISSION):
    return user.is_active and user.has_perm(perm)


def reviewer_identity(user):
    """(name, role) from the reviewer's own profile; never free text."""
    profile = getattr(user, "reviewer_profile", None)
    if profile is None or not profile.display_name.strip() or not profile.role.strip():
        raise WorkflowError(
            "Your account has no clinical reviewer profile (your name and role as patients "
            "will see them). Ask an administrator to add one under Clinical reviewer profiles."
        )
    return profile.display_name.strip(), profile.role.strip()


def check_can_approve(user, last_editor, perm=APPROVE_PERMISSION):
    if not is_clinical_reviewer(user, perm):
        raise WorkflowError("Only a member of Clinical reviewers can approve a page.")
    if last_editor is not None and last_editor.pk == user.pk:
        raise WorkflowError(
            "You made the last change to this draft, so another clinical reviewer must approve it."
        )
    return reviewer_identity(user)


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_due(on=None):
    return add_months(on or timezone.localdate(), settings.REVIEW_INTERVAL_MONTHS)


# Topic steps. Each is one revision in the page's history.


def _step(topic, user, comment, **fields):
    import reversion

    with transaction.atomic(), reversion.create_revision():
        for name, value in fields.items():
            setattr(topic, name, value)
        topic.save()
        reversion.add_to_revision(topic)
        reversion.set_user(user)
        reversion.set_comment(comment)


def submit(topic, *, user, note=""):
    from .models import ReviewState

    if not user.has_perm("education.change_topic"):
        raise WorkflowError("Only a content editor can submit a page for review.")
    if topic.review_state == ReviewState.SUBMITTED:
        raise WorkflowError("This page is already waiting for a clinical review.")
    note = note.strip()
    comment = f"Submitted for clinical review by {user.get_username()}"
    _step(
        topic,
        user,
        comment + (f": {note}" if note else "."),
        review_state=ReviewState.SUBMITTED,
        submitted_by=user,
        submitted_at=timezone.now(),
        review_note=note,
    )


def send_back(topic, *, user, comment):
    from .models import ReviewState

    if not is_clinical_reviewer(user):
        raise WorkflowError("Only a member of Clinical reviewers can send a page back.")
    if topic.review_state != ReviewState.SUBMITTED:
        raise WorkflowError("This page is not waiting for a review.")
    comment = comment.strip()
    if not comment:
        raise WorkflowError("Say what needs to change, so the editor knows what to do.")
    _step(
        topic,
        user,
        f"Sent back by {user.get_username()}: {comment}",
        review_state=ReviewState.SENT_BACK,
        review_note=comment,
    )


def approve(topic, *, user):
    """Publish the submitted draft as clinically reviewed by `user`."""
    from . import publishing
    from .models import PublishKind, ReviewState

    if topic.review_state != ReviewState.SUBMITTED:
        raise WorkflowError("Only a page submitted for review can be approved.")
    name, role = check_can_approve(user, topic.last_edited_by)
    today = timezone.localdate()
    due = next_review_due(today)
    review = {
        "last_reviewed_on": today,
        "reviewed_by_name": name,
        "reviewed_by_role": role,
        "next_review_due": due,
    }
    topic.review_state = ReviewState.EDITING
    topic.review_note = ""
    topic.submitted_by, topic.submitted_at = None, None
    return publishing.publish(
        topic,
        user=user,
        comment=(
            f"Clinical review: approved and published by {name}, {role} "
            f"({user.get_username()}) on {today:%-d %B %Y}. Next review due {due:%-d %B %Y}."
        ),
        review=review,
        kind=PublishKind.REVIEW,
    )


def publish_minor_fix(topic, *, user, reason):
    """An editor publishes a small correction that needs no clinical review."""
    from . import publishing
    from .models import PublishKind

    if not user.has_perm("education.change_topic"):
        raise WorkflowError("Only a content editor can publish a minor fix.")
    reason = reason.strip()
    if not reason:
        raise WorkflowError("Say what you fixed: it is kept in the page's history.")
    comment = f"Minor fix published by {user.get_username()} (no clinical review): {reason}"
    return publishing.publish(topic, user=user, comment=comment, kind=PublishKind.MINOR_FIX)
