"""A page's text as a reader gets it: no markup, scripts or drawings, entities decoded."""

import html
import re


def text_of(response):
    page = re.sub(r"<(script|style|svg)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))
