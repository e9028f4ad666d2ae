from django.urls import path

from . import views

app_name = "education"

urlpatterns = [
    path("", views.home, name="home"),
    path("learn/", views.topic_list, name="topic_list"),
    path("learn/<slug:slug>/", views.topic_detail, name="topic"),
    path("preview/topic/<int:pk>/", views.topic_preview, name="topic_preview"),
    path("glossary/", views.glossary, name="glossary"),
    path("preview/glossary/", views.glossary_preview, name="glossary_preview"),
    path("preview/references/", views.references_preview, name="references_preview"),
]
