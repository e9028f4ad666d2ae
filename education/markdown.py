"""Editor Markdown to safe HTML.

Editors write Markdown in admin. It is rendered once, on save, then sanitized
with nh3 (Ammonia) against an allow-list, so a `<script>`, an `onerror=`
attribute or a `javascript:` link typed into admin never reaches a visitor.

Glossary links use a short form: `[[glomerulus]]` links the word to the
glossary entry with that slug, and `[[glomeruli|glomerulus]]` shows other words.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import markdown as md
import nh3

GLOSSARY_LINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote",
    "code", "pre", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "abbr", "dfn",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def glossary_slugs_in(text):
    """The glossary slugs a Markdown text links to, in order of first use."""
    seen = []
    for match in GLOSSARY_LINK.finditer(text or ""):
        slug = (match.group(2) or match.group(1)).strip()
        if slug not in seen:
            seen.append(slug)
    return seen


def _expand_glossary_links(text, glossary_url):
    def replace(match):
        shown = match.group(1).strip()
        slug = (match.group(2) or match.group(1)).strip()
        return f'[{shown}]({glossary_url}#{slug} "Glossary: {shown}")'

    return GLOSSARY_LINK.sub(replace, text)


def _unsafe_html(text, glossary_url):
    return md.markdown(
        _expand_glossary_links(text or "", glossary_url),
        extensions=["sane_lists", "tables"],
        output_format="html",
    )


def render_markdown(text, glossary_url="/glossary/"):
    """Render editor Markdown to sanitized HTML (safe to mark safe)."""
    return sanitize_html(_unsafe_html(text, glossary_url))


class _Scan(HTMLParser):
    """The tags of an HTML text, and the address of each link (None: a link with none)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.links = Counter(), []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag == "a":
            self.links.append(dict(attrs).get("href"))


# Said so an editor knows what they typed; anything else is named as its tag.
_TAG_NAMES = {
    "img": "an image (images are not shown)",
    "h1": "a large heading (use ### for a heading)",
    "h2": "a large heading (use ### for a heading)",
    "hr": "a horizontal line",
    "script": "a script",
    "iframe": "an embedded frame",
    "style": "a style block",
}


def sanitizer_losses(text, glossary_url="/glossary/"):
    """What the sanitizer takes out of this Markdown, in words an editor knows.

    A link whose address is not http, https or mailto loses its address (so it
    is no link at all), and a tag not on the allow-list is removed:

    >>> sanitizer_losses("[x](javascript:alert(1))")
    ['the link to “javascript:alert(1)”']
    >>> sanitizer_losses("Hi <script>alert(1)</script> and ![a](https://x.org/a.png)")
    ['an image (images are not shown)', 'a script']
    >>> sanitizer_losses("**Bold**, [[glomerulus]] and [NHS](https://www.nhs.uk/)")
    []
    """
    raw = _unsafe_html(text, glossary_url)
    before, after = _Scan(raw), _Scan(sanitize_html(raw))
    lost = []
    kept = Counter(href for href in after.links if href)
    for href in before.links:
        if not href:
            continue
        if kept[href]:
            kept[href] -= 1
        else:
            lost.append(f"the link to “{href}”")
    for tag in sorted(before.tags - after.tags):
        name = _TAG_NAMES.get(tag, f"the tag <{tag}>")
        if name not in lost:
            lost.append(name)
    return lost


def sanitize_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
