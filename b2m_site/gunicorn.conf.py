"""gunicorn settings for `make serve` (gunicorn -c b2m_site/gunicorn.conf.py b2m_site.wsgi).

Loopback only: a TLS-terminating reverse proxy (see README) faces the internet.
"""

import importlib
import os
import sys


def _fail(message):
    """A bad setting stops the start with one line, before any worker runs."""
    sys.stderr.write(f"Configuration error: {message}\n")
    sys.exit(2)


def env_int(name, default, minimum, maximum=None):
    value = (os.environ.get(name) or "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        _fail(f"{name} must be a whole number, not {value!r}.")
    if number < minimum or (maximum is not None and number > maximum):
        _fail(f"{name} must be from {minimum} to {maximum or 'any'}, not {number}.")
    return number


wsgi_app = "b2m_site.wsgi:application"
# Not gunicorn's default for $PORT, which is every interface.
bind = [f"127.0.0.1:{env_int('PORT', 8000, 1, 65535)}"]
workers = env_int("WEB_CONCURRENCY", 2, 1)

# Our request-log middleware writes one line per request without query
# strings; gunicorn's access log would repeat it with them.
accesslog = None
errorlog = "-"
loglevel = (os.environ.get("GUNICORN_LOG_LEVEL") or "info").strip().lower()
if loglevel not in {"debug", "info", "warning", "error", "critical"}:
    _fail(f"GUNICORN_LOG_LEVEL must be debug, info, warning, error or critical, not {loglevel!r}.")

# A page is built in well under a second; a PDF download in a few. A worker
# stuck for longer is killed and replaced.
timeout = env_int("GUNICORN_TIMEOUT", 30, 1)
graceful_timeout = 30
# The proxy keeps connections open to us; close idle ones a little after it does.
keepalive = 5
# Recycle workers now and then so a slow leak can never grow unbounded.
max_requests = 2000
max_requests_jitter = 200

# Heartbeat files in memory, not on a possibly slow disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# Several servers may run on one machine (tests, a second site); none needs
# gunicorn's control socket in the home directory.
control_socket_disable = True

# Django's settings read and check every other variable; do it here, in the
# master, so a bad one stops the start with one line instead of every worker
# failing to boot with a traceback.
try:
    from django.core.exceptions import ImproperlyConfigured

    importlib.import_module(os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2m_site.settings"))
except ImproperlyConfigured as error:
    _fail(error)
