from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from .cache import cache_public_page
from .models import GlossaryTerm, LiveTopic, Topic


def live_topics():
    return LiveTopic.objects.all()


@cache_public_page
def home(request):
    return render(request, "education/home.html", {"topics": live_topics()})


@cache_public_page
def topic_list(request):
    return render(request, "education/topic_list.html", {"topics": live_topics()})


@cache_public_page
def topic_detail(request, slug):
    """The live version, for everyone (staff preview drafts at preview/)."""
    topic = get_object_or_404(LiveTopic.objects.prefetch_related("references"), slug=slug)
    key_points, sections = topic.split_sections()
    return render(
        request,
        "education/topic_detail.html",
        {
            "topic": topic,
            "key_points": key_points,
            "sections": sections,
            "references": topic.references.all(),
            "topics": list(live_topics()),
        },
    )


@staff_member_required
def topic_preview(request, pk):
    """The working copy (draft) of a page, as it would look once published."""
    if not request.user.has_perm("education.view_topic"):
        raise PermissionDenied
    topic = get_object_or_404(Topic.objects.prefetch_related("sections", "references"), pk=pk)
    key_points, sections = topic.split_sections()
    response = render(
        request,
        "education/topic_detail.html",
        {
            "topic": topic,
            "preview": True,
            "key_points": key_points,
            "sections": sections,
            "references": topic.references.all(),
            "topics": list(live_topics()),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@cache_public_page
def glossary(request):
    return render(
        request, "education/glossary.html", {"terms": GlossaryTerm.objects.visible_to(request.user)}
    )
