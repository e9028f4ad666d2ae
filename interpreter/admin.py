"""Admin for the interpreter: wording with drafts beside the live text, and share links.

Wording (LevelWording, Phrase): saving keeps the editor's words as a draft; the
live text, which patients, the API, downloads and share links see, changes only
on Publish (publishing.py says who may publish). Staff preview a draft on
sample results; "Discard draft" returns to the live text. Every save, publish
and discard is a django-reversion revision, so History lists them all.
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
from django.utils.formats import date_format
from django.utils.timezone import localtime
from reversion.admin import VersionAdmin

from education.workflow import WorkflowError

from . import publishing, where_shown
from .models import LevelWording, Phrase, ShareLink


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


class WordingAdmin(NoAddOrDelete, VersionAdmin):
    form = DraftForm
    change_form_template = "admin/interpreter/wording_change_form.html"

    # A clinical reviewer reads, edits and publishes wording whatever permissions
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
            parts.append(
                f"A draft is waiting{when}. Patients see the live text until it is published."
            )
        else:
            parts.append("No draft: patients see the live text.")
        if obj.published_at:
            when = date_format(localtime(obj.published_at), "j F Y, H:i")
            parts.append(f"Last published {when}. {obj.publish_note}")
        return " ".join(parts)

    # --- Saving keeps a draft -----------------------------------------------------------

    def save_model(self, request, obj, form, change):
        words = {name: form.cleaned_data[f"draft_{name}"] for name in obj.WORDING_FIELDS}
        obj.set_draft(words)
        request._wording_draft_saved = obj.has_draft
        super().save_model(request, obj, form, change)
        if obj.has_draft:
            reversion.set_comment("Draft saved (not live).")
        else:
            reversion.set_comment("Draft matched the live text, so no draft is kept.")

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        saved = getattr(request, "_wording_draft_saved", None)
        if saved is not None and level == messages.SUCCESS:
            del request._wording_draft_saved
            message = (
                "Draft saved. Patients still see the live text. Preview the draft, then publish it."
                if saved
                else "The words match the live text, so there is no draft to publish."
            )
        return super().message_user(request, message, level, *args, **kwargs)

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            self.message_user(request, "", messages.SUCCESS)
            return redirect(self._url("preview", obj))
        return super().response_change(request, obj)

    # --- Preview, publish, discard ------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{prefix}_preview"),
            path("<path:object_id>/publish/", view(self.publish_view), name=f"{prefix}_publish"),
            path("<path:object_id>/discard/", view(self.discard_view), name=f"{prefix}_discard"),
            *super().get_urls(),
        ]

    def _url(self, action, obj):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{action}", args=[obj.pk]
        )

    def _object(self, request, object_id, *, change):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("No such wording.")
        allowed = (
            self.has_change_permission(request, obj)
            if change
            else self.has_view_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": title,
            "where_shown": self.where_shown(obj),
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            ),
            "preview_url": self._url("preview", obj),
            "publish_url": self._url("publish", obj),
            "discard_url": self._url("discard", obj),
            "fields": [
                (name, getattr(obj, name), obj.draft_words()[name]) for name in obj.WORDING_FIELDS
            ],
        }

    def preview_view(self, request, object_id):
        """The result page with this draft, on a sample result; nothing else sees the draft."""
        obj = self._object(request, object_id, change=False)
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

    def publish_view(self, request, object_id):
        """Confirm, then make the draft live: a clinical review, or a minor fix with a reason."""
        obj = self._object(request, object_id, change=True)
        reviewer = publishing.is_clinical_reviewer(request.user)
        context = {
            **self._context(request, obj, f"Publish: {obj}"),
            "reviewer": reviewer,
            "draft_digest": publishing.draft_digest(obj),
            "error": "",
            "reason": "",
        }
        if not obj.has_draft:
            self.message_user(request, "There is no draft to publish.", messages.WARNING)
            return redirect(context["change_url"])
        if request.method == "POST":
            if request.POST.get("draft") != publishing.draft_digest(obj):
                # Someone saved the draft again after this page was opened: what would go
                # live is not what this reviewer or editor read.
                context.update(
                    error="The draft changed after you opened this page. Read it again "
                    "below, then publish.",
                )
                return TemplateResponse(
                    request, "admin/interpreter/wording_publish.html", context, status=409
                )
            reason = " ".join(request.POST.get("reason", "").split())
            if reviewer and "minor_fix" not in request.POST:
                try:
                    note = publishing.reviewer_note(request.user)
                except WorkflowError as error:
                    context.update(error=str(error))
                    return TemplateResponse(
                        request, "admin/interpreter/wording_publish.html", context, status=400
                    )
            elif reason:
                note = publishing.minor_fix_note(request.user, reason)
            else:
                context.update(
                    error="Give the reason for this minor fix, for example "
                    "\u201cfixes a typo in the second sentence\u201d. Changes to what the "
                    "words mean need a clinical reviewer to publish them.",
                )
                return TemplateResponse(
                    request, "admin/interpreter/wording_publish.html", context, status=400
                )
            with reversion.create_revision():
                obj.publish(user=request.user, note=note)
                reversion.set_user(request.user)
                reversion.set_comment(note)
            self.log_change(request, obj, note)
            self.message_user(
                request, f"Published. Patients now see the new words. {note}", messages.SUCCESS
            )
            return redirect(context["change_url"])
        return TemplateResponse(request, "admin/interpreter/wording_publish.html", context)

    def discard_view(self, request, object_id):
        """Confirm, then drop the draft: the live text stays as it is."""
        obj = self._object(request, object_id, change=True)
        context = self._context(request, obj, f"Discard draft: {obj}")
        if not obj.has_draft:
            self.message_user(request, "There is no draft to discard.", messages.WARNING)
            return redirect(context["change_url"])
        if request.method == "POST":
            with reversion.create_revision():
                obj.clear_draft()
                obj.save()
                reversion.set_user(request.user)
                reversion.set_comment("Draft discarded; the live text is unchanged.")
            self.log_change(request, obj, "Draft discarded; the live text is unchanged.")
            self.message_user(
                request, "Draft discarded. The live text is unchanged.", messages.SUCCESS
            )
            return redirect(context["change_url"])
        return TemplateResponse(request, "admin/interpreter/wording_discard.html", context)


DRAFT_HELP = (
    "Save keeps your words as a draft: patients see the live text above until the draft "
    "is published. Use \u201cSave draft and preview\u201d to see it on a sample result."
)


@admin.register(LevelWording)
class LevelWordingAdmin(WordingAdmin):
    list_display = ["level", "where_shown", "label", "headline", "draft_waiting", "updated_at"]
    list_filter = [HasDraftFilter]
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
        "live_label",
        "live_headline",
        "live_summary",
    ]
    fieldsets = [
        (None, {"fields": ["level", "where_shown", "publish_status"]}),
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
    list_display = ["code", "kind", "where_shown", "text", "draft_waiting", "updated_at"]
    list_filter = ["kind", HasDraftFilter]
    search_fields = ["code", "text", "draft_text"]
    live_text = _live("text", "Text")
    readonly_fields = ["kind", "code", "where_shown", "publish_status", "live_text"]
    fieldsets = [
        (None, {"fields": ["kind", "code", "where_shown", "publish_status"]}),
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
