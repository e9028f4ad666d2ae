import pytest
from django.contrib.auth.models import Group, User

from education.models import Status, Topic
from tests.factories import make_section, make_topic

pytestmark = pytest.mark.django_db


def test_topic_page_shows_sections_with_stable_ids_and_self_links(client):
    topic = make_topic(sections=0)
    make_section(topic=topic, slug="filtering", title="How filtering works", order=1)
    make_section(topic=topic, slug="tests", title="Which tests", order=2)
    response = client.get(f"/learn/{topic.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="filtering"' in html
    assert '<a href="#filtering">Link to this section' in html
    assert html.index('id="filtering"') < html.index('id="tests"')


def test_draft_topic_is_404_for_the_public(client):
    draft = make_topic(status=Status.DRAFT)
    assert client.get(f"/learn/{draft.slug}/").status_code == 404
    assert draft.title not in client.get("/learn/").content.decode()


def test_staff_preview_a_draft_with_a_banner_at_its_own_address(client):
    draft = make_topic(status=Status.DRAFT)
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    # The public address serves live pages only, for staff too.
    assert client.get(f"/learn/{draft.slug}/").status_code == 404
    response = client.get(f"/preview/topic/{draft.pk}/")
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()
    assert draft.title in response.content.decode()


def test_draft_preview_is_for_staff_only(client):
    draft = make_topic(status=Status.DRAFT)
    response = client.get(f"/preview/topic/{draft.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_unreviewed_page_says_it_awaits_clinical_review(client):
    topic = Topic.objects.published().first()
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Not yet reviewed" in html
    assert "Next review due" in html


def test_reviewed_page_names_the_reviewer_and_role(client):
    import datetime

    topic = make_topic(
        last_reviewed_on=datetime.date(2026, 1, 5),
        reviewed_by_name="Dr Sam Okafor",
        reviewed_by_role="Consultant nephrologist",
        next_review_due=datetime.date(2027, 1, 5),
    )
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Last reviewed on" in html
    assert "5 January 2026" in html
    assert "Dr Sam Okafor, Consultant nephrologist" in html


def test_topic_page_lists_its_references_as_links(client):
    topic = Topic.objects.published().first()
    html = client.get(topic.get_absolute_url()).content.decode()
    for reference in topic.references.all():
        assert f'href="{reference.url}"' in html


def test_glossary_entries_have_ids_the_pages_link_to(client):
    glossary = client.get("/glossary/").content.decode()
    for topic in Topic.objects.published():
        html = client.get(topic.get_absolute_url()).content.decode()
        for slug in set(__import__("re").findall(r'href="/glossary/#([\w-]+)"', html)):
            assert f'id="{slug}"' in glossary, f"{topic.slug} links to missing term {slug}"


def test_unknown_topic_is_404(client):
    assert client.get("/learn/no-such-topic/").status_code == 404


def test_a_topic_page_ends_with_a_clear_next_step(client):
    # Before, a page ended with its sources and a plain list of "More topics": a reader
    # holding a report had no next step at the end (the checker only in the header).
    from education.models import LiveTopic

    topics = list(LiveTopic.objects.all())
    assert len(topics) >= 2
    first, second, last = topics[0], topics[1], topics[-1]
    html = client.get(first.get_absolute_url()).content.decode()
    step = html[html.index('id="next-step-title"') :]
    assert "What to do next" in step[:100]
    assert f'href="{second.get_absolute_url()}">Next: {second.title}</a>' in step
    assert 'href="/interpret/">Check my result</a>' in step
    # It comes after the page's words and before its sources.
    assert html.index('id="next-step-title"') < html.index("About this page")
    # The last page has no "Next:", only the checker and the list of topics.
    end = client.get(last.get_absolute_url()).content.decode()
    assert "Next: " not in end and 'id="next-step-title"' in end


def _link_names(html):
    """{name a screen reader's links list reads: {href, ...}} for the links in <main>."""
    import re
    from html import unescape

    main = html[html.index("<main") : html.index("</main>")]
    names = {}
    for href, inner in re.findall(r'<a\b[^>]*\bhref="([^"]+)"[^>]*>(.*?)</a>', main, re.S):
        name = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", inner))).strip()
        names.setdefault(name, set()).add(unescape(href))
    return names


def test_links_in_the_guides_words_are_named_by_where_they_go(client):
    # "Here is why that matters", "See the signs", "Read the page for you": clear in
    # their sentence, but a screen reader's links list read only those words.
    # Every live page: one name, one place; the vague ones now say where they go.
    vague = {"here is why that matters", "see the signs", "read the page for you",
             "the steps below", "read about these conditions", "see how to get ready",
             "read what b2m means for you", "see other causes"}  # fmt: skip
    pages = [f"/learn/{slug}/" for slug in Topic.objects.values_list("slug", flat=True)]
    seen = set()
    for page in pages:
        names = _link_names(client.get(page).content.decode())
        # (A glossary term may share its name with a source in the page's own list.)
        guide = {n: {h for h in hs if not h.startswith("http")} for n, hs in names.items()}
        assert not {n: h for n, h in guide.items() if len(h) > 1}, page
        assert not vague & {name.lower() for name in names}, page
        seen |= set(names)
    assert (
        "Here is why that matters (“What can a high blood level mean?” in Your kidneys and B2M)"
        in seen
    )
    assert "Link to this section “Try not to panic”" in seen


def test_a_guide_links_hidden_name_is_escaped_and_a_link_that_names_its_place_is_left(client):
    topic = make_topic(sections=0)
    make_section(topic=topic, slug="why", title="When A < B & C", order=1)
    make_section(topic=topic, slug="more", title="More", order=2,
                 body="[Here is why](#why). [When A < B & C](#why).")  # fmt: skip
    html = client.get(f"/learn/{topic.slug}/").content.decode()
    assert (
        '<a href="#why" rel="noopener noreferrer">Here is why<span class="visually-hidden"> '
        "(“When A &lt; B &amp; C”)</span></a>" in html
    )
    assert '<a href="#why" rel="noopener noreferrer">When A &lt; B &amp; C</a>' in html
