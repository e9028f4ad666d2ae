"""Restoring a page's old version brings back its words only, never how it got to the public."""

import pytest
from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from education import publishing
from education.models import Status, Topic
from tests.education.admin_forms import browser_form_data
from tests.factories import client_for

pytestmark = pytest.mark.django_db


def seeded_page():
    return Topic.objects.filter(status=Status.PUBLISHED).order_by("order").first()


def versions(topic):
    return Version.objects.get_for_object(topic).select_related("revision").order_by("pk")


def restore(client, topic, version):
    url = f"/admin/education/topic/{topic.pk}/history/{version.pk}/"
    response = client.post(url, browser_form_data(client, url, "topic_form"))
    assert response.status_code == 302, response.content.decode()[:2000]


def public_status(topic):
    return Client().get(f"/learn/{topic.slug}/").status_code


def test_restoring_a_live_version_of_an_unpublished_page_keeps_it_offline_after_migrate(editor):
    page = seeded_page()
    client = client_for(editor)
    assert client.post(f"/admin/education/topic/{page.pk}/unpublish/").status_code == 302
    assert public_status(page) == 404

    live_version = versions(page).first()  # "As shipped", from when the page was live
    assert live_version.field_dict["status"] == Status.PUBLISHED
    restore(client, page, live_version)
    page.refresh_from_db()
    assert page.status == Status.DRAFT

    call_command("migrate", verbosity=0)  # every deploy, `make run`, `make serve`
    page.refresh_from_db()
    assert publishing.live_of(page) is None and page.status == Status.DRAFT
    assert public_status(page) == 404


def test_migrate_publishes_only_pages_no_editor_has_touched(editor, make_topic):
    page = seeded_page()
    client_for(editor).post(f"/admin/education/topic/{page.pk}/unpublish/")
    # However it came to be marked published again, an editor's page is not "as shipped".
    Topic.objects.filter(pk=page.pk).update(status=Status.PUBLISHED)
    shipped = make_topic(title="Added by a later data migration")
    shipped.live.delete()

    call_command("migrate", verbosity=0)
    assert publishing.live_of(Topic.objects.get(pk=page.pk)) is None
    assert public_status(page) == 404
    assert public_status(shipped) == 200
