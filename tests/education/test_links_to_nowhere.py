"""A page's draft that links to a page or section that is not there is flagged on Save.

Before, a typo in a link ("/learn/next-step/", "#how-to-prepar") was saved, approved
and published without a word: patients got "page not found", or the top of a page
instead of the section. The draft is still saved as typed; the warning names the
section and the link.
"""

from html import unescape

import pytest

from education import publishing
from education.models import Topic
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def save_with(client, topic, addition):
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    data["sections-0-body"] += "\r\n\r\n" + addition
    response = client.post(url, data)
    assert response.status_code == 302
    return unescape(client.get(response["Location"]).content.decode())


def test_links_to_a_missing_page_or_section_are_flagged_on_save(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    first = topic.sections.order_by("order", "id").first().title
    page = save_with(
        editor,
        topic,
        "See [next steps](/learn/next-step/), [prepare](/learn/getting-ready-for-a-repeat-test/"
        "#how-to-prepar) and [above](#no-such-part).",
    )
    assert (
        f"Section “{first}” links to /learn/next-step/, which is not a live page: patients "
        "would see “page not found”."
    ) in page
    assert (
        f"Section “{first}” links to /learn/getting-ready-for-a-repeat-test/#how-to-prepar, "
        "but that page has no section “how-to-prepar”: the link would open the top of the page."
    ) in page
    assert "#no-such-part, but this page has no section “no-such-part”" in page
    assert "[next steps](/learn/next-step/)" in topic.sections.order_by("order", "id")[0].body


def test_good_links_are_not_flagged(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    page = save_with(
        editor,
        topic,
        "See [prepare](/learn/getting-ready-for-a-repeat-test/#how-to-prepare), "
        "[the list](/learn/) and [the top](#key-points).",
    )
    assert "links to" not in page


def test_the_seeded_pages_link_only_to_pages_and_sections_that_exist():
    assert [
        (topic.slug, link) for topic in Topic.objects.all() for link in publishing.dead_links(topic)
    ] == []


def test_the_reviewer_and_the_minor_fix_page_see_links_to_nowhere(editor):
    from education import workflow

    topic = Topic.objects.get(slug="what-is-b2m")
    # Inside a sentence: a minor fix adds or takes out no whole sentence.
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(editor, url, "topic_form")
    body = data["sections-0-body"].rstrip().rstrip(".")
    data["sections-0-body"] = body + ", see [next steps](/learn/next-step/)."
    assert editor.post(url, data).status_code == 302
    warning = (
        "links to /learn/next-step/, which is not a live page: patients would see “page not found”."
    )
    assert warning in unescape(
        editor.get(f"/admin/education/topic/{topic.pk}/publish/").content.decode()
    )
    editor.post(f"/admin/education/topic/{topic.pk}/submit/", {"note": ""})
    reviewer = client_for(
        make_user("rv", workflow.CLINICAL_REVIEWERS, profile=("Dr R", "Consultant nephrologist"))
    )
    page = unescape(reviewer.get(f"/admin/education/topic/{topic.pk}/approve/").content.decode())
    assert warning in page
