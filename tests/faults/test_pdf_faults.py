"""PDF building is bounded: a per-client rate and a machine-wide cap, quick 429/503s."""

import json
import secrets

import pytest
from django.test import Client

from b2m_site import limits
from tests.faults.helpers import API_BODY, MILD

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
