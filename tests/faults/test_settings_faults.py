"""Every setting is checked at start-up: a bad one stops the start with one line."""

import subprocess
import sys

import pytest

from tests.faults.server import free_port
from tests.site.production import ROOT, subprocess_env

pytestmark = pytest.mark.faults

BAD = [
    ("SHARE_LINK_RATE", "lots"),
    ("SHARE_LINK_RATE", "0/h"),
    ("SHARE_LINK_RATE", "10/fortnight"),
    ("DJANGO_LOG_LEVEL", "LOUD"),
    ("DJANGO_LOG_FORMAT", "xml"),
    ("DJANGO_DEBUG", "maybe"),
    ("DJANGO_SECRET_KEY", "short"),
    ("DJANGO_ALLOWED_HOSTS", " "),
    ("DJANGO_CSRF_TRUSTED_ORIGINS", "b2m.example.org"),
    ("DJANGO_SECURE_SSL_REDIRECT", "perhaps"),
    ("DJANGO_HSTS_SECONDS", "a year"),
    ("DJANGO_PROXY_COUNT", "-1"),
    ("DATABASE_URL", "mongodb://localhost/b2m"),
    ("DJANGO_DB_CONN_MAX_AGE", "forever"),
    ("DJANGO_DB_TIMEOUT_SECONDS", "0"),
    ("REDIS_URL", "http://localhost:6379"),
    ("CACHE_TIMEOUT_MS", "fast"),
    ("CACHE_BREAKER_FAILURES", "0"),
    ("CACHE_RETRY_SECONDS", "0"),
    ("PAGE_CACHE_SECONDS", "-5"),
    ("AXES_FAILURE_LIMIT", "0"),
    ("AXES_COOLOFF_MINUTES", "half"),
    ("SHARE_LINK_DAYS", "0"),
    ("RELEASE_ID", "release one"),
]


def one_line_error(result, name):
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: ") and name in lines[0], lines[0]


@pytest.mark.parametrize("name, value", BAD)
def test_manage_py_refuses_a_bad_setting_in_one_line(name, value):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=subprocess_env(**{name: value}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    one_line_error(result, name)


@pytest.mark.parametrize(
    "name, value",
    [
        ("SHARE_LINK_RATE", "lots"),
        ("DJANGO_LOG_LEVEL", "LOUD"),
        ("WEB_CONCURRENCY", "0"),
        ("GUNICORN_TIMEOUT", "0"),
        ("GUNICORN_LOG_LEVEL", "chatty"),
        ("PORT", "http"),
    ],
)
def test_gunicorn_refuses_a_bad_setting_in_one_line_before_any_worker_starts(name, value):
    env = subprocess_env(**{"PORT": str(free_port()), name: value})
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", "b2m_site/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    one_line_error(result, name)


def test_make_serve_refuses_a_worker_count_gunicorn_cannot_read_in_one_line():
    # gunicorn reads WEB_CONCURRENCY before its config file runs; serve.sh checks it.
    result = subprocess.run(
        ["bash", "scripts/serve.sh"],
        cwd=ROOT,
        env=subprocess_env(WEB_CONCURRENCY="two", PY=sys.executable),
        capture_output=True,
        text=True,
        timeout=60,
    )
    one_line_error(result, "WEB_CONCURRENCY")
