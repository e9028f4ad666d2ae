"""Two people editing the same item: the second save never silently undoes the first."""

import pytest

from education import workflow
from education.models import GlossaryTerm, Topic
from interpreter.models import Phrase
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(editor):
    return client_for(editor), client_for(make_user("ed2", workflow.CONTENT_EDITORS))


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def section_index(data, pk):
    return next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(pk))


def test_a_second_save_of_a_page_is_refused_and_keeps_what_was_typed(two_editors):
    first, second = two_editors
    page = Topic.objects.filter(sections__isnull=False).distinct().order_by("order").first()
    two, three = page.sections.order_by("order", "id")[1:3]
    url = change_url(page)
    mine, theirs = (
        browser_form_data(first, url, "topic_form"),
        browser_form_data(second, url, "topic_form"),
    )

    index = section_index(mine, two.pk)
    mine[f"sections-{index}-body"] += "\r\n\r\nEDONE para."
    assert first.post(url, mine).status_code == 302

    index = section_index(theirs, three.pk)
    theirs[f"sections-{index}-body"] += "\r\n\r\nEDTWO para."
    theirs["title"] = "A title from ed2"
    response = second.post(url, theirs)
    html = response.content.decode()
    assert response.status_code == 200
    assert "edna saved this page after you opened it, so your changes were not saved" in html
    assert "EDTWO para." in html and 'value="A title from ed2"' in html  # nothing typed is lost
    page.refresh_from_db()
    assert "EDONE para." in page.sections.get(pk=two.pk).body
    assert "EDTWO" not in page.sections.get(pk=three.pk).body and page.title != "A title from ed2"

    # Reloaded, the page shows edna's paragraph, and ed2's save goes through.
    again = browser_form_data(second, url, "topic_form")
    index = section_index(again, three.pk)
    again[f"sections-{index}-body"] += "\r\n\r\nEDTWO para."
    assert second.post(url, again).status_code == 302
    bodies = "".join(page.sections.values_list("body", flat=True))
    assert "EDONE para." in bodies and "EDTWO para." in bodies


def test_a_second_save_of_a_glossary_term_is_refused(two_editors):
    first, second = two_editors
    term = GlossaryTerm.objects.order_by("pk").first()
    url = change_url(term)
    form = "glossaryterm_form"
    mine, theirs = browser_form_data(first, url, form), browser_form_data(second, url, form)
    mine["draft_definition"] += " EDONE addition."
    assert first.post(url, mine).status_code == 302
    theirs["draft_also_known_as"] = "EDTWO name"
    response = second.post(url, theirs)
    assert response.status_code == 200
    assert "saved this glossary term after you opened it" in response.content.decode()
    assert "EDTWO name" in response.content.decode()
    term.refresh_from_db()
    assert term.draft_definition.endswith("EDONE addition.")
    assert "EDTWO" not in term.draft_also_known_as


def test_a_second_save_of_wording_is_refused(two_editors):
    first, second = two_editors
    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    url = change_url(phrase)
    mine, theirs = (
        browser_form_data(first, url, "phrase_form"),
        browser_form_data(second, url, "phrase_form"),
    )
    mine["draft_text"] += " EDONE."
    assert first.post(url, mine).status_code == 302
    theirs["draft_text"] += " EDTWO."
    response = second.post(url, theirs)
    assert response.status_code == 200
    assert "saved this guidance phrase after you opened it" in response.content.decode()
    assert "EDTWO." in response.content.decode()
    phrase.refresh_from_db()
    assert phrase.draft_text.endswith("EDONE.") and "EDTWO" not in phrase.draft_text


@pytest.mark.parametrize("kind", ["page", "term"])
def test_your_own_save_in_another_tab_is_said_as_yours(editor, kind):
    """One editor, two tabs: the refusal says "You saved … in another tab", not "edna saved"."""
    client = client_for(editor)
    if kind == "page":
        obj = Topic.objects.filter(sections__isnull=False).distinct().order_by("order").first()
        form_id, field = "topic_form", "summary"
    else:
        obj = GlossaryTerm.objects.order_by("pk").first()
        form_id, field = None, "draft_definition"
    url = change_url(obj)
    tab_one, tab_two = (browser_form_data(client, url, form_id) for _ in range(2))
    tab_one[field] += " From tab one."
    assert client.post(url, tab_one).status_code == 302
    tab_two[field] += " From tab two."
    response = client.post(url, tab_two)
    html = response.content.decode()
    assert response.status_code == 200
    noun = "page" if kind == "page" else "glossary term"
    assert (
        f"You saved this {noun} in another tab or window after you opened this one, so these "
        "changes were not saved" in html
    )
    assert f"{editor.username} saved this" not in html
    assert "From tab two." in html  # nothing typed is lost
