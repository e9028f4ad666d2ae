"""Drafts beside the live version: publish, discard a draft, unpublish.

The Topic and Section rows are the working copy editors change in admin. The
public sees LiveTopic rows only. Publishing copies a rendered snapshot of the
working copy to the topic's LiveTopic in one transaction; the save bumps the
page cache (signals.py), so every worker serves the new version at once.
Each step is kept in the topic's history (django-reversion) with a comment
saying who did what.
"""

import hashlib
import json
import re
from dataclasses import dataclass

import reversion
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import (
    FormerTopicSlug,
    LiveTopic,
    PublishKind,
    ReviewState,
    Section,
    SectionKind,
    Status,
    Topic,
)


class PublishingError(Exception):
    """A step that cannot be done, with a message for the editor."""


def working_snapshot(topic):
    """What the working copy would look like live (compared with the live one)."""
    return {
        "slug": topic.slug,
        "title": topic.title,
        "summary": topic.summary,
        "order": topic.order,
        "sections": [
            {
                "id": s.pk,
                "slug": s.slug,
                "title": s.title,
                "order": s.order,
                "kind": s.kind,
                "body": s.body,
                "body_html": s.body_html,
            }
            for s in topic.sections.order_by("order", "id")
        ],
        "references": sorted(topic.references.values_list("pk", flat=True)),
    }


def draft_digest(topic):
    """A fingerprint of the working copy a review or minor-fix page showed.

    Posted back with Approve and with a minor fix, so only the draft the person
    read goes live (workflow.draft_digest does the same for terms and wording).
    """
    words = json.dumps(working_snapshot(topic), sort_keys=True, default=str)
    return hashlib.sha256(words.encode()).hexdigest()


def draft_changes(topic):
    """What would change for the public if the working copy went live (compare.py)."""
    from .compare import compare_snapshots
    from .models import Reference

    live = live_of(topic)
    live_data = live_snapshot(live) if live is not None else None
    draft = working_snapshot(topic)
    pks = set(draft["references"]) | set(live_data["references"] if live_data else [])
    names = {ref.pk: str(ref) for ref in Reference.objects.filter(pk__in=pks)}
    return compare_snapshots(live_data, draft, names)


def live_snapshot(live):
    return {
        "slug": live.slug,
        "title": live.title,
        "summary": live.summary,
        "order": live.order,
        "sections": live.sections,
        "references": sorted(live.references.values_list("pk", flat=True)),
    }


def live_of(topic):
    try:
        return topic.live
    except LiveTopic.DoesNotExist:
        return None


def has_unpublished_changes(topic):
    live = live_of(topic)
    return live is None or live_snapshot(live) != working_snapshot(topic)


def _record(topic, user, comment):
    reversion.add_to_revision(topic)
    if user is not None:
        reversion.set_user(user)
    reversion.set_comment(comment)


def make_live(topic, *, user=None, note="", review=None, at=None, kind=PublishKind.SHIPPED):
    """Copy the working copy to the live version (no history entry; callers add one).

    `review` is a dict with last_reviewed_on, reviewed_by_name, reviewed_by_role
    and next_review_due when a clinical review approved this version; it is
    recorded on the page. Without it the page keeps the review it had (a minor
    fix is no review): the live version's, which no edit or restore of the
    working copy can change.
    """
    snapshot = working_snapshot(topic)
    before = live_of(topic)
    old_slug = before.slug if before is not None else None
    other = LiveTopic.objects.filter(slug=snapshot["slug"]).exclude(topic=topic).first()
    if other is not None:
        raise PublishingError(
            f"Another live page, “{other.title}”, already uses the address /learn/{other.slug}/. "
            "Give this page a different slug, or unpublish the other page first."
        )
    review_fields = ("last_reviewed_on", "reviewed_by_name", "reviewed_by_role", "next_review_due")
    values = {
        "slug": snapshot["slug"],
        "title": snapshot["title"],
        "summary": snapshot["summary"],
        "order": snapshot["order"],
        "sections": snapshot["sections"],
        "published_at": at or timezone.now(),
        "published_by": user,
        "publish_note": note[:300],
        "publish_kind": kind,
    }
    if review is None and live_of(topic) is not None:
        review = {name: getattr(topic.live, name) for name in review_fields}
    if review is not None:
        for name in review_fields:
            setattr(topic, name, review[name])
    values.update({name: getattr(topic, name) for name in review_fields})
    live, _ = LiveTopic.objects.update_or_create(topic=topic, defaults=values)
    topic.live = live  # not the version read before this one, if any
    # Links to the page's old address keep working (views.topic_detail sends them on);
    # its address now is its own, whoever had it before.
    if old_slug and old_slug != live.slug:
        FormerTopicSlug.objects.update_or_create(slug=old_slug, defaults={"topic": topic})
    FormerTopicSlug.objects.filter(slug=live.slug).delete()
    live.references.set(snapshot["references"])
    topic.status = Status.PUBLISHED
    topic.save()
    return live


def unpublished_glossary_links(topic):
    """Glossary terms the working copy links to that the public glossary does not show yet."""
    from .markdown import glossary_slugs_in
    from .models import GlossaryTerm

    slugs = {slug for s in topic.sections.all() for slug in glossary_slugs_in(s.body)}
    return list(
        GlossaryTerm.objects.filter(slug__in=slugs)
        .exclude(status=Status.PUBLISHED)
        .order_by("term")
    )


def waiting_terms_refusal(what, waiting):
    """Why `what` ("page", "definition") cannot go live while it links to the glossary
    terms `waiting`, not yet public; "" when there are none."""
    if not waiting:
        return ""
    names = ", ".join(f"“{term.term}” ([[{term.slug}]])" for term in waiting)
    return (
        f"This {what} links to glossary terms that are not on the public glossary yet: "
        f"{names}. A clinical reviewer must approve the term first, or remove the link."
    )


def glossary_refusal(topic):
    """Why the page cannot go live yet (its glossary links), or "" when it can."""
    return waiting_terms_refusal("page", unpublished_glossary_links(topic))


def read_more_losses(topic):
    """The live sections result pages link to ("Read more") that publishing the draft drops.

    The interpreter's rules name those sections by address (rules.LEARN_MORE_KEYS,
    "page-slug#section-slug"), and results, the API and share links show a link
    only while a live section has that address. A draft that removes such a
    section or gives it a new slug would drop the link from every result without a
    word, so publishing it needs a confirmation. A new slug for the page itself
    drops nothing: its old address stays its own (FormerTopicSlug), and result pages
    follow the page there (interpreter.wording).
    """
    from interpreter import rules

    live = live_of(topic)
    if live is None:
        return []
    # The page's addresses, now and before: the rules may name it by either.
    pages = {live.slug, *FormerTopicSlug.objects.filter(topic=topic).values_list("slug", flat=True)}
    keyed = {
        key.partition("#")[2] for key in rules.LEARN_MORE_KEYS if key.partition("#")[0] in pages
    }
    kept = set(topic.sections.values_list("slug", flat=True))
    return [s for s in live.section_list if s.slug in keyed and s.slug not in kept]


def read_more_refusal(losses):
    """Why a publish that drops result-page "Read more" links needs a confirmation."""
    if not losses:
        return ""
    names = ", ".join(f"“{s.title}” ({s.get_absolute_url()})" for s in losses)
    return (
        "Result pages link to these sections with “Read more”, and this draft removes them or "
        f"changes their address: {names}. Every result and the API would lose those links, "
        "and links people saved would land at the top of the page. Keep each section and its "
        "slug as they are, or confirm that result pages may lose these links."
    )


# A Markdown link or an HTML href to a page: "](/learn/slug/#anchor" or
# 'href="https://site/learn/slug/"'.
_PAGE_LINK = re.compile(
    r"""(?:\]\(\s*<?|href=["'])(https?://[^/\s)"'>]+)?/learn/([\w-]+)/?(?:#([\w-]+))?"""
)


@dataclass(frozen=True)
class IncomingLink:
    """A live page's section whose text links to another page (or one of its sections)."""

    page: str  # the linking page's title
    section: str  # the linking section's title
    url: str  # the linking section's address
    target: str  # the address linked to: /learn/slug/ or /learn/slug/#anchor
    anchor: str  # "" when it links to the page itself


def links_in_text(text):
    """(page slug, anchor or "") for each link to a page in Markdown `text`.

    Links written with the site's own address (SITE_URL) count too; another
    site's /learn/ pages do not.

    >>> links_in_text("See [tests](/learn/next-steps/#follow-up-tests) and [x](/learn/a/).")
    [('next-steps', 'follow-up-tests'), ('a', '')]
    >>> links_in_text("[NHS](https://www.nhs.uk/learn/a/)")
    []
    """
    from urllib.parse import urlsplit

    from django.conf import settings

    ours = urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else None
    return [
        (slug, anchor or "")
        for site, slug, anchor in _PAGE_LINK.findall(text or "")
        if not site or urlsplit(site).netloc == ours
    ]


def incoming_links(topic):
    """Other live pages whose text links to this page (its live address) or its sections."""
    live = live_of(topic)
    slug = live.slug if live is not None else topic.slug
    found = []
    for other in LiveTopic.objects.exclude(topic=topic).order_by("order", "title"):
        for section in other.section_list:
            for target_slug, anchor in links_in_text(section.body):
                if target_slug != slug:
                    continue
                target = f"/learn/{slug}/" + (f"#{anchor}" if anchor else "")
                found.append(
                    IncomingLink(
                        other.title, section.title, section.get_absolute_url(), target, anchor
                    )
                )
    return found


# A link within the page: "](#anchor)" or 'href="#anchor"'.
_OWN_ANCHOR = re.compile(r"""(?:\]\(\s*<?|href=["'])#([\w-]+)""")
# A link to the glossary page or one of its terms: "](/glossary/#slug" (as [[slug]]
# writes it) or 'href="https://site/glossary/#slug"'.
_GLOSSARY_LINK = re.compile(
    r"""(?:\]\(\s*<?|href=["'])(https?://[^/\s)"'>]+)?/glossary/?(?:#([\w-]+))?"""
)


def glossary_anchors():
    """Every /glossary/#… address that opens a term on the public glossary page.

    A live term's slug, and the addresses live terms had before (FormerGlossarySlug).
    """
    from .models import FormerGlossarySlug, GlossaryTerm

    live = set(GlossaryTerm.objects.published().values_list("slug", flat=True))
    former = FormerGlossarySlug.objects.filter(term__status=Status.PUBLISHED)
    return live | set(former.values_list("slug", flat=True))


def _ours(site):
    from urllib.parse import urlsplit

    from django.conf import settings

    return not site or (
        bool(settings.SITE_URL) and urlsplit(site).netloc == urlsplit(settings.SITE_URL).netloc
    )


def _dead_links_in(
    text, where, *, here, here_is="this page", own_slug=None, own_sections=(), live_sections, terms
):
    """Sentences for the links in `text` that lead nowhere (see dead_links).

    `here` are the anchors of the page the text is shown on (`here_is`: a page's own
    sections, or the glossary's terms); `own_slug` and `own_sections` the page's own address and
    sections (its draft's), `live_sections` every other live page's, `terms` the
    glossary's anchors (glossary_anchors).
    """
    found = []
    for slug, anchor in links_in_text(text):
        target = f"/learn/{slug}/" + (f"#{anchor}" if anchor else "")
        sections = set(own_sections) if slug == own_slug else live_sections.get(slug)
        if sections is None:
            found.append(
                f"{where} {target}, which is not a live page: patients would see “page not found”."
            )
        elif anchor and anchor not in sections:
            found.append(
                f"{where} {target}, but that page has no section “{anchor}”: the link "
                "would open the top of the page."
            )
    for site, anchor in _GLOSSARY_LINK.findall(text or ""):
        if _ours(site) and anchor and anchor not in terms:
            found.append(
                f"{where} /glossary/#{anchor}, but no term on the public glossary has that "
                "address: the link would open the top of the glossary page."
            )
    part = "term" if here_is == "the glossary page" else "section"
    for anchor in _OWN_ANCHOR.findall(text or ""):
        if anchor not in here:
            found.append(
                f"{where} #{anchor}, but {here_is} has no {part} “{anchor}”: the link "
                "would do nothing."
            )
    return found


def _live_sections(exclude_topic=None):
    """{address: section slugs} of the live pages, old addresses (which still lead there) too."""
    pages = LiveTopic.objects.all()
    if exclude_topic is not None:
        pages = pages.exclude(topic=exclude_topic)
    found = {live.slug: {section.slug for section in live.section_list} for live in pages}
    by_topic = {live.topic_id: found[live.slug] for live in pages}
    for former in FormerTopicSlug.objects.filter(topic_id__in=by_topic):
        found.setdefault(former.slug, by_topic[former.topic_id])
    return found


def dead_links(topic):
    """Links in the working copy's sections to a page that is not live, a section that
    is not there or a glossary address no live term has, each as a sentence for the
    editor ([]: none).

    The page's own sections are its draft's (they go live with it); another page's
    are its live ones. Said on Save, so a typo is caught before a review.
    """
    own = {s.slug: s for s in topic.sections.all()}
    live_sections = _live_sections(exclude_topic=topic)
    terms = glossary_anchors()
    found = []
    for section in sorted(own.values(), key=lambda s: (s.order, s.pk or 0)):
        found += _dead_links_in(
            section.body,
            f"Section “{section.title}” links to",
            here=set(own),
            own_slug=topic.slug,
            own_sections=set(own),
            live_sections=live_sections,
            terms=terms,
        )
    return found


def definition_dead_links(term, definition):
    """dead_links for a glossary term's definition (shown on the glossary page)."""
    terms = glossary_anchors() | {term.slug}
    return _dead_links_in(
        definition,
        "The definition links to",
        here=terms,
        here_is="the glossary page",
        live_sections=_live_sections(),
        terms=terms,
    )


def links_broken_by_draft(topic):
    """The incoming links that would lead nowhere once the draft is live (section or page gone)."""
    live = live_of(topic)
    if live is None:
        return []
    # A page that moves keeps its old address working (FormerTopicSlug): only links to
    # sections the draft drops lead nowhere.
    kept = set(topic.sections.values_list("slug", flat=True))
    return [link for link in incoming_links(topic) if link.anchor and link.anchor not in kept]


def publish(
    topic,
    *,
    user,
    comment,
    note="",
    review=None,
    kind=PublishKind.MINOR_FIX,
    drop_read_more=False,
):
    """Make the working copy live and keep the step in the page's history.

    Refused while the page links to a glossary term that is not on the public
    glossary yet (a new term waiting for its clinical review): the link would
    lead nowhere. Refused, too, when it drops sections result pages link to
    (read_more_losses), unless `drop_read_more` says the person confirmed it.
    """
    refusal = glossary_refusal(topic)
    if refusal:
        raise PublishingError(refusal)
    if not drop_read_more:
        refusal = read_more_refusal(read_more_losses(topic))
        if refusal:
            raise PublishingError(refusal)
    with transaction.atomic(), reversion.create_revision():
        live = make_live(topic, user=user, note=note or comment, review=review, kind=kind)
        _record(topic, user, comment)
    return live


def discard_draft(topic, *, user):
    """Put the working copy back to the live version (the draft stays in history)."""
    live = live_of(topic)
    if live is None:
        raise PublishingError("This page has no live version to go back to.")
    try:
        with transaction.atomic(), reversion.create_revision():
            topic.sections.all().delete()
            topic.slug, topic.title = live.slug, live.title
            topic.summary, topic.order = live.summary, live.order
            # No draft is left to review: nothing waits for a reviewer, and no old
            # note or "sent back" hangs over the live version.
            topic.review_state = ReviewState.EDITING
            topic.submitted_by, topic.submitted_at, topic.review_note = None, None, ""
            topic.save()
            topic.references.set(live.references.all())
            for data in live.sections:
                Section.objects.create(
                    id=data.get("id"),
                    topic=topic,
                    slug=data["slug"],
                    title=data["title"],
                    order=data.get("order", 0),
                    kind=data.get("kind", SectionKind.TEXT),
                    body=data["body"],
                )
            _record(
                topic,
                user,
                f"Draft discarded by {user.get_username()}: back to the live version "
                f"published {timezone.localtime(live.published_at):%-d %B %Y, %H:%M}.",
            )
    except IntegrityError:
        raise PublishingError(
            f"Another page now uses the address /learn/{live.slug}/, so the draft cannot "
            "go back to it. Change that page's slug first."
        ) from None


def unpublish(topic, *, user):
    """Take the page offline (only ever after a confirmation page)."""
    live = live_of(topic)
    if live is None:
        raise PublishingError("This page is not live.")
    with transaction.atomic(), reversion.create_revision():
        live.delete()
        topic.status = Status.DRAFT
        topic.save()
        _record(topic, user, f"Unpublished by {user.get_username()}: taken offline.")


def make_published_topics_live(using="default"):
    """Pages a data migration added as published, that no editor has touched, go live.

    Only seeding publishes "as shipped". A page with any step by a person in its
    history (added, edited, published, unpublished or restored in admin) reaches
    the public only through an approval or a minor fix, whatever its `status`
    says: after-migrate runs on every deploy, and must never put back a page an
    editor took offline.
    """
    from reversion.models import Version

    touched = {
        int(pk)
        for pk in Version.objects.using(using)
        .get_for_model(Topic, model_db=using)
        .filter(revision__user__isnull=False)
        .values_list("object_id", flat=True)
    }
    made = 0
    waiting = Topic.objects.using(using).filter(status=Status.PUBLISHED, live__isnull=True)
    for topic in waiting.exclude(pk__in=touched):
        make_live(topic, note="Published as shipped.", at=timezone.now())
        made += 1
    return made


def links_to(topic):
    """Every public link that would stop working if this page went offline."""
    from interpreter import rules

    live = live_of(topic)
    if live is None:
        return {"page": None, "sections": [], "read_more": [], "linked_from": []}
    sections = live.section_list
    pages = [live.slug, *FormerTopicSlug.objects.filter(topic=topic).values_list("slug", flat=True)]
    keys = {f"{page}#{s.slug}": s for page in pages for s in sections}
    read_more = list(dict.fromkeys(keys[key] for key in rules.LEARN_MORE_KEYS if key in keys))
    return {
        "page": live,
        "sections": sections,
        "read_more": read_more,
        "linked_from": incoming_links(topic),
    }


def glossary_uses(slug, raw_links=False):
    """Where a [[slug]] link points to this glossary term, in words an editor knows.

    Live pages (what the public reads), the pages' working copies (drafts that
    may go live) and other terms' definitions. A term in use must not vanish from
    the glossary page: its links would lead nowhere. With `raw_links`, a written-out
    link to /glossary/#slug counts too (it breaks when the term goes offline, though
    not when its slug changes: the old address stays, FormerGlossarySlug).
    """
    from .markdown import glossary_slugs_in
    from .models import GlossaryTerm

    def links(text, on_glossary=False):
        if slug in glossary_slugs_in(text):
            return True
        if not raw_links:
            return False
        # On the glossary page itself (a definition), "#slug" is a link to the term too.
        here = on_glossary and slug in _OWN_ANCHOR.findall(text or "")
        return here or any(
            a == slug for site, a in _GLOSSARY_LINK.findall(text or "") if _ours(site)
        )

    uses = []
    for live in LiveTopic.objects.order_by("order", "title"):
        for section in live.section_list:
            if links(section.body):
                uses.append(f"Live page “{live.title}”, section “{section.title}”")
    for section in Section.objects.select_related("topic").order_by("topic__order", "order"):
        if links(section.body):
            uses.append(f"Working copy of “{section.topic.title}”, section “{section.title}”")
    for term in GlossaryTerm.objects.exclude(slug=slug).order_by("term"):
        if links(term.definition, on_glossary=True):
            uses.append(f"Glossary term “{term.term}”")
        elif links(term.draft_definition, on_glossary=True):
            uses.append(f"Draft of glossary term “{term.term}”")
    return uses


@dataclass(frozen=True)
class DeletedSection:
    """A section of a page's earlier version that its working copy no longer has."""

    version_id: int  # the newest history entry holding it
    section_id: int
    title: str
    slug: str
    kind: str
    order: int
    body: str
    seen_at: object  # when that entry was saved
    seen_by: str  # and by whom
    comment: str  # its comment ("Changed Body.", "Deleted by ed on …")
    is_live: bool  # the live page still shows it (the deletion is not published yet)


def deleted_sections(topic):
    """Sections the page's history holds that its working copy has lost, newest first.

    Each is the section as the newest history entry that holds it kept it, so one
    section deleted by mistake can come back without restoring the whole page.
    """
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Version

    section_type = ContentType.objects.get_for_model(Section)
    current = set(topic.sections.values_list("pk", flat=True))
    revisions = (
        Version.objects.get_for_object(topic)
        .order_by("-revision__date_created", "-pk")
        .values_list("revision_id", flat=True)
    )
    found = {}
    held = (
        Version.objects.filter(revision_id__in=list(revisions), content_type=section_type)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    live = live_of(topic)
    live_ids = {s.get("id") for s in live.sections} if live is not None else set()
    for version in held:
        section_id = int(version.object_id)
        if section_id in current or section_id in found:
            continue
        try:
            data = version.field_dict
        except Exception:  # a version the current model cannot read
            continue
        if data.get("topic_id", topic.pk) != topic.pk:
            continue
        user = version.revision.user
        found[section_id] = DeletedSection(
            version_id=version.pk,
            section_id=section_id,
            title=data.get("title", ""),
            slug=data.get("slug", ""),
            kind=data.get("kind", SectionKind.TEXT),
            order=data.get("order", 0),
            body=data.get("body", ""),
            seen_at=version.revision.date_created,
            seen_by=user.get_username() if user else "the system",
            comment=version.revision.get_comment(),
            is_live=section_id in live_ids,
        )
    return list(found.values())


def bring_back_section(topic, version_id, *, user):
    """Put one deleted section back into the page's working copy (the draft), as kept.

    It keeps its id, so a deletion not yet published simply disappears from the
    draft's changes. Refused when the page has a section with its slug now. One
    history entry; like any change it withdraws a submitted draft.
    """
    wanted = next((s for s in deleted_sections(topic) if s.version_id == version_id), None)
    if wanted is None:
        raise PublishingError(
            "That section is not among this page's deleted sections (it may be back already). "
            "Reload the list."
        )
    clash = topic.sections.filter(slug=wanted.slug).first()
    if clash is not None:
        raise PublishingError(
            f"The section “{wanted.title}” cannot come back yet: the section “{clash.title}” "
            f"now uses its slug “{wanted.slug}”. Give one of them another slug first (the "
            "page's form, Advanced), then try again."
        )
    when = timezone.localtime(wanted.seen_at)
    comment = (
        f"Section “{wanted.title}” brought back into the draft by {user.get_username()} "
        f"(as kept on {when:%-d %B %Y, %H:%M} by {wanted.seen_by})."
    )
    with transaction.atomic(), reversion.create_revision():
        Section.objects.create(
            id=wanted.section_id,
            topic=topic,
            title=wanted.title,
            slug=wanted.slug,
            kind=wanted.kind,
            order=wanted.order,
            body=wanted.body,
        )
        topic.last_edited_by = user
        if topic.review_state == ReviewState.SUBMITTED:
            topic.review_state = ReviewState.EDITING  # the draft under review changed
        topic.save()
        _record(topic, user, comment)
    return wanted
