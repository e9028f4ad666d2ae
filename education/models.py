"""Education content that editors keep current in admin.

Markdown is rendered to sanitized HTML once, on save, into fields that admin
does not show (after djangoproject.com's blog.Entry).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .markdown import glossary_slugs_in, render_markdown
from .text import normalize_newlines


class Status(models.TextChoices):
    DRAFT = "draft", "Draft (only staff can see it)"
    PUBLISHED = "published", "Published"


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Everything for staff (so they can preview drafts), published for others."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


def _check_glossary_links(text, field):
    slugs = glossary_slugs_in(text)
    if not slugs:
        return
    known = set(GlossaryTerm.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    missing = [slug for slug in slugs if slug not in known]
    if missing:
        raise ValidationError(
            {
                field: (
                    "These glossary links point to terms that do not exist: "
                    + ", ".join(f"[[{slug}]]" for slug in missing)
                    + ". Add the term to the glossary first, or fix the spelling."
                )
            }
        )


class ReviewState(models.TextChoices):
    EDITING = "", "Being edited"
    SUBMITTED = "submitted", "Waiting for clinical review"
    SENT_BACK = "sent_back", "Sent back by the reviewer"


class PublishKind(models.TextChoices):
    SHIPPED = "shipped", "As shipped"
    REVIEW = "review", "Approved in a clinical review"
    MINOR_FIX = "minor_fix", "Minor fix (no clinical review)"


class Draftable(models.Model):
    """Live words with a draft beside them, and the clinical review of the draft.

    Used by glossary terms here and by interpreter wording (interpreter/models.py).
    For each name in WORDING_FIELDS there is a live field and a `draft_<name>`
    field; the drafts are all empty when there is no draft. Patients see the
    live fields only; `publish` copies the draft over them in one save. The
    review steps themselves are in workflow.py (DraftWorkflow). A subclass adds
    `next_review_due` with its own default.
    """

    WORDING_FIELDS = ()

    draft_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish_note = models.TextField(
        blank=True,
        editable=False,
        help_text="How the last publish was approved: a clinical review, or a minor fix's reason.",
    )
    publish_kind = models.CharField(
        max_length=20, choices=PublishKind, blank=True, default="", editable=False
    )
    # The clinical review workflow (workflow.py): who saved the draft last (they
    # cannot approve it), where it is in the review, and the last review.
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_state = models.CharField(
        max_length=20, choices=ReviewState, default=ReviewState.EDITING, blank=True, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_note = models.TextField(
        blank=True,
        editable=False,
        help_text="The editor's note for the reviewer, or the reviewer's comment.",
    )
    last_reviewed_on = models.DateField(null=True, blank=True, editable=False)
    reviewed_by_name = models.CharField(max_length=120, blank=True, editable=False)
    reviewed_by_role = models.CharField(max_length=120, blank=True, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def no_draft(cls):
        """The draft fields' values when there is no draft: empty text, or None for a number."""
        return {
            f"draft_{name}": None if cls._meta.get_field(f"draft_{name}").null else ""
            for name in cls.WORDING_FIELDS
        }

    @property
    def has_draft(self):
        # A draft holds every field; at least one required text field is never empty.
        return any(getattr(self, f"draft_{name}") for name in self.WORDING_FIELDS)

    def live_words(self):
        return {name: getattr(self, name) for name in self.WORDING_FIELDS}

    def draft_words(self):
        """The draft, field by field; the live words when there is no draft."""
        if not self.has_draft:
            return self.live_words()
        return {name: getattr(self, f"draft_{name}") for name in self.WORDING_FIELDS}

    def set_draft(self, words):
        """Keep `words` as the draft; words that match the live ones leave no draft."""
        if words == self.live_words():
            self.clear_draft()
            return
        for name in self.WORDING_FIELDS:
            setattr(self, f"draft_{name}", words[name])
        self.draft_saved_at = timezone.now()

    def clear_draft(self):
        for field, empty in self.no_draft().items():
            setattr(self, field, empty)
        self.draft_saved_at = None

    def publish(self, *, user, note, kind, review=None):
        """Make the draft live in one save (the save bumps the caches: signals.py).

        `review` (a clinical review's date, name, role and next due date) is
        recorded with it; a minor fix keeps the last review.
        """
        for name, text in self.draft_words().items():
            setattr(self, name, text)
        self.clear_draft()
        self.published_at = timezone.now()
        self.published_by = user
        self.publish_note = note
        self.publish_kind = kind
        for name, value in (review or {}).items():
            setattr(self, name, value)
        self.save()

    @property
    def is_reviewed(self):
        return bool(self.last_reviewed_on and self.reviewed_by_name)


def first_term_review_due():
    """A term or reference no clinician has reviewed yet is due for its first review soon."""
    return timezone.localdate() + datetime.timedelta(days=30)


class NewUntilApproved(Draftable):
    """Draftable content with a `status`: a new item is a draft until first approved.

    Glossary terms and references. `status` defaults to published, so shipped
    content is live; admin sets a new item's status to draft, and only `publish`
    (an approval, never a minor fix: workflow.DraftWorkflow) puts it live.
    """

    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.PUBLISHED,
        help_text="A new item is a draft until a clinical reviewer approves it.",
    )
    next_review_due = models.DateField(default=first_term_review_due, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def publish(self, *, user, note, kind, review=None):
        """The draft goes live; a new item joins the public site."""
        self.status = Status.PUBLISHED
        super().publish(user=user, note=note, kind=kind, review=review)

    @property
    def is_new(self):
        """Never published: the public does not see it yet."""
        return self.status == Status.DRAFT


class GlossaryTerm(NewUntilApproved):
    """A glossary entry: live words the public reads, and a draft beside them.

    Saving in admin keeps the editor's words as a draft; they reach /glossary/
    only through the clinical review (workflow.GLOSSARY): a different clinical
    reviewer approves them, or an editor publishes a minor fix with a reason.
    A new term is a draft (status) until it is first approved.
    """

    WORDING_FIELDS = ("term", "definition", "also_known_as")

    term = models.CharField(max_length=120, help_text="As shown on the glossary page.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in links: [[slug]] in a page body links to this term.",
    )
    definition = models.TextField(help_text="Markdown. One to three short, plain sentences.")
    definition_html = models.TextField(editable=False, blank=True)
    also_known_as = models.CharField(
        max_length=200, blank=True, help_text="Other names or spellings, comma separated."
    )
    draft_term = models.CharField(
        "term (draft)",
        max_length=120,
        blank=True,
        default="",
        help_text="As shown on the glossary page.",
    )
    draft_definition = models.TextField(
        "definition (draft)",
        blank=True,
        default="",
        help_text="Markdown. One to three short, plain sentences. Link other terms with [[slug]].",
    )
    draft_also_known_as = models.CharField(
        "also known as (draft)",
        max_length=200,
        blank=True,
        default="",
        help_text="Other names or spellings, comma separated.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def clean(self):
        # The words an editor typed are the draft's (admin); otherwise the live ones.
        if self.draft_definition:
            _check_glossary_links(self.draft_definition, "draft_definition")
        else:
            _check_glossary_links(self.definition, "definition")

    def save(self, *args, **kwargs):
        self.definition = normalize_newlines(self.definition)
        self.draft_definition = normalize_newlines(self.draft_definition)
        self.definition_html = render_markdown(self.definition)
        before = None
        if self.pk is not None:
            before = GlossaryTerm.objects.filter(pk=self.pk).values("slug", "status").first()
        super().save(*args, **kwargs)
        self._keep_former_address(before)

    def _keep_former_address(self, before):
        """A live term's old address keeps leading to it; its own address is its own.

        The slug is no draft word: it changes on Save. Links others made to
        /glossary/#old-slug (saved, sent, on other sites) then still open this
        term (the glossary page marks the old address too), not the top of the page.
        """
        if before and before["slug"] != self.slug and before["status"] == Status.PUBLISHED:
            FormerGlossarySlug.objects.update_or_create(
                slug=before["slug"], defaults={"term": self}
            )
        FormerGlossarySlug.objects.filter(slug=self.slug).delete()

    @property
    def former_addresses(self):
        return [f"{reverse('education:glossary')}#{f.slug}" for f in self.former_slugs.all()]

    @property
    def draft_definition_html(self):
        """The draft's definition as it would read on /glossary/ (staff preview only)."""
        return render_markdown(self.draft_words()["definition"])

    def get_absolute_url(self):
        return f"{reverse('education:glossary')}#{self.slug}"


class FormerGlossarySlug(models.Model):
    """An address a live glossary term had before its slug changed (GlossaryTerm.save).

    /glossary/#<slug> keeps opening the term. A term that takes this slug as its
    own address takes it over (the row goes).
    """

    slug = models.SlugField(max_length=80, unique=True)
    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="former_slugs")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "former address of a glossary term"
        verbose_name_plural = "former addresses of glossary terms"

    def __str__(self):
        return f"/glossary/#{self.slug} (now “{self.term.term}”)"


class Reference(NewUntilApproved):
    """A source listed under "Sources" on live pages: live words and a draft beside them.

    As glossary terms: saving in admin keeps the editor's words as a draft; the
    pages keep the live title, publisher, year and link until a different
    clinical reviewer approves the draft (workflow.REFERENCES), or an editor
    publishes a minor fix with a reason. A new reference is a draft (status)
    and is listed on no public page until it is first approved.
    """

    WORDING_FIELDS = ("title", "publisher", "year", "url")

    title = models.CharField(
        max_length=300, help_text="The title of the article, page or guideline."
    )
    publisher = models.CharField(
        max_length=300,
        help_text="Authors and journal, or the organization that publishes it.",
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(
        "Link", max_length=500, help_text="Prefer a doi.org link for journal articles."
    )
    key = models.SlugField(
        max_length=80, unique=True, help_text="A short unique name, used when content is loaded."
    )
    draft_title = models.CharField(
        "title (draft)",
        max_length=300,
        blank=True,
        default="",
        help_text="The title of the article, page or guideline.",
    )
    draft_publisher = models.CharField(
        "publisher (draft)",
        max_length=300,
        blank=True,
        default="",
        help_text="Authors and journal, or the organization that publishes it.",
    )
    draft_year = models.PositiveSmallIntegerField("year (draft)", null=True, blank=True)
    draft_url = models.URLField(
        "link (draft)",
        max_length=500,
        blank=True,
        default="",
        help_text="Prefer a doi.org link for journal articles.",
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.publisher}{', ' + str(self.year) if self.year else ''})"


def _default_next_review():
    return timezone.localdate() + datetime.timedelta(days=180)


class Topic(models.Model):
    title = models.CharField(max_length=150, help_text="The page's heading.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The page's address: /learn/this-slug/. "
        "Once a new one is live, the old address still leads here.",
    )
    summary = models.CharField(
        max_length=300, help_text="Shown under the title on the topic list. One plain sentence."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Topics are listed from the lowest number up."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    references = models.ManyToManyField(Reference, blank=True, related_name="topics")

    last_reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date a clinician last checked this page. Leave empty until one has.",
    )
    reviewed_by_name = models.CharField(
        max_length=120, blank=True, help_text="The reviewing clinician's name."
    )
    reviewed_by_role = models.CharField(
        max_length=120, blank=True, help_text="Their role, for example 'Consultant nephrologist'."
    )
    next_review_due = models.DateField(
        default=_default_next_review, help_text="When this page should next be checked."
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The clinical review workflow (education/workflow.py).
    review_state = models.CharField(
        max_length=20, choices=ReviewState, default=ReviewState.EDITING, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(
        blank=True, help_text="The editor's note for the reviewer, or the reviewer's comment."
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        permissions = [("approve_topic", "Can approve a page in a clinical review")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("education:topic", args=[self.slug])

    def clean(self):
        has_any = any([self.last_reviewed_on, self.reviewed_by_name, self.reviewed_by_role])
        has_all = all([self.last_reviewed_on, self.reviewed_by_name, self.reviewed_by_role])
        if has_any and not has_all:
            raise ValidationError(
                "A review needs all three: the date, the reviewer's name and their role. "
                "Leave all three empty if no clinician has reviewed the page yet."
            )
        if self.last_reviewed_on and self.last_reviewed_on > timezone.localdate():
            raise ValidationError({"last_reviewed_on": "The review date cannot be in the future."})
        if (
            self.last_reviewed_on
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed_on
        ):
            raise ValidationError(
                {"next_review_due": "The next review must come after the last review."}
            )

    def split_sections(self):
        """(key points, the rest): key points go at the top whatever their order."""
        sections = list(self.sections.all())
        key_points = [s for s in sections if s.kind == SectionKind.KEY_POINTS]
        return key_points, [s for s in sections if s.kind != SectionKind.KEY_POINTS]

    @property
    def is_reviewed(self):
        return bool(self.last_reviewed_on and self.reviewed_by_name)

    @property
    def review_overdue(self):
        return self.next_review_due < timezone.localdate()


class FormerTopicSlug(models.Model):
    """An address a live page had before its slug changed (publishing.make_live).

    /learn/<slug>/ then sends visitors on to the page's address now, so links people
    saved or were sent keep working. A page that goes live at this address takes it
    over (the row goes).
    """

    slug = models.SlugField(max_length=80, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="former_slugs")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "former address of a page"
        verbose_name_plural = "former addresses of pages"

    def __str__(self):
        return f"/learn/{self.slug}/ (now “{self.topic.title}”)"


class SectionKind(models.TextChoices):
    TEXT = "text", "Text"
    KEY_POINTS = "key_points", "Key points (a short list shown at the top of the page)"
    GET_HELP = "get_help", "Get help sooner (a boxed list of warning signs)"


class Section(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=150, help_text="The section's heading.")
    slug = models.SlugField(
        max_length=80,
        help_text="The section's link name: /learn/page-slug/#this-slug. "
        "Changing it breaks links clinicians have sent.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(
        max_length=20,
        choices=SectionKind,
        default=SectionKind.TEXT,
        help_text="Key points are shown first, in a box, whatever their order. "
        "A get-help box stands out from the text around it.",
    )
    body = models.TextField(
        help_text="Markdown. Link glossary terms with [[slug]] or [[shown words|slug]]."
    )
    body_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "slug"], name="unique_section_slug_per_topic")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        _check_glossary_links(self.body, "body")

    def save(self, *args, **kwargs):
        self.body = normalize_newlines(self.body)
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.topic.get_absolute_url()}#{self.slug}"


class LiveSection:
    """One section of a live page, as published (a snapshot, not a database row)."""

    def __init__(self, topic_slug, data):
        self.topic_slug = topic_slug
        self.id = data.get("id")
        self.slug = data["slug"]
        self.title = data["title"]
        self.body = data.get("body", "")
        self.body_html = data["body_html"]
        self.order = data.get("order", 0)
        self.kind = data.get("kind", SectionKind.TEXT)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('education:topic', args=[self.topic_slug])}#{self.slug}"


class LiveTopic(models.Model):
    """The version of a topic the public sees.

    Editors work on the Topic and its Section rows (the working copy); Publish
    copies a rendered snapshot of them here in one step (education/publishing.py).
    Every public reader uses these rows: /learn/, the topic page, the result
    pages' "Read more" links and the clinicians' section list. So a draft never
    changes or hides what the public sees until it is published.
    """

    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, related_name="live")
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    sections = models.JSONField(
        default=list, help_text="The published sections: id, slug, title, body and body_html."
    )
    references = models.ManyToManyField(Reference, blank=True, related_name="live_topics")
    last_reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by_name = models.CharField(max_length=120, blank=True)
    reviewed_by_role = models.CharField(max_length=120, blank=True)
    next_review_due = models.DateField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publish_kind = models.CharField(max_length=20, choices=PublishKind, default=PublishKind.SHIPPED)
    publish_note = models.CharField(
        max_length=300, blank=True, help_text="How this version reached the public, in one line."
    )

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "live page"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("education:topic", args=[self.slug])

    @property
    def section_list(self):
        return [LiveSection(self.slug, data) for data in self.sections]

    def public_references(self):
        """The sources the public sees: approved references, in their live words."""
        return self.references.published()

    def split_sections(self):
        """(key points, the rest), as Topic.split_sections."""
        sections = self.section_list
        key_points = [s for s in sections if s.kind == SectionKind.KEY_POINTS]
        return key_points, [s for s in sections if s.kind != SectionKind.KEY_POINTS]

    @property
    def updated_at(self):
        return self.published_at

    @property
    def is_minor_fix(self):
        return self.publish_kind == PublishKind.MINOR_FIX

    @property
    def is_reviewed(self):
        return bool(self.last_reviewed_on and self.reviewed_by_name)

    @property
    def review_overdue(self):
        return self.next_review_due < timezone.localdate()


class ReviewerProfile(models.Model):
    """Who a clinical reviewer is, as patients see it on a reviewed page.

    An approval records the name and role from here, never typed text.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    display_name = models.CharField(
        max_length=120, help_text="As shown on reviewed pages, for example 'Dr Asha Patel'."
    )
    role = models.CharField(
        max_length=120, help_text="Role or profession, for example 'Consultant nephrologist'."
    )

    class Meta:
        verbose_name = "clinical reviewer profile"

    def __str__(self):
        return f"{self.display_name}, {self.role}"


# Django's delete page lists the rows linking a reference to its pages. Their default
# names ("LiveTopic_references object (21)") mean nothing to an editor: say which page.
def _cited_on_working_copy(link):
    return f"“{link.topic.title}” (working copy; the live page is listed apart)"


def _cited_on_live_page(link):
    return f"“{link.livetopic.title}” ({link.livetopic.get_absolute_url()})"


_LIVE_LINKS = LiveTopic.references.through
for _through, _name, _plural, _str in (
    (Topic.references.through, "cited on page", "cited on pages", _cited_on_working_copy),
    (_LIVE_LINKS, "cited on live page", "cited on live pages", _cited_on_live_page),
):
    _through._meta.verbose_name = _name
    _through._meta.verbose_name_plural = _plural
    _through.__str__ = _str
