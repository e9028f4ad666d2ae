"""/interpret/link/: a clinician builds a link to the checker with their lab's units and limits.

The link carries units and reference limits only, never a result: views.py
reads just those four fields from a query string (PREFILL_FIELDS). The page
also lists every section of the guide, each with a stable #id to link to.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from education.models import LiveTopic

from . import units
from .display import unit_label
from .forms import NumberField, plausible_limit, unit_field


class ClinicianLinkForm(forms.Form):
    """Units and upper limits a clinic's lab uses; never a patient's result."""

    serum_unit = unit_field("Unit your lab uses for blood (serum) B2M")
    serum_upper_limit = NumberField(
        what="the blood B2M upper limit",
        label="Upper limit of your lab's blood B2M range (optional)",
        help_text="In the unit above, for example 2.4.",
    )
    urine_unit = unit_field("Unit your lab uses for urine B2M")
    urine_upper_limit = NumberField(
        what="the urine B2M upper limit",
        label="Upper limit of your lab's urine B2M range (optional)",
        help_text="In the unit above, for example 0.3.",
    )

    def clean(self):
        data = super().clean()
        for analyte, name in (("serum", "blood"), ("urine", "urine")):
            unit = data.get(f"{analyte}_unit") or units.MG_PER_L
            data[f"{analyte}_unit"] = unit
            limit = data.get(f"{analyte}_upper_limit")
            if limit is not None and not plausible_limit(analyte, limit, unit):
                self.add_error(
                    f"{analyte}_upper_limit",
                    f"This does not look like a {name} B2M upper limit in {unit_label(unit)}. "
                    "Check the number and the unit.",
                )
        return data

    def query(self):
        """The interpreter's query string: both units, and the limits that were given."""
        data = self.cleaned_data
        values = {}
        for analyte in ("serum", "urine"):
            values[f"{analyte}_unit"] = data[f"{analyte}_unit"]
            limit = data.get(f"{analyte}_upper_limit")
            if limit is not None:
                values[f"{analyte}_upper_limit"] = f"{limit:g}"
        return urlencode(values, safe="/")


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
        # The live pages, as the public sees them (never an editor's draft).
        "topics": LiveTopic.objects.all(),
        "share_days": settings.SHARE_LINK_DAYS,
    }
    return render(request, "interpreter/clinician_link.html", context)
