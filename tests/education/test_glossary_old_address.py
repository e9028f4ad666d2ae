"""A live glossary term's old address keeps leading to it after its slug changes.

Before, a new slug went live on Save and /glossary/#old-slug (in saved links, sent
links, other sites) opened the top of the glossary page. Now the glossary page keeps
the old address as an anchor on the term (models.FormerGlossarySlug).
"""

import re

import pytest
from django.test import Client

from education import workflow
from education.models import FormerGlossarySlug, GlossaryTerm
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def ids_on_glossary():
    return re.findall(r'\bid="([^"]+)"', Client().get("/glossary/").content.decode())


def new_live_term(editor, reviewer, slug="zeta-protein"):
    ed = client_for(editor)
    response = ed.post(
        "/admin/education/glossaryterm/add/",
        {
            "draft_term": "Zeta protein",
            "draft_definition": "A made-up protein.",
            "draft_also_known_as": "",
            "slug": slug,
        },
    )
    assert response.status_code == 302
    term = GlossaryTerm.objects.get(slug=slug)
    workflow.GLOSSARY.submit(term, user=editor)
    response = digest_post(
        client_for(reviewer), f"/admin/education/glossaryterm/{term.pk}/approve/"
    )
    assert response.status_code == 302
    return ed, GlossaryTerm.objects.get(pk=term.pk)


def change_slug(client, term, slug):
    url = f"/admin/education/glossaryterm/{term.pk}/change/"
    data = browser_form_data(client, url, "glossaryterm_form")
    data["slug"] = slug
    return client.post(url, data, follow=True)


def test_the_old_address_still_opens_the_term(editor, reviewer):
    ed, term = new_live_term(editor, reviewer)
    page = text_of(change_slug(ed, term, "zeta-prot"))
    assert "Links to the old address still open this term on the glossary page." in page
    html = Client().get("/glossary/").content.decode()
    # Both addresses lead to the term's entry: the old one is an anchor in its <dt>.
    assert re.search(r'<dt><span id="zeta-protein"></span>Zeta protein', html)
    assert 'id="zeta-prot"' in html
    form = text_of(client_for(editor).get(f"/admin/education/glossaryterm/{term.pk}/change/"))
    assert "Still lead to this term: /glossary/#zeta-protein" in form


def test_no_address_is_on_the_page_twice(editor, reviewer):
    ed, term = new_live_term(editor, reviewer)
    change_slug(ed, term, "zeta-prot")
    change_slug(ed, GlossaryTerm.objects.get(pk=term.pk), "zeta-protein")  # and back again
    assert set(FormerGlossarySlug.objects.values_list("slug", flat=True)) == {"zeta-prot"}
    ids = ids_on_glossary()
    assert len(ids) == len(set(ids))
    assert "zeta-protein" in ids and "zeta-prot" in ids


def test_a_term_never_on_the_site_keeps_no_old_address(editor):
    ed = client_for(editor)
    ed.post(
        "/admin/education/glossaryterm/add/",
        {
            "draft_term": "Eta",
            "draft_definition": "A word.",
            "draft_also_known_as": "",
            "slug": "eta",
        },
    )
    change_slug(ed, GlossaryTerm.objects.get(slug="eta"), "eta-2")
    assert not FormerGlossarySlug.objects.exists()
