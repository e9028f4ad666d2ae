"""Patient pages stay easy to read: Flesch-Kincaid grade 8 or lower.

Measured on what a visitor reads in `<main>`, without the navigation lists
(breadcrumbs, "On this page", "More topics") and the footer, which are the same
on every page and are not prose.
"""

from html.parser import HTMLParser

import pytest
import textstat

pytestmark = pytest.mark.django_db

MAX_GRADE = 8

PAGES = [
    "/learn/what-is-b2m/",
    "/learn/kidneys-and-b2m/",
    "/learn/causes-of-high-b2m/",
    "/learn/understanding-your-result/",
    "/learn/next-steps/",
    "/learn/getting-ready-for-a-repeat-test/",
    "/learn/living-with-myeloma-or-kidney-disease/",
    "/glossary/",
]


class _MainTextExtractor(HTMLParser):
    """Text inside <main>, skipping <nav>, <footer>, <script> and <style>."""

    SKIPPED = {"nav", "footer", "script", "style"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    # Inline tags (links, bold) join their text to the words around them;
    # everything else is a block, which a browser shows apart.
    INLINE = {"a", "abbr", "b", "code", "dfn", "em", "i", "small", "span", "strong", "time"}

    def __init__(self):
        super().__init__()
        self.in_main = 0
        self.skipping = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.INLINE:
            self.parts.append(" ")
        if tag in self.VOID:
            return
        if tag == "main":
            self.in_main += 1
        elif self.in_main and tag in self.SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag not in self.INLINE:
            self.parts.append(" ")
        if tag == "main" and self.in_main:
            self.in_main -= 1
        elif self.in_main and tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if self.in_main and not self.skipping:
            self.parts.append(data)


def main_text(html):
    parser = _MainTextExtractor()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def test_main_text_skips_navigation_and_footer():
    html = (
        "<header>Header</header><main><nav>Home</nav><h1>Title</h1>"
        "<p>Body <a href='/'>text</a>.</p><footer>Foot</footer></main><footer>Site footer</footer>"
    )
    assert main_text(html) == "Title Body text."


@pytest.mark.parametrize("path", PAGES)
def test_page_reads_at_grade_8_or_lower(client, path):
    response = client.get(path)
    assert response.status_code == 200
    text = main_text(response.content.decode())
    assert len(text.split()) > 100, f"too little text found in <main> of {path}"
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{path} reads at grade {grade}"


def _boxes_and_steps():
    from education.models import Section, SectionKind

    boxes = Section.objects.exclude(kind=SectionKind.TEXT)
    steps = Section.objects.filter(slug__in=["what-to-do-next", "your-next-steps"])
    return [*boxes, *steps]


def test_every_key_points_box_get_help_box_and_step_list_reads_at_grade_8_or_lower():
    # Measured one by one: a box is often read on its own, so it must be easy
    # on its own, not only as part of a long page.
    sections = _boxes_and_steps()
    assert len(sections) >= 15
    for section in sections:
        text = main_text(f"<main><h2>{section.title}</h2>{section.body_html}</main>")
        grade = textstat.flesch_kincaid_grade(text)
        assert grade <= MAX_GRADE, f"{section.topic.slug}#{section.slug} reads at grade {grade}"
