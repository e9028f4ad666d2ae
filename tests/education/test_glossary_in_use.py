"""A glossary term that pages link to cannot vanish: no delete, no draft, no new address.

Live pages link to /glossary/#<slug>. A term deleted, moved back to draft (the
public glossary hides drafts) or given a new slug would leave those links leading
nowhere, so admin refuses each, naming the pages, and a term nobody links to
stays free to change.
"""

from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from education import publishing
from education.models import GlossaryTerm, Status
from tests.education.admin_forms import browser_form_data
from tests.factories import make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    editor.groups.add(Group.objects.get(name="Clinical reviewers"))
    client.force_login(editor)
    return client


@pytest.fixture
def linked():
    """A seeded term that a live page links to."""
    for term in GlossaryTerm.objects.filter(status=Status.PUBLISHED):
        uses = publishing.glossary_uses(term.slug)
        if any(use.startswith("Live page") for use in uses):
            return term
    pytest.fail("no seeded glossary term is linked from a live page")


@pytest.fixture
def unlinked():
    return GlossaryTerm.objects.create(
        term="Spare term", slug="spare-term", definition="Not linked from anywhere."
    )


def glossary_has(client, slug):
    return f'id="{slug}"' in client.get("/glossary/").content.decode()


def test_glossary_uses_names_live_pages_working_copies_and_other_terms(unlinked):
    assert publishing.glossary_uses("spare-term") == []
    topic = make_topic(title="Linking page")
    section = topic.sections.get()
    section.body = "See [[the spare one|spare-term]]."
    section.save()
    GlossaryTerm.objects.create(term="Other", slug="other", definition="Like [[spare-term]].")
    uses = publishing.glossary_uses("spare-term")
    assert "Working copy of “Linking page”, section “Section 1”" in uses
    assert "Glossary term “Other”" in uses
    assert not any(use.startswith("Live page “Linking page”") for use in uses)
    publishing.make_live(topic)
    assert "Live page “Linking page”, section “Section 1”" in publishing.glossary_uses("spare-term")


def test_a_linked_live_term_cannot_be_deleted_and_goes_through_take_off_the_site(
    editor_client, linked, client
):
    url = f"/admin/education/glossaryterm/{linked.pk}/delete/"
    page = unescape(editor_client.get(url, follow=True).content.decode())
    assert f"“{linked}” is on the public site, so it cannot be deleted" in page
    # Take off the site… then names the links and refuses.
    offline = unescape(
        editor_client.get(f"/admin/education/glossaryterm/{linked.pk}/unpublish/").content.decode()
    )
    assert publishing.glossary_uses(linked.slug)[0] in offline

    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert GlossaryTerm.objects.filter(pk=linked.pk).exists()
    assert glossary_has(client, linked.slug)


def test_a_draft_term_a_page_links_to_cannot_be_deleted_and_the_page_says_where(editor_client):
    term = GlossaryTerm.objects.create(
        term="Zeta protein", slug="zeta-protein", definition="New.", status=Status.DRAFT
    )
    topic = make_topic(title="Zeta page", status=Status.DRAFT)
    topic.sections.update(body="See [[zeta-protein]].")
    url = f"/admin/education/glossaryterm/{term.pk}/delete/"
    page = unescape(editor_client.get(url).content.decode())
    assert "so it cannot be deleted" in page
    assert "Working copy of “Zeta page”, section “Section 1” links to “Zeta protein”" in page
    assert "Yes, I’m sure" not in page and "Yes, I'm sure" not in page
    assert editor_client.post(url, {"post": "yes"}).status_code == 200
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()


def test_a_linked_term_cannot_be_deleted_from_the_list_either(editor_client, linked, unlinked):
    response = editor_client.post(
        "/admin/education/glossaryterm/",
        {"action": "delete_selected", "_selected_action": [linked.pk, unlinked.pk], "post": "yes"},
    )
    assert "so none were deleted" in response.content.decode()
    assert GlossaryTerm.objects.filter(pk__in=[linked.pk, unlinked.pk]).count() == 2


def test_a_linked_term_keeps_its_address(editor_client, linked, client):
    url = f"/admin/education/glossaryterm/{linked.pk}/change/"
    data = browser_form_data(editor_client, url, "glossaryterm_form")
    data["slug"] = "a-new-address"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Pages link to this term, so you cannot change its address" in response.content.decode()
    linked.refresh_from_db()
    assert linked.slug != "a-new-address"
    assert glossary_has(client, linked.slug)


def test_the_change_form_cannot_take_a_term_offline(editor_client, linked, client):
    # Only "Take off the site…", after its confirmation page, does that.
    url = f"/admin/education/glossaryterm/{linked.pk}/change/"
    data = browser_form_data(editor_client, url, "glossaryterm_form")
    assert "status" not in data
    data["status"] = Status.DRAFT
    assert editor_client.post(url, data).status_code == 302
    linked.refresh_from_db()
    assert linked.status == Status.PUBLISHED
    assert glossary_has(client, linked.slug)


def test_a_linked_term_cannot_be_taken_off_the_site_and_the_page_says_where_it_is_linked(
    editor_client, linked, client
):
    url = f"/admin/education/glossaryterm/{linked.pk}/unpublish/"
    page = unescape(editor_client.get(url).content.decode())
    assert "so it stays on the site: the links would lead nowhere" in page
    assert publishing.glossary_uses(linked.slug)[0] in page
    assert "Yes, take it off the site" not in page
    assert editor_client.post(url, {"confirm": "yes"}).status_code == 409
    linked.refresh_from_db()
    assert linked.status == Status.PUBLISHED
    assert glossary_has(client, linked.slug)


def test_the_list_action_asks_first_then_skips_linked_terms_and_says_so(
    editor_client, linked, unlinked
):
    chosen = {"action": "make_draft", "_selected_action": [linked.pk, unlinked.pk]}
    confirm = unescape(
        editor_client.post("/admin/education/glossaryterm/", chosen).content.decode()
    )
    assert "Take these off the public site?" in confirm
    assert "the term “Spare term” from the glossary page, at /glossary/#spare-term" in confirm
    assert f"“{linked.term}” is linked from:" in confirm
    unlinked.refresh_from_db()
    assert unlinked.status == Status.PUBLISHED  # nothing changed before the yes

    response = editor_client.post(
        "/admin/education/glossaryterm/", {**chosen, "post": "yes"}, follow=True
    )
    assert "stays published: pages link to it" in response.content.decode()
    linked.refresh_from_db()
    unlinked.refresh_from_db()
    assert (linked.status, unlinked.status) == (Status.PUBLISHED, Status.DRAFT)


def test_a_term_nobody_links_to_can_change_address_and_be_deleted(editor_client, unlinked):
    url = f"/admin/education/glossaryterm/{unlinked.pk}/change/"
    data = browser_form_data(editor_client, url, "glossaryterm_form")
    data["slug"] = "spare-term-moved"
    assert editor_client.post(url, data).status_code == 302
    unlinked.refresh_from_db()
    assert unlinked.slug == "spare-term-moved"
    # Published: taken off the site first, then deleted.
    editor_client.post(
        f"/admin/education/glossaryterm/{unlinked.pk}/unpublish/", {"confirm": "yes"}
    )
    editor_client.post(f"/admin/education/glossaryterm/{unlinked.pk}/delete/", {"post": "yes"})
    assert not GlossaryTerm.objects.filter(pk=unlinked.pk).exists()


def test_taking_a_term_off_the_site_asks_first_naming_what_disappears(editor_client, unlinked):
    change = f"/admin/education/glossaryterm/{unlinked.pk}/change/"
    assert "Take off the site…" in editor_client.get(change).content.decode()
    url = f"/admin/education/glossaryterm/{unlinked.pk}/unpublish/"

    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    page = unescape(confirm.content.decode())
    assert "The public will no longer see this glossary term" in page
    assert "the term “Spare term” from the glossary page, at /glossary/#spare-term" in page
    assert "Yes, take it off the site" in page
    unlinked.refresh_from_db()
    assert unlinked.status == Status.PUBLISHED  # the GET changed nothing
    assert glossary_has(Client(), "spare-term")

    assert editor_client.post(url, {"confirm": "yes"}).status_code == 302
    unlinked.refresh_from_db()
    assert unlinked.status == Status.DRAFT
    assert not glossary_has(Client(), "spare-term")
    # Off the site, it can come back only through a clinical review.
    assert "Take off the site…" not in editor_client.get(change).content.decode()
