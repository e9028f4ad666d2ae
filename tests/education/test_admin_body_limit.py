"""An editor's long save is not refused by the patients' 64 KB limit (audit finding 12)."""

import pytest

from education.models import Topic
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for

pytestmark = pytest.mark.django_db

LONG = "A long paragraph for patients. " * 2400  # about 74 KB


def _page_form(client):
    page = Topic.objects.filter(sections__isnull=False).distinct().order_by("order").first()
    url = f"/admin/education/topic/{page.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    body = next(k for k in data if k.startswith("sections-") and k.endswith("-body"))
    return page, url, data, body


def test_an_admin_save_over_64_kb_is_saved_as_a_draft(editor):
    client = client_for(editor)
    page, url, data, body = _page_form(client)
    data[body] = LONG
    response = client.post(url, data)
    assert response.status_code == 302
    assert any(LONG.strip() == s.body.strip() for s in page.sections.all())


def test_an_admin_save_over_the_admin_limit_says_to_go_back_and_copy_the_text(editor, settings):
    settings.ADMIN_MAX_BODY_BYTES = 32 * 1024
    client = client_for(editor)
    page, url, data, body = _page_form(client)
    data[body] = LONG
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 413
    assert "B2M Guide content" in html  # the admin's own header, not the patients' page
    assert "Your changes were not saved" in html and "up to 32 KB" in html
    assert "<strong>Back</strong> button" in html and "Copy your text somewhere safe" in html
    assert "Nothing you sent was kept" not in html and "We do not keep" not in html
    assert response["Cache-Control"] == "no-store"
    assert LONG.strip() not in "".join(page.sections.values_list("body", flat=True))


def test_public_pages_keep_their_64_kb_limit(client):
    response = client.post("/interpret/", {"serum_value": "3", "pad": "x" * (65 * 1024)})
    html = response.content.decode()
    assert response.status_code == 413
    assert "We accept up to 64 KB" in html and "B2M Guide content" not in html
