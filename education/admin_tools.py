"""Admin machinery shared by every versioned content admin (education and wording).

- `LineEndingsMixin`: browsers send text areas with CRLF line endings; text is
  kept with the line endings it had, so saving an unchanged body is no change
  at all (history lists only what really changed).
- `ContentVersionAdmin`: django-reversion's VersionAdmin whose restore and
  recover are logged once each, naming who did it and which version they went
  back to, and whose history page links to a side-by-side compare (compare.py).
"""

from contextlib import contextmanager

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.db import models
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import create_revision, set_comment, set_user

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


class ContentVersionAdmin(LineEndingsMixin, VersionAdmin):
    """VersionAdmin with one clear log line per restore or recovery."""

    history_latest_first = True
    object_history_template = "admin/education/object_history.html"

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        request.b2m_restoring = (version, bool((extra_context or {}).get("recover")))
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def restore_message(self, request):
        version, recovering = request.b2m_restoring
        verb = "Recovered after deletion" if recovering else "Restored"
        return f"{verb} by {request.user.get_username()}: back to {describe_version(version)}."

    def log_change(self, request, obj, message):
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
