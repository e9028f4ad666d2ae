"""History lists only steps that happened, in words that say what changed.

A Save with nothing changed (an editor pressing "Save and continue editing" to
be safe) is no step: it adds no History entry ("No fields changed." by ed) and
no admin log line, and the editor is told nothing was saved. A change to a live
glossary term's address is live at once, so History and the message say so,
instead of "the words match the live text, so no draft is kept".
"""

from html import unescape

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from education.models import GlossaryTerm, Topic
from interpreter.models import LevelWording
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db

NOTHING_SAVED = "Nothing changed, so nothing was saved."


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def live_page():
    return Topic.objects.filter(live__isnull=False, sections__isnull=False).order_by("pk").first()


def versions(model, pk):
    return Version.objects.get_for_object_reference(model, pk).count()


def save_unchanged(client, url, form_id=None):
    data = browser_form_data(client, url, form_id)
    response = client.post(url, {**data, "_continue": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return unescape(client.get(response["Location"]).content.decode())


@pytest.mark.parametrize(
    "kind",
    ["page", "term", "wording"],
)
def test_saving_with_nothing_changed_adds_no_history_entry(editor, kind):
    if kind == "page":
        obj = live_page()
        url, form_id = f"/admin/education/topic/{obj.pk}/change/", "topic_form"
    elif kind == "term":
        obj = GlossaryTerm.objects.filter(status="published").order_by("pk").first()
        url, form_id = f"/admin/education/glossaryterm/{obj.pk}/change/", None
    else:
        obj = LevelWording.objects.order_by("pk").first()
        url, form_id = f"/admin/interpreter/levelwording/{obj.pk}/change/", None
    model = type(obj)
    before, logged = versions(model, obj.pk), LogEntry.objects.count()
    page = save_unchanged(editor, url, form_id)
    assert versions(model, obj.pk) == before
    assert LogEntry.objects.count() == logged
    assert NOTHING_SAVED in page
    history = unescape(editor.get(url.replace("/change/", "/history/")).content.decode())
    assert "No fields changed" not in history
    assert "so no draft is kept" not in history


def test_a_real_change_after_an_unchanged_save_is_still_recorded(editor):
    topic = live_page()
    url = f"/admin/education/topic/{topic.pk}/change/"
    save_unchanged(editor, url, "topic_form")
    before = versions(Topic, topic.pk)
    data = browser_form_data(editor, url, "topic_form")
    data["summary"] = data["summary"] + " Changed."
    assert editor.post(url, data).status_code == 302
    assert versions(Topic, topic.pk) == before + 1
    topic.refresh_from_db()
    assert topic.summary.endswith(" Changed.")
    assert topic.last_edited_by.username == "ed"


def test_a_live_terms_new_address_is_said_in_history_and_to_the_editor(editor):
    term = GlossaryTerm.objects.create(
        term="Zeta protein",
        slug="zeta-protein",
        definition="A made-up protein.",
        status="published",
    )
    url = f"/admin/education/glossaryterm/{term.pk}/change/"
    data = browser_form_data(editor, url)
    data["slug"] = "zeta-prot"
    response = editor.post(url, data)
    assert response.status_code == 302
    page = unescape(editor.get(response["Location"]).content.decode())
    moved = "Its address changed from /glossary/#zeta-protein to /glossary/#zeta-prot"
    assert moved in page
    history = unescape(editor.get(url.replace("/change/", "/history/")).content.decode())
    assert moved in history
    assert "so no draft is kept" not in history


def test_a_refused_save_does_not_say_a_draft_is_waiting(editor):
    """The status above a form with errors is what is stored, not what was typed.

    Before, a save refused for an empty definition said "A draft is waiting…", so an
    editor could leave thinking the typed draft was kept.
    """
    term = GlossaryTerm.objects.filter(status="published").order_by("pk").first()
    assert not term.has_draft
    url = f"/admin/education/glossaryterm/{term.pk}/change/"
    data = browser_form_data(editor, url)
    data["draft_term"] += " typed"
    data["draft_definition"] = ""
    response = editor.post(url, data)
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "Enter the definition:" in page
    assert "A draft is waiting" not in page
    assert "No draft: patients see the live text." in page

    topic = live_page()
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(editor, url, "topic_form")
    data["title"], data["summary"] = "A typed title", ""
    page = unescape(editor.post(url, data).content.decode())
    assert "Enter the summary:" in page
    assert "No unpublished changes." in page
