"""The approve page repeats what the reviewer asked for when they sent the draft back.

Before, a resubmitted draft's approve page showed only the editor's new note: the
send-back comment was replaced, and the reviewer could not see whether what they
asked for had been done.
"""

import re
from html import unescape

import pytest

from education import workflow
from education.models import GlossaryTerm, Topic
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_user
from tests.pages import text_of

pytestmark = pytest.mark.django_db

ASKED = "Please take out “Extra words here” <b>before</b> it goes live."


def edit_summary(client, topic, change):
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    data["summary"] = change(data["summary"])
    assert client.post(url, data).status_code == 302


def sent_back_and_resubmitted(editor, reviewer):
    topic = Topic.objects.get(slug="what-is-b2m")
    ed, rv = client_for(editor), client_for(reviewer)
    edit_summary(ed, topic, lambda s: s + " Extra words here.")
    ed.post(f"/admin/education/topic/{topic.pk}/submit/", {"note": "First go"})
    response = rv.post(f"/admin/education/topic/{topic.pk}/send-back/", {"note": ASKED})
    assert response.status_code == 302
    edit_summary(ed, topic, lambda s: s.replace(" Extra words here.", " Shorter."))
    ed.post(f"/admin/education/topic/{topic.pk}/submit/", {"note": "Done as asked"})
    return topic, rv


def test_the_approve_page_repeats_the_send_back_comment(editor, reviewer):
    topic, rv = sent_back_and_resubmitted(editor, reviewer)
    response = rv.get(f"/admin/education/topic/{topic.pk}/approve/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Sent back earlier: was it done?" in page
    assert "Dr Rita Osei (rita) sent this draft back with this comment:" in page
    assert ASKED in page  # shown as typed, escaped
    assert "&lt;b&gt;before&lt;/b&gt;" in response.content.decode()
    assert "Done as asked" in page  # and the editor's new note
    # The link compares the draft as it was sent back with the draft now.
    link = unescape(re.search(r'href="([^"]*/compare/\?from=[^"]*)"', response.content.decode())[1])
    compared = text_of(rv.get(link))
    assert "Extra words here" in compared and "Shorter" in compared
    # The send-back page says it too, should it go back again.
    assert ASKED in text_of(rv.get(f"/admin/education/topic/{topic.pk}/send-back/"))


def test_a_send_back_about_an_earlier_draft_is_not_repeated(editor, reviewer):
    topic, rv = sent_back_and_resubmitted(editor, reviewer)
    other = make_user("rob", workflow.CLINICAL_REVIEWERS, profile=("Dr Rob Ng", "Nephrologist"))
    assert (
        digest_post(client_for(other), f"/admin/education/topic/{topic.pk}/approve/").status_code
        == 302
    )
    ed = client_for(editor)
    edit_summary(ed, topic, lambda s: s + " Next change.")
    ed.post(f"/admin/education/topic/{topic.pk}/submit/", {"note": "New draft"})
    page = text_of(rv.get(f"/admin/education/topic/{topic.pk}/approve/"))
    assert "Sent back earlier" not in page and ASKED not in page


def test_a_glossary_terms_approve_page_repeats_it_too(editor, reviewer):
    term = GlossaryTerm.objects.get(slug="glomerulus")
    ed, rv = client_for(editor), client_for(reviewer)
    address = f"/admin/education/glossaryterm/{term.pk}"

    def save(definition):
        data = browser_form_data(ed, f"{address}/change/")
        data["draft_definition"] = definition
        assert ed.post(f"{address}/change/", data).status_code == 302

    save(term.definition + " Extra words here.")
    ed.post(f"{address}/submit/", {"note": ""})
    rv.post(f"{address}/send-back/", {"note": "Say it in fewer words."})
    save(term.definition + " Fewer.")
    ed.post(f"{address}/submit/", {"note": ""})
    page = text_of(rv.get(f"{address}/approve/"))
    assert "Sent back earlier: was it done?" in page and "Say it in fewer words." in page
