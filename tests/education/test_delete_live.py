"""A live reference or glossary term leaves the site only through "Take off the site…".

Deleting one that live pages cite or link to would change those pages at once,
with no clinical review, so admin refuses it for everyone, naming the pages. The
delete page names what goes in plain words, and a deleted reference comes back
from "Recover deleted" as it was, review record included.
"""

import datetime
from html import unescape

import pytest
import reversion
from django.contrib.auth.models import User
from django.test import Client
from reversion.models import Version

from education import publishing
from education.models import GlossaryTerm, LiveTopic, Reference, Status
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for, make_reference, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


@pytest.fixture
def superuser():
    client = Client()
    client.force_login(User.objects.create_superuser("boss", password="a-long-test-password"))
    return client


def cited():
    """A seeded published reference that a live page lists under Sources, and that page."""
    page = LiveTopic.objects.filter(references__isnull=False).order_by("order").first()
    return page.references.order_by("pk").first(), page


def sources_of(page):
    return unescape(Client().get(page.get_absolute_url()).content.decode())


ON_SITE = "is on the public site, so it cannot be deleted: it would leave the site at once"


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_a_reference_a_live_page_cites_cannot_be_deleted(who, request):
    client = request.getfixturevalue(who)
    reference, page = cited()
    url = f"/admin/education/reference/{reference.pk}/delete/"
    change = f"/admin/education/reference/{reference.pk}/change/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == change
    shown = unescape(client.get(change).content.decode())
    assert f"“{reference}” {ON_SITE}. Take it off the site first" in shown
    assert "Take off the site…" in shown

    client.post(url, {"post": "yes"})
    assert Reference.objects.filter(pk=reference.pk).exists()
    assert reference.title in sources_of(page)


def test_the_list_action_refuses_to_delete_cited_references_too(editor):
    reference, page = cited()
    spare = make_reference(title="Cited nowhere")
    response = editor.post(
        "/admin/education/reference/",
        {"action": "delete_selected", "_selected_action": [reference.pk, spare.pk], "post": "yes"},
    )
    shown = unescape(response.content.decode())
    assert "so none were deleted" in shown
    assert f"Live page “{page.title}”" in shown
    assert Reference.objects.filter(pk__in=[reference.pk, spare.pk]).count() == 2


def test_a_live_term_a_live_page_links_to_cannot_be_deleted_by_a_superuser(superuser):
    term = next(
        term
        for term in GlossaryTerm.objects.filter(status=Status.PUBLISHED)
        if any(use.startswith("Live page") for use in publishing.glossary_uses(term.slug))
    )
    url = f"/admin/education/glossaryterm/{term.pk}/delete/"
    shown = unescape(superuser.get(url, follow=True).content.decode())
    assert f"“{term}” {ON_SITE}" in shown
    superuser.post(url, {"post": "yes"})
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()


def test_the_delete_page_names_the_pages_in_plain_words(superuser):
    reference = make_reference(title="Only on drafts", status=Status.DRAFT)
    live = LiveTopic.objects.order_by("order").first()
    live.topic.references.add(reference)
    live.references.add(reference)  # a draft reference: the public does not see it
    shown = unescape(
        superuser.get(f"/admin/education/reference/{reference.pk}/delete/").content.decode()
    )
    assert "object (" not in shown
    assert "relationship" not in shown
    assert f"Cited on live page: “{live.title}” ({live.get_absolute_url()})" in shown
    assert f"Cited on page: “{live.topic.title}” (working copy" in shown


def test_a_deleted_reference_is_recovered_with_its_review_record(editor):
    with reversion.create_revision():
        reference = make_reference(title="Recover me", status=Status.DRAFT)
        reversion.set_comment("Added.")
    # The row's review record moved on after its last saved version (as a data
    # migration or an earlier tool did to the shipped sources).
    reviewed, due = datetime.date(2026, 11, 2), datetime.date(2027, 11, 2)
    Reference.objects.filter(pk=reference.pk).update(
        last_reviewed_on=reviewed,
        reviewed_by_name="Dr Rita Vance",
        reviewed_by_role="Nephrologist",
        next_review_due=due,
    )
    pk = reference.pk
    editor.post(f"/admin/education/reference/{pk}/delete/", {"post": "yes"})
    assert not Reference.objects.filter(pk=pk).exists()

    deleted = Version.objects.get_deleted(Reference).get(object_id=str(pk))
    url = f"/admin/education/reference/recover/{deleted.pk}/"
    response = editor.post(url, browser_form_data(editor, url, "reference_form"))
    assert response.status_code == 302
    recovered = Reference.objects.get(pk=pk)
    assert recovered.title == "Recover me"
    assert recovered.last_reviewed_on == reviewed
    assert recovered.reviewed_by_name == "Dr Rita Vance"
    assert recovered.next_review_due == due


def _unused(model):
    if model is Reference:
        return make_reference(title="On no page")
    return GlossaryTerm.objects.create(term="Unused term", slug="unused-term", definition="Plain.")


@pytest.mark.parametrize("model", [GlossaryTerm, Reference], ids=lambda m: m.__name__)
def test_a_published_item_no_page_uses_goes_through_take_off_the_site_first(editor, model):
    obj = _unused(model)
    assert obj.status == Status.PUBLISHED
    base = f"/admin/education/{model._meta.model_name}"
    change = unescape(editor.get(f"{base}/{obj.pk}/change/").content.decode())
    assert f'href="{base}/{obj.pk}/delete/"' not in change  # no Delete button while live
    response = editor.post(f"{base}/{obj.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert model.objects.get(pk=obj.pk).status == Status.PUBLISHED

    # The list's "Delete selected" refuses with the reason, not a missing permission.
    listed = editor.post(
        f"{base}/", {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    shown = unescape(listed.content.decode())
    assert "so none were deleted" in shown
    assert f"“{obj}” is on the public site: take it off the site first" in shown
    assert "permission" not in shown.lower()
    assert model.objects.filter(pk=obj.pk).exists()

    # Taken off the site, it can be deleted.
    editor.post(f"{base}/{obj.pk}/unpublish/", {"confirm": "yes"})
    assert editor.post(f"{base}/{obj.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", [GlossaryTerm, Reference], ids=lambda m: m.__name__)
def test_recover_says_it_recovered_and_puts_nothing_back_on_the_site(editor, model):
    obj = _unused(model)
    base = f"/admin/education/{model._meta.model_name}"
    editor.post(f"{base}/{obj.pk}/unpublish/", {"confirm": "yes"})
    editor.post(f"{base}/{obj.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(model).get(object_id=str(obj.pk))
    url = f"{base}/recover/{deleted.pk}/"
    response = editor.post(url, browser_form_data(editor, url, f"{model._meta.model_name}_form"))
    shown = unescape(editor.get(response["Location"]).content.decode())
    noun = model._meta.verbose_name
    assert f"Recovered: the {noun} is back in admin as it was when it was deleted." in shown
    assert "submit it for clinical review, and a clinical reviewer's approval puts it back" in shown
    assert "there is no draft to publish" not in shown
    assert model.objects.get(pk=obj.pk).status == Status.DRAFT
