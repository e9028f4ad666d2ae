from django.contrib import admin
from django.urls import include, path

from b2m_site import views

admin.site.site_header = "B2M Guide content"
admin.site.site_title = "B2M Guide admin"
admin.site.index_title = "Pages, glossary and guidance wording"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("", include("interpreter.urls")),
    path("", include("education.urls")),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
