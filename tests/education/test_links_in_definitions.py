"""Links in glossary definitions (and glossary links in pages) are checked like page links.

Before, only a page's /learn/ and #section links were checked: a definition linking
to "/learn/kidneys-and-b2m/#filterin", "#gfrr" or "/glossary/#egrf" was saved,
approved and published without a word, and patients landed at the top of a page.
"""

import re
from html import unescape

import pytest

from education import publishing
from education.models import GlossaryTerm, Topic
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for
from tests.pages import text_of

pytestmark = pytest.mark.django_db

BAD = (
    " [More](/learn/kidneys-and-b2m/#filterin). See [GFR](#gfrr) and [eGFR](/glossary/#egrf)"
    " and [a page](/learn/no-such-page/)."
)
GOOD = " [More](/learn/kidneys-and-b2m/#filtering), [GFR](#gfr), [eGFR](/glossary/#egfr)."


def save_definition(client, term, addition):
    url = f"/admin/education/glossaryterm/{term.pk}/change/"
    data = browser_form_data(client, url, "glossaryterm_form")
    data["draft_definition"] += addition
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return text_of(response)


def test_dead_links_in_a_definition_are_flagged_on_save_and_for_the_reviewer(editor, reviewer):
    term = GlossaryTerm.objects.get(slug="glomerulus")
    ed = client_for(editor)
    page = save_definition(ed, term, BAD + GOOD)
    warnings = [
        "The definition links to /learn/kidneys-and-b2m/#filterin, but that page has no "
        "section “filterin”",
        "The definition links to #gfrr, but the glossary page has no term “gfrr”",
        "The definition links to /glossary/#egrf, but no term on the public glossary has that "
        "address",
        "The definition links to /learn/no-such-page/, which is not a live page",
    ]
    for warning in warnings:
        assert warning in page
    assert page.count("The definition links to") == 4  # the good links are not flagged
    assert "Draft saved" in page
    ed.post(f"/admin/education/glossaryterm/{term.pk}/submit/", {"note": ""})
    approve = text_of(client_for(reviewer).get(f"/admin/education/glossaryterm/{term.pk}/approve/"))
    assert "This draft has links that lead nowhere." in approve
    assert all(warning in approve for warning in warnings)


def test_a_page_linking_to_a_glossary_address_no_term_has_is_flagged(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    ed = client_for(editor)
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(ed, url, "topic_form")
    data["sections-1-body"] += "\r\n\r\n[eGFR](/glossary/#egrf) and [GFR](/glossary/#gfr)"
    response = ed.post(url, data)
    page = unescape(ed.get(response["Location"]).content.decode())
    assert "links to /glossary/#egrf, but no term on the public glossary has that address" in page
    assert "/glossary/#gfr," not in page


def test_the_shipped_definitions_have_no_dead_links():
    for term in GlossaryTerm.objects.all():
        assert publishing.definition_dead_links(term, term.definition) == [], term.slug


def test_a_term_a_page_links_to_by_its_address_stays_on_the_site(editor):
    """A written-out /glossary/#slug link breaks when the term goes offline, as [[slug]] does."""
    from education import workflow
    from tests.factories import make_term

    term = make_term(term="Spare", slug="spare")
    other = GlossaryTerm.objects.get(slug="glomerulus")
    other.definition += " See [spare](#spare)."
    other.save()
    with pytest.raises(workflow.WorkflowError, match="Glossary term “Glomerulus"):
        workflow.GLOSSARY.unpublish(term, user=editor)
    other.definition = other.definition.replace(" See [spare](#spare).", "")
    other.save()
    topic = Topic.objects.get(slug="what-is-b2m")
    publishing.make_live(topic)
    section = topic.sections.order_by("order").first()
    section.body += "\n\n[Spare](/glossary/#spare)"
    section.save()
    with pytest.raises(workflow.WorkflowError, match=re.escape("Working copy of “What is B2M?”")):
        workflow.GLOSSARY.unpublish(GlossaryTerm.objects.get(pk=term.pk), user=editor)
    assert publishing.glossary_uses("spare") == []  # a new slug is still fine: the old one stays
