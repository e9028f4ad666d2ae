"""Admin for content with a draft beside its live words (models.Draftable).

Shared by glossary terms (education/admin.py) and interpreter wording
(interpreter/admin.py). Saving keeps the editor's words as a draft and records
who saved it; the live words, which patients see, change only through the
clinical review workflow (workflow.DraftWorkflow): Submit for review, then a
different clinical reviewer's Approve and publish (or Send back with a
comment), or an editor's Publish a minor fix with a reason. "Discard draft"
returns to the live words. Every step is a django-reversion revision and an
admin log entry with the same comment; History compares any two versions
(compare.py), and restoring an old version brings its words back as a draft,
never straight to patients.

A subclass sets `workflow`, `noun` and `preview_url(obj)`. NewUntilApprovedAdmin
(glossary terms, references) adds what content that is new until first approved
needs: a new item saved as a draft, generic fieldsets, and "Take off the site…"
(and the list's action) behind a page naming what will disappear.
"""

import datetime

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from reversion.models import Version

from .admin_tools import ContentVersionAdmin
from .compare import mark_words
from .markdown import sanitizer_losses
from .models import ReviewState, Status
from .text import markup_signs
from .workflow import WorkflowError, draft_digest, next_review_due

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
# Nor where the draft is in its review: a restore changes the draft, which withdraws a
# submission (save_model), but it never clears a reviewer's "sent back" or their comment.
WORKFLOW_STATE = ("review_state", "submitted_by", "submitted_at", "review_note")


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue for review"),
            ("soon", "Due in the next 30 days"),
            ("never", "Not yet reviewed by a clinician"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=today)
        if self.value() == "soon":
            return queryset.filter(
                next_review_due__gte=today,
                next_review_due__lte=today + datetime.timedelta(days=30),
            )
        if self.value() == "never":
            return queryset.filter(last_reviewed_on__isnull=True)
        return queryset


class SaysWhatIsMissing:
    """A form whose empty required fields say which field and what to put there.

    Django's own words, "This field is required.", name neither: beside a stacked
    section or in a long form an editor must guess. `required_messages` holds a
    form's own words; any other required field gets its label and help text.
    """

    required_messages = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = str(forms.Field.default_error_messages["required"])
        for name, field in self.fields.items():
            if str(field.error_messages.get("required")) != default:
                continue  # the field has its own words already
            message = self.required_messages.get(name)
            if message is None:
                label = str(field.label or name.replace("_", " ")).removesuffix(" (draft)")
                hint = field.help_text or self._model_help(name.removeprefix("draft_"))
                message = f"“{capfirst(label)}” is empty. {hint or 'Fill it in.'}"
            field.error_messages["required"] = message

    def _model_help(self, name):
        """A draft field's help text is its live field's (wording's draft fields have none)."""
        model = getattr(getattr(self, "_meta", None), "model", None)
        try:
            return str(model._meta.get_field(name).help_text) if model else ""
        except FieldDoesNotExist:
            return ""


class PublishForm(SaysWhatIsMissing, forms.Form):
    required_messages = {
        "reason": "Say what you changed, in one line: it is kept in the history, for example "
        "“Fixed a typo in ‘What is B2M?’”.",
    }
    reason = forms.CharField(
        label="What did you change?",
        max_length=250,
        help_text="One line, kept in the page's history, for example “Fixed a typo in "
        "‘What is B2M?’”.",
        widget=forms.TextInput(attrs={"size": 80}),
    )


class NoteForm(SaysWhatIsMissing, forms.Form):
    required_messages = {
        "note": "Say what needs to change, so the editor knows what to do.",
    }
    note = forms.CharField(
        label="Note",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = required


def stored_version(obj):
    """`obj` as saved: a form with errors has already put the typed values on its instance.

    A status line read from that instance would say "A draft is waiting" or "with draft
    changes" for words that were never saved.
    """
    if obj.pk is None:
        return obj
    return type(obj)._default_manager.filter(pk=obj.pk).first() or obj


def removed_warning(where, losses):
    """The editor's warning that the sanitizer takes `losses` out of the text in `where`."""
    return (
        f"{where}: patients will not see {'; '.join(losses)}. Only links to http, https or "
        "mailto addresses and simple formatting are kept, for safety. Your draft is saved as "
        "you typed it; change it before it goes live."
    )


def edited_meanwhile(stored, noun, editor=None):
    """The error for a save over someone else's newer one: nothing is lost, say what to do.

    `editor` is the person saving: when the newer save was their own (the same page
    open in two tabs), it is said as theirs, not by their username as if someone else.
    """
    last = stored.last_edited_by
    if editor is not None and last is not None and last.pk == editor.pk:
        return (
            f"You saved this {noun} in another tab or window after you opened this one, so "
            "these changes were not saved: saving them would have undone that save. What you "
            f"typed is still below. Copy what you need, reload the {noun} to see what you "
            "saved, then add the rest again (History compares the versions)."
        )
    who = last.get_username() if last else "Someone else"
    return (
        f"{who} saved this {noun} after you opened it, so your changes were not saved: "
        "saving them would have undone theirs. What you typed is still below. Copy what "
        f"you need, reload the {noun} to see their changes, then add yours again "
        "(History compares the versions)."
    )


class EditedFromForm(SaysWhatIsMissing, forms.ModelForm):
    """A change form that refuses to save over a save made after it was opened.

    The hidden `edited_from` holds a fingerprint (`fingerprint(instance)`) of
    what was stored when the form was shown; a save is refused when what is
    stored now differs, so a second editor never silently undoes the first.
    A form sent without it (not from a browser) is not checked.
    """

    edited_from = forms.CharField(widget=forms.HiddenInput, required=False)
    noun = "item"

    def fingerprint(self, instance):
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["edited_from"] = self.fingerprint(self.instance)

    def clean(self):
        data = super().clean()
        started = data.get("edited_from")
        if self.instance.pk and started:
            stored = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
            if stored is not None and started != self.fingerprint(stored):
                raise forms.ValidationError(
                    edited_meanwhile(stored, self.noun, getattr(self, "editing_user", None)),
                    code="edited",
                )
        return data


class DraftForm(EditedFromForm):
    """The draft fields, filled with the live words while there is no draft.

    Every draft field is required, except those named in OPTIONAL_DRAFT_FIELDS.
    """

    OPTIONAL_DRAFT_FIELDS = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        for name in instance.WORDING_FIELDS:
            field = self.fields.get(f"draft_{name}")
            if field is None:
                continue
            field.required = name not in self.OPTIONAL_DRAFT_FIELDS
            if instance.pk and not instance.has_draft:
                self.initial[f"draft_{name}"] = getattr(instance, name)

    @property
    def noun(self):
        return self.instance._meta.verbose_name

    def fingerprint(self, instance):
        """The stored values of every field this form edits (draft words, slug or key)."""
        import hashlib
        import json

        names = sorted(n for n in self.fields if n != "edited_from")
        values = {n: getattr(instance, n, None) for n in names}
        return hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()


class HasDraftFilter(admin.SimpleListFilter):
    title = "draft"
    parameter_name = "draft"

    def lookups(self, request, model_admin):
        return [("yes", "Draft waiting"), ("no", "No draft")]

    def queryset(self, request, queryset):
        empty = queryset.model.no_draft()
        if self.value() == "yes":
            return queryset.exclude(**empty)
        if self.value() == "no":
            return queryset.filter(**empty)
        return queryset


def _text(value):
    """A field's value as the compare shows it (a year is a number; no year is empty)."""
    return "" if value is None else str(value)


def live_field(name, description):
    """A read-only admin column or field showing the live words of `name`."""

    @admin.display(description=description)
    def show(self, obj):
        return getattr(obj, name)

    show.__name__ = f"live_{name}"
    return show


class DraftReviewAdmin(ContentVersionAdmin):
    form = DraftForm
    change_form_template = "admin/review/draft_change_form.html"
    workflow = None  # a workflow.DraftWorkflow
    noun = "wording"
    live_state = (*LIVE_STATE, *WORKFLOW_STATE)

    def preview_url(self, obj):
        raise NotImplementedError

    def where_shown(self, obj):
        return ""

    def get_fieldsets(self, request, obj=None):
        """The hidden "version you started from" goes with the draft (EditedFromForm)."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        first_draft = f"draft_{self.model.WORDING_FIELDS[0]}"
        found = False
        result = []
        for name, options in fieldsets:
            fields = list(options.get("fields", []))
            if first_draft in fields and not found:
                fields.append("edited_from")
                found = True
            result.append((name, {**options, "fields": fields}))
        return result

    def _reviewer(self, request):
        return self.workflow.is_reviewer(request.user)

    @admin.display(description="Draft", boolean=True)
    def draft_waiting(self, obj):
        return obj.has_draft

    @admin.display(description="Status")
    def publish_status(self, obj):
        obj = stored_version(obj)
        parts = []
        if getattr(obj, "is_new", False):
            parts.append("New: patients do not see it until a clinical reviewer approves it.")
        elif obj.has_draft:
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
        request._draft_live = self.model._default_manager.filter(pk=version.object_id).first()
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def save_new(self, request, obj, form):
        """A new object: its words are kept as they are (subclasses say what else)."""
        obj.last_edited_by = request.user
        obj.clear_draft()
        for name in obj.WORDING_FIELDS:
            setattr(obj, name, form.cleaned_data[f"draft_{name}"])

    def save_model(self, request, obj, form, change):
        live = getattr(request, "_draft_live", None)
        if not change and live is None:
            self.save_new(request, obj, form)
            request._draft_comment = f"Added by {request.user.get_username()} (not live)."
            super().save_model(request, obj, form, change)
            self.warn_about_markup(request, obj, obj.draft_words())
            self.warn_about_links(request, obj)
            reversion.set_comment(request._draft_comment)
            return
        if live is not None:
            # A restored version comes back as a draft: patients keep the live words.
            for name in (*obj.WORDING_FIELDS, *self.live_state):
                setattr(obj, name, getattr(live, name))
        stored = live or self.model._default_manager.get(pk=obj.pk)
        words = {name: form.cleaned_data[f"draft_{name}"] for name in obj.WORDING_FIELDS}
        obj.set_draft(words)
        if live is not None or obj.draft_words() != stored.draft_words():
            # The approver must be someone else; a changed submission must be submitted again.
            obj.last_edited_by = request.user
            if obj.review_state == ReviewState.SUBMITTED:
                obj.review_state = ReviewState.EDITING
        request._draft_saved = obj.has_draft
        super().save_model(request, obj, form, change)
        self.warn_about_markup(request, obj, words)
        self.warn_about_links(request, obj)
        who = request.user.get_username()
        moved = "" if live is not None else self.moved_note(stored, obj)
        request._draft_moved = moved
        if moved and not obj.has_draft:
            request._draft_comment = f"Saved by {who}. {moved}"
        else:
            request._draft_comment = (
                f"Draft saved by {who} (not live)."
                if obj.has_draft
                else f"Saved by {who}: the words match the live text, so no draft is kept."
            ) + (f" {moved}" if moved else "")
        reversion.set_comment(request._draft_comment)

    def moved_note(self, stored, obj):
        """A sentence for History when the save changed the item's address or key ("" if not).

        Those are not draft words: they change at once, so History must say so rather
        than "the words match the live text".
        """
        return ""

    # Wording is plain text: patients see Markdown or HTML in it as typed. Glossary
    # definitions are Markdown: the sanitizer may take a link or a tag out of them.
    plain_text_fields = None  # None: every wording field
    markdown_fields = ()

    def warn_about_markup(self, request, obj, words):
        """Warn (the draft is saved as typed) where patients would not see what was meant."""
        plain = obj.WORDING_FIELDS if self.plain_text_fields is None else self.plain_text_fields
        for name in plain:
            signs = markup_signs(words.get(name))
            if signs:
                label = obj._meta.get_field(name).verbose_name
                shown = " and ".join(f"“{sign}”" for sign in signs)
                messages.warning(
                    request,
                    f"{label.capitalize()}: patients will see {shown} exactly as typed. This "
                    "box is plain text, so Markdown (**bold**, [words](link), [[glossary]]) and "
                    "HTML tags are not formatted or made into links. Your draft is saved; change "
                    "the words if you meant formatting.",
                )
        for name in self.markdown_fields:
            losses = sanitizer_losses(words.get(name) or "")
            if losses:
                label = obj._meta.get_field(name).verbose_name
                messages.warning(request, removed_warning(label.capitalize(), losses))

    def dead_links(self, obj):
        """Links in the draft's words that lead nowhere, as sentences (publishing.dead_links)."""
        return []

    def warn_about_links(self, request, obj):
        """Warn on Save (the draft is kept as typed) about links that lead nowhere."""
        for warning in self.dead_links(obj):
            messages.warning(request, f"{warning} Fix the link in the draft before it goes live.")

    def log_change(self, request, obj, message):
        # The log entry and the revision say the same thing, naming who saved the draft.
        comment = getattr(request, "_draft_comment", None)
        if comment and not getattr(request, "b2m_restoring", None):
            return super().log_change(request, obj, comment)
        return super().log_change(request, obj, message)

    def restore_message(self, request):
        return super().restore_message(request)[:-1] + ", as a draft (the live text is unchanged)."

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        saved = getattr(request, "_draft_saved", None)
        if saved is not None and level == messages.SUCCESS:
            del request._draft_saved
            message = self._saved_message(request, saved)
        return super().message_user(request, message, level, *args, **kwargs)

    def _saved_message(self, request, saved):
        """What a Save, a restore or a recovery did, in the editor's words."""
        restoring = getattr(request, "b2m_restoring", None)
        if restoring and restoring[1]:
            recovered = f"Recovered: the {self.noun} is back in admin as it was when it was deleted"
            recovered += ", draft included." if saved else "."
            if getattr(request, "_recovered_offline", False):
                recovered += (
                    " It is not on the public site: submit it for clinical review, and a "
                    "clinical reviewer's approval puts it back."
                )
            return recovered
        if restoring:
            return (
                "Restored as a draft. Patients still see the live text. Preview the draft, then "
                "submit it for clinical review."
                if saved
                else "Restored: that version's words are the same as the live text, so no draft "
                "is kept."
            )
        moved = getattr(request, "_draft_moved", "")
        if moved and not saved:
            return f"Saved. {moved}"
        return (
            "Draft saved. Patients still see the live text. Preview the draft, then submit "
            "it for clinical review."
            if saved
            else "Saved: the words are the same as the live text, so no draft is kept."
        ) + (f" {moved}" if moved else "")

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            self.message_user(request, "", messages.SUCCESS)
            return redirect(self.preview_url(obj))
        return super().response_change(request, obj)

    # --- The review steps -------------------------------------------------------------------

    steps = ["submit", "approve", "send-back", "publish", "discard"]

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            *[
                path(
                    f"<path:object_id>/{step}/",
                    view(getattr(self, f"{step.replace('-', '_')}_view")),
                    name=f"{prefix}_{step.replace('-', '_')}",
                )
                for step in self.steps
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
            raise Http404(f"No such {self.noun}.")
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
        context = {"can_review": self._reviewer(request), "submitted": False}
        obj = self.get_object(request, object_id)
        if obj is not None:
            context["submitted"] = obj.review_state == ReviewState.SUBMITTED
            context["minor_fix_refusal"] = self.workflow.minor_fix_refusal(obj)
            # Said up front, not only when an approval or a minor fix is refused.
            context["publish_refusal"] = self.workflow.publish_refusal(obj)
            context["preview_url"] = self.preview_url(obj)
        context.update(extra_context or {})
        return super().change_view(request, object_id, form_url, context)

    def _context(self, request, obj, title):
        fields = []
        for name in obj.WORDING_FIELDS:
            live, draft = _text(getattr(obj, name)), _text(obj.draft_words()[name])
            marked_live, marked_draft = mark_words(live, draft)
            label = obj._meta.get_field(name).verbose_name
            fields.append((label, live, draft, marked_live, marked_draft))
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": title,
            "noun": self.noun,
            "is_new": getattr(obj, "is_new", False),
            "where_shown": self.where_shown(obj),
            "change_url": self._url("change", obj),
            "preview_url": self.preview_url(obj),
            "submit_url": self._url("submit", obj),
            "approve_url": self._url("approve", obj),
            "send_back_url": self._url("send_back", obj),
            "publish_url": self._url("publish", obj),
            "discard_url": self._url("discard", obj),
            "has_draft_changes": obj.has_draft or getattr(obj, "is_new", False),
            "changes_template": "admin/review/draft_compare.html",
            "fields": fields,
            "dead_links": self.dead_links(obj),
            "meaning_notes": self.workflow.meaning_notes(obj),
        }

    def _done(self, request, obj, message):
        """One admin log entry with the words of the step's revision, then back to the page."""
        version = Version.objects.get_for_object(obj).select_related("revision").first()
        self.log_change(request, obj, version.revision.get_comment() if version else message)
        self.message_user(request, message, messages.SUCCESS)
        return redirect(self._url("change", obj))

    def submit_view(self, request, object_id):
        obj = self._object(request, object_id, change=True)
        form = NoteForm(request.POST or None, required=False)
        if request.method == "POST" and form.is_valid():
            try:
                self.workflow.submit(obj, user=request.user, note=form.cleaned_data["note"])
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
            name, role = self.workflow.check_approve(obj, request.user)
        except WorkflowError as refused:
            error, name, role, status = str(refused), "", "", 403
        if request.method == "POST" and error is None:
            if request.POST.get("draft") != draft_digest(obj):
                # Someone saved the draft again after this page was opened: what would go
                # live is not what this reviewer read.
                error, status = (
                    "The draft changed after you opened this page. Read it again, then approve it.",
                    409,
                )
            else:
                try:
                    self.workflow.approve(obj, user=request.user)
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
            "draft_digest": draft_digest(obj),
            **self.sent_back_context(obj),
        }
        return TemplateResponse(request, "admin/review/approve.html", context, status=status)

    def send_back_view(self, request, object_id):
        obj = self._object(request, object_id, review=True)
        form = NoteForm(request.POST or None, required=True)
        if request.method == "POST" and form.is_valid():
            try:
                self.workflow.send_back(obj, user=request.user, comment=form.cleaned_data["note"])
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, obj, "Sent back to the editors with your comment.")
        context = {
            **self._context(request, obj, f"Send “{obj}” back"),
            "form": form,
            **self.sent_back_context(obj),
        }
        return TemplateResponse(request, "admin/review/send_back.html", context)

    def publish_view(self, request, object_id):
        """A minor fix: published by an editor with a reason, never shown as a review."""
        obj = self._object(request, object_id, change=True)
        refusal = self.workflow.minor_fix_refusal(obj)
        if refusal or not obj.has_draft:
            message = refusal or "There is no draft to publish."
            self.message_user(request, message, messages.WARNING)
            return redirect(self._url("change", obj))
        form = PublishForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if request.POST.get("draft") != draft_digest(obj):
                form.is_valid()
                form.add_error(
                    None,
                    "The draft changed after you opened this page. Read it again, then publish.",
                )
                status = 409
            elif form.is_valid():
                try:
                    self.workflow.publish_minor_fix(
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
            "draft_digest": draft_digest(obj),
        }
        return TemplateResponse(
            request, "admin/review/draft_minor_fix.html", context, status=status
        )

    def discard_view(self, request, object_id):
        """Confirm, then drop the draft: the live text stays as it is."""
        obj = self._object(request, object_id, change=True)
        if not obj.has_draft:
            self.message_user(request, "There is no draft to discard.", messages.WARNING)
            return redirect(self._url("change", obj))
        if request.method == "POST":
            self.workflow.discard(obj, user=request.user)
            return self._done(request, obj, "Draft discarded. The live text is unchanged.")
        context = self._context(request, obj, f"Discard the draft of “{obj}”")
        return TemplateResponse(request, "admin/review/draft_discard.html", context)


class NewUntilApprovedAdmin(DraftReviewAdmin):
    """Admin for models.NewUntilApproved content (glossary terms, references).

    A new item is a draft until a clinical reviewer approves it. The public
    site loses a live item only through "Take off the site…" (or the list's
    action), after a page naming what will disappear; the workflow refuses
    while pages link to it (workflow.DraftWorkflow.unpublish).
    """

    steps = [*DraftReviewAdmin.steps, "unpublish"]
    plain_text_fields = ()  # a term's or a reference's words: not wording boxes
    advanced_fields = []  # the item's address or key, in a collapsed group

    def moved_note(self, stored, obj):
        changed = [
            (name, getattr(stored, name), getattr(obj, name))
            for name in self.advanced_fields
            if getattr(stored, name) != getattr(obj, name)
        ]
        return " ".join(
            f"Its {self.model._meta.get_field(name).verbose_name} changed from “{was}” to “{now}”."
            for name, was, now in changed
        )

    new_help = ""  # above a new item's form
    draft_help = ""  # above the draft, beside the live words
    readonly_fields = ["publish_status", "review_status"]
    # A restore brings old words back as a draft; it never takes an item off the site.
    live_state = (*LIVE_STATE, *WORKFLOW_STATE, "status")
    actions = ["make_draft"]

    def disappears(self, obj):
        """What the public loses when `obj` goes offline, one line each."""
        raise NotImplementedError

    # A published item leaves the site only through "Take off the site…" (which names
    # what disappears and refuses while pages link to it), never by a delete, as a
    # live page leaves only through Unpublish.

    @staticmethod
    def _on_site(obj):
        return obj is not None and obj.status == Status.PUBLISHED

    def _on_site_refusal(self, obj):
        return (
            f"“{obj}” is on the public site, so it cannot be deleted: it would leave the site "
            "at once. Take it off the site first (“Take off the site…”, which names what will "
            "disappear); then it can be deleted."
        )

    def has_delete_permission(self, request, obj=None):
        if self._on_site(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if self._on_site(obj) and super().has_delete_permission(request, obj):
            # Said in words on its page, beside "Take off the site…", not as a bare 403.
            self.message_user(request, self._on_site_refusal(obj), messages.ERROR)
            return redirect(self._url("change", obj))
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        # The list's "Delete selected": a published item is protected, with the reason,
        # rather than counted as a permission the editor lacks.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        on_site = [obj for obj in objs if self._on_site(obj)]
        if on_site and super().has_delete_permission(request):
            perms_needed.discard(self.opts.verbose_name)
            protected.extend(
                f"“{obj}” is on the public site: take it off the site first" for obj in on_site
            )
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        restoring = getattr(request, "b2m_restoring", None)
        if restoring and restoring[1]:
            # Recovered after deletion: back in admin, and on the site only after a review
            # (a recovery never puts anything in front of the public).
            obj.status = Status.DRAFT
            request._recovered_offline = True
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        live = [f"live_{name}" for name in self.model.WORDING_FIELDS]
        return [*super().get_readonly_fields(request, obj), *live]

    def get_fieldsets(self, request, obj=None):
        """A new item: its words. Then: status, the live words, the draft, advanced options."""
        draft = [f"draft_{name}" for name in self.model.WORDING_FIELDS]
        advanced = ("Advanced options", {"classes": ["collapse"], "fields": self.advanced_fields})
        if obj is None:
            return [(None, {"fields": draft, "description": self.new_help}), advanced]
        live = [f"live_{name}" for name in self.model.WORDING_FIELDS]
        return [
            (None, {"fields": ["publish_status", "review_status"]}),
            ("Live: what patients see now", {"fields": live}),
            ("Draft", {"fields": [*draft, "edited_from"], "description": self.draft_help}),
            advanced,
        ]

    def save_new(self, request, obj, form):
        super().save_new(request, obj, form)
        obj.status = Status.DRAFT  # on the site only once a clinical reviewer approves it

    def response_add(self, request, obj, post_url_continue=None):
        if "_preview" in request.POST:
            return redirect(self.preview_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        context = {}
        if obj is not None and obj.status == Status.PUBLISHED:
            context["unpublish_url"] = self._url("unpublish", obj)
        context.update(extra_context or {})
        return super().change_view(request, object_id, form_url, context)

    def _offline_entries(self, objs):
        """(obj, what disappears, why it must stay) for each item; the reason empty if none."""
        entries = []
        for obj in objs:
            uses = self.workflow.blocking_uses(obj)
            entries.append((obj, self.disappears(obj), uses))
        return entries

    def _offline_page(self, request, entries, *, title, change_url, selected=None, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "noun": self.noun,
            "change_url": change_url,
            "original": entries[0][0] if selected is None else f"{len(selected)} selected",
            "going": [(obj, lines) for obj, lines, uses in entries if not uses],
            "staying": [(obj, uses) for obj, lines, uses in entries if uses],
            "selected": selected,
        }
        return TemplateResponse(request, "admin/review/unpublish.html", context, status=status)

    def unpublish_view(self, request, object_id):
        """Confirm, naming what disappears; then the item is off the public site."""
        obj = self._object(request, object_id, change=True)
        if obj.status != Status.PUBLISHED:
            self.message_user(request, f"This {self.noun} is not on the site.", messages.WARNING)
            return redirect(self._url("change", obj))
        entries = self._offline_entries([obj])
        blocked = bool(entries[0][2])
        if request.method == "POST" and not blocked:
            try:
                self.workflow.unpublish(obj, user=request.user)
            except WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(self._url("change", obj))
            return self._done(
                request,
                obj,
                f"“{obj}” is off the public site. Its words are kept; a clinical reviewer's "
                "approval puts it back.",
            )
        return self._offline_page(
            request,
            entries,
            title=f"Take “{obj}” off the public site?",
            change_url=self._url("change", obj),
            status=409 if blocked and request.method == "POST" else 200,
        )

    @admin.action(
        description="Take the selected items off the public site…", permissions=["change"]
    )
    def make_draft(self, request, queryset):
        """The list's action: a confirmation page first (as Django's delete action has)."""
        live = list(queryset.filter(status=Status.PUBLISHED))
        if not live:
            self.message_user(request, "None of the selected items is on the site.")
            return None
        entries = self._offline_entries(live)
        if request.POST.get("post") != "yes":
            return self._offline_page(
                request,
                entries,
                title="Take these off the public site?",
                change_url=reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"
                ),
                selected=[obj.pk for obj in live],
            )
        for obj, _lines, uses in entries:
            if uses:
                self.message_user(
                    request,
                    f"“{obj}” stays published: pages link to it. Remove the links first "
                    "(open it to see where they are).",
                    messages.ERROR,
                )
                continue
            # The list view wraps this in its own revision: log the step's own words.
            self.log_change(request, obj, self.workflow.unpublish(obj, user=request.user))
            self.message_user(request, f"“{obj}” is off the public site.", messages.SUCCESS)
        return None
