"""Admin writes review dates one way, as the public pages do: "31 December 2026".

Not "Dec. 31, 2026" (Django's default for a bare date field) in the page's form
and History, and not "2026-12-31" on the compare page, where the word marking
split it into "2026", "-", "12"…
"""

import datetime
import re
from html import unescape

import pytest
import reversion
from reversion.models import Version

from education.models import Topic
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db

# Fixed dates, not the seeded ones: the seed makes pages due 30 days after the
# day the database was built, so a test that read the seeded date would pass
# on one day and fail on the next.
FIRST_DUE = datetime.date(2026, 12, 31)
DUE = datetime.date(2027, 12, 1)
LONG_DATE_TIME = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d")


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def page_with_two_versions():
    topic = Topic.objects.order_by("pk").first()
    Topic.objects.filter(pk=topic.pk).update(next_review_due=FIRST_DUE)
    topic.refresh_from_db()
    with reversion.create_revision():
        reversion.add_to_revision(topic)
    Topic.objects.filter(pk=topic.pk).update(
        next_review_due=DUE, last_reviewed_on=datetime.date(2026, 1, 5)
    )
    topic.refresh_from_db()
    with reversion.create_revision():
        reversion.add_to_revision(topic)
    return topic


def text_of(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_page_form_shows_review_dates_in_the_sites_format(editor):
    topic = page_with_two_versions()
    html = text_of(editor.get(f"/admin/education/topic/{topic.pk}/change/"))
    assert "1 December 2027" in html and "5 January 2026" in html
    assert "Dec. 1, 2027" not in html and "Jan. 5, 2026" not in html


def test_history_dates_read_day_month_year(editor):
    topic = page_with_two_versions()
    html = text_of(editor.get(f"/admin/education/topic/{topic.pk}/history/"))
    table = html[html.index('id="change-history"') :]
    assert LONG_DATE_TIME.search(table)
    assert not re.search(r"[A-Z][a-z]{2}\. \d{1,2}, \d{4}|[ap]\.m\.", table)


def test_compare_shows_a_changed_date_whole_and_in_the_sites_format(editor):
    topic = page_with_two_versions()
    old, new = list(Version.objects.get_for_object(topic).order_by("pk"))[-2:]
    html = text_of(
        editor.get(f"/admin/education/topic/{topic.pk}/history/compare/?from={old.pk}&to={new.pk}")
    )
    assert "Next review due" in html
    assert "<del>31</del> December <del>2026</del>" in html
    assert "<ins>1</ins> December <ins>2027</ins>" in html
    assert "2027-12-01" not in html and "<ins>-</ins>" not in html
    intro = html[html.index("From <strong>") :]
    assert LONG_DATE_TIME.match(intro[len("From <strong>") :])


@pytest.mark.parametrize(
    "url",
    [
        "/admin/education/topic/",
        "/admin/education/glossaryterm/",
        "/admin/education/reference/",
        "/admin/interpreter/phrase/",
        "/admin/interpreter/levelwording/",
    ],
)
def test_admin_lists_write_dates_the_sites_way(url):
    """The lists' date columns (next review due, last changed) read "1 December 2027",
    not Django's default "Dec. 1, 2027", "Dec. 1, 2026, 10:33 a.m."."""
    boss = make_user("boss")
    boss.is_superuser = True
    boss.save()
    admin = client_for(boss)
    html = text_of(admin.get(url))
    table = html[html.index('id="result_list"') :]
    assert re.search(
        r"\b\d{1,2} (January|February|March|April|May|June|July|August|"
        r"September|October|November|December) \d{4}\b",
        table,
    )
    assert not re.search(r"\b[A-Z][a-z]{2}\.? \d{1,2}, \d{4}|[ap]\.m\.", table)


def test_a_page_never_reviewed_says_so_instead_of_none(editor):
    topic = Topic.objects.order_by("pk").first()
    Topic.objects.filter(pk=topic.pk).update(last_reviewed_on=None)
    page = unescape(editor.get(f"/admin/education/topic/{topic.pk}/change/").content.decode())
    shown = re.search(
        r"Last reviewed on:</label>\s*<div class=\"readonly\">(.*?)</div>", page, re.S
    )
    assert shown is not None
    assert shown[1].strip() == "Not yet reviewed by a clinician."
