import pytest
from django.contrib.auth.models import Group, User
from reversion.models import Version

from education.models import Section, Topic
from tests.factories import make_section, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    return client


def topic_form_data(topic, **changes):
    sections = list(topic.sections.all())
    data = {
        "title": topic.title,
        "summary": topic.summary,
        "status": topic.status,
        "slug": topic.slug,
        "order": topic.order,
        "next_review_due": topic.next_review_due.isoformat(),
        "last_reviewed_on": "",
        "reviewed_by_name": "",
        "reviewed_by_role": "",
        "sections-TOTAL_FORMS": len(sections),
        "sections-INITIAL_FORMS": len(sections),
        "sections-MIN_NUM_FORMS": 0,
        "sections-MAX_NUM_FORMS": 1000,
    }
    for i, section in enumerate(sections):
        data.update(
            {
                f"sections-{i}-id": section.pk,
                f"sections-{i}-topic": topic.pk,
                f"sections-{i}-order": section.order,
                f"sections-{i}-title": section.title,
                f"sections-{i}-slug": section.slug,
                f"sections-{i}-kind": section.kind,
                f"sections-{i}-body": section.body,
            }
        )
    data.update(changes)
    return data


def test_editors_group_can_edit_content_but_not_users():
    group = Group.objects.get(name="Content editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_topic", "add_section", "delete_glossaryterm", "change_reference"} <= codenames
    assert not {"add_user", "change_user", "change_group"} & codenames


def test_admin_edit_creates_a_revision_that_can_be_restored(editor_client):
    topic = make_topic(sections=0, title="Original title")
    make_section(topic=topic, body="Original body.")
    url = f"/admin/education/topic/{topic.pk}/change/"

    # First save through admin records the original as a revision.
    response = editor_client.post(url, topic_form_data(topic))
    assert response.status_code == 302, response.content.decode()[:2000]
    response = editor_client.post(
        url, topic_form_data(topic, title="Changed title", **{"sections-0-body": "New body."})
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "Changed title"
    assert topic.sections.get().body == "New body."

    versions = Version.objects.get_for_object(topic)
    assert versions.count() == 2
    original = versions.last()  # newest first

    history = editor_client.get(f"/admin/education/topic/{topic.pk}/history/")
    assert history.status_code == 200
    # Both saved versions are listed, each linking to its restore page.
    for version in versions:
        assert f"/admin/education/topic/{topic.pk}/history/{version.pk}/" in (
            history.content.decode()
        )

    revert_url = f"/admin/education/topic/{topic.pk}/history/{original.pk}/"
    form = editor_client.get(revert_url)
    assert form.status_code == 200
    response = editor_client.post(
        revert_url,
        topic_form_data(topic, title="Original title", **{"sections-0-body": "Original body."}),
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "Original title"
    assert topic.sections.get().body == "Original body."
    assert "<p>Original body.</p>" in topic.sections.get().body_html


def test_a_deleted_topic_can_be_recovered_with_its_sections(editor_client):
    topic = make_topic(sections=0, title="Keep me")
    make_section(topic=topic, body="Precious words.")
    editor_client.post(f"/admin/education/topic/{topic.pk}/change/", topic_form_data(topic))
    pk = topic.pk
    # A live page cannot be deleted: it goes offline only through Unpublish (its delete
    # page sends the editor back to the page, saying so).
    response = editor_client.get(f"/admin/education/topic/{pk}/delete/")
    assert response["Location"] == f"/admin/education/topic/{pk}/change/"
    editor_client.post(f"/admin/education/topic/{pk}/unpublish/", {"confirm": "yes"})
    response = editor_client.post(f"/admin/education/topic/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=pk).exists()

    deleted = Version.objects.get_deleted(Topic).get(object_id=str(pk))
    recover_url = f"/admin/education/topic/recover/{deleted.pk}/"
    assert editor_client.get(recover_url).status_code == 200
    response = editor_client.post(recover_url, topic_form_data_from_version(deleted))
    assert response.status_code == 302
    recovered = Topic.objects.get(pk=pk)
    assert recovered.title == "Keep me"
    assert Section.objects.get(topic=recovered).body == "Precious words."


def topic_form_data_from_version(version):
    with_sections = version.revision.version_set.all()
    topic_fields = version.field_dict
    sections = [v.field_dict for v in with_sections if v.content_type.model == "section"]
    data = {
        "title": topic_fields["title"],
        "summary": topic_fields["summary"],
        "status": topic_fields["status"],
        "slug": topic_fields["slug"],
        "order": topic_fields["order"],
        "next_review_due": topic_fields["next_review_due"].isoformat(),
        "sections-TOTAL_FORMS": len(sections),
        "sections-INITIAL_FORMS": len(sections),
        "sections-MIN_NUM_FORMS": 0,
        "sections-MAX_NUM_FORMS": 1000,
    }
    for i, section in enumerate(sections):
        # The recover view restores the sections first, so the form edits them.
        data.update(
            {
                f"sections-{i}-id": section["id"],
                f"sections-{i}-topic": version.object_id,
                f"sections-{i}-order": section["order"],
                f"sections-{i}-title": section["title"],
                f"sections-{i}-slug": section["slug"],
                f"sections-{i}-kind": section["kind"],
                f"sections-{i}-body": section["body"],
            }
        )
    return data


def test_overdue_filter_lists_only_overdue_pages(editor_client):
    import datetime

    overdue = make_topic(title="Old page", next_review_due=datetime.date(2020, 1, 1))
    current = make_topic(title="Fresh page", next_review_due=datetime.date(2099, 1, 1))
    html = editor_client.get("/admin/education/topic/?review=overdue").content.decode()
    assert overdue.title in html
    assert current.title not in html


def test_admin_search_finds_a_topic_by_section_text(editor_client):
    topic = make_topic(sections=0, title="Findable")
    make_section(topic=topic, body="The word zebrafish appears here.")
    html = editor_client.get("/admin/education/topic/?q=zebrafish").content.decode()
    assert "Findable" in html
