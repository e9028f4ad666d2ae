"""Small factory helpers instead of large fixtures."""

import itertools

from django.contrib.auth.models import Group, User
from django.test import Client

from education import publishing
from education.models import GlossaryTerm, Reference, ReviewerProfile, Section, Status, Topic

_counter = itertools.count(1)

PASSWORD = "a-long-test-password"


def make_user(name, *groups, profile=None, email=""):
    """A staff user in the named groups; `profile` is a reviewer's (name, role)."""
    user = User.objects.create_user(name, password=PASSWORD, is_staff=True, email=email)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    if profile:
        ReviewerProfile.objects.create(user=user, display_name=profile[0], role=profile[1])
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


# A slightly raised blood result with one earlier result and one situation ticked:
# the checker's answers, as its pages post them.
MILD_WITH_HISTORY = {
    "serum_value": "3.1",
    "serum_unit": "mg/L",
    "serum_upper_limit": "2.4",
    "test_date": "2026-11-01",
    "history-0-date": "2026-10-01",
    "history-0-serum_value": "2.0",
    "context": ["recent_exercise"],
}


def make_topic(*, sections=1, **kwargs):
    n = next(_counter)
    fields = {
        "title": f"Test topic {n}",
        "slug": f"test-topic-{n}",
        "summary": "A short summary.",
        "order": 100 + n,
        "status": Status.PUBLISHED,
    }
    fields.update(kwargs)
    topic = Topic.objects.create(**fields)
    for i in range(1, sections + 1):
        make_section(topic=topic, order=i, title=f"Section {i}", slug=f"section-{i}")
    if topic.status == Status.PUBLISHED:
        publishing.make_live(topic)  # a published page has a live version
    return topic


def make_section(*, topic, **kwargs):
    fields = {"title": "A section", "slug": "a-section", "order": 1, "body": "Some *text*."}
    fields.update(kwargs)
    section = Section.objects.create(topic=topic, **fields)
    if publishing.live_of(topic) is not None:
        publishing.make_live(topic)  # content made by a factory is published content
    return section


def make_term(**kwargs):
    n = next(_counter)
    fields = {"term": f"Term {n}", "slug": f"term-{n}", "definition": "A plain meaning."}
    fields.update(kwargs)
    return GlossaryTerm.objects.create(**fields)


def make_reference(**kwargs):
    n = next(_counter)
    fields = {
        "title": f"Reference {n}",
        "publisher": "A Journal",
        "year": 2024,
        "url": f"https://doi.org/10.1000/{n}",
        "key": f"ref-{n}",
    }
    fields.update(kwargs)
    return Reference.objects.create(**fields)
