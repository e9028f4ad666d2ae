"""The release: a short fingerprint of everything in this tree that shapes a page.

Cached public pages (education/cache.py) are keyed and tagged (ETag) by the
release as well as by the content version. A deployment with new templates, CSS
or code then never serves pages built by the old code from the shared cache, and
a browser's copy of an old page is not confirmed with a 304: before, an upgraded
site kept serving the old HTML (with links to CSS files of the old release) until
an editor's save or the cache's timeout, up to PAGE_CACHE_SECONDS later.

The fingerprint hashes the files' paths and contents, not their dates, so two
machines deployed from the same code agree and share their cached pages, and a
rolling upgrade keeps each release's pages apart. No Django imports.
"""

import hashlib
from pathlib import Path

# What builds a page: templates, static files, and the code and data migrations
# of the apps. Not tests, tooling, the virtualenv or collected static files.
FOLDERS = ("templates", "static", "b2m_site", "education", "interpreter")
SUFFIXES = {".html", ".txt", ".css", ".svg", ".js", ".py", ".md", ".json"}


def fingerprint(root):
    """12 hex digits that change whenever a file that shapes a page changes.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
    ...     for base in (a, b):
    ...         (pathlib.Path(base) / "templates").mkdir()
    ...         _ = (pathlib.Path(base) / "templates" / "page.html").write_text("<p>Hi</p>")
    ...     same = fingerprint(a) == fingerprint(b)
    ...     _ = (pathlib.Path(b) / "templates" / "page.html").write_text("<p>Hello</p>")
    ...     (same, fingerprint(a) == fingerprint(b), len(fingerprint(a)))
    (True, False, 12)
    """
    root = Path(root)
    digest = hashlib.sha256()
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix not in SUFFIXES or "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
