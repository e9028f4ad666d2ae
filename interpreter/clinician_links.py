"""/interpret/link/: a clinician builds a link to the checker with their lab's units and limits.

The link carries units and reference limits only, never a result: views.py
reads just those four fields from a query string (PREFILL_FIELDS). Urine may be
set in a unit per creatinine, as many labs report it. The page
also lists every section of the guide, each with a stable #id to link to.
"""

import io
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import segno
from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_safe

from education.models import LiveTopic

from . import units
from .display import unit_label
from .forms import (
    FixedChoiceField,
    NumberField,
    plain_number,
    plausible_limit,
    select_choices,
    unit_message,
)

# Short, so a 320 px phone shows it whole; the hint says what it means.
NOT_SET = ("", "Not set")
UNIT_HINT = "“Not set”: the patient picks the unit printed on their report."


def _unit_choice(label, choices, what):
    # No unit is assumed: a wrong one would turn a urine result a thousandfold.
    return FixedChoiceField(
        label=label,
        choices=[NOT_SET, *select_choices(choices)],
        required=False,
        help_text=UNIT_HINT,
        invalid=unit_message(what),
    )


class ClinicianLinkForm(forms.Form):
    """Units and upper limits a clinic's lab uses; never a patient's result.

    Each is optional; the link carries only what was chosen. A limit needs its
    unit, and a per-creatinine urine unit needs the lab's own limit (there is no
    typical one, as on the checker).
    """

    serum_unit = _unit_choice(
        "Unit your lab uses for blood (serum) B2M", units.UNIT_CHOICES, "your lab's blood B2M"
    )
    serum_upper_limit = NumberField(
        what="the blood B2M upper limit",
        label="Upper limit of your lab's blood B2M range (optional)",
        help_text="In the unit above, for example 2.4.",
    )
    urine_unit = _unit_choice(
        "Unit your lab uses for urine B2M", units.URINE_UNIT_CHOICES, "your lab's urine B2M"
    )
    urine_upper_limit = NumberField(
        what="the urine B2M upper limit",
        label="Upper limit of your lab's urine B2M range (optional)",
        help_text="In the unit above, for example 300 (µg/L) or 160 (µg/g creatinine).",
    )

    def clean(self):
        data = super().clean()
        for analyte, name in (("serum", "blood"), ("urine", "urine")):
            unit = data.get(f"{analyte}_unit")
            limit_field = f"{analyte}_upper_limit"
            limit = data.get(limit_field)
            if self.has_error(limit_field) or self.has_error(f"{analyte}_unit"):
                continue
            if limit is not None and not unit:
                self.add_error(
                    f"{analyte}_unit",
                    f"Choose the unit of your lab's {name} B2M upper limit, so that the "
                    "patient reads it in the same unit as their report.",
                )
            elif unit and units.is_per_creatinine(unit):
                if limit is None:
                    self.add_error(
                        limit_field,
                        f"Enter your lab's upper limit in {unit_label(unit)}. For results "
                        "per creatinine there is no typical limit to fall back on.",
                    )
            elif limit is not None and not plausible_limit(analyte, limit, unit):
                self.add_error(
                    limit_field,
                    f"This does not look like a {name} B2M upper limit in {unit_label(unit)}. "
                    "Check the number and the unit.",
                )
        if not self.errors and not any(data.get(name) not in (None, "") for name in self.fields):
            self.add_error(
                "serum_unit",
                "Choose at least one unit or limit to fill in. A link with none of them "
                "is the same as the checker's own address.",
            )
        return data

    def query(self):
        """The checker's query string: the units chosen, and the limits that were given."""
        data = self.cleaned_data
        values = {}
        for analyte in ("serum", "urine"):
            if data.get(f"{analyte}_unit"):
                values[f"{analyte}_unit"] = data[f"{analyte}_unit"]
            limit = data.get(f"{analyte}_upper_limit")
            if limit is not None:
                # In full, as the checker reads it back: never 1e-05, never rounded.
                values[f"{analyte}_upper_limit"] = plain_number(limit)
        return urlencode(values, safe="/")


@dataclass(frozen=True)
class SectionLink:
    title: str
    path: str  # with its #anchor
    url: str  # absolute, to copy
    qr: str  # the QR code image's address


def _section_link(request, title, path):
    return SectionLink(
        title=title,
        path=path,
        url=request.build_absolute_uri(path),
        qr=f"{reverse('interpreter:clinician_link_qr')}?{urlencode({'to': path})}",
    )


def _topic_links(request):
    topics = []
    # The live pages, as the public sees them (never an editor's draft).
    for topic in LiveTopic.objects.all():
        links = [_section_link(request, "The whole page", topic.get_absolute_url())]
        for section in topic.section_list:
            links.append(_section_link(request, section.title, section.get_absolute_url()))
        topics.append((topic, links))
    return topics


# A guide link is a short path and maybe a section's slug; a QR code of this size
# holds a few thousand characters, so anything longer is not one of ours.
MAX_QR_LINK = 300
_ANCHOR = re.compile(r"[-a-zA-Z0-9_]*")  # a section's or term's slug (SlugField)
QR_TOO_LONG = "This link is too long to be a page of the guide, so there is no QR code for it."


def _guide_path(to):
    """`to` if it is a page of the guide on this site (a path, maybe with #anchor), else None."""
    parts = urlsplit(to or "")
    if parts.scheme or parts.netloc or parts.query or not parts.path.startswith("/learn/"):
        return None
    if not _ANCHOR.fullmatch(parts.fragment):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    slug = match.kwargs.get("slug")
    if slug is not None and not LiveTopic.objects.filter(slug=slug).exists():
        return None
    return to


def _plain_bad_request(message):
    response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def section_qr(request):
    """A QR code (SVG) of a link to a page or section of the guide, for /interpret/link/."""
    to = request.GET.get("to") or ""
    if len(to) > MAX_QR_LINK:
        return _plain_bad_request(QR_TOO_LONG)
    path = _guide_path(to)
    if path is None:
        raise Http404("Not a page of the guide")
    try:
        code = segno.make(request.build_absolute_uri(path), error="m")
    except segno.DataOverflowError:  # a very long host name: still never a 500
        return _plain_bad_request(QR_TOO_LONG)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=2, scale=4, title="QR code of the link")
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def clinician_link(request):
    """Build a pre-filled interpreter link (a GET form, so it works without JavaScript)."""
    form = ClinicianLinkForm(request.GET if request.GET else None)
    link = None
    if form.is_valid():
        link = request.build_absolute_uri(f"{reverse('interpreter:form')}?{form.query()}")
    errors = [
        (form[name].auto_id if name in form.fields else "main-content", message)
        for name, messages_ in form.errors.items()
        for message in messages_
    ]
    context = {
        "form": form,
        "errors": errors,
        "link": link,
        "topics": _topic_links(request),
        "share_days": settings.SHARE_LINK_DAYS,
    }
    return render(request, "interpreter/clinician_link.html", context)
