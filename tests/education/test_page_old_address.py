"""A live page whose slug changes keeps its old address working.

Before, /learn/<old-slug>/ answered "page not found" the moment the new slug went
live: links people saved or were sent, and links on other sites, broke. Now the old
address sends visitors on to the page (models.FormerTopicSlug).
"""

import pytest
from django.test import Client

from education import publishing
from education.models import FormerTopicSlug, Topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def move(topic, slug, user):
    topic.slug = slug
    topic.save()
    publishing.publish(topic, user=user, comment="moved", drop_read_more=True)


def test_the_old_address_leads_to_the_page(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    move(topic, "about-b2m", editor)
    response = Client().get("/learn/what-is-b2m/")
    assert response.status_code == 302 and response["Location"] == "/learn/about-b2m/"
    assert Client().get("/learn/about-b2m/").status_code == 200
    # A link to the old address is no dead link for the editors either.
    assert publishing._live_sections()["what-is-b2m"] == publishing._live_sections()["about-b2m"]


def test_a_page_that_takes_the_old_address_has_it(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    move(topic, "about-b2m", editor)
    other = Topic.objects.get(slug="kidneys-and-b2m")
    move(other, "what-is-b2m", editor)
    response = Client().get("/learn/what-is-b2m/")
    assert response.status_code == 200 and other.title in response.content.decode()
    assert set(FormerTopicSlug.objects.values_list("slug", flat=True)) == {"kidneys-and-b2m"}


def test_an_offline_page_s_old_address_is_not_found(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    move(topic, "about-b2m", editor)
    publishing.unpublish(Topic.objects.get(pk=topic.pk), user=make_user("ed2"))
    assert Client().get("/learn/what-is-b2m/").status_code == 404
    assert Client().get("/learn/no-such-page/").status_code == 404
