from django.urls import path, re_path, register_converter

from . import api, clinician_links, downloads, sharing, views

app_name = "interpreter"


class ShareTokenConverter:
    """The characters of secrets.token_urlsafe; anything else is not a link of ours."""

    regex = "[A-Za-z0-9_-]{16,128}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ShareTokenConverter, "share_token")

urlpatterns = [
    path("interpret/", views.interpret_form, name="form"),
    path("interpret/checklist.pdf", downloads.checklist_pdf, name="checklist_pdf"),
    path("interpret/checklist.txt", downloads.checklist_txt, name="checklist_txt"),
    path("interpret/reminder.ics", downloads.reminder_ics, name="reminder_ics"),
    path("interpret/share/", sharing.create, name="share_create"),
    path("interpret/link/", clinician_links.clinician_link, name="clinician_link"),
    path("interpret/link/qr.svg", clinician_links.section_qr, name="clinician_link_qr"),
    path("r/<share_token:token>/", sharing.page, name="share"),
    path("r/<share_token:token>/checklist.pdf", sharing.share_pdf, name="share_pdf"),
    path("r/<share_token:token>/checklist.txt", sharing.share_txt, name="share_txt"),
    path("r/<share_token:token>/reminder.ics", sharing.share_ics, name="share_ics"),
    path("r/<share_token:token>/today/", sharing.today_page, name="share_today"),
    path("r/<share_token:token>/today/checklist.pdf", sharing.today_pdf, name="share_today_pdf"),
    path("r/<share_token:token>/today/checklist.txt", sharing.today_txt, name="share_today_txt"),
    path("r/<share_token:token>/delete/", sharing.delete, name="share_delete"),
    path("api/v1/interpret", api.interpret, name="api_interpret"),
    re_path(r"^api/", api.unknown),  # every answer under /api/ is JSON, a 404 too
]
