"""Request plumbing for the whole site: one safe log line per request, the client's address.

What a visitor types can be a lab result, and a share link's path holds a secret,
so nothing here ever logs a query string, a body, or a share token.
"""

import functools
import logging
import re
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponseNotAllowed

logger = logging.getLogger("b2m.request")

PROBES = frozenset({"/healthz", "/readyz"})

# Share links look like /r/<token>/...; the token is as good as a password.
_SHARE_TOKEN = re.compile(r"(?<![\w/.-])/r/[^/\s'\"?#]+")
_QUERY_STRING = re.compile(r"\?[^\s'\"]*")


def redact(text):
    """Mask every share token in `text` (a path, or a message that contains one)."""
    return _SHARE_TOKEN.sub("/r/<redacted>", text)


class RequestLogMiddleware:
    """Write one structured line per request: method, path (token masked), status, duration.

    Put it first in MIDDLEWARE so the duration covers the whole stack and the
    line is written for redirects, static files and error pages too. The
    duration ends when the response is ready; a streamed download may take
    longer to reach the client.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        path = redact(request.path)
        status = response.status_code
        if status >= 500:
            level = logging.ERROR
        elif path in PROBES:
            # A load balancer asks every few seconds; keep those out of INFO.
            level = logging.DEBUG if status < 400 else logging.WARNING
        else:
            level = logging.INFO
        logger.log(
            level,
            "%s %s %s %.1fms",
            request.method,
            path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "status": status,
                "duration_ms": duration_ms,
            },
        )
        return response


# Methods any view here may answer; TRACE, CONNECT and inventions never reach a view.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestGuardMiddleware:
    """Refuse, before any work, what no view here can answer.

    - TRACE, CONNECT and unknown methods: 405.
    - A declared body over the path's limit (body_limit): 413 without reading
      it, JSON under /api/, an admin page under /admin/. A body without a length
      that turns out too large is answered 413 by b2m_site.views.bad_request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from b2m_site import views

        if request.method not in KNOWN_METHODS:
            if views._wants_json(request):
                return views.api_method_not_allowed(request)
            response = HttpResponseNotAllowed(sorted(KNOWN_METHODS - {"PUT", "PATCH", "DELETE"}))
            response["Cache-Control"] = "no-store"
            return response
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.path)
        if limit is not None and length > limit:
            return views.request_too_large(request)
        return self.get_response(request)


def is_admin_path(path):
    from django.urls import get_script_prefix, get_urlconf

    return path.startswith(
        _admin_prefix(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    )


@functools.lru_cache(maxsize=8)
def _admin_prefix(urlconf, script_prefix):
    """Admin's address under this URLconf and script prefix, reversed once, not per request."""
    from django.urls import reverse

    return reverse("admin:index", urlconf=urlconf)


def body_limit(path):
    """The largest body a request to `path` may send, in bytes (None: no limit).

    Public pages keep SITE_MAX_BODY_BYTES. Admin allows ADMIN_MAX_BODY_BYTES: an
    editor pasting a long page must not lose it to the patients' limit. Never more
    than Django itself reads (DATA_UPLOAD_MAX_MEMORY_SIZE).
    """
    own = settings.ADMIN_MAX_BODY_BYTES if is_admin_path(path) else settings.SITE_MAX_BODY_BYTES
    ceiling = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return own if ceiling is None else min(own, ceiling)


class OutageFilter(logging.Filter):
    """Drop Django's ERROR-with-traceback for each 503 while the database is down.

    b2m_site.views.server_error says so once a minute instead; a real 500 is
    still logged in full.
    """

    def filter(self, record):
        return not (record.name == "django.request" and getattr(record, "status_code", 0) == 503)


class RedactFilter(logging.Filter):
    """Keep share tokens and query strings out of Django's own log records.

    Django's request and security loggers put the path in the message
    ("Not Found: /r/<token>/") and the whole request, query string included,
    in `record.request`; the development server logs the raw request line.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            record.request = f"{request.method} {redact(request.path)}"
        elif request is not None and not isinstance(request, str):
            del record.request  # the development server's socket: nothing to read
        # Tokens are masked in every logger's message; query strings in those
        # that log a request line or path.
        clean = _without_query if record.name.startswith(_REQUEST_LOGGERS) else redact
        if isinstance(record.msg, str):
            record.msg = clean(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(clean(a) if isinstance(a, str) else a for a in record.args)
        return True


_REQUEST_LOGGERS = ("django.request", "django.server", "django.security", "axes")


def _without_query(text):
    return _QUERY_STRING.sub("", redact(text))


def client_ip(request):
    """The visitor's address, for the admin lock-out and rate limits.

    Behind a reverse proxy every request comes from the proxy, so with
    DJANGO_PROXY_COUNT=N the address is the one the outermost of our N proxies
    saw: the Nth entry from the right of X-Forwarded-For. Entries further left
    are whatever the client sent and are never trusted.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if not count:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote_addr
    return forwarded[-count]
