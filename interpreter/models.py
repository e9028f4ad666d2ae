"""Editor-owned words for the interpreter's guidance.

The engine (rules.py) decides which level, actions, notes and questions apply,
by code. The words for each code live here so content editors can change
them in admin, with history and rollback, without touching the logic.

Each piece of wording has its live text, which patients, the API, downloads and
share links see, and a draft beside it. Editors save drafts; staff preview a
draft on sample results; publishing copies the draft over the live text in one
save (by a clinical reviewer, or by an editor as a recorded minor fix: see
publishing.py). An empty draft means there is none.

ShareLink, at the end, is a patient's opt-in link to a result (see sharing.py).
"""

import datetime
import hashlib
import hmac
import secrets

from django.db import models
from django.utils import timezone

from education.models import Draftable as BaseDraftable

from . import rules

FIRST_REVIEW_DAYS = 30


def first_review_due():
    """Wording no clinician has reviewed yet is due for its first review soon (as pages are)."""
    return timezone.localdate() + datetime.timedelta(days=FIRST_REVIEW_DAYS)


class Draftable(BaseDraftable):
    """Live words with a draft beside them (education.models.Draftable, shared with
    glossary terms). Subclasses name their WORDING_FIELDS.
    """

    next_review_due = models.DateField(default=first_review_due, editable=False)

    class Meta:
        abstract = True


class LevelWording(Draftable):
    WORDING_FIELDS = ("label", "headline", "summary")

    level = models.CharField(
        max_length=32,
        unique=True,
        choices=[(code, code.replace("_", " ").capitalize()) for code in rules.LEVELS],
        editable=False,
    )
    label = models.CharField(max_length=60, help_text="Short name shown in the result badge.")
    headline = models.CharField(
        max_length=200, help_text="The first thing a patient reads. Calm, one sentence."
    )
    summary = models.TextField(
        help_text="Two or three short sentences under the headline. Grade 8 or lower."
    )
    draft_label = models.CharField("label (draft)", max_length=60, blank=True, default="")
    draft_headline = models.CharField("headline (draft)", max_length=200, blank=True, default="")
    draft_summary = models.TextField("summary (draft)", blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "result level wording"
        ordering = ["id"]
        permissions = [
            (
                "publish_wording",
                "Can publish interpreter wording as a clinical reviewer",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def rank(self):
        return rules.RANKS[self.level]


class Phrase(Draftable):
    WORDING_FIELDS = ("text",)

    class Kind(models.TextChoices):
        ACTION = "action", "Next step"
        QUESTION = "question", "Question to ask"
        NOTE = "note", "Explanation"
        GENERAL = "general", "General text"

    kind = models.CharField(max_length=10, choices=Kind, editable=False)
    code = models.CharField(
        max_length=40, editable=False, help_text="The engine's name for this text."
    )
    text = models.TextField(help_text="Plain words, grade 8 or lower, calm and specific.")
    draft_text = models.TextField("text (draft)", blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "guidance phrase"
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="unique_phrase_code_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.code}"


# --- Share links (opt-in) ----------------------------------------------------


def hash_token(token):
    """SHA-256 of a share token or delete key: the database never holds the secret itself.

    A copy of the database (a backup, a leak) then gives no working link. The
    tokens carry 256 bits of randomness, so an unsalted fast hash is enough.
    """
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkQuerySet(models.QuerySet):
    def for_token(self, token):
        """The link for a token from a URL, gone or not; None when there is none."""
        return self.filter(token_hash=hash_token(token)).first()

    def purgeable(self, now=None):
        """Links that no longer open: expired, or deleted by whoever made them."""
        now = now or timezone.now()
        return self.filter(models.Q(expires_at__lte=now) | models.Q(deleted_at__isnull=False))

    def create_link(self, *, inputs, guidance, days, shown=None):
        """Store one link; return it with its token and delete key (shown once, never stored).

        The link works until the end of the day (UTC) `days` from now, so the
        date it shows is the last day it opens.
        """
        token = secrets.token_urlsafe(32)
        delete_key = secrets.token_urlsafe(32)
        last_day = timezone.now().date() + datetime.timedelta(days=days)
        expires_at = datetime.datetime.combine(
            last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
        )
        link = self.create(
            token_hash=hash_token(token),
            delete_key_hash=hash_token(delete_key),
            inputs=inputs,
            guidance=guidance,
            shown=shown or {},
            expires_at=expires_at,
        )
        return link, token, delete_key


class ShareLink(models.Model):
    """A patient's opt-in link to their result: the inputs and the guidance, nothing else.

    `shown` is the result as the patient saw it; `inputs` let the page also offer
    "what the guide says today" when the rules or the wording have changed since.

    No names, dates of birth or other identifiers are asked for or kept. Only
    hashes of the link's token and of its delete key are stored.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    delete_key_hash = models.CharField(max_length=64, editable=False)
    inputs = models.JSONField(
        editable=False, help_text="The engine's inputs, as entered (units, limits, dates)."
    )
    guidance = models.JSONField(
        editable=False, help_text="The guidance as the patient saw it (the API's answer)."
    )
    shown = models.JSONField(
        default=dict,
        editable=False,
        help_text=(
            "The result exactly as its maker saw it (snapshot.py): the page, the PDF and "
            "the text file are drawn from this, whatever the rules or wording say later."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(db_index=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "share link"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Share link made {self.created_at:%Y-%m-%d}"

    @property
    def last_day(self):
        """The last date (UTC) the link opens."""
        return (self.expires_at - datetime.timedelta(days=1)).date()

    def is_gone(self, now=None):
        return self.deleted_at is not None or self.expires_at <= (now or timezone.now())

    def delete_key_matches(self, key):
        return bool(key) and hmac.compare_digest(self.delete_key_hash, hash_token(key))

    def mark_deleted(self):
        """Forget the result at once; keep the empty row so the link answers "gone" (410)."""
        self.deleted_at = timezone.now()
        self.inputs = {}
        self.guidance = {}
        self.shown = {}
        self.save(update_fields=["deleted_at", "inputs", "guidance", "shown"])
