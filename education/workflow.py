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
- Workflow: the steps themselves (submit, send_back, approve, publish_minor_fix)
  for any model with the review fields; TopicWorkflow (pages) here.
- DraftWorkflow: the same for models.Draftable content (live words with a draft
  beside them), plus publish and discard; GlossaryWorkflow (GLOSSARY, glossary
  terms) and ReferenceWorkflow (REFERENCES, a page's sources) here, and
  interpreter.publishing.WordingWorkflow (interpreter wording).
"""

import calendar
import dataclasses
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

CONTENT_EDITORS = "Content editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
APPROVE_PERMISSION = "education.approve_topic"


# The README's minor fix: "a small correction that needs no clinical check (a typo, a
# broken link)". A typo changes a word or two, a link's address up to about ten
# (https, www, nhs, uk, conditions…); a draft that removes or adds more words than
# this is new text and goes to a clinical reviewer. An editorial rule of this
# project (README, Editing), not a clinical threshold.
MINOR_FIX_MAX_WORDS = 15

MEANING_REFUSAL = (
    "This draft changes what the words say, so it needs a clinical review, not a minor fix: "
    "{changes} A minor fix may not change a number, a unit, a “not”, “no” or “never”, or a "
    "word such as “should”, “must” or “may”: a slip in one of these turns the advice round. "
    "Submit it for review."
)


SITE_REFUSAL = (
    "This draft links to a site it did not link to before ({sites}), so it needs a clinical "
    "review, not a minor fix: a minor fix may mend a broken link on the same site, but a "
    "new source is for a clinical reviewer to check. Submit it for review."
)


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


def check_can_approve(
    user, last_editor, perm=APPROVE_PERMISSION, is_reviewer=None, a_noun="a page"
):
    reviewer = is_reviewer(user) if is_reviewer else is_clinical_reviewer(user, perm)
    if not reviewer:
        raise WorkflowError(f"Only a member of Clinical reviewers can approve {a_noun}.")
    if last_editor is not None and last_editor.pk == user.pk:
        raise WorkflowError(
            "You made the last change to this draft, so another clinical reviewer must approve it."
        )
    return reviewer_identity(user)


def draft_digest(obj):
    """A fingerprint of the draft a review page showed, so only that draft goes live."""
    import hashlib
    import json

    words = json.dumps(obj.draft_words(), sort_keys=True)
    return hashlib.sha256(words.encode()).hexdigest()


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_due(on=None):
    return add_months(on or timezone.localdate(), settings.REVIEW_INTERVAL_MONTHS)


# How the steps' revisions begin (their comments, below): a send-back, and the steps
# after which an earlier send-back no longer applies (the draft went live or was dropped).
SENT_BACK_BY = "Sent back by "
DRAFT_ENDED_BY = ("Clinical review: approved", "Minor fix published by ", "Draft discarded by ")


@dataclasses.dataclass(frozen=True)
class SendBack:
    """A reviewer's earlier send-back of the draft now waiting: what they asked for."""

    comment: str
    by: str  # "Dr Rita Vance (rv)", or the username
    at: datetime.datetime
    version_id: int  # the history entry of the send-back
    latest_version_id: int  # the newest history entry, to compare with


def earlier_send_back(obj):
    """The last time a reviewer sent this draft back, or None.

    Read from the history (one revision per step), newest first, back to the last
    time the draft went live or was discarded: a send-back before then was about
    another draft. The approve page repeats it, so the reviewer can see whether what
    was asked for was done.
    """
    from reversion.models import Version

    versions = (
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    latest = None
    for version in versions[:500]:
        latest = latest or version
        comment = version.revision.get_comment()
        if comment.startswith(DRAFT_ENDED_BY):
            return None
        if not comment.startswith(SENT_BACK_BY):
            continue
        user = version.revision.user
        try:
            said = version.field_dict.get("review_note") or ""
        except Exception:  # a version the current model cannot read: its comment says it
            said = ""
        said = said or comment.partition(": ")[2]
        name = user.get_username() if user else "A reviewer"
        profile = getattr(user, "reviewer_profile", None) if user else None
        if profile is not None and profile.display_name:
            name = f"{profile.display_name} ({name})"
        return SendBack(said, name, version.revision.date_created, version.pk, latest.pk)
    return None


SENTENCE_REFUSAL = (
    "This draft {sentences}, so it needs a clinical review, not a minor fix: a minor fix "
    "mends words in sentences patients already read, and a sentence put in or taken out is "
    "new advice. Submit it for review."
)

# The steps, for any kind of reviewed content. Each is one revision in its history.


class Workflow:
    """Submit, send back, approve and minor fix for one kind of content.

    The object has the review fields `review_state`, `submitted_by`,
    `submitted_at`, `review_note` and `last_edited_by` (who last saved its
    draft). A subclass says who may edit and review, and how the draft is
    published (`publish(obj, user=, comment=, review=, kind=)`).
    """

    noun = "page"
    a_noun = "a page"  # "Only a content editor can submit a page for review."
    this_noun = "This page"
    approve_permission = APPROVE_PERMISSION

    def can_edit(self, user, obj):
        raise NotImplementedError

    def is_reviewer(self, user):
        return is_clinical_reviewer(user, self.approve_permission)

    def publish(self, obj, *, user, comment, review=None, kind):
        raise NotImplementedError

    def save_step(self, obj, user, comment, **fields):
        import reversion

        with transaction.atomic(), reversion.create_revision():
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()
            reversion.add_to_revision(obj)
            reversion.set_user(user)
            reversion.set_comment(comment)

    def check_approve(self, obj, user):
        """(name, role) of `user` approving `obj`, or WorkflowError saying why not."""
        from .models import ReviewState

        if obj.review_state != ReviewState.SUBMITTED:
            raise WorkflowError(f"Only {self.a_noun} submitted for review can be approved.")
        return check_can_approve(
            user, obj.last_edited_by, is_reviewer=self.is_reviewer, a_noun=self.a_noun
        )

    def submit_refusal(self, obj):
        """Why `obj` cannot be submitted for review now (beyond who asks), or "" when it can."""
        return ""

    def submit(self, obj, *, user, note=""):
        from .models import ReviewState

        if not self.can_edit(user, obj):
            raise WorkflowError(f"Only a content editor can submit {self.a_noun} for review.")
        if obj.review_state == ReviewState.SUBMITTED:
            raise WorkflowError(f"{self.this_noun} is already waiting for a clinical review.")
        refusal = self.submit_refusal(obj)
        if refusal:
            raise WorkflowError(refusal)
        note = note.strip()
        comment = f"Submitted for clinical review by {user.get_username()}"
        self.save_step(
            obj,
            user,
            comment + (f": {note}" if note else "."),
            review_state=ReviewState.SUBMITTED,
            submitted_by=user,
            submitted_at=timezone.now(),
            review_note=note,
        )

    def send_back(self, obj, *, user, comment):
        from .models import ReviewState

        if not self.is_reviewer(user):
            raise WorkflowError(f"Only a member of Clinical reviewers can send {self.a_noun} back.")
        if obj.review_state != ReviewState.SUBMITTED:
            raise WorkflowError(f"{self.this_noun} is not waiting for a review.")
        comment = comment.strip()
        if not comment:
            raise WorkflowError("Say what needs to change, so the editor knows what to do.")
        self.save_step(
            obj,
            user,
            f"{SENT_BACK_BY}{user.get_username()}: {comment}",
            review_state=ReviewState.SENT_BACK,
            review_note=comment,
        )

    def approve(self, obj, *, user, **options):
        """Publish the submitted draft as clinically reviewed by `user`.

        `options` go to `publish` (a page's drop_read_more confirmation).
        """
        from .models import PublishKind, ReviewState

        name, role = self.check_approve(obj, user)
        today = timezone.localdate()
        due = next_review_due(today)
        review = {
            "last_reviewed_on": today,
            "reviewed_by_name": name,
            "reviewed_by_role": role,
            "next_review_due": due,
        }
        obj.review_state = ReviewState.EDITING
        obj.review_note = ""
        obj.submitted_by, obj.submitted_at = None, None
        return self.publish(
            obj,
            user=user,
            comment=(
                f"Clinical review: approved and published by {name}, {role} "
                f"({user.get_username()}) on {today:%-d %B %Y}. Next review due {due:%-d %B %Y}."
            ),
            review=review,
            kind=PublishKind.REVIEW,
            **options,
        )

    def is_new(self, obj):
        """Whether patients have never seen `obj` (or it was taken off the site)."""
        return getattr(obj, "is_new", False)

    def minor_fix_refusal(self, obj):
        """Why `obj`'s draft cannot go live as a minor fix, or "" when it can.

        A minor fix is a small correction to words patients already see, that no
        clinical reviewer is looking at or has turned down.
        """
        from .models import ReviewState

        if self.is_new(obj):
            # Something patients have never seen is new content, not a small correction.
            return (
                f"{self.this_noun} is not on the public site, so it goes live only after a "
                f"clinical review: a new {self.noun}, or one taken off the site, always gets "
                "one. Submit it for review."
            )
        if obj.review_state == ReviewState.SUBMITTED:
            return (
                f"{self.this_noun} is waiting for a clinical review, so it goes live only when "
                "a clinical reviewer approves it."
            )
        if obj.review_state == ReviewState.SENT_BACK:
            return (
                "A clinical reviewer sent this draft back, so it goes live only after a "
                "clinical review: change it and submit it again, or discard the draft."
            )
        removed, added = self.changed_words(obj)
        if max(removed, added) > MINOR_FIX_MAX_WORDS:
            return (
                f"This draft removes {removed} and adds {added} words, so it is more than a "
                f"small correction (a minor fix changes at most {MINOR_FIX_MAX_WORDS} words: a "
                "typo, a broken link). New or removed words for patients need a clinical "
                "review: submit it for review."
            )
        sentences = self.whole_sentences(obj)
        if sentences:
            return SENTENCE_REFUSAL.format(sentences=sentences)
        changes = self.meaning_changes(obj)
        if changes:
            said = "; ".join(c.describe() for c in changes)
            return MEANING_REFUSAL.format(
                changes=said if said.rstrip("”")[-1:] in ".!?" else f"{said}."
            )
        from .meaning import new_sites

        elsewhere = new_sites(self.linked_texts(obj))
        if elsewhere:
            return SITE_REFUSAL.format(sites=", ".join(elsewhere))
        return ""

    # Fields that hold a link's address, not words patients read: a minor fix may mend
    # them (a broken link), whatever digits they hold.
    address_fields = ()

    def changed_texts(self, obj):
        """(live text, draft text) for each field patients read."""
        live = obj.live_words()
        return [
            ("" if live[name] is None else str(live[name]), "" if words is None else str(words))
            for name, words in obj.draft_words().items()
            if name not in self.address_fields
        ]

    def linked_texts(self, obj):
        """(live, draft) of every field that can hold a link: the words and the addresses."""
        pairs = self.changed_texts(obj)
        if self.address_fields:
            live, draft = obj.live_words(), obj.draft_words()
            pairs += [(str(live[n] or ""), str(draft[n] or "")) for n in self.address_fields]
        return pairs

    def changed_words(self, obj):
        """(removed, added): the draft's words against what patients see (compare.changed_words)."""
        from .compare import changed_words, diff_text

        counts = [changed_words(diff_text(old, new)) for old, new in self.changed_texts(obj)]
        return sum(c[0] for c in counts), sum(c[1] for c in counts)

    def whole_sentences(self, obj):
        """The first sentence the draft adds or removes whole, said for the editor ("" if none).

        A typo or a link is mended inside a sentence patients already read; a sentence
        put in or taken out ("Stop eating salt.", "Call 999 if…") is new advice.
        """
        import difflib

        from .compare import sentences

        for old, new in self.changed_texts(obj):
            a, b = sentences(old), sentences(new)
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "insert":
                    return f"adds “{' '.join(b[j1:j2])}”"
                if tag == "delete":
                    return f"takes out “{' '.join(a[i1:i2])}”"
        return ""

    def meaning_notes(self, obj, limit=12):
        """For the reviewer: each number, unit, negation or "should"-word the draft changes,
        as a sentence (meaning.py), at most `limit` and a count of the rest."""
        notes = [change.describe() for change in self.meaning_changes(obj)]
        if len(notes) > limit:
            notes = [*notes[:limit], f"and {len(notes) - limit} more (read the changes below)"]
        return notes

    def meaning_changes(self, obj):
        """The numbers, units, negations and "should"-words the draft changes (meaning.py)."""
        from .compare import diff_text, unmarked
        from .meaning import meaning_changes

        pairs = [
            (unmarked(old_html), unmarked(new_html))
            for old, new in self.changed_texts(obj)
            for old_html, new_html in diff_text(old, new)
        ]
        return meaning_changes(pairs)

    def publish_minor_fix(self, obj, *, user, reason, **options):
        """An editor publishes a small correction that needs no clinical review."""
        from .models import PublishKind, ReviewState

        if not self.can_edit(user, obj):
            raise WorkflowError("Only a content editor can publish a minor fix.")
        refusal = self.minor_fix_refusal(obj)
        if refusal:
            raise WorkflowError(refusal)
        reason = " ".join(reason.split())
        if not reason:
            raise WorkflowError(f"Say what you fixed: it is kept in the {self.noun}'s history.")
        comment = f"Minor fix published by {user.get_username()} (no clinical review): {reason}"
        # Published: nothing is waiting for a review, and an old note no longer applies.
        obj.review_state = ReviewState.EDITING
        obj.review_note = ""
        obj.submitted_by, obj.submitted_at = None, None
        return self.publish(obj, user=user, comment=comment, kind=PublishKind.MINOR_FIX, **options)


class DraftWorkflow(Workflow):
    """The steps for content with its draft beside the live words (models.Draftable).

    Publishing copies the draft over the live words in one save and one
    revision; discarding drops the draft (it stays in history). Used by
    glossary terms (GLOSSARY below) and interpreter wording
    (interpreter.publishing.WORDING).
    """

    change_permission = None  # who may edit, submit, publish a minor fix and discard

    def can_edit(self, user, obj):
        return user.is_active and user.has_perm(self.change_permission)

    def publish_refusal(self, obj):
        """Why the draft cannot go live yet (by approval or minor fix), or "" when it can."""
        return ""

    def check_approve(self, obj, user):
        found = super().check_approve(obj, user)
        refusal = self.publish_refusal(obj)
        if refusal:
            raise WorkflowError(refusal)
        return found

    def publish(self, obj, *, user, comment, review=None, kind):
        import reversion

        refusal = self.publish_refusal(obj)
        if refusal:
            raise WorkflowError(refusal)
        with transaction.atomic(), reversion.create_revision():
            obj.publish(user=user, note=comment, kind=kind, review=review)
            reversion.set_user(user)
            reversion.set_comment(comment)
        return obj

    def discard(self, obj, *, user):
        """Drop the draft (it stays in history); the live text stays as it is."""
        from .models import ReviewState

        if not self.can_edit(user, obj):
            raise WorkflowError("Only a content editor can discard a draft.")
        obj.clear_draft()
        comment = f"Draft discarded by {user.get_username()}; the live text is unchanged."
        self.save_step(
            obj,
            user,
            comment,
            review_state=ReviewState.EDITING,
            submitted_by=None,
            submitted_at=None,
            review_note="",
        )
        return comment

    # Content that is new until approved (models.NewUntilApproved) goes offline only here.

    def blocking_uses(self, obj):
        """Where the public links to `obj` in a way that would break if it went offline."""
        return []

    def unpublish(self, obj, *, user):
        """Take it off the public site (only ever after a confirmation page); words kept."""
        from .models import Status

        if not self.can_edit(user, obj):
            raise WorkflowError(f"Only a content editor can take {self.a_noun} off the site.")
        if obj.status != Status.PUBLISHED:
            raise WorkflowError(f"{self.this_noun} is not on the public site.")
        uses = self.blocking_uses(obj)
        if uses:
            raise WorkflowError(
                f"Pages link to this {self.noun}, so it stays on the site: the links would "
                f"lead nowhere. Remove or change the links first. Linked from: {'; '.join(uses)}."
            )
        comment = (
            f"Taken off the public site by {user.get_username()}; "
            "an approval in a clinical review puts it back."
        )
        self.save_step(obj, user, comment, status=Status.DRAFT)
        return comment


class GlossaryWorkflow(DraftWorkflow):
    """Glossary terms: editors who may change terms; the pages' clinical reviewers."""

    noun = "glossary term"
    a_noun = "a glossary term"
    this_noun = "This glossary term"
    change_permission = "education.change_glossaryterm"

    def blocking_uses(self, obj):
        from .publishing import glossary_uses

        return glossary_uses(obj.slug, raw_links=True)

    def publish_refusal(self, obj):
        """A live definition links only to terms on the public glossary (as pages do)."""
        from .markdown import glossary_slugs_in
        from .models import GlossaryTerm, Status
        from .publishing import waiting_terms_refusal

        slugs = glossary_slugs_in(obj.draft_words()["definition"])
        waiting = (
            GlossaryTerm.objects.filter(slug__in=slugs)
            .exclude(status=Status.PUBLISHED)
            .exclude(pk=obj.pk)
            .order_by("term")
        )
        return waiting_terms_refusal("definition", waiting)


GLOSSARY = GlossaryWorkflow()


class ReferenceWorkflow(DraftWorkflow):
    """References (a page's sources): editors who may change them; the pages' reviewers."""

    noun = "reference"
    a_noun = "a reference"
    this_noun = "This reference"
    change_permission = "education.change_reference"
    address_fields = ("url",)


REFERENCES = ReferenceWorkflow()


class TopicWorkflow(Workflow):
    def can_edit(self, user, obj):
        return user.has_perm("education.change_topic")

    def is_new(self, obj):
        from .publishing import live_of

        return live_of(obj) is None

    def changed_words(self, obj):
        from .compare import changed_words
        from .publishing import draft_changes

        counts = [changed_words(change.rows) for change in draft_changes(obj)]
        return sum(c[0] for c in counts), sum(c[1] for c in counts)

    def minor_fix_refusal(self, obj):
        """As for any content, and a section's kind must stay as it is.

        Turning a "Get help sooner" box of warning signs into plain text (or text into
        key points) changes no word but changes what patients notice first.
        """
        refusal = super().minor_fix_refusal(obj)
        if refusal or self.is_new(obj):
            return refusal
        from .models import SectionKind
        from .publishing import live_of

        names = dict(SectionKind.choices)
        live = {s.get("id"): s.get("kind", SectionKind.TEXT) for s in live_of(obj).sections}
        moved = [
            f"the kind of the section “{section.title}” from "
            f"“{names.get(live[section.pk], live[section.pk])}” to “{section.get_kind_display()}”"
            for section in obj.sections.order_by("order", "id")
            if section.pk in live and live[section.pk] != section.kind
        ]
        if moved:
            return (
                f"This draft changes {'; '.join(moved)}, so it needs a clinical review, not a "
                "minor fix: a box of warning signs or the key points decide what patients "
                "notice first. Submit it for review."
            )
        return self._sources_refusal(obj, live_of(obj))

    def _sources_refusal(self, obj, live):
        """A page's list of sources is what its facts rest on: adding or taking one out
        is for a reviewer, like any new fact."""
        from .models import Reference

        before = set(live.references.values_list("pk", flat=True))
        after = set(obj.references.values_list("pk", flat=True))
        if before == after:
            return ""
        changed = [
            f"{verb} the source “{reference.title}”"
            for verb, pks in (("adds", after - before), ("takes out", before - after))
            for reference in Reference.objects.filter(pk__in=pks).order_by("title")
        ]
        return (
            f"This draft {'; '.join(changed)}, so it needs a clinical review, not a minor "
            "fix: the sources are what the page's facts rest on. Submit it for review."
        )

    def changed_texts(self, obj):
        """(live, draft) of the words patients read: title, summary, each section's title
        and body (matched by id; an added or removed section against nothing)."""
        from .publishing import live_of, live_snapshot, working_snapshot

        live = live_of(obj)
        before = live_snapshot(live) if live is not None else {"sections": []}
        after = working_snapshot(obj)
        pairs = [(str(before.get(n, "")), str(after.get(n, ""))) for n in ("title", "summary")]
        old = {s.get("id") or s["slug"]: s for s in before["sections"]}
        new = {s.get("id") or s["slug"]: s for s in after["sections"]}
        for key in [*old, *(k for k in new if k not in old)]:
            for name in ("title", "body"):
                pairs.append(
                    (str(old.get(key, {}).get(name, "")), str(new.get(key, {}).get(name, "")))
                )
        return [(a, b) for a, b in pairs if a != b]

    def submit_refusal(self, obj):
        """An unchanged page is submitted only for its regular review, when that is due.

        A draft that is the same as the live page holds nothing new to review; a
        reviewer approving it would only move the review date. That is what a
        regular review is for, so it is allowed from DUE_SOON_DAYS before the page's
        next review is due (the admin home lists it then), and refused before.
        """
        import datetime

        from .publishing import has_unpublished_changes
        from .reviews import DUE_SOON_DAYS

        if has_unpublished_changes(obj):
            return ""
        due_from = obj.next_review_due - datetime.timedelta(days=DUE_SOON_DAYS)
        if timezone.localdate() >= due_from:
            return ""
        return (
            "The draft is the same as the live page, so there is nothing new to review. "
            "Change the page first. (An unchanged page can be submitted for its regular "
            f"review from {due_from:%-d %B %Y}, {DUE_SOON_DAYS} days before its next "
            f"review is due on {obj.next_review_due:%-d %B %Y}.)"
        )

    def publish(self, obj, *, user, comment, review=None, kind, drop_read_more=False):
        from . import publishing

        return publishing.publish(
            obj,
            user=user,
            comment=comment,
            review=review,
            kind=kind,
            drop_read_more=drop_read_more,
        )


TOPICS = TopicWorkflow()
submit = TOPICS.submit
send_back = TOPICS.send_back
approve = TOPICS.approve
publish_minor_fix = TOPICS.publish_minor_fix
