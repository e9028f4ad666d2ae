"""Site-wide views: health and readiness, the error pages and the expired-form page."""

import concurrent.futures
import inspect
import logging
import sys

from django.core.cache import caches
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from b2m_site.breaker import Throttle

logger = logging.getLogger(__name__)

# Every check of /readyz together answers within this long, whatever is down.
READY_BUDGET_SECONDS = 0.5
# How long the readiness check waits for SQLite's write lock.
SQLITE_LOCK_WAIT_MS = 200
# Checks run in their own threads, so a database that hangs cannot hold the
# answer; a stuck check finishes (or times out) on its own later.
_checks = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="readyz")


@never_cache
@require_safe
def healthz(request):
    """Liveness: this process answers. Nothing else is asked, so it is always quick."""
    return JsonResponse({"status": "ok"})


def _check_database():
    """'ok', 'locked' (SQLite's write lock is held) or 'unavailable'. Runs in a thread."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            # Reads never wait in WAL mode; writes need the lock, briefly.
            connection.connection.execute(f"PRAGMA busy_timeout = {SQLITE_LOCK_WAIT_MS}")
            try:
                with transaction.atomic():  # BEGIN IMMEDIATE (settings.DATABASES)
                    pass
            except OperationalError as error:
                return "locked" if "locked" in str(error) else "unavailable"
        return "ok"
    except DatabaseError:
        return "unavailable"
    finally:
        connection.close()


def _check_cache():
    cache = caches["default"]
    status = getattr(cache, "status", None)
    if status is None:
        return "ok"
    return status()


@never_cache
@require_safe
def readyz(request):
    """Readiness: 200 when the database answers in time, else 503; the cache is reported.

    The cache only speeds the site up, so a cache fault reports "degraded"
    without failing readiness. The whole check takes at most about a second.
    """
    database = _checks.submit(_check_database)
    cache = _checks.submit(_check_cache)
    done, _ = concurrent.futures.wait([database, cache], timeout=READY_BUDGET_SECONDS)
    database_state = database.result() if database in done else "timeout"
    cache_state = cache.result() if cache in done else "degraded"
    ready = database_state == "ok"
    body = {
        "status": "ok" if ready else "unavailable",
        "database": database_state,
        "cache": cache_state,
    }
    return JsonResponse(body, status=200 if ready else 503)


# Django's own error views, with our templates. server_error renders without a
# request context (no context processors), so errors/500.html must not need one.


def _wants_json(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    if _wants_json(request):
        return JsonResponse({"errors": {"body": ["The request could not be read."]}}, status=400)
    return defaults.bad_request(request, exception, template_name="errors/400.html")


def request_too_large(request):
    from b2m_site.middleware import body_limit, is_admin_path

    limit = body_limit(request.path)
    if _wants_json(request):
        from interpreter.api import body_too_large  # the API's own, smaller limit

        return body_too_large()
    if is_admin_path(request.path):
        return admin_request_too_large(request, limit)
    return render(request, "errors/413.html", {"limit_kb": limit // 1024}, status=413)


def admin_request_too_large(request, limit):
    """An editor's save was too large: an admin page that says how to keep their text.

    Answered before the sign-in is read (the body is never read), so the page
    needs nothing from the request but the admin's names.
    """
    from django.contrib import admin

    context = {
        "title": "Your changes were not saved",
        "site_title": admin.site.site_title,
        "site_header": admin.site.site_header,
        "limit_kb": limit // 1024,
    }
    response = render(request, "admin/413.html", context, status=413)
    response["Cache-Control"] = "no-store"
    return response


def permission_denied(request, exception):
    return defaults.permission_denied(request, exception, template_name="errors/403.html")


API_NOT_FOUND = "There is no such address in the API. Send POST /api/v1/interpret."
API_METHOD = "Use POST with a JSON body."


def page_not_found(request, exception):
    if _wants_json(request):
        return api_not_found(request)
    return defaults.page_not_found(request, exception, template_name="errors/404.html")


def api_not_found(request):
    """Any other address under /api/ (also in development, where Django's own 404 is a page)."""
    response = JsonResponse({"errors": {"path": [API_NOT_FOUND]}}, status=404)
    response["Cache-Control"] = "no-store"
    return response


def api_method_not_allowed(request):
    """A method the API never answers (TRACE, CONNECT, inventions): JSON, like every API answer."""
    response = JsonResponse({"errors": {"method": [API_METHOD]}}, status=405)
    response["Allow"] = "POST"
    response["Cache-Control"] = "no-store"
    return response


# The database not answering (stopped, unreachable, locked past the busy
# timeout) is not a bug: a clear 503 that clears by itself once it is back.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_database_log = Throttle(60)


@never_cache
def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        if _database_log.ready():
            logger.warning(
                "The database is not answering (%s); answering 503 (%d more since last said)",
                type(error).__name__,
                _database_log.take_suppressed(),
            )
        if _wants_json(request):
            response = JsonResponse(
                {"errors": {"service": ["The service is briefly unavailable. Try again soon."]}},
                status=503,
            )
        else:
            response = defaults.server_error(request, template_name="errors/503.html")
            response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if _wants_json(request):
        return JsonResponse(
            {"errors": {"server": ["Something went wrong on our side. Please try again."]}},
            status=500,
        )
    return defaults.server_error(request, template_name="errors/500.html")


# Never offered again: the CSRF token itself, and anything secret.
_NOT_RESENT = ("csrfmiddlewaretoken", "password")


def allowed_methods(view):
    """The methods `view` answers, as its decorators declare them, or None when unknown.

    Read from Django's require_http_methods (require_safe, require_POST...) and
    education's cache_public_page, down the chain of functools.wraps.
    """
    from education.cache import PAGE_METHODS, PUBLIC_PAGE_ATTR

    func = view
    for _ in range(10):  # a few decorators deep at most
        if getattr(func, PUBLIC_PAGE_ATTR, False):
            return list(PAGE_METHODS)
        if not inspect.isfunction(func):
            return None
        methods = inspect.getclosurevars(func).nonlocals.get("request_method_list")
        if methods:
            return list(methods)
        func = getattr(func, "__wrapped__", None)
    return None


def _not_allowed_here(request):
    """405 for a method the address never answers (the CSRF check runs before the view)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    methods = allowed_methods(match.func)
    if methods is None or request.method in methods:
        return None  # a form of ours, sent too late: the expired-form page
    return HttpResponseNotAllowed(methods)


@never_cache
def csrf_failure(request, reason=""):
    """The page for a form sent with a missing or stale CSRF token (CSRF_FAILURE_VIEW).

    Usually the form sat open too long or cookies were cleared. When the form
    came from one of our own public pages, the answers are put back into a
    fresh form so the visitor can send them again with one button. Never for
    admin, and never for a request from another site: a "send again" button
    there would let that site trick someone into sending its request.
    """
    not_allowed = _not_allowed_here(request)
    if not_allowed is not None:
        return not_allowed
    in_admin = request.path.startswith(reverse("admin:index"))
    return render(
        request,
        "errors/csrf_failure.html",
        {
            "in_admin": in_admin,
            "resend_fields": [] if in_admin else _resendable_fields(request),
            "resend_to": request.path,
        },
        status=403,
    )


def _resendable_fields(request):
    if request.method != "POST":
        return []
    if request.headers.get("Origin") != f"{request.scheme}://{request.get_host()}":
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not any(word in name.lower() for word in _NOT_RESENT)
        for value in values
    ]
