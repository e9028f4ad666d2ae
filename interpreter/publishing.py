"""Who may publish interpreter wording, and previews of drafts on sample results.

Publishing follows issue 11's review idea: a clinical reviewer publishes a
draft; an editor may publish a minor fix (a typo) only with a reason, which is
recorded and shown as such, never as a review. A clinical reviewer is a member
of the "Clinical reviewers" group (made by the education app's migrations) or
anyone given the `interpreter.publish_wording` permission (superusers have it);
the review records the name and role from their own reviewer profile.
"""

import dataclasses
import hashlib
import json
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


def draft_digest(obj):
    """A fingerprint of the draft a publish page showed, so only that draft goes live."""
    words = json.dumps(obj.draft_words(), sort_keys=True)
    return hashlib.sha256(words.encode()).hexdigest()


def reviewer_note(user):
    """The review as recorded: the name and role from the reviewer's own profile.

    Raises workflow.WorkflowError (with what to do) when the account has no profile.
    """
    name, role = workflow.reviewer_identity(user)
    return f"Published after clinical review by {name} ({role})."


def minor_fix_note(user, reason):
    name = user.get_full_name() or user.get_username()
    return f"Minor fix published by {name} without clinical review. Reason: {reason}"


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
