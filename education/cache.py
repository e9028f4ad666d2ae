"""Shared-cache page caching that editors never notice.

Public pages are cached in the shared cache (database or Redis, so every
gunicorn worker sees the same entries). Each entry holds a page and the content
version it was built from; any edit to content bumps the version (signals.py),
so every worker sees at once that its entries are stale and builds the page
afresh.

A cached page costs one cache round trip: the page's entry and the current
version are fetched together. `PageCacheMiddleware` serves those hits early in
the middleware stack (right after WhiteNoise), before sessions, CSRF, auth,
messages and the view, none of which an anonymous visitor's copy of a public
page needs. The `cache_public_page` view decorator marks which views may be
cached and fills the cache on a miss; without the middleware it serves hits
itself.

Only anonymous visitors with no session or pending message use the cache:
staff previews, flash messages and anything personal never come from or go
into it. A response that sets a cookie or uses a CSRF token is never stored.

Cached pages are compressed once, when stored (brotli and gzip), and a hit is
sent compressed to browsers that accept it: a slow phone connection gets a
third of the bytes, and no worker compresses the same page twice. With no
secret on these pages, compression gives BREACH nothing to find.
"""

import functools
import gzip
import hashlib
import re
import uuid

import brotli
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

CONTENT_VERSION_KEY = "content-version"
# The attribute cache_public_page sets on the views it wraps.
PUBLIC_PAGE_ATTR = "public_page_cache"
# What a public page answers; anything else is 405.
PAGE_METHODS = ["GET", "HEAD", "OPTIONS"]


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def _new_version():
    cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex, None)


def bump_content_version():
    """Make every cached page stale: now, and again when the transaction commits.

    Admin saves inside a transaction. The first bump makes every worker drop
    its pages at once; a visitor in the moment before the commit could still
    rebuild a page from the old rows under the new version, so the bump after
    the commit (at once when there is no transaction) drops that page too.
    """
    _new_version()
    transaction.on_commit(_new_version)


def page_key(path, coding):
    # Hashed: any path fits every backend's key rules (length, characters). The
    # release keeps pages built by other code apart (b2m_site/release.py).
    return f"page:{settings.RELEASE}:{hashlib.sha256(path.encode()).hexdigest()}:{coding}"


def cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


# Content codings in Accept-Encoding, with their q-values ("br;q=0" refuses br).
_CODING = re.compile(r"\s*([\w*-]+)\s*(?:;\s*q\s*=\s*([\d.]+))?\s*(?:,|$)")


def _accepted_codings(header):
    accepted = set()
    for name, q in _CODING.findall(header.lower()):
        try:
            if q == "" or float(q) > 0:
                accepted.add(name)
        except ValueError:
            pass
    return accepted


def _coding_for(request):
    """The best content coding this browser accepts for a cached page."""
    accepted = _accepted_codings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    return next((c for c in ("br", "gzip") if c in accepted), "identity")


# The same on a hit and a miss: the coding picks the body, and a session or
# message cookie means the visitor gets a freshly built page instead.
PAGE_VARY = ["Accept-Encoding", "Cookie"]


def _etag(version, coding):
    """A page's ETag: the release and content version it was built from, and its coding."""
    return f'"{settings.RELEASE}.{version}.{coding}"'


def _send(response, coding, body, version):
    response.content = body
    if coding != "identity":
        response["Content-Encoding"] = coding
    # Shared caches on the way must keep the compressed copies apart.
    patch_vary_headers(response, PAGE_VARY)
    # Browsers may keep the page but must ask again each time; an unchanged
    # page then costs a 304 with no body.
    response["Cache-Control"] = "no-cache"
    response["ETag"] = _etag(version, coding)
    return response


def _not_modified(request, response):
    """304 when the browser's copy (If-None-Match) is this very page."""
    etag = response.get("ETag")
    wanted = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    if not etag or not (etag in wanted or "*" in wanted):
        return response
    unchanged = HttpResponseNotModified()
    for header in ("ETag", "Cache-Control", "Vary", "X-Page-Cache"):
        if response.has_header(header):
            unchanged[header] = response[header]
    return unchanged


def cached_response(request):
    """The cached page for this request, or None; one round trip to the cache.

    Each coding of a page is its own entry, so a hit reads only the body it sends.
    """
    coding = _coding_for(request)
    key = page_key(request.path, coding)
    found = cache.get_many([CONTENT_VERSION_KEY, key])
    entry = found.get(key)
    version = found.get(CONTENT_VERSION_KEY)
    if entry is None or version is None or entry[0] != version:
        return None
    _, content_type, body = entry
    response = _send(HttpResponse(content_type=content_type), coding, body, version)
    # The middleware answers above CommonMiddleware, which would otherwise set it.
    response["Content-Length"] = str(len(body))
    response["X-Page-Cache"] = "hit"
    return _not_modified(request, response)


def _store(request, response, version):
    if (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not response.has_header("Content-Encoding")
        # A page holding a CSRF token belongs to one visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        content = response.content
        content_type = response["Content-Type"]
        bodies = {
            "identity": content,
            "gzip": gzip.compress(content, compresslevel=9, mtime=0),
            "br": brotli.compress(content, quality=9),
        }
        cache.set_many(
            {
                page_key(request.path, coding): (version, content_type, body)
                for coding, body in bodies.items()
            },
            settings.PAGE_CACHE_SECONDS,
        )
        coding = _coding_for(request)
        if version is None:  # the cache is not answering: no version to name the page by
            response["Cache-Control"] = "no-cache"
            patch_vary_headers(response, PAGE_VARY)
            return
        _send(response, coding, bodies[coding], version)
        response["X-Page-Cache"] = "miss"


def cache_public_page(view):
    """Cache a public page's successful response in the shared cache."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=200)
            response["Allow"] = ", ".join(PAGE_METHODS)
            return response
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(PAGE_METHODS)
        if not cacheable(request):
            return view(request, *args, **kwargs)
        if not getattr(request, "page_cache_checked", False):
            hit = cached_response(request)
            if hit is not None:
                return hit
        # The version before the page is built: an edit meanwhile leaves it stale.
        version = content_version()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        _store(request, response, version)
        return _not_modified(request, response)

    setattr(wrapper, PUBLIC_PAGE_ATTR, True)
    return wrapper


@functools.lru_cache(maxsize=1024)
def _is_public_page(urlconf, path):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, PUBLIC_PAGE_ATTR, False)


class PageCacheMiddleware:
    """Serve cached public pages before the rest of the stack runs.

    Place it right after WhiteNoise: the security headers above it still apply
    to every hit. Only paths whose view is wrapped in cache_public_page are
    looked up, so other requests pay no cache round trip.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cacheable(request) and _is_public_page(settings.ROOT_URLCONF, request.path_info):
            # ALLOWED_HOSTS, checked by CommonMiddleware below for every other
            # response: an unknown Host gets a 400 (DisallowedHost), not the page.
            request.get_host()
            request.page_cache_checked = True
            hit = cached_response(request)
            if hit is not None:
                return hit
        return self.get_response(request)
