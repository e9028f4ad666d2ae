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

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from reversion.models import Version

from education.admin import NoteForm, PublishForm, ReviewFilter
from education.admin_tools import ContentVersionAdmin
from education.compare import mark_words
from education.models import ReviewState
from education.workflow import WorkflowError, next_review_due

from . import publishing, where_shown
from .models import LevelWording, Phrase, ShareLink

WORDING = publishing.WORDING
# What a restore must not change: what patients see and how it got there.
LIVE_STATE = (
    "published_at",
    "published_by",
    "publish_note",
    "publish_kind",
    "last_reviewed_on",
    "reviewed_by_name",
    "reviewed_by_role",
    "next_review_due",
)


class NoAddOrDelete:
    """The engine decides which codes exist; editors own only their words."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DraftForm(forms.ModelForm):
    """The draft fields, filled with the live words while there is no draft."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        for name in instance.WORDING_FIELDS:
            field = self.fields[f"draft_{name}"]
            field.required = True
            if not instance.has_draft:
                self.initial[f"draft_{name}"] = getattr(instance, name)

    def clean_draft_headline(self):
        # A headline is one sentence: the wide box may wrap it, but a line break is not kept.
        return " ".join(self.cleaned_data["draft_headline"].split())


class HasDraftFilter(admin.SimpleListFilter):
    title = "draft"
    parameter_name = "draft"

    def lookups(self, request, model_admin):
        return [("yes", "Draft waiting"), ("no", "No draft")]

    def queryset(self, request, queryset):
        empty = {f"draft_{name}": "" for name in queryset.model.WORDING_FIELDS}
        if self.value() == "yes":
            return queryset.exclude(**empty)
        if self.value() == "no":
            return queryset.filter(**empty)
        return queryset


def _live(name, description):
    @admin.display(description=description)
    def show(self, obj):
        return getattr(obj, name)

    show.__name__ = f"live_{name}"
    return show


class WordingAdmin(NoAddOrDelete, ContentVersionAdmin):
    form = DraftForm
    change_form_template = "admin/interpreter/wording_change_form.html"

    # A clinical reviewer reads, edits and approves wording whatever permissions
    # their group was given, so the order in which migrations made it does not matter.
    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._reviewer(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._reviewer(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._reviewer(request)

    @staticmethod
    def _reviewer(request):
        return publishing.is_clinical_reviewer(request.user)

    @admin.display(description="Where it is shown")
    def where_shown(self, obj):
        if isinstance(obj, LevelWording):
            return where_shown.for_level(obj.level)
        return where_shown.for_phrase(obj.kind, obj.code)

    @admin.display(description="Draft", boolean=True)
    def draft_waiting(self, obj):
        return obj.has_draft

    @admin.display(description="Status")
    def publish_status(self, obj):
        parts = []
        if obj.has_draft:
            saved = obj.draft_saved_at
            when = f", saved {date_format(localtime(saved), 'j F Y, H:i')}" if saved else ""
            who = f" by {obj.last_edited_by.get_username()}" if obj.last_edited_by else ""
            parts.append(
                f"A draft is waiting{when}{who}. Patients see the live text until a clinical "
                "reviewer approves it (or it is published as a minor fix)."
            )
        else:
            parts.append("No draft: patients see the live text.")
        if obj.published_at:
            when = date_format(localtime(obj.published_at), "j F Y, H:i")
            parts.append(f"Last published {when}. {obj.publish_note}")
        return " ".join(parts)

    @admin.display(description="Clinical review")
    def review_status(self, obj):
        state = obj.get_review_state_display()
        if obj.review_state == ReviewState.SUBMITTED and obj.submitted_by:
            when = date_format(localtime(obj.submitted_at), "j F Y, H:i")
            state += f" (submitted by {obj.submitted_by.get_username()}, {when})"
        if obj.review_note:
            state += f". Note: {obj.review_note}"
        due = date_format(obj.next_review_due, "j F Y")
        if obj.last_reviewed_on and obj.reviewed_by_name:
            review = (
                f"Last reviewed on {date_format(obj.last_reviewed_on, 'j F Y')} by "
                f"{obj.reviewed_by_name}, {obj.reviewed_by_role}. Next review due {due}."
            )
        else:
            review = f"Not yet reviewed by a clinician. First review due {due}."
        return f"{state}. {review}"

    # --- Saving keeps a draft, and who saved it -------------------------------------------

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # Before the old version is put back: what patients see now, kept through the restore.
        request._wording_live = self.model._default_manager.filter(pk=version.object_id).first()
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def save_model(self, request, obj, form, change):
        live = getattr(request, "_wording_live", None)
        if live is not None:
            # A restored version comes back as a draft: patients keep the live words.
            for name in (*obj.WORDING_FIELDS, *LIVE_STATE):
                setattr(obj, name, getattr(live, name))
        stored = live or self.model._default_manager.get(pk=obj.pk)
        words = {name: form.cleaned_data[f"draft_{name}"] for name in obj.WORDING_FIELDS}
        obj.set_draft(words)
        if live is not None or obj.draft_words() != stored.draft_words():
            # The approver must be someone else; a changed submission must be submitted again.
            obj.last_edited_by = request.user
            if obj.review_state == ReviewState.SUBMITTED:
                obj.review_state = ReviewState.EDITING
        request._wording_draft_saved = obj.has_draft
        super().save_model(request, obj, form, change)
        who = request.user.get_username()
        request._wording_comment = (
            f"Draft saved by {who} (not live)."
            if obj.has_draft
            else f"Saved by {who}: the words match the live text, so no draft is kept."
        )
        reversion.set_comment(request._wording_comment)

    def log_change(self, request, obj, message):
        # The log entry and the revision say the same thing, naming who saved the draft.
        comment = getattr(request, "_wording_comment", None)
        if comment and not getattr(request, "b2m_restoring", None):
            return super().log_change(request, obj, comment)
        return super().log_change(request, obj, message)

    def restore_message(self, request):
        return super().restore_message(request)[:-1] + ", as a draft (the live text is unchanged)."

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        saved = getattr(request, "_wording_draft_saved", None)
        if saved is not None and level == messages.SUCCESS:
            del request._wording_draft_saved
            message = (
                "Draft saved. Patients still see the live text. Preview the draft, then submit "
                "it for clinical review."
                if saved
                else "The words match the live text, so there is no draft to publish."
            )
        return super().message_user(request, message, level, *args, **kwargs)

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            self.message_user(request, "", messages.SUCCESS)
            return redirect(self._url("preview", obj))
        return super().response_change(request, obj)

    # --- Preview and the review steps -------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        steps = [
            ("preview", self.preview_view),
            ("submit", self.submit_view),
            ("approve", self.approve_view),
            ("send-back", self.send_back_view),
            ("publish", self.publish_view),
            ("discard", self.discard_view),
        ]
        return [
            *[
                path(
                    f"<path:object_id>/{step}/",
                    view(func),
                    name=f"{prefix}_{step.replace('-', '_')}",
                )
                for step, func in steps
            ],
            *super().get_urls(),
        ]

    def _url(self, action, obj):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{action}", args=[obj.pk]
        )

    def _object(self, request, object_id, *, change=False, review=False):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("No such wording.")
        if review:
            allowed = self._reviewer(request)
        elif change:
            allowed = self.has_change_permission(request, obj)
        else:
            allowed = self.has_view_permission(request, obj)
        if not allowed:
            raise PermissionDenied
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {
            "can_review": self._reviewer(request),
            "submitted": False,
        }
        obj = self.get_object(request, object_id)
        if obj is not None:
            context["submitted"] = obj.review_state == ReviewState.SUBMITTED
        context.update(extra_context or {})
        return super().change_view(request, object_id, form_url, context)

    def _context(self, request, obj, title):
        fields = []
        for name in obj.WORDING_FIELDS:
            live, draft = getattr(obj, name), obj.draft_words()[name]
            marked_live, marked_draft = mark_words(live, draft)
            fields.append((name, live, draft, marked_live, marked_draft))
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": title,
            "noun": "wording",
            "where_shown": self.where_shown(obj),
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            ),
            "preview_url": self._url("preview", obj),
            "submit_url": self._url("submit", obj),
            "approve_url": self._url("approve", obj),
            "send_back_url": self._url("send_back", obj),
            "publish_url": self._url("publish", obj),
            "discard_url": self._url("discard", obj),
            "has_draft_changes": obj.has_draft,
            "changes_template": "admin/interpreter/wording_compare.html",
            "fields": fields,
        }

    def _done(self, request, obj, message):
        """One admin log entry with the words of the step's revision, then back to the page."""
        version = Version.objects.get_for_object(obj).select_related("revision").first()
        self.log_change(request, obj, version.revision.get_comment() if version else message)
        self.message_user(request, message, messages.SUCCESS)
        return redirect(self._url("change", obj))

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

    def submit_view(self, request, object_id):
        obj = self._object(request, object_id, change=True)
        form = NoteForm(request.POST or None, required=False)
        if request.method == "POST" and form.is_valid():
            try:
                WORDING.submit(obj, user=request.user, note=form.cleaned_data["note"])
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, obj, "Submitted: a clinical reviewer will check it.")
        context = {
            **self._context(request, obj, f"Submit “{obj}” for clinical review"),
            "form": form,
        }
        return TemplateResponse(request, "admin/review/submit.html", context)

    def approve_view(self, request, object_id):
        """A clinical reviewer who did not save the draft approves it, and it goes live."""
        obj = self._object(request, object_id, review=True)
        error, status = None, 200
        try:
            name, role = WORDING.check_approve(obj, request.user)
        except WorkflowError as refused:
            error, name, role, status = str(refused), "", "", 403
        if request.method == "POST" and error is None:
            if request.POST.get("draft") != publishing.draft_digest(obj):
                # Someone saved the draft again after this page was opened: what would go
                # live is not what this reviewer read.
                error, status = (
                    "The draft changed after you opened this page. Read it again, then approve it.",
                    409,
                )
            else:
                try:
                    WORDING.approve(obj, user=request.user)
                except WorkflowError as refused:
                    error, status = str(refused), 403
                else:
                    return self._done(request, obj, "Approved: patients now see the new words.")
        context = {
            **self._context(request, obj, f"Approve “{obj}”"),
            "error": error,
            "reviewer_name": name,
            "reviewer_role": role,
            "today": timezone.localdate(),
            "next_due": next_review_due(),
            "draft_digest": publishing.draft_digest(obj),
        }
        return TemplateResponse(request, "admin/review/approve.html", context, status=status)

    def send_back_view(self, request, object_id):
        obj = self._object(request, object_id, review=True)
        form = NoteForm(request.POST or None, required=True)
        if request.method == "POST" and form.is_valid():
            try:
                WORDING.send_back(obj, user=request.user, comment=form.cleaned_data["note"])
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, obj, "Sent back to the editors with your comment.")
        context = {**self._context(request, obj, f"Send “{obj}” back"), "form": form}
        return TemplateResponse(request, "admin/review/send_back.html", context)

    def publish_view(self, request, object_id):
        """A minor fix: published by an editor with a reason, never shown as a review."""
        obj = self._object(request, object_id, change=True)
        if not obj.has_draft:
            self.message_user(request, "There is no draft to publish.", messages.WARNING)
            return redirect(self._url("change", obj))
        form = PublishForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if request.POST.get("draft") != publishing.draft_digest(obj):
                form.is_valid()
                form.add_error(
                    None,
                    "The draft changed after you opened this page. Read it again, then publish.",
                )
                status = 409
            elif form.is_valid():
                try:
                    WORDING.publish_minor_fix(
                        obj, user=request.user, reason=form.cleaned_data["reason"]
                    )
                except WorkflowError as error:
                    form.add_error(None, str(error))
                else:
                    return self._done(
                        request, obj, "Published as a minor fix. Patients now see the new words."
                    )
            status = status if status != 200 else 400
        context = {
            **self._context(request, obj, f"Publish a minor fix to “{obj}”"),
            "form": form,
            "draft_digest": publishing.draft_digest(obj),
        }
        return TemplateResponse(
            request, "admin/interpreter/wording_publish.html", context, status=status
        )

    def discard_view(self, request, object_id):
        """Confirm, then drop the draft: the live text stays as it is."""
        obj = self._object(request, object_id, change=True)
        if not obj.has_draft:
            self.message_user(request, "There is no draft to discard.", messages.WARNING)
            return redirect(self._url("change", obj))
        if request.method == "POST":
            WORDING.discard(obj, user=request.user)
            return self._done(request, obj, "Draft discarded. The live text is unchanged.")
        context = self._context(request, obj, f"Discard the draft of “{obj}”")
        return TemplateResponse(request, "admin/interpreter/wording_discard.html", context)


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
    live_label = _live("label", "Label")
    live_headline = _live("headline", "Headline")
    live_summary = _live("summary", "Summary")
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
    live_text = _live("text", "Text")
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
