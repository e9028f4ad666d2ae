"""Links inside the guide's own words, named by where they go.

Editors write links such as "Here is why that matters" or "See the signs": clear
beside their sentence, but the same few words in a screen reader's list of links
say nothing (WCAG 2.4.9). Each link to a page or section of the guide gets the
title of where it goes as visually hidden text, unless its words already say it.
The editors' words are not changed; section bodies are sanitized before they get here
(education/markdown.py), and titles are escaped.
"""

import re
from html import unescape

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

_LINK = re.compile(r'(<a\b[^>]*\bhref="([^"]+)"[^>]*>)(.*?)(</a>)', re.S)


def destinations(topics, here_slug, here_sections):
    """{href: hidden words} for every page and section of the guide: "/learn/x/",
    "/learn/x/#part", and "#part" for this page's own sections."""
    found = {}
    for topic in topics:
        url = topic.get_absolute_url()
        found[url] = topic.title
        for section in topic.section_list:
            found[f"{url}#{section.slug}"] = f"“{section.title}” in {topic.title}"
    for section in here_sections:
        found[f"#{section.slug}"] = f"“{section.title}”"
        if here_slug:
            found[f"/learn/{here_slug}/#{section.slug}"] = f"“{section.title}”"
    return found


@register.filter
def name_guide_links(html, names):
    """`html` (sanitized) with each guide link's destination added for screen readers."""
    if not names:
        return mark_safe(html)  # sanitized on save, as printed before (|safe)

    def named(match):
        opening, href, words, closing = match.groups()
        where = names.get(unescape(href))
        said = unescape(strip_tags(words)).lower()
        if not where or where.strip("“”").split("” in ")[0].lower() in said:
            return match[0]
        hidden = f'<span class="visually-hidden"> ({escape(where)})</span>'
        return f"{opening}{words}{hidden}{closing}"

    return mark_safe(_LINK.sub(named, str(html)))
