"""An empty required field says which field it is and what to put there.

Before, every empty required field in the editors' admin said Django's bare "This
field is required.": beside one of six stacked sections, or on a term, reference or
wording, the editor had to guess which box and what it wanted.
"""

import re
from html import unescape

import pytest

from education.models import GlossaryTerm, Reference, Topic
from interpreter.models import LevelWording
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for

pytestmark = pytest.mark.django_db


def errors(response):
    return re.findall(
        r'class="errorlist[^>]*>\s*<li>(.*?)</li>', unescape(response.content.decode())
    )


def save_emptied(client, url, form_id, *names):
    data = browser_form_data(client, url, form_id)
    for name in names:
        data[name] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    found = errors(response)
    assert "This field is required." not in found
    return found


def test_an_empty_page_field_or_section_field_is_named(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    found = save_emptied(
        client_for(editor),
        f"/admin/education/topic/{topic.pk}/change/",
        "topic_form",
        "title",
        "summary",
        "sections-1-title",
        "sections-1-body",
    )
    assert found == [
        "Enter the page's title: its heading, at the top of the page and on /learn/.",
        "Enter the summary: one plain sentence, shown under the title on the list of pages.",
        "Enter this section's title: the heading patients see above its text.",
        "Enter this section's text (Markdown). To remove the section, tick “Delete” instead.",
    ]


def test_an_empty_term_reference_or_wording_field_is_named(editor):
    client = client_for(editor)
    term = GlossaryTerm.objects.get(slug="glomerulus")
    assert save_emptied(
        client,
        f"/admin/education/glossaryterm/{term.pk}/change/",
        "glossaryterm_form",
        "draft_term",
    ) == ["Enter the term: the word as the glossary page shows it, for example “Glomerulus”."]
    reference = Reference.objects.order_by("pk").first()
    assert save_emptied(
        client, f"/admin/education/reference/{reference.pk}/change/", "reference_form", "draft_url"
    ) == ["Enter the link to the source, for example https://doi.org/10.1000/182."]
    wording = LevelWording.objects.order_by("pk").first()
    assert save_emptied(
        client,
        f"/admin/interpreter/levelwording/{wording.pk}/change/",
        "levelwording_form",
        "draft_headline",
    ) == ["“Headline” is empty. The first thing a patient reads. Calm, one sentence."]


def test_the_review_steps_say_what_is_missing(editor, reviewer):
    topic = Topic.objects.get(slug="what-is-b2m")
    ed = client_for(editor)
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(ed, url, "topic_form")
    data["summary"] += " Fixed"
    ed.post(url, data)
    response = digest_post(ed, f"/admin/education/topic/{topic.pk}/publish/", {"reason": " "})
    assert errors(response) == [
        "Say what you changed, in one line: it is kept in the history, for example "
        "“Fixed a typo in ‘What is B2M?’”."
    ]
    ed.post(f"/admin/education/topic/{topic.pk}/submit/", {"note": ""})
    response = client_for(reviewer).post(
        f"/admin/education/topic/{topic.pk}/send-back/", {"note": ""}
    )
    assert errors(response) == ["Say what needs to change, so the editor knows what to do."]
