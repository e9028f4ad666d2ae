"""Editors are told when patients would not see what they typed (audit finding 14).

Wording boxes are plain text: Markdown or HTML in them reaches patients as typed.
Page bodies and glossary definitions are Markdown, sanitized: a `javascript:` link
or a tag not on the allow-list is taken out. Either way the draft is saved as typed,
and the editor gets a warning saying what patients will see.
"""

import re
from html import unescape

import pytest

from education.markdown import sanitizer_losses
from education.models import GlossaryTerm, Topic
from education.text import markup_signs
from interpreter.models import LevelWording
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, signs",
    [
        ("Sum **bold** <a href=x>x</a>", ["**", "<"]),
        ("See [[glomerulus]] and [NHS](https://www.nhs.uk/)", ["[[", "]("]),
        ("Your B2M is a little above the usual range.", []),
        ("", []),
    ],
)
def test_markup_signs(text, signs):
    assert markup_signs(text) == signs


@pytest.mark.parametrize(
    "body, losses",
    [
        ("[x](javascript:alert(1))", ["the link to “javascript:alert(1)”"]),
        ("[x](data:text/html,hi)", ["the link to “data:text/html,hi”"]),
        ("Hi <script>alert(1)</script>", ["a script"]),
        ("<iframe src=https://x.org></iframe>", ["an embedded frame"]),
        ("# Big", ["a large heading (use ### for a heading)"]),
        ("<span>s</span>", ["the tag <span>"]),
        ("**Bold**, [[glomerulus]], [NHS](https://www.nhs.uk/), [mail](mailto:a@b.org)", []),
        ("a | b\n--|--\n1 | 2", []),
    ],
)
def test_sanitizer_losses(body, losses):
    assert sanitizer_losses(body) == losses


def warnings_on(client, response):
    assert response.status_code == 302, response.status_code
    html = unescape(client.get(response["Location"]).content.decode())
    return re.findall(r'<li class="warning">(.*?)</li>', html, re.S)


def test_markdown_in_wording_is_saved_with_a_warning(editor):
    client = client_for(editor)
    wording = LevelWording.objects.order_by("pk").first()
    url = f"/admin/interpreter/levelwording/{wording.pk}/change/"
    data = browser_form_data(client, url, "levelwording_form")
    data["draft_summary"] = "Sum **bold** <a href=x>x</a>"
    warnings = warnings_on(client, client.post(url, data))
    assert warnings == [
        "Summary: patients will see “**” and “<” exactly as typed. This box is plain text, so "
        "Markdown (**bold**, [words](link), [[glossary]]) and HTML tags are not formatted or "
        "made into links. Your draft is saved; change the words if you meant formatting."
    ]
    wording.refresh_from_db()
    assert wording.draft_summary == "Sum **bold** <a href=x>x</a>"  # kept as typed


def test_plain_wording_gets_no_warning(editor):
    client = client_for(editor)
    wording = LevelWording.objects.order_by("pk").first()
    url = f"/admin/interpreter/levelwording/{wording.pk}/change/"
    data = browser_form_data(client, url, "levelwording_form")
    data["draft_summary"] = "A calm, plain summary."
    assert warnings_on(client, client.post(url, data)) == []


def test_a_page_body_link_the_sanitizer_removes_is_warned_about(editor):
    client = client_for(editor)
    page = Topic.objects.filter(sections__isnull=False).distinct().order_by("order").first()
    url = f"/admin/education/topic/{page.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    index = next(k.split("-")[1] for k in data if k.startswith("sections-") and k.endswith("-id"))
    data[f"sections-{index}-body"] += "\r\n\r\nClick [here](javascript:alert(1)) now."
    title = data[f"sections-{index}-title"]
    warnings = warnings_on(client, client.post(url, data))
    assert warnings == [
        f"Section “{title}”: patients will not see the link to “javascript:alert(1)”. Only "
        "links to http, https or mailto addresses and simple formatting are kept, for safety. "
        "Your draft is saved as you typed it; change it before it goes live."
    ]
    assert any("javascript:alert(1)" in s.body for s in page.sections.all())


def test_a_glossary_definition_tag_the_sanitizer_removes_is_warned_about(editor):
    client = client_for(editor)
    term = GlossaryTerm.objects.order_by("pk").first()
    url = f"/admin/education/glossaryterm/{term.pk}/change/"
    data = browser_form_data(client, url, "glossaryterm_form")
    data["draft_definition"] += " <script>alert(1)</script>"
    warnings = warnings_on(client, client.post(url, data))
    assert len(warnings) == 1 and warnings[0].startswith(
        "Definition: patients will not see a script."
    )
