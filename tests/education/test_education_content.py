"""The education content of issue 9: key points, get-help-sooner boxes, next steps
with timing, the repeat-test page and the page for people who already live with
myeloma, kidney disease or dialysis.

Several tests check, mechanically, the PEMAT-P items that the page structure
decides (summary at the top, chunked sections with headings, defined medical
terms, numbered steps, a checklist). The item-by-item scoring is in
docs/pemat-p.md.
"""

import re

import pytest
from django.apps import apps as global_apps

from education.models import Section, SectionKind, Topic
from tests.education.test_facts import visible_text
from tests.factories import make_section, make_topic

pytestmark = pytest.mark.django_db

NEW_PAGES = {
    "getting-ready-for-a-repeat-test": "Getting ready for a repeat test",
    "living-with-myeloma-or-kidney-disease": (
        "If you already have myeloma, kidney disease or dialysis"
    ),
}

# Each cause group has its own warning signs, on every page about that group:
# (page, box id, phrases the box must contain).
GET_HELP_BOXES = {
    "kidney": [
        ("kidneys-and-b2m", "get-help-kidneys", ["peeing much less than usual", "drowsy"]),
        ("causes-of-high-b2m", "get-help-kidneys", ["peeing much less than usual", "drowsy"]),
        (
            "living-with-myeloma-or-kidney-disease",
            "get-help-kidney-disease",
            ["peeing much less than usual", "drowsy"],
        ),
    ],
    "blood-cancer": [
        ("causes-of-high-b2m", "get-help-blood", ["Bone pain", "after 6 weeks"]),
        (
            "living-with-myeloma-or-kidney-disease",
            "get-help-blood-cancer",
            ["bone pain", "emergency number", "lose feeling in your arms or legs"],
        ),
    ],
    "dialysis": [
        (
            "living-with-myeloma-or-kidney-disease",
            "get-help-dialysis",
            ["pain, stiffness or swelling in your joints", "tingling"],
        ),
    ],
    "short-term-and-other-causes": [
        ("causes-of-high-b2m", "get-help-illness", ["not peed all day", "5 days or more"]),
        (
            "getting-ready-for-a-repeat-test",
            "get-help-before-the-test",
            ["not peed all day", "5 days or more"],
        ),
    ],
}

# The explicit "what to do next, in order, with timing" lists.
NEXT_STEP_LISTS = [
    ("understanding-your-result", "what-to-do-next"),
    ("next-steps", "your-next-steps"),
    ("getting-ready-for-a-repeat-test", "how-to-prepare"),
]
TIMING = re.compile(
    r"\b(this week|within a week|before|after|when|on the day|at the talk|days?|weeks?)\b",
    re.IGNORECASE,
)


def page(client, slug):
    response = client.get(f"/learn/{slug}/")
    assert response.status_code == 200, slug
    return response.content.decode()


def section_html(html, section_id):
    """The HTML of one <section id=...> (sections are not nested)."""
    match = re.search(rf'<section id="{section_id}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert match, f"no section #{section_id}"
    return match.group(0)


def published_slugs():
    return list(Topic.objects.published().values_list("slug", flat=True))


# --- New pages -------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(NEW_PAGES))
def test_new_page_is_published_and_linked_from_the_topic_list(client, slug):
    html = page(client, slug)
    assert f"<h1>{NEW_PAGES[slug]}</h1>" in html
    listing = client.get("/learn/").content.decode()
    assert f'href="/learn/{slug}/"' in listing


def test_repeat_test_page_gives_the_four_preparations(client):
    text = visible_text(section_html(page(client, "getting-ready-for-a-repeat-test"), "key-points"))
    assert "avoid hard exercise" in text
    assert "1 to 2 days before" in text
    assert "Drink as you normally do" in text
    assert "lab's own instructions" in text
    assert "medicines and supplements" in text


def test_repeat_test_page_keeps_fluid_limits_set_by_a_care_team(client):
    # "Drink normally" must never override a kidney or dialysis fluid limit.
    text = visible_text(page(client, "getting-ready-for-a-repeat-test"))
    assert "told you to limit fluids, keep to their advice" in text


def test_living_with_page_has_a_section_for_each_known_condition(client):
    html = page(client, "living-with-myeloma-or-kidney-disease")
    for section_id in ("blood-cancer", "kidney-disease", "dialysis"):
        assert f'<section id="{section_id}"' in html


def test_dialysis_section_says_a_high_level_is_expected_and_why_teams_watch_it(client):
    html = page(client, "living-with-myeloma-or-kidney-disease")
    text = visible_text(section_html(html, "dialysis"))
    assert "This is expected" in text
    assert "dialysis-related amyloidosis" in text
    assert "carpal tunnel syndrome" in text
    assert "This is why dialysis teams keep an eye on B2M" in text


def test_no_symptoms_note_names_the_dialysis_exception(client):
    text = visible_text(section_html(page(client, "what-is-b2m"), "no-symptoms"))
    assert "one exception" in text
    assert "dialysis" in text


def test_staging_marks_stay_off_the_education_pages(client):
    # The 3.5 and 5.5 mg/L staging marks belong only to the known-blood-cancer
    # path of the interpreter, never to general reading.
    for slug in published_slugs():
        text = visible_text(page(client, slug))
        assert not re.search(r"\b[35]\.5\s*mg/L", text), slug


# --- Key points at the top of every topic page ---------------------------------


@pytest.mark.parametrize("slug", [*NEW_PAGES, "what-is-b2m", "next-steps"])
def test_topic_page_opens_with_key_points(client, slug):
    html = page(client, slug)
    main = html[html.index("<h1>") :]
    key_points = main.index('class="key-points"')
    first_section = main.index('class="topic-section')
    assert key_points < first_section
    assert key_points < main.index('class="on-this-page"')
    box = section_html(html, "key-points")
    assert '<h2 id="key-points-title" class="key-points__title">Key points</h2>' in box
    assert box.count("<li>") >= 3


def test_every_published_topic_has_key_points(client):
    slugs = published_slugs()
    assert len(slugs) >= 7
    for slug in slugs:
        assert 'class="key-points"' in page(client, slug), slug


def test_key_points_show_first_whatever_their_order(client):
    topic = make_topic(sections=0)
    make_section(topic=topic, slug="body", title="Body", order=1, body="Body text.")
    make_section(
        topic=topic,
        slug="summary",
        title="Key points",
        order=99,
        kind=SectionKind.KEY_POINTS,
        body="- One.\n- Two.",
    )
    html = page(client, topic.slug)
    assert html.index('id="summary"') < html.index('id="body"')
    # The summary is not listed again under "On this page".
    assert 'href="#summary"' not in html


# --- Get help sooner boxes -----------------------------------------------------


@pytest.mark.parametrize(
    "slug,box,phrases",
    [box for boxes in GET_HELP_BOXES.values() for box in boxes],
    ids=[f"{group}:{box[0]}" for group, boxes in GET_HELP_BOXES.items() for box in boxes],
)
def test_cause_group_page_has_its_get_help_sooner_box(client, slug, box, phrases):
    html = section_html(page(client, slug), box)
    assert 'class="topic-section get-help"' in html
    assert re.search(r'<h2 id="[\w-]+-title" class="get-help__title">Get help sooner', html)
    assert "<ul>" in html
    text = visible_text(html).lower()
    for phrase in phrases:
        assert phrase.lower() in text, f"{slug}#{box} lacks {phrase!r}"


def test_get_help_section_kind_renders_as_a_box(client):
    topic = make_topic(sections=0)
    make_section(
        topic=topic,
        slug="warning",
        title="Get help sooner: test",
        kind=SectionKind.GET_HELP,
        body="- A sign.",
    )
    make_section(topic=topic, slug="plain", title="Plain", order=2)
    html = page(client, topic.slug)
    assert 'class="topic-section get-help"' in section_html(html, "warning")
    assert "get-help" not in section_html(html, "plain")


# --- What to do next, in order, with timing ------------------------------------


@pytest.mark.parametrize("slug,section_id", NEXT_STEP_LISTS)
def test_next_steps_are_numbered_and_each_says_when(client, slug, section_id):
    html = section_html(page(client, slug), section_id)
    steps = re.findall(r"<li>(.*?)</li>", re.search(r"<ol>(.*?)</ol>", html, re.DOTALL).group(1))
    assert len(steps) >= 4
    for step in steps:
        lead = re.match(r"<strong>(.*?):</strong>", step)
        assert lead, f"step does not start with when to do it: {step}"
        assert TIMING.search(lead.group(1)) or lead.group(1).startswith("If "), lead.group(1)
    # At least one step gives a concrete time, not only an order.
    assert re.search(r"\b(week|days?)\b", " ".join(steps))


def test_understanding_your_result_has_a_checklist_to_bring(client):
    html = section_html(page(client, "understanding-your-result"), "what-to-bring")
    assert html.count("<li>") >= 4
    assert "Your lab report" in html


# --- PEMAT-P structure that can be checked mechanically ------------------------


@pytest.mark.parametrize("slug", list(NEW_PAGES))
def test_new_page_uses_headings_glossary_links_and_sources(client, slug):
    html = page(client, slug)
    sections = re.findall(r'<section id="([\w-]+)" class="(?:topic-section|key-points)', html)
    headings = re.findall(r'<h2 id="([\w-]+)-title"', html)
    assert sections and set(sections) <= set(headings)
    assert len(re.findall(r'href="/glossary/#[\w-]+"', html)) >= 2
    topic = Topic.objects.get(slug=slug)
    assert topic.references.count() >= 2
    for reference in topic.references.all():
        assert reference.url.startswith(
            (
                "https://doi.org/",
                "https://medlineplus.gov/",
                "https://www.nhs.uk/",
                "https://www.niddk.nih.gov/",
            )
        ), reference.url
        assert f'href="{reference.url}"' in html


def test_new_glossary_terms_are_published(client):
    html = client.get("/glossary/").content.decode()
    for slug in ("dialysis", "amyloidosis", "carpal-tunnel", "staging"):
        assert f'id="{slug}"' in html


# --- The data migration on a database that already has content ------------------


def _migration():
    import importlib

    return importlib.import_module("education.migrations.0005_key_points_get_help_and_new_pages")


def test_migration_adds_missing_content_and_keeps_editor_changes():
    migration = _migration()
    Topic.objects.filter(slug="getting-ready-for-a-repeat-test").delete()
    Section.objects.filter(topic__slug="next-steps", slug="key-points").delete()
    edited = Section.objects.get(topic__slug="kidneys-and-b2m", slug="get-help-kidneys")
    edited.body = "An editor's own words."
    edited.save()

    migration.add_content(global_apps, None)

    assert Topic.objects.filter(slug="getting-ready-for-a-repeat-test", status="published")
    assert Section.objects.get(topic__slug="next-steps", slug="key-points").kind == "key_points"
    edited.refresh_from_db()
    assert edited.body == "An editor's own words."
    assert (
        Section.objects.filter(topic__slug="kidneys-and-b2m", slug="get-help-kidneys").count() == 1
    )


def test_migration_does_not_overwrite_an_edited_no_symptoms_note():
    migration = _migration()
    section = Section.objects.get(topic__slug="what-is-b2m", slug="no-symptoms")
    section.body = "Edited by an editor."
    section.save()
    migration.add_content(global_apps, None)
    section.refresh_from_db()
    assert section.body == "Edited by an editor."


def test_blood_cancer_section_no_longer_says_b2m_makes_the_diagnosis(client):
    # Issue 9, item 8: the site's own MedlinePlus reference says B2M results are
    # not used to diagnose cancer.
    text = visible_text(section_html(page(client, "causes-of-high-b2m"), "blood-cancers"))
    assert "make the diagnosis" not in text
    assert "not used on its own to diagnose them" in text


@pytest.mark.parametrize(
    "slug,section_id,target",
    [
        ("causes-of-high-b2m", "blood-cancers", "/learn/living-with-myeloma-or-kidney-disease/"),
        ("causes-of-high-b2m", "short-term-causes", "/learn/getting-ready-for-a-repeat-test/"),
        ("kidneys-and-b2m", "high-blood-level", "/learn/living-with-myeloma-or-kidney-disease/"),
        (
            "understanding-your-result",
            "key-points",
            "/learn/living-with-myeloma-or-kidney-disease/",
        ),
    ],
)
def test_existing_pages_point_readers_to_the_new_pages(client, slug, section_id, target):
    assert f'href="{target}' in section_html(page(client, slug), section_id)


def test_wording_migration_applies_once_and_keeps_an_editors_rewrite():
    import importlib

    migration = importlib.import_module(
        "education.migrations.0006_wording_fixes_and_links_to_new_pages"
    )
    blood = Section.objects.get(topic__slug="causes-of-high-b2m", slug="blood-cancers")
    before = blood.body
    migration.forwards(global_apps, None)
    blood.refresh_from_db()
    assert blood.body == before  # already applied: nothing doubles

    short = Section.objects.get(topic__slug="causes-of-high-b2m", slug="short-term-causes")
    short.body = "An editor's own words."
    short.save()
    migration.backwards(global_apps, None)
    migration.forwards(global_apps, None)
    short.refresh_from_db()
    assert short.body == "An editor's own words."
    blood.refresh_from_db()
    assert blood.body == before


def test_understanding_your_result_has_a_simple_table_at_a_glance(client):
    # PEMAT-P items 15 and 19: a visual aid, as a simple table with short, clear
    # column headings, read by screen readers as a table.
    html = section_html(page(client, "understanding-your-result"), "at-a-glance")
    headings = re.findall(r"<th>(.*?)</th>", html)
    assert headings == ["Which result is high", "What it may point to"]
    assert html.count("<tr>") >= 4  # the heading row and three rows
    assert "not a diagnosis" in visible_text(html)


def test_content_migration_makes_cached_pages_stale(django_capture_on_commit_callbacks):
    import importlib

    from education.cache import content_version

    migration = importlib.import_module("education.migrations.0007_understanding_at_a_glance_table")
    # The historical models a real migration uses send no signals to the
    # cache's receivers: only the migration's own step can refresh the cache.
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    state = MigrationExecutor(connection).loader.project_state(
        ("education", "0007_understanding_at_a_glance_table")
    )
    Section.objects.filter(slug="at-a-glance").delete()
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        migration.forwards(state.apps, None)
    assert Section.objects.filter(slug="at-a-glance").count() == 1
    assert content_version() != before
