"""The clinical review of interpreter wording, and previews of drafts on sample results.

Wording follows the same workflow as education pages (education/workflow.py,
WordingWorkflow below): an editor saves a draft (recorded as its last editor)
and submits it; a clinical reviewer who did not save it last approves it,
which publishes it and records the review (name and role from their own
reviewer profile, today's date, the next review date), or sends it back with
a comment; an editor may publish a minor fix (a typo) only with a reason,
recorded and shown as such, never as a review. A clinical reviewer is a
member of the "Clinical reviewers" group (made by the education app's
migrations) or anyone given the `interpreter.publish_wording` permission
(superusers have it). Reviewers read and approve wording; only those who may
change it (Content editors) write, submit, discard or minor-fix it.
"""

import dataclasses
from types import SimpleNamespace

from education import workflow

from . import rules, samples
from .presenters import present
from .wording import current_wording, previewing

REVIEWERS_GROUP = workflow.CLINICAL_REVIEWERS
PUBLISH_PERMISSION = "interpreter.publish_wording"


def is_clinical_reviewer(user):
    """Whether `user` publishes wording as a clinical reviewer (asked once per request).

    The same people as the education workflow's reviewers (education/workflow.py),
    or anyone given `interpreter.publish_wording`.
    """
    if not (user.is_active and user.is_staff):
        return False
    cached = getattr(user, "_is_clinical_reviewer", None)
    if cached is None:
        cached = (
            user.has_perm(PUBLISH_PERMISSION)
            or workflow.is_clinical_reviewer(user)
            or user.groups.filter(name=REVIEWERS_GROUP).exists()
        )
        user._is_clinical_reviewer = cached
    return cached


# A fingerprint of the draft a review page showed (shared with glossary terms).
draft_digest = workflow.draft_digest


def can_edit(user, obj):
    """Whether `user` may save, submit, discard or minor-fix this wording (editors only)."""
    model = obj._meta.model_name
    return user.is_active and user.has_perm(f"interpreter.change_{model}")


class WordingWorkflow(workflow.DraftWorkflow):
    """The review steps for a LevelWording or Phrase (education/workflow.py, DraftWorkflow)."""

    noun = "wording"
    a_noun = "wording"
    this_noun = "This wording"
    approve_permission = PUBLISH_PERMISSION

    def can_edit(self, user, obj):
        return can_edit(user, obj)

    def is_reviewer(self, user):
        return is_clinical_reviewer(user)


WORDING = WordingWorkflow()


def _with_draft(wording, obj):
    """The live wording with `obj`'s draft in place of its live words."""
    draft = obj.draft_words()
    if hasattr(obj, "level"):
        levels = {**wording.levels, obj.level: SimpleNamespace(level=obj.level, **draft)}
        return dataclasses.replace(wording, levels=levels)
    phrases = {**wording.phrases, (obj.kind, obj.code): draft["text"]}
    return dataclasses.replace(wording, phrases=phrases)


def preview_levels(obj):
    """The levels to preview `obj` on: its own for level wording, all four for a phrase."""
    return (obj.level,) if hasattr(obj, "level") else rules.LEVELS


def preview(obj, level):
    """(guidance with obj's draft, shows) on the sample result of `level`.

    `shows` says whether the sample uses the phrase at all. Only this call sees
    the draft: the override lives in a context variable for its duration.
    """
    if hasattr(obj, "level"):
        inputs, result, shows = samples.sample(obj.level)
    else:
        inputs, result, shows = samples.sample(level, obj.kind, obj.code)
    with previewing(_with_draft(current_wording(), obj)):
        guidance = present(result, inputs)
    return guidance, shows
