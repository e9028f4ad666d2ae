from types import SimpleNamespace

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .cache import cache_public_page
from .models import GlossaryTerm, LiveTopic, Reference, Topic
from .templatetags.guide_links import destinations


def _staff_preview(request, template, context):
    """A draft as it would look live: for staff only, never indexed or kept in a cache."""
    response = render(request, template, {**context, "preview": True})
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def live_topics():
    return LiveTopic.objects.all()


@cache_public_page
def home(request):
    return render(request, "education/home.html", {"topics": live_topics()})


@cache_public_page
def topic_list(request):
    return render(request, "education/topic_list.html", {"topics": live_topics()})


def next_topic(topics, slug):
    """The page after `slug` in the list's order (a reader's next step), or None."""
    slugs = [topic.slug for topic in topics]
    index = slugs.index(slug) if slug in slugs else len(slugs)
    return topics[index + 1] if index + 1 < len(topics) else None


@cache_public_page
def topic_detail(request, slug):
    """The live version, for everyone (staff preview drafts at preview/)."""
    topic = LiveTopic.objects.filter(slug=slug).first()
    if topic is None:
        # A page's old address (its slug changed) leads to it, so saved links still work.
        moved = LiveTopic.objects.filter(topic__former_slugs__slug=slug).first()
        if moved is None:
            raise Http404("No such page.")
        return redirect(moved.get_absolute_url())
    key_points, sections = topic.split_sections()
    return render(
        request,
        "education/topic_detail.html",
        {
            "topic": topic,
            "key_points": key_points,
            "sections": sections,
            "references": topic.public_references(),
            "topics": (topics := list(live_topics())),
            "next_topic": next_topic(topics, topic.slug),
            "link_names": destinations(topics, topic.slug, topic.section_list),
        },
    )


@staff_member_required
def topic_preview(request, pk):
    """The working copy (draft) of a page, as it would look once published."""
    if not request.user.has_perm("education.view_topic"):
        raise PermissionDenied
    topic = get_object_or_404(Topic.objects.prefetch_related("sections", "references"), pk=pk)
    key_points, sections = topic.split_sections()
    return _staff_preview(
        request,
        "education/topic_detail.html",
        {
            "topic": topic,
            "key_points": key_points,
            "sections": sections,
            "references": topic.references.all(),
            "topics": (topics := list(live_topics())),
            "next_topic": next_topic(topics, topic.slug),
            "link_names": destinations(topics, "", key_points + sections),
        },
    )


@cache_public_page
def glossary(request):
    """The live words of published terms, for everyone (staff preview drafts at preview/)."""
    terms = GlossaryTerm.objects.published().prefetch_related("former_slugs")
    return render(request, "education/glossary.html", {"terms": terms})


@staff_member_required
def glossary_preview(request):
    """The glossary as it would read with every draft approved: new terms and changed words."""
    if not request.user.has_perm("education.view_glossaryterm"):
        raise PermissionDenied
    terms = [
        SimpleNamespace(
            slug=term.slug,
            status=term.status,
            changed=term.has_draft,
            definition_html=term.draft_definition_html,
            **{name: text for name, text in term.draft_words().items() if name != "definition"},
        )
        for term in GlossaryTerm.objects.visible_to(request.user)
    ]
    terms.sort(key=lambda term: term.term.lower())
    return _staff_preview(request, "education/glossary.html", {"terms": terms})


@staff_member_required
def references_preview(request):
    """Every source as it would read with its draft approved: new and changed ones marked."""
    if not request.user.has_perm("education.view_reference"):
        raise PermissionDenied
    references = [
        SimpleNamespace(
            pk=reference.pk,
            status=reference.status,
            changed=reference.has_draft,
            **reference.draft_words(),
        )
        for reference in Reference.objects.all()
    ]
    references.sort(key=lambda reference: reference.title.lower())
    return _staff_preview(request, "education/references_preview.html", {"references": references})
