"""Settings for B2M Guide.

Everything that differs between a laptop and production comes from environment
variables (listed with a comment each in `.env.example`). The defaults are safe
for development; production (`DJANGO_DEBUG=0`) refuses to start without a real
secret key.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from b2m_site.release import fingerprint

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (or true/false), not {value!r}.")


def env_int(name, default, minimum=0):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0 "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use 32 or more random characters."
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must name the site's host names when DJANGO_DEBUG=0."
    )
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"DJANGO_CSRF_TRUSTED_ORIGINS entries must start with https://, not {_origin!r}."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "reversion",
    "axes",
    "csp",
    "b2m_site",
    "education",
    "interpreter",
]

MIDDLEWARE = [
    # First, so its one log line per request covers everything below it.
    "b2m_site.middleware.RequestLogMiddleware",
    # TRACE and friends (405) and over-long bodies (413), before any work.
    "b2m_site.middleware.RequestGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files carry these headers too.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "b2m_site.csp.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages for anonymous visitors, served before sessions, CSRF,
    # auth and the view: a hit costs one cache round trip (education/cache.py).
    "education.cache.PageCacheMiddleware",
    # PDF requests past their limits are refused here, before sessions and CSRF.
    "b2m_site.limits.PdfLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Views marked @stateless (the JSON API: no cookie, session, user, message or
# CSRF token) run under these only (b2m_site/front.py): the request log, the
# guard, every security header, and Content-Length.
STATELESS_MIDDLEWARE = [
    "b2m_site.middleware.RequestLogMiddleware",
    "b2m_site.middleware.RequestGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "b2m_site.csp.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "b2m_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "b2m_site.wsgi.application"

try:
    _DATABASE = dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
# How long a request waits for the database before giving up with a 503.
DB_TIMEOUT_SECONDS = env_int("DJANGO_DB_TIMEOUT_SECONDS", 3, minimum=1)
if _DATABASE["ENGINE"] == "django.db.backends.sqlite3":
    _DATABASE["OPTIONS"] = {
        # Readers never wait for a writer (WAL); a writer waits for another
        # writer at most DB_TIMEOUT_SECONDS (the busy timeout), then gets an
        # error the site answers with 503, instead of blocking every worker.
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
        "timeout": DB_TIMEOUT_SECONDS,
        # Take the write lock when a transaction starts, so two writers queue
        # instead of one failing when it upgrades from reading to writing.
        "transaction_mode": "IMMEDIATE",
    }
elif _DATABASE["ENGINE"].startswith("django.db.backends.postgresql"):
    _DATABASE.setdefault("OPTIONS", {})["connect_timeout"] = DB_TIMEOUT_SECONDS
DATABASES = {"default": _DATABASE}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The largest request body a public page reads (the checker's longest form is a few
# KB); a larger one answers 413 before it is read
# (b2m_site.middleware.RequestGuardMiddleware). The reverse proxy samples in the
# README refuse the same (64k) outside /admin/.
SITE_MAX_BODY_BYTES = 64 * 1024
# Admin saves are larger: an editor may paste a long page, and a refusal there costs
# them their edit. Up to DJANGO_ADMIN_MAX_BODY_KB (1 MB by default, 64 KB to 10 MB);
# past it, an admin page says to go Back and copy the text (b2m_site.views).
ADMIN_MAX_BODY_BYTES = env_int("DJANGO_ADMIN_MAX_BODY_KB", 1024, minimum=64) * 1024
if ADMIN_MAX_BODY_BYTES > 10 * 1024 * 1024:
    raise ImproperlyConfigured(
        "DJANGO_ADMIN_MAX_BODY_KB must be at most 10240 (10 MB), "
        f"not {ADMIN_MAX_BODY_BYTES // 1024}."
    )
# Django reads no body larger than this; the middleware applies each path's own limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(SITE_MAX_BODY_BYTES, ADMIN_MAX_BODY_BYTES)

# One cache that every worker shares: page caching and rate-limit counters must
# agree across gunicorn workers and machines. The database cache needs nothing
# installed (its tables come from `migrate`); Redis is used when REDIS_URL is set.
# The cache only makes the site faster: the `default` alias fails open (a fault
# is a miss) behind a circuit breaker, and the `ratelimit` alias, which must
# count, refuses instead (b2m_site/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")
# Each Redis call gives up after this long (a local Redis answers in well under 1 ms).
CACHE_TIMEOUT_MS = env_int("CACHE_TIMEOUT_MS", 50, minimum=1)
# After this many cache failures in a row, stop trying for CACHE_RETRY_SECONDS.
CACHE_BREAKER_FAILURES = env_int("CACHE_BREAKER_FAILURES", 3, minimum=1)
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 5, minimum=1)
_CACHE_GUARD = {
    "BREAKER": {"threshold": CACHE_BREAKER_FAILURES, "reset_seconds": CACHE_RETRY_SECONDS},
    "LOG_SECONDS": 60,
}
if REDIS_URL:
    _REDIS_OPTIONS = {
        "socket_timeout": CACHE_TIMEOUT_MS / 1000,
        "socket_connect_timeout": CACHE_TIMEOUT_MS / 1000,
        "retry_on_timeout": False,
    }
    CACHES = {
        "default": {
            "BACKEND": "b2m_site.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "b2m",
            "OPTIONS": _REDIS_OPTIONS,
            **_CACHE_GUARD,
        },
        "ratelimit": {
            "BACKEND": "b2m_site.cache.RateLimitRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "b2m-rl",
            "OPTIONS": _REDIS_OPTIONS,
            **_CACHE_GUARD,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "b2m_site.cache.FailOpenDatabaseCache",
            "LOCATION": "b2m_cache",
            "KEY_PREFIX": "b2m",
            # Three entries (codings) per page; culling drops pages, never counters.
            "OPTIONS": {"MAX_ENTRIES": 3000},
            **_CACHE_GUARD,
        },
        "ratelimit": {
            "BACKEND": "b2m_site.cache.RateLimitDatabaseCache",
            "LOCATION": "b2m_ratelimit",
            "KEY_PREFIX": "b2m-rl",
            # Culling removes only expired counters (RateLimitDatabaseCache).
            "OPTIONS": {"MAX_ENTRIES": 10000},
            **_CACHE_GUARD,
        },
    }
RATELIMIT_USE_CACHE = "ratelimit"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Cached pages are keyed and tagged by the release (b2m_site/release.py): a fingerprint
# of the templates, static files and code, or RELEASE_ID when the deployment names it
# (a commit hash, say). Pages built by the old release are never served by the new one.
RELEASE = os.environ.get("RELEASE_ID", "").strip() or fingerprint(BASE_DIR)
if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", RELEASE):
    raise ImproperlyConfigured(
        f"RELEASE_ID must be 1 to 64 letters, digits, dots, dashes or underscores, not {RELEASE!r}."
    )

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin login lock-out: five failures for one account, or from one address,
# lock that account or address for 30 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "errors/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner in every command's output
# Behind N reverse proxies every request comes from the proxy: the lock-out and
# rate limits read the visitor's address from X-Forwarded-For instead.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "b2m_site.middleware.client_ip"
RATELIMIT_IP_META_KEY = "b2m_site.middleware.client_ip"
# django-ratelimit only knows memcached and django-redis. Django's own
# RedisCache increments atomically too, and so does our RateLimitDatabaseCache
# (a locked row, keeping the counter's expiry; b2m_site/cache.py).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
# "31 December 2026" in admin lists too, as everywhere else (b2m_site/formats/en).
FORMAT_MODULE_PATH = ["b2m_site.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap's compiled CSS from the pinned npm package (package.json), not a copy.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist" / "css"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed file names may be cached for a year.
WHITENOISE_MAX_AGE = 31536000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Share links (opt-in) expire after this many days.
SHARE_LINK_DAYS = env_int("SHARE_LINK_DAYS", 30, minimum=1)


def env_rate(name, default):
    """A django-ratelimit rate: a count per period, such as 10/h (s, m, h or d)."""
    value = (os.environ.get(name) or default).strip()
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", value):
        raise ImproperlyConfigured(
            f"{name} must be a count per period such as 10/h (s, m, h or d), not {value!r}."
        )
    return value


SHARE_LINK_RATE = env_rate("SHARE_LINK_RATE", "10/h")

# PDF checklists are the one expensive thing a visitor can ask for (0.1-0.3 s of
# CPU each). At most PDF_CONCURRENCY are built at once on this machine, across
# its gunicorn workers, so pages always have a free worker; past it a quick 503
# with Retry-After: PDF_RETRY_SECONDS. One address may ask for PDF_RATE (429 past it).
PDF_CONCURRENCY = env_int("PDF_CONCURRENCY", 1, minimum=1)
PDF_RETRY_SECONDS = env_int("PDF_RETRY_SECONDS", 5, minimum=1)
PDF_RATE = env_rate("PDF_RATE", "10/m")

SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# django-permissions-policy: the site uses no device features, so none is allowed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

CSRF_FAILURE_VIEW = "b2m_site.views.csrf_failure"

LOG_LEVEL = (os.environ.get("DJANGO_LOG_LEVEL") or "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}."
    )
# One JSON object per line (b2m_site.middleware writes one per request);
# DJANGO_LOG_FORMAT=plain for a human at a terminal.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "json")
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {
        # Share tokens and query strings (lab values) never reach a log.
        "redact": {"()": "b2m_site.middleware.RedactFilter"},
        "outage": {"()": "b2m_site.middleware.OutageFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["outage", "redact"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default handlers for its loggers (a plain console in
        # DEBUG, mail to ADMINS), which would bypass the redact filter.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Django's own request logger repeats the path and status of every
        # 4xx/5xx; our request log line already records them, without values.
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# --- Clinical review and reminder e-mail (education/workflow.py, send_review_reminders) ---
# An approved page is next due for review this many months later (1 to 36).
REVIEW_INTERVAL_MONTHS = env_int("REVIEW_INTERVAL_MONTHS", 12, minimum=1)
if REVIEW_INTERVAL_MONTHS > 36:
    raise ImproperlyConfigured(
        f"REVIEW_INTERVAL_MONTHS must be 36 or less, not {REVIEW_INTERVAL_MONTHS}."
    )
# Links in reminder e-mails start with this (https://b2m.example.org); empty: paths only.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
if SITE_URL and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SITE_URL must start with https:// or http://, not {SITE_URL!r}.")
# E-mail: with EMAIL_HOST set, sent over SMTP; without it, printed to the console (development).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
if EMAIL_PORT > 65535:
    raise ImproperlyConfigured(f"EMAIL_PORT must be a port number (1-65535), not {EMAIL_PORT}.")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set only one of EMAIL_USE_TLS (STARTTLS, usually port 587) and EMAIL_USE_SSL "
        "(usually port 465), not both."
    )
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "B2M Guide <noreply@localhost>")
if "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(
        f"DEFAULT_FROM_EMAIL must be an e-mail address, not {DEFAULT_FROM_EMAIL!r}."
    )
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
