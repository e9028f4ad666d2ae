"""An editor whose Save is refused as an expired form is told how to keep their words.

Signing in again in another tab gives the browser a new form key, so the page still
open in the first tab cannot save. Before, the page then said (as it does to patients)
"go back with your browser's Back button, reload the page, and send the form again":
a reload shows the saved version, so a long edit was lost. Now it says not to reload
before copying the changes.
"""

import re

import pytest
from django.test import Client

from education.models import Topic
from tests.factories import PASSWORD
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def sign_in(client):
    page = client.get("/admin/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = client.post(
        "/admin/login/",
        {"username": "edna", "password": PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302


def test_a_save_after_signing_in_again_elsewhere_says_not_to_reload(editor):
    client = Client(enforce_csrf_checks=True)
    sign_in(client)
    topic = Topic.objects.get(slug="what-is-b2m")
    url = f"/admin/education/topic/{topic.pk}/change/"
    form = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    # Another tab: signed out and in again, so the browser now holds a new form key.
    client.post("/admin/logout/", {"csrfmiddlewaretoken": token}, HTTP_ORIGIN="http://testserver")
    sign_in(client)
    response = client.post(
        url, {"csrfmiddlewaretoken": token, "title": "Typed"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 403
    page = text_of(response)
    assert "Nothing was saved." in page
    assert "Do not reload the page you were editing yet" in page
    assert "copy your changes somewhere safe" in page
    assert "It is not about your result" not in page and "reload the page, and send" not in page
    assert Topic.objects.get(pk=topic.pk).title != "Typed"
