"""Editing a section someone else deleted meanwhile says so in plain words (audit finding 11)."""

import re

import pytest

from education import workflow
from education.models import Topic
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db

GONE = (
    "This section was deleted by someone else since you opened the page, so nothing was "
    "saved. Copy your text, then reload the page."
)


@pytest.mark.parametrize("fingerprint", [True, False], ids=["from a browser", "no fingerprint"])
def test_editing_a_section_deleted_meanwhile_shows_why_and_keeps_the_text(editor, fingerprint):
    first, second = client_for(editor), client_for(make_user("ed2", workflow.CONTENT_EDITORS))
    page = Topic.objects.filter(sections__isnull=False).distinct().order_by("order").first()
    two = page.sections.order_by("order", "id")[1]
    url = f"/admin/education/topic/{page.pk}/change/"
    mine = browser_form_data(first, url, "topic_form")
    theirs = browser_form_data(second, url, "topic_form")
    index = next(k.split("-")[1] for k, v in mine.items() if k.endswith("-id") and v == str(two.pk))
    mine[f"sections-{index}-DELETE"] = "on"
    assert first.post(url, mine).status_code == 302

    theirs[f"sections-{index}-body"] += "\r\n\r\nMY NEW PARAGRAPH."
    if not fingerprint:
        theirs.pop("edited_from")
    response = second.post(url, theirs)
    html = response.content.decode()
    assert response.status_code == 200
    errors = " ".join(re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', html, re.S))
    assert GONE in errors  # shown on the page, not only counted in "Please correct…"
    assert "MY NEW PARAGRAPH." in html  # what they typed is still there to copy
    assert not page.sections.filter(pk=two.pk).exists()
