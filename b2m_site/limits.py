"""Bounds on expensive work (building PDFs): a machine-wide cap and a per-client rate.

A PDF takes a worker 0.1-0.3 s of CPU. Unbounded, a few clients asking for PDFs
keep every gunicorn worker busy and pages queue behind them. So:

- `Slots`: at most N builds at once on this machine, across its worker processes
  (and threads): N lock files, each taken with a non-blocking flock. When none
  is free the answer is an immediate 503 with Retry-After, never a queue. With
  two workers and one slot, one worker is always free for pages.
- a per-client rate (django-ratelimit on the `ratelimit` cache): past it, 429
  with Retry-After. If the counters cannot be reached the rate is not checked:
  the slots still bound the work, and a download should not fail because the
  cache did.
"""

import contextlib
import fcntl
import functools
import hashlib
import os
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

from b2m_site.cache import CacheUnavailable

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


def _busy(request, status, heading, message, retry_after):
    response = render(
        request,
        "errors/busy.html",
        {"heading": heading, "message": message},
        status=status,
    )
    response["Retry-After"] = str(max(1, int(retry_after)))
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_rate(group, request):
    return settings.PDF_RATE


def bounded_pdf(view):
    """Wrap a view that builds a PDF: the per-client rate, then a free slot, or a quick no."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            usage = get_usage(request, group=PDF_GROUP, key="ip", rate=_pdf_rate, increment=True)
        except CacheUnavailable:
            usage = None
        if usage is not None and usage["should_limit"]:
            return _busy(
                request,
                429,
                "Please wait a moment before the next PDF",
                "You have asked for several PDFs in a short time. Please wait a minute and "
                "try again. The result page itself can be printed at any time.",
                usage.get("time_left") or 60,
            )
        with pdf_slots().take() as slot:
            if not slot:
                return _busy(
                    request,
                    503,
                    "We are making other PDFs just now",
                    "Please try again in a few seconds. The result page itself can be "
                    "printed at any time.",
                    settings.PDF_RETRY_SECONDS,
                )
            return view(request, *args, **kwargs)

    return wrapper
