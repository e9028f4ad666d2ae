"""Fill in an admin form the way a browser would: every field as rendered,
text areas sent back with CRLF line endings (the HTML spec's form encoding)."""

import re
from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = []
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            if text.startswith("\n"):
                text = text[1:]  # browsers drop one leading newline
            self.data.append((name, text.replace("\r\n", "\n").replace("\n", "\r\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def browser_form_data(client, url, form_id=None):
    """The data a browser would post from the (first, or given) form on this page."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        if name in data:
            existing = data[name]
            data[name] = (existing if isinstance(existing, list) else [existing]) + [value]
        else:
            data[name] = value
    return data


def digest_post(client, url, data=None):
    """Post a review step's form as shown: with the fingerprint of the draft the page showed."""
    page = client.get(url).content.decode()
    found = re.search(r'name="draft" value="([0-9a-f]{64})"', page)
    return client.post(url, {"draft": found[1] if found else "", **(data or {})})
