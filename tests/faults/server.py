"""The site under gunicorn in production mode, for faults that need real processes."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from tests.site.production import ROOT, subprocess_env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=180,
    )


def site_env(**overrides):
    port = free_port()
    return subprocess_env(
        DJANGO_SECURE_SSL_REDIRECT="0", PORT=str(port), WEB_CONCURRENCY="2", **overrides
    )


@contextlib.contextmanager
def gunicorn(env, ready_path="/healthz", log_path=None):
    """gunicorn with b2m_site/gunicorn.conf.py; yields the base URL.

    Its log (stderr: one line per request) goes to a file, `log_path` or a
    temporary one, never to a pipe: nobody reads a pipe while the test runs,
    and once its 64 KiB are full (a few hundred requests) every worker blocks
    in its next log line and the server stops answering.
    """
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        pytest.fail("Run `manage.py collectstatic` first (make test does).")
    log = open(log_path, "w+b") if log_path else tempfile.TemporaryFile()  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "b2m_site/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,  # its workers are stopped with it, whatever happens
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(base + ready_path, timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                log.seek(0)
                tail = log.read()[-2000:].decode(errors="replace")
                pytest.fail(f"gunicorn exited during start-up: {tail}")
            assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
            time.sleep(0.2)
        yield base
    finally:
        stop(server)
        log.close()


def stop(server):
    """SIGTERM to gunicorn; SIGKILL to its whole process group if it has not gone in 15 s."""
    with contextlib.suppress(ProcessLookupError):
        server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        # Stuck: the master and its workers (its own process group) go at once.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)


def fetch(url, data=None, headers=None, timeout=10):
    """(status, headers, body bytes, seconds) over a new connection."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read(), time.monotonic() - started


def post_json(url, body):
    return fetch(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
