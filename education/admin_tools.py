"""Admin machinery shared by every versioned content admin (education and wording).

- `LineEndingsMixin`: browsers send text areas with CRLF line endings; text is
  kept with the line endings it had, so saving an unchanged body is no change
  at all (history lists only what really changed).
- `ContentVersionAdmin`: django-reversion's VersionAdmin whose restore and
  recover are logged once each, naming who did it and which version they went
  back to, whose deletes are kept in the item's history ("Deleted by … on …"),
  and whose history page links to a side-by-side compare (compare.py).
"""

from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.admin import VersionAdmin
from reversion.models import Revision, Version
from reversion.revisions import (
    _follow_relations_recursive,
    _get_options,
    create_revision,
    set_comment,
    set_user,
)

from .revisions import serialized
from .text import normalize_newlines


class LineEndingsTextField(forms.CharField):
    """A text area's value with LF line endings, as the text is stored."""

    def to_python(self, value):
        return normalize_newlines(super().to_python(value))


class LineEndingsMixin:
    """For ModelAdmins and inlines: every TextField keeps LF line endings."""

    formfield_overrides = {
        models.TextField: {"form_class": LineEndingsTextField},
        # Links typed without a scheme are https (and Django 6 makes it the default).
        models.URLField: {"assume_scheme": "https"},
    }


def describe_version(version):
    """ "the version of 1 December 2026, 04:03 by alice (“Changed Title.”)"."""
    revision = version.revision
    when = date_format(timezone.localtime(revision.date_created), "j F Y, H:i")
    who = revision.user.get_username() if revision.user else "the system"
    comment = revision.get_comment()
    text = f"the version of {when} saved by {who}"
    return f"{text} (“{comment}”)" if comment else text


NOTHING_SAVED = "Nothing changed, so nothing was saved."


class ContentVersionAdmin(LineEndingsMixin, VersionAdmin):
    """VersionAdmin with one clear log line per restore or recovery."""

    history_latest_first = True
    object_history_template = "admin/education/object_history.html"

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        recovering = bool((extra_context or {}).get("recover"))
        request.b2m_restoring = (version, recovering)
        clash = self._unique_clash(version, recovering)
        if clash:
            # django-reversion would say "Could not save X version - missing dependency."
            messages.error(request, clash)
            return redirect(
                reverse(
                    f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
                )
            )
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def _unique_clash(self, version, recovering):
        """Why the version cannot come back: another item took its slug or key meanwhile."""
        try:
            old = version._object_version.object
        except Exception:  # a version the current model cannot read; reversion says so
            return ""
        for model_field in old._meta.concrete_fields:
            if not model_field.unique or model_field.primary_key:
                continue
            value = getattr(old, model_field.attname)
            other = (
                type(old)
                ._default_manager.filter(**{model_field.attname: value})
                .exclude(pk=old.pk)
                .first()
            )
            if other is not None:
                verb = "recovered" if recovering else "restored"
                noun = other._meta.verbose_name
                name = model_field.verbose_name
                return (
                    f"“{version.object_repr}” cannot be {verb} yet: the {noun} “{other}” now uses "
                    f"its {name} “{value}”. Give one of them another {name} first, then try again."
                )
        return ""

    def restore_message(self, request):
        version, recovering = request.b2m_restoring
        verb = "Recovered after deletion" if recovering else "Restored"
        return f"{verb} by {request.user.get_username()}: back to {describe_version(version)}."

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The form knows who is saving, to word a refused save over their own
        # newer one (admin_drafts.EditedFromForm) as theirs.
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"editing_user": request.user})

    # A Save with nothing changed is no step in the history: nothing is written, so
    # no revision ("No fields changed." by ed, or "the words match the live text") and
    # no admin log line, and the editor is told so. A restore always saves (its form
    # shows the old version, so it reads as unchanged).

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        request._b2m_formsets = formsets
        return formsets, inline_instances

    def _nothing_changed(self, request, form, change):
        return (
            change
            and request.method == "POST"
            and not getattr(request, "b2m_restoring", None)
            and not form.has_changed()
            and not any(formset.has_changed() for formset in getattr(request, "_b2m_formsets", ()))
        )

    def save_model(self, request, obj, form, change):
        if self._nothing_changed(request, form, change):
            request._b2m_unchanged = True
            return
        super().save_model(request, obj, form, change)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_b2m_unchanged", False) and level == messages.SUCCESS:
            message = NOTHING_SAVED
        return super().message_user(request, message, level, *args, **kwargs)

    def log_change(self, request, obj, message):
        if getattr(request, "_b2m_unchanged", False):
            return None
        if getattr(request, "b2m_restoring", None) and request.method == "POST":
            message = self.restore_message(request)
            entry = super().log_change(request, obj, message)
            # VersionAdmin replaces the revision's comment with a generic
            # "Reverted to previous version" after this; make it ours for good.
            request.b2m_restore_comment = message
            return entry
        return super().log_change(request, obj, message)

    @contextmanager
    def create_revision(self, request):
        with create_revision():
            set_user(request.user)
            yield
            # VersionAdmin sets a generic "Reverted to previous version" comment
            # inside this block after a restore; the revision keeps ours instead,
            # the same words as the one admin log entry.
            message = getattr(request, "b2m_restore_comment", None)
            if message:
                set_comment(message)

    # A delete is a step in the item's history like any other: "Deleted by ed on
    # 1 December 2026, 20:05." sits between the last change and a later
    # "Recovered after deletion by …", and holds the item (a page with its sections)
    # exactly as it was, so "Recover deleted" brings back what was deleted, not its
    # last saved version (whose review record may be older than the row's).

    def deletion_comment(self, request, when):
        stamp = date_format(timezone.localtime(when), "j F Y, H:i")
        return f"Deleted by {request.user.get_username()} on {stamp}."

    def _keep_last_version(self, request, objs):
        # Saved directly: a revision block (the list view runs in one) drops the
        # versions of rows that no longer exist when it closes.
        now = timezone.now()
        revision = Revision.objects.create(
            date_created=now, user=request.user, comment=self.deletion_comment(request, now)
        )
        for obj in objs:
            for each in sorted(_follow_relations_recursive(obj), key=lambda o: o is not obj):
                Version.objects.create(
                    revision=revision,
                    object_id=str(each.pk),
                    content_type=ContentType.objects.get_for_model(each),
                    db=each._state.db or "default",
                    format=_get_options(type(each)).format,
                    serialized_data=serialized(each),
                    object_repr=str(each),
                )

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._keep_last_version(request, [obj])
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            self._keep_last_version(request, list(queryset))
            super().delete_queryset(request, queryset)

    def sent_back_context(self, obj):
        """The reviewer's earlier send-back of this draft (workflow.earlier_send_back), with a
        link comparing the draft then and now, for the approve and send-back pages."""
        from .workflow import earlier_send_back

        sent_back = earlier_send_back(obj)
        if sent_back is None:
            return {}
        opts = self.model._meta
        compare = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare",
            args=[quote(obj.pk)],
        )
        return {
            "sent_back": sent_back,
            "sent_back_compare_url": (
                f"{compare}?from={sent_back.version_id}&to={sent_back.latest_version_id}"
            ),
        }

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        extra = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
        ]
        return extra + super().get_urls()

    def compare_view(self, request, object_id):
        from .compare import compare_view

        return compare_view(self, request, object_id)

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        versions = self._reversion_order_version_queryset(
            request,
            Version.objects.get_for_object_reference(self.model, unquote(object_id)).select_related(
                "revision", "revision__user"
            ),
        )
        context = {
            "compare_url": reverse(f"{name}_compare", args=[quote(unquote(object_id))]),
            "action_list": [
                {
                    "revision": version.revision,
                    "version_id": version.pk,
                    "url": reverse(f"{name}_revision", args=(quote(version.object_id), version.pk)),
                }
                for version in versions
            ],
        }
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)


__all__ = [
    "ContentVersionAdmin",
    "LineEndingsMixin",
    "LineEndingsTextField",
    "describe_version",
    "normalize_newlines",
]
