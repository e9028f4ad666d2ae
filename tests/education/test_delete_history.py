"""Deleting a page is a step in its history, and a live page says why it cannot be deleted.

A live page leaves the site only through Unpublish: its delete page sends the
editor back to the page with the reason (as published terms and references do),
not the patients' 403 page. A delete is kept in History ("Deleted by … on …"),
so a recovered page's history reads Unpublished, Deleted, Recovered.
"""

import re
from html import unescape

import pytest
from reversion.models import Version

from education.models import GlossaryTerm, Reference, Status, Topic
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for, make_reference, make_term, make_user

pytestmark = pytest.mark.django_db

ON_SITE = (
    "is on the public site, so it cannot be deleted: it would leave the site at once. Take it "
    "off the site first (“Unpublish…”"
)
DELETED_BY = re.compile(r"Deleted by ed on \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d\.")


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def live_page():
    return Topic.objects.filter(live__isnull=False, sections__isnull=False).order_by("pk").first()


def shown(client, response):
    return unescape(client.get(response["Location"]).content.decode())


def test_a_live_pages_delete_page_sends_the_editor_back_with_the_reason(editor):
    topic = live_page()
    url = f"/admin/education/topic/{topic.pk}/delete/"
    for send in (editor.get, editor.post):
        response = send(url, {"post": "yes"})
        assert response.status_code == 302
        assert response["Location"] == f"/admin/education/topic/{topic.pk}/change/"
        page = shown(editor, response)
        assert f"“{topic.title}” {ON_SITE}" in page
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_someone_without_delete_permission_still_gets_403(editor):
    reviewer = client_for(make_user("rv", "Clinical reviewers"))
    topic = live_page()
    assert reviewer.get(f"/admin/education/topic/{topic.pk}/delete/").status_code == 403


def history(client, topic_pk):
    page = unescape(client.get(f"/admin/education/topic/{topic_pk}/history/").content.decode())
    return page[page.index('id="change-history"') :]


def test_a_recovered_pages_history_reads_unpublished_deleted_recovered(editor):
    topic = live_page()
    pk, title = topic.pk, topic.title
    bodies = sorted(topic.sections.values_list("body", flat=True))
    editor.post(f"/admin/education/topic/{pk}/unpublish/", {"confirm": "yes"})
    assert editor.post(f"/admin/education/topic/{pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Topic.objects.filter(pk=pk).exists()

    # The deletion is the version "Recover deleted" offers: the page and its sections.
    deleted = Version.objects.get_deleted(Topic).get(object_id=str(pk))
    assert DELETED_BY.fullmatch(deleted.revision.comment)
    assert deleted.revision.user.get_username() == "ed"
    kept = deleted.revision.version_set.filter(content_type__model="section")
    assert sorted(v.field_dict["body"] for v in kept) == bodies

    url = f"/admin/education/topic/recover/{deleted.pk}/"
    response = editor.post(url, browser_form_data(editor, url, "topic_form"))
    assert response.status_code == 302
    assert Topic.objects.get(pk=pk).title == title

    page = history(editor, pk)
    recovered = page.index("Recovered after deletion by ed")
    deletion = DELETED_BY.search(page)
    unpublished = page.index("Unpublished by ed")
    # Newest first.
    assert recovered < deletion.start() < unpublished


@pytest.mark.parametrize("model", [GlossaryTerm, Reference], ids=lambda m: m.__name__)
def test_a_deleted_term_or_reference_says_who_deleted_it_and_when(editor, model):
    obj = make_reference(title="On no page") if model is Reference else make_term(term="Spare")
    model.objects.filter(pk=obj.pk).update(status=Status.DRAFT)  # off the site: deletable
    base = f"/admin/education/{model._meta.model_name}"
    assert editor.post(f"{base}/{obj.pk}/delete/", {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(model).get(object_id=str(obj.pk))
    assert DELETED_BY.fullmatch(deleted.revision.comment)
