from django.shortcuts import get_object_or_404, render

from .cache import cache_public_page
from .models import GlossaryTerm, Topic


@cache_public_page
def home(request):
    return render(request, "education/home.html", {"topics": Topic.objects.published()})


@cache_public_page
def topic_list(request):
    return render(request, "education/topic_list.html", {"topics": Topic.objects.published()})


@cache_public_page
def topic_detail(request, slug):
    topic = get_object_or_404(
        Topic.objects.visible_to(request.user).prefetch_related("sections", "references"),
        slug=slug,
    )
    topics = list(Topic.objects.published())
    key_points, sections = topic.split_sections()
    return render(
        request,
        "education/topic_detail.html",
        {"topic": topic, "key_points": key_points, "sections": sections, "topics": topics},
    )


@cache_public_page
def glossary(request):
    return render(
        request, "education/glossary.html", {"terms": GlossaryTerm.objects.visible_to(request.user)}
    )
