"""Admin for the interpreter: wording with drafts beside the live text, and share links.

Wording (LevelWording, Phrase): saving keeps the editor's words as a draft (and
records who saved it); the live text, which patients, the API, downloads and
share links see, changes only through the clinical review workflow that pages
follow (education/workflow.py, publishing.WordingWorkflow): Submit for review,
then a different clinical reviewer's Approve and publish (or Send back with a
comment), or an editor's Publish a minor fix with a reason. Staff preview a
draft on sample results; "Discard draft" returns to the live text. Every step
is a django-reversion revision and an admin log entry with the same comment;
History compares any two versions (education/compare.py), and restoring an old
version brings its words back as a draft, never straight to patients.
"""

from django import forms
from django.contrib import admin
from django.db.models.constants import LOOKUP_SEP
from django.template.response import TemplateResponse

from education import admin_drafts as drafts
from education.admin_drafts import HasDraftFilter, ReviewFilter

from . import publishing, where_shown
from .models import LevelWording, Phrase, ShareLink


class DraftForm(drafts.DraftForm):
    def clean_draft_headline(self):
        # A headline is one sentence: the wide box may wrap it, but a line break is not kept.
        return " ".join(self.cleaned_data["draft_headline"].split())


class NoAddOrDelete:
    """The engine decides which codes exist; editors own only their words."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WordingAdmin(NoAddOrDelete, drafts.DraftReviewAdmin):
    form = DraftForm
    workflow = publishing.WORDING
    noun = "wording"
    steps = ["preview", *drafts.DraftReviewAdmin.steps]

    # A clinical reviewer reads and approves wording whatever permissions their group
    # was given, so the order in which migrations made it does not matter. They do not
    # write it: editors write, reviewers approve (a reviewer who could save a draft could
    # also publish it alone as a "minor fix"). Someone in both groups writes as an editor.
    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._reviewer(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._reviewer(request)

    def _reviewer(self, request):
        return publishing.is_clinical_reviewer(request.user)

    def preview_url(self, obj):
        return self._url("preview", obj)

    @admin.display(description="Where it is shown")
    def where_shown(self, obj):
        if isinstance(obj, LevelWording):
            return where_shown.for_level(obj.level)
        return where_shown.for_phrase(obj.kind, obj.code)

    def preview_view(self, request, object_id):
        """The result page with this draft, on a sample result; nothing else sees the draft."""
        obj = self._object(request, object_id)
        levels = publishing.preview_levels(obj)
        level = request.GET.get("level")
        if level not in levels:
            level = next((lvl for lvl in levels if publishing.preview(obj, lvl)[1]), levels[0])
        guidance, shows = publishing.preview(obj, level)
        base = self._url("preview", obj)
        context = {
            **self._context(request, obj, f"Preview: {obj}"),
            "guidance": guidance,
            "shows": shows,
            "level": level,
            "levels": [
                {
                    "code": code,
                    "label": code.replace("_", " ").capitalize(),
                    "url": f"{base}?level={code}",
                }
                for code in levels
            ],
            "can_publish": self.has_change_permission(request, obj),
        }
        response = TemplateResponse(request, "admin/interpreter/wording_preview.html", context)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


DRAFT_HELP = (
    "Save keeps your words as a draft: patients see the live text above until a clinical "
    "reviewer approves it. Use \u201cSave draft and preview\u201d to see it on a sample "
    "result, then \u201cSubmit for review\u201d."
)


@admin.register(LevelWording)
class LevelWordingAdmin(WordingAdmin):
    list_display = [
        "level",
        "where_shown",
        "label",
        "headline",
        "draft_waiting",
        "review_state",
        "next_review_due",
    ]
    list_filter = [HasDraftFilter, "review_state", ReviewFilter]
    search_fields = [
        "label",
        "headline",
        "summary",
        "draft_label",
        "draft_headline",
        "draft_summary",
    ]
    live_label = drafts.live_field("label", "Label")
    live_headline = drafts.live_field("headline", "Headline")
    live_summary = drafts.live_field("summary", "Summary")
    readonly_fields = [
        "level",
        "where_shown",
        "publish_status",
        "review_status",
        "live_label",
        "live_headline",
        "live_summary",
    ]
    fieldsets = [
        (None, {"fields": ["level", "where_shown", "publish_status", "review_status"]}),
        (
            "Live: what patients see now",
            {"fields": ["live_label", "live_headline", "live_summary"]},
        ),
        (
            "Draft",
            {
                "fields": ["draft_label", "draft_headline", "draft_summary"],
                "description": DRAFT_HELP,
            },
        ),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The headline is a full sentence: a wide box that wraps, not the narrow one-line input.
        kwargs["widgets"] = {
            "draft_headline": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
            "draft_summary": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        }
        return super().get_form(request, obj, change, **kwargs)


@admin.register(Phrase)
class PhraseAdmin(WordingAdmin):
    list_display = [
        "code",
        "kind",
        "where_shown",
        "text",
        "draft_waiting",
        "review_state",
        "next_review_due",
    ]
    list_filter = ["kind", HasDraftFilter, "review_state", ReviewFilter]
    search_fields = ["code", "text", "draft_text"]
    live_text = drafts.live_field("text", "Text")
    readonly_fields = [
        "kind",
        "code",
        "where_shown",
        "publish_status",
        "review_status",
        "live_text",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "code", "where_shown", "publish_status", "review_status"]}),
        ("Live: what patients see now", {"fields": ["live_text"]}),
        ("Draft", {"fields": ["draft_text"], "description": DRAFT_HELP}),
    ]


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    """How many links exist and when they end; never what they hold.

    A patient's numbers stay out of admin, for every user, superusers included:
    no field shows the stored inputs, guidance or snapshot; no lookup in the
    address (`?inputs__serum__value__startswith=3.1`), filter, search, ordering
    or action reaches them (only the dates can be filtered); and only hashes of
    tokens exist, so no one here can open a link.
    """

    # The only fields a query string may filter on: the dates, and not the contents.
    LOOKUP_FIELDS = ("created_at", "expires_at", "deleted_at")

    list_display = ["created_at", "expires_at", "status"]
    list_filter = [("deleted_at", admin.EmptyFieldListFilter)]
    date_hierarchy = "created_at"
    fields = ["created_at", "expires_at", "deleted_at", "status"]
    readonly_fields = fields
    search_fields = ()
    sortable_by = ("created_at", "expires_at")
    ordering = ["-created_at"]
    show_full_result_count = True

    @admin.display(description="Status")
    def status(self, link):
        if link.deleted_at:
            return "Deleted by its maker"
        return "Expired" if link.is_gone() else "Open"

    def lookup_allowed(self, lookup, value, request=None):
        field = lookup.split(LOOKUP_SEP, 1)[0]
        return field in self.LOOKUP_FIELDS and super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        return ()

    def get_search_results(self, request, queryset, search_term):
        return queryset, False

    def get_actions(self, request):
        # Deleting is the only bulk action; nothing exports or shows a link's contents.
        actions = super().get_actions(request)
        return {name: action for name, action in actions.items() if name == "delete_selected"}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("inputs", "guidance", "shown")
