"""The front door: what the WSGI application does before Django's whole middleware stack.

Two kinds of request need less than the whole stack:

- **Stateless endpoints** (the JSON API, marked with `@stateless`) read no
  cookie, session, user or message and are CSRF-exempt. They run under
  `settings.STATELESS_MIDDLEWARE` only: the request log, the method and size
  guard and the security headers (HSTS, nosniff, Referrer-Policy, COOP,
  Permissions-Policy, X-Frame-Options, CSP), the same as every other response
  gets, without building sessions, users, messages and CSRF state they never use.
- **PDF requests from an address already past PDF_RATE.** Once Django has refused
  an address (b2m_site/limits.py, which remembers until when, from the shared
  counters), this process answers that address's next PDF requests at the door,
  until that moment: the same 429 page with the same headers Django put on its
  first refusal, Retry-After counted down, without building a Django request.
  A flood of refused requests then costs a fraction of a page, so it cannot crowd
  pages out of the workers. Such refusals are counted and logged once a minute,
  not once per request.

Everything else goes to Django as usual.
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, get_path_info
from django.urls import Resolver404, resolve

from b2m_site.breaker import Throttle

logger = logging.getLogger("b2m.limits")

STATELESS_ATTR = "stateless_endpoint"


def stateless(view):
    """Mark a view that needs no cookie, session, user, message or CSRF check.

    The front door runs it under settings.STATELESS_MIDDLEWARE only. The view
    must be csrf_exempt (its callers send no cookies) and must never touch
    request.session, request.user or messages (those attributes do not exist there).
    """
    setattr(view, STATELESS_ATTR, True)
    return view


class StatelessHandler(WSGIHandler):
    """Django's WSGI handler with settings.STATELESS_MIDDLEWARE instead of MIDDLEWARE."""

    def load_middleware(self, is_async=False):
        # BaseHandler builds its chain from settings.MIDDLEWARE: hand it the short
        # list while the chain is built (once, when the worker starts).
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.STATELESS_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full

    def resolve_request(self, request):
        # The front door has just resolved this path to reach this handler.
        match = _match(settings.ROOT_URLCONF, request.path_info)
        if match is None:
            return super().resolve_request(request)
        request.resolver_match = match
        return match


@functools.lru_cache(maxsize=1024)
def _match(urlconf, path):
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return None


def route(urlconf, path):
    """'stateless', 'pdf' or None for a path (what its view is marked as)."""
    from b2m_site import limits

    match = _match(urlconf, path)
    if match is None:
        return None
    if getattr(match.func, STATELESS_ATTR, False):
        return "stateless"
    if getattr(match.func, limits.BOUNDED_ATTR, False):
        return "pdf"
    return None


class _MetaOnly:
    """Enough of a request for client_ip(): the WSGI environ is Django's request.META."""

    __slots__ = ("META",)

    def __init__(self, environ):
        self.META = environ


# Set on request.META (the WSGI environ) by limits when Django refuses a PDF
# request past the rate: the front door then keeps that response to replay.
RATE_REFUSAL_KEY = "b2m.pdf_rate_refusal"


class DoorRefusals:
    """The 429 Django gave for PDF_RATE, replayed at the door for refused addresses."""

    def __init__(self, log_seconds=60, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        # (status line, headers without Retry-After, body) by whether the request
        # was secure: HSTS, for one, is only sent over https.
        self._answers = {}
        self._throttle = Throttle(log_seconds, clock=clock)
        self.count = 0

    def keep(self, environ, status, headers, body):
        kept = [(k, v) for k, v in headers if k.lower() != "retry-after"]
        with self._lock:
            self._answers[_is_secure(environ)] = (status, kept, body)

    def answer(self, environ):
        """The replayed 429 for this request, or None when Django must answer it."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD", "POST"):
            return None
        secure = _is_secure(environ)
        if settings.SECURE_SSL_REDIRECT and not secure:
            return None  # Django redirects it to https first
        answer = self._answers.get(secure)
        if answer is None:
            return None  # Django has not refused such a request yet in this process
        from b2m_site import limits
        from b2m_site.middleware import client_ip

        until = limits._refused_until.get(client_ip(_MetaOnly(environ)))
        if until is None:
            return None
        left = until - self._clock()
        if left <= 0:
            return None  # the window has passed: Django counts again
        status, headers, body = answer
        with self._lock:
            self.count += 1
        if self._throttle.ready():
            suppressed = self._throttle.take_suppressed()
            logger.info(
                "PDF requests past PDF_RATE refused at the door (%d since the last report)",
                suppressed + 1,
                extra={"status": 429, "refused": suppressed + 1},
            )
        return status, [*headers, ("Retry-After", str(max(1, int(left))))], body


def _is_secure(environ):
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        name, value = header
        if name in environ:
            return environ[name].split(",", 1)[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"


class FrontDoor:
    """The WSGI application: Django, with the two short ways in described above."""

    def __init__(self, django_app=None, stateless_app=None):
        self.django = django_app or WSGIHandler()
        self.stateless = stateless_app or StatelessHandler()
        self.refusals = DoorRefusals()

    def __call__(self, environ, start_response):
        kind = route(settings.ROOT_URLCONF, get_path_info(environ) or "/")
        if kind == "stateless":
            return self.stateless(environ, start_response)
        if kind != "pdf":
            return self.django(environ, start_response)
        refused = self.refusals.answer(environ)
        if refused is not None:
            status, headers, body = refused
            start_response(status, headers)
            return [body]
        return self._pdf_through_django(environ, start_response)

    def _pdf_through_django(self, environ, start_response):
        sent = {}

        def remember_start(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.django(environ, remember_start)
        if not environ.get(RATE_REFUSAL_KEY) or not sent.get("status", "").startswith("429"):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        self.refusals.keep(environ, sent["status"], sent["headers"], body)
        return [body]
