"""Bounds on expensive work (building PDFs): a machine-wide cap and a per-client rate.

A PDF takes a worker 0.1-0.3 s of CPU. Unbounded, a few clients asking for PDFs
keep every gunicorn worker busy and pages queue behind them. So:

- `Slots`: at most N builds at once on this machine, across its worker processes
  (and threads): N lock files, each taken with a non-blocking flock. When none
  is free the answer is an immediate 503 with Retry-After, never a queue. With
  two workers and one slot, one worker is always free for pages.
- a per-client rate (django-ratelimit on the `ratelimit` cache), counted when a
  slot is free: past it, 429 with Retry-After. If the counters cannot be
  reached the rate is not checked: the slots still bound the work, and a
  download should not fail because the cache did.
- `PdfLimitMiddleware` applies both above sessions, CSRF and the view, and a
  refusal's page is rendered once per process, so refusing is cheap; an address
  past the rate is then refused before Django altogether, by the front door
  (b2m_site/front.py), so a flood of refused requests cannot crowd out pages.
"""

import contextlib
import fcntl
import functools
import hashlib
import os
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django_ratelimit.core import get_usage

from b2m_site.cache import CacheUnavailable
from b2m_site.front import RATE_REFUSAL_KEY
from b2m_site.middleware import client_ip

PDF_GROUP = "pdf"


def _slot_dir():
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())


class Slots:
    """At most `count` holders at once on this machine (flock'd files) and in this process."""

    def __init__(self, name, count, directory=None):
        directory = Path(directory or _slot_dir())
        # One set of slots per deployment (its code directory) and name.
        tag = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:12]
        self.paths = [directory / f"b2m-{tag}-{name}-{i}.lock" for i in range(count)]
        self._files = [None] * count
        self._locks = [threading.Lock() for _ in range(count)]

    def _file(self, index):
        if self._files[index] is None:
            self._files[index] = open(self.paths[index], "a+b")  # noqa: SIM115
        return self._files[index]

    @contextlib.contextmanager
    def take(self):
        """Yields True holding a free slot, or False at once when none is free."""
        for index, lock in enumerate(self._locks):
            if not lock.acquire(blocking=False):
                continue
            try:
                handle = self._file(index)
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue
                try:
                    yield True
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
                return
            finally:
                lock.release()
        yield False


_pdf_slots = None
_pdf_slots_lock = threading.Lock()


def pdf_slots():
    global _pdf_slots
    with _pdf_slots_lock:
        if _pdf_slots is None or len(_pdf_slots.paths) != settings.PDF_CONCURRENCY:
            _pdf_slots = Slots("pdf", settings.PDF_CONCURRENCY)
        return _pdf_slots


# What a refusal says; rendered once per process (nothing in it depends on the visitor).
_REFUSALS = {
    429: (
        "Please wait a moment before the next PDF",
        "You have asked for several PDFs in a short time. Please wait a minute and "
        "try again. The result page itself can be printed at any time.",
    ),
    503: (
        "We are making other PDFs just now",
        "Please try again in a few seconds. The result page itself can be printed at any time.",
    ),
}
_rendered = {}
# Addresses refused lately, and until when (per process, a shortcut only: the
# shared counters stay the authority). A refusal then costs no cache round trip.
_refused_until = {}
_REFUSED_MAX = 10_000


def _busy(request, status, retry_after):
    if status not in _rendered:
        heading, message = _REFUSALS[status]
        _rendered[status] = render_to_string(
            "errors/busy.html", {"heading": heading, "message": message}
        )
    response = HttpResponse(_rendered[status], status=status)
    response["Retry-After"] = str(max(1, int(retry_after)))
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_rate(group, request):
    return settings.PDF_RATE


def _rate_refusal(request):
    """A 429 when this address is past PDF_RATE, else None (and one PDF counted)."""
    address = client_ip(request)
    until = _refused_until.get(address)
    now = time.monotonic()
    if until is not None:
        if now < until:
            request.META[RATE_REFUSAL_KEY] = True
            return _busy(request, 429, until - now)
        _refused_until.pop(address, None)
    try:
        usage = get_usage(request, group=PDF_GROUP, key="ip", rate=_pdf_rate, increment=True)
    except CacheUnavailable:
        return None  # the slots still bound the work
    if usage is None or not usage["should_limit"]:
        return None
    retry = usage.get("time_left") or 60
    if len(_refused_until) >= _REFUSED_MAX:
        _refused_until.clear()
    _refused_until[address] = now + retry
    # The front door (b2m_site/front.py) answers this address's next PDF
    # requests itself until then, with this response's headers.
    request.META[RATE_REFUSAL_KEY] = True
    return _busy(request, 429, retry)


def _bounded(request, build):
    """A free slot and the rate, or a quick refusal; `build()` makes the response."""
    if getattr(request, "pdf_bounded", False):
        return build()
    request.pdf_bounded = True
    with pdf_slots().take() as slot:
        if not slot:
            return _busy(request, 503, settings.PDF_RETRY_SECONDS)
        refused = _rate_refusal(request)
        if refused is not None:
            return refused
        return build()


BOUNDED_ATTR = "bounded_pdf"


def bounded_pdf(view):
    """Mark and wrap a view that builds a PDF (PdfLimitMiddleware bounds it earlier)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return _bounded(request, lambda: view(request, *args, **kwargs))

    setattr(wrapper, BOUNDED_ATTR, True)
    return wrapper


@functools.lru_cache(maxsize=1024)
def _is_bounded(urlconf, path):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, BOUNDED_ATTR, False)


class PdfLimitMiddleware:
    """Refuse PDF requests past the limits before sessions, CSRF and the form run.

    Placed above them, a refusal costs a flock attempt (and, when a slot is
    free, one rate-limit count), so a flood of PDF requests cannot crowd out
    pages with the work of refusing them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "POST") and _is_bounded(
            settings.ROOT_URLCONF, request.path_info
        ):
            return _bounded(request, lambda: self.get_response(request))
        return self.get_response(request)
