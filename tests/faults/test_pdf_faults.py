"""PDF building is bounded: a per-client rate and a machine-wide cap, quick 429/503s."""

import collections
import concurrent.futures
import json
import re
import secrets
import time
from urllib.parse import urlencode

import pytest
from django.test import Client

from b2m_site import limits
from tests.faults.helpers import API_BODY, MILD
from tests.faults.server import fetch, gunicorn, manage, site_env

pytestmark = pytest.mark.faults


@pytest.mark.django_db
def test_past_the_per_client_rate_a_pdf_answers_429_with_retry_after(settings):
    settings.PDF_RATE = "2/m"
    client = Client()
    answers = [client.post("/interpret/checklist.pdf", MILD) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[0].content.startswith(b"%PDF")
    assert 1 <= int(answers[2]["Retry-After"]) <= 60
    assert "several PDFs" in answers[2].content.decode()
    # Another visitor is not affected.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post("/interpret/checklist.pdf", MILD).status_code == 200


@pytest.mark.django_db
def test_with_every_pdf_slot_busy_a_pdf_answers_503_at_once_with_retry_after(settings):
    settings.PDF_CONCURRENCY = 1
    client = Client()
    with limits.pdf_slots().take() as slot:  # another worker is building one
        assert slot is True
        busy = client.post("/interpret/checklist.pdf", MILD)
    assert busy.status_code == 503
    assert busy["Retry-After"] == str(settings.PDF_RETRY_SECONDS)
    assert client.post("/interpret/checklist.pdf", MILD).status_code == 200


@pytest.mark.django_db
def test_a_share_link_pdf_needs_a_real_token():
    client = Client()
    made = client.post(
        "/api/v1/interpret",
        data=json.dumps({**API_BODY, "share": True}),
        content_type="application/json",
    ).json()
    real = client.get(made["share_url"] + "checklist.pdf")
    assert real.status_code == 200 and real.content.startswith(b"%PDF")
    for token in (secrets.token_urlsafe(32), "a" * 16, made["share_url"].split("/")[2][:-1]):
        fake = client.get(f"/r/{token}/checklist.pdf")
        assert fake.status_code == 404, token
        assert not fake.content.startswith(b"%PDF")


# --- A PDF flood against the real server ------------------------------------------

FLOOD_CLIENTS = 8
FLOOD_REQUESTS = 12  # per client: the flood ends by count, never by the clock
# PDFs per client address in a 30-day window. django-ratelimit's windows end at a
# time set by the clock and the address; with eight addresses an hour-long window
# ended mid-test about once in 15 runs (8 x 30 s / 3,600 s), a 30-day one about once
# in 10,000.
FLOOD_RATE = 2
FLOOD_PERIOD = "30d"
CSRF_SECRET = "b" * 32  # a browser's CSRF cookie, and the same secret in the form


def ask_for_pdf(base, address):
    """One checklist PDF asked for as a browser would (its CSRF cookie and token)."""
    body = urlencode({**MILD, "csrfmiddlewaretoken": CSRF_SECRET}).encode()
    status, headers, content, _ = fetch(
        base + "/interpret/checklist.pdf",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF_SECRET}",
            "X-Forwarded-For": address,
        },
        timeout=30,
    )
    return address, status, headers.get("Retry-After"), content


@pytest.fixture
def pdf_site(tmp_path):
    """gunicorn in production mode: 2 workers, one PDF slot, PDF_RATE 2/30d per address.

    Behind one proxy (DJANGO_PROXY_COUNT=1), so each test client has an address
    of its own in X-Forwarded-For. Yields (base URL, path of the server's log).
    """
    env = site_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        REDIS_URL="",
        PDF_CONCURRENCY="1",
        PDF_RATE=f"{FLOOD_RATE}/{FLOOD_PERIOD}",
        DJANGO_PROXY_COUNT="1",
    )
    manage(env, "migrate", "--noinput")
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env, log_path=log_path) as base:
        yield base, log_path


def topic_url(base):
    status, _, body, _ = fetch(base + "/learn/", timeout=30)
    assert status == 200
    return base + re.search(r'href="(/learn/[\w-]+/)"', body.decode())[1]


def test_a_pdf_flood_gets_quick_refusals_and_pages_keep_answering(pdf_site):
    base, log_path = pdf_site
    topic = topic_url(base)
    addresses = [f"203.0.113.{client + 1}" for client in range(FLOOD_CLIENTS)]
    # Half the clients have already spent their budget (one at a time, so a slot
    # is always free and the shared counter counts each): built, built, refused.
    spent = addresses[: FLOOD_CLIENTS // 2]
    for address in spent:
        before = [ask_for_pdf(base, address)[1] for _ in range(FLOOD_RATE + 1)]
        assert before == [200] * FLOOD_RATE + [429], (address, before)
    started = time.monotonic()
    pages = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=FLOOD_CLIENTS) as pool:
        floods = [
            pool.submit(lambda a: [ask_for_pdf(base, a) for _ in range(FLOOD_REQUESTS)], address)
            for address in addresses
        ]
        # The topic page, asked again and again while any client is still flooding.
        while not all(flood.done() for flood in floods):
            pages.append(fetch(topic, headers={"X-Forwarded-For": "198.51.100.1"}, timeout=30)[0])
        answers = [answer for flood in floods for answer in flood.result(timeout=120)]
    minutes = 1 + int((time.monotonic() - started) // 60)

    assert len(answers) == FLOOD_CLIENTS * FLOOD_REQUESTS
    assert pages and set(pages) == {200}, pages
    statuses = collections.Counter(status for _, status, _, _ in answers)
    # Built, or refused with a reason: past the rate (429) or every slot busy (503).
    assert set(statuses) <= {200, 429, 503}, statuses
    for address, status, retry_after, content in answers:
        if status == 200:
            assert content.startswith(b"%PDF")
            assert address not in spent
        else:
            assert retry_after and int(retry_after) >= 1
            assert b"%PDF" not in content
    # Per client, across both workers (the counters are shared): never past the rate.
    built = collections.Counter(address for address, status, _, _ in answers if status == 200)
    assert not built or max(built.values()) <= FLOOD_RATE, built
    # Refusals past the rate are answered at the door once a worker has refused
    # that address: not one request log line each, and one line a minute per worker.
    log = log_path.read_text()
    logged_429 = len(re.findall(r'"status": 429, "duration_ms"', log))
    door_lines = log.count("refused at the door")
    assert logged_429 < len(spent) + statuses[429], (logged_429, statuses[429])
    assert 1 <= door_lines <= 2 * minutes, door_lines


def test_with_the_only_slot_taken_every_worker_refuses_pdfs_and_pages_answer(pdf_site):
    """The slot is machine-wide: while this test holds it, neither worker builds a PDF."""
    base, _ = pdf_site
    topic = topic_url(base)
    # The server's own slot: the same code directory, so the same lock file.
    with limits.Slots("pdf", 1).take() as slot:
        assert slot is True
        answers = [ask_for_pdf(base, f"192.0.2.{i}") for i in range(1, 7)]
        pages = [fetch(topic, timeout=30)[0] for _ in range(6)]
    assert [status for _, status, _, _ in answers] == [503] * 6
    assert all(retry == "5" for _, _, retry, _ in answers)
    assert all(b"We are making other PDFs just now" in content for *_, content in answers)
    assert pages == [200] * 6
    # Released: the next visitor gets a PDF.
    assert ask_for_pdf(base, "192.0.2.100")[1] == 200
