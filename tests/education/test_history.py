"""History: first revisions for seeded content, line endings, restore logged once, compare."""

import re

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from reversion.models import Revision, Version

from education import publishing
from education.models import GlossaryTerm, LiveTopic, Reference, Section, Topic
from education.revisions import AS_SHIPPED, create_first_revisions
from interpreter.models import LevelWording, Phrase
from tests.education.admin_forms import browser_form_data

pytestmark = pytest.mark.django_db

SEEDED_KINDS = [Topic, Section, GlossaryTerm, Reference, LevelWording, Phrase]


@pytest.fixture
def editor(db):
    user = User.objects.create_user("edna", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def section_index(data, pk):
    """The inline form number holding the section with this pk."""
    return next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(pk))


def post_as_browser(client, url, form_id):
    return client.post(url, browser_form_data(client, url, form_id))


def first_version(obj):
    return Version.objects.get_for_object(obj).order_by("pk").first()


def seeded_topic():
    return Topic.objects.filter(sections__isnull=False).distinct().order_by("order").first()


@pytest.mark.parametrize("model", SEEDED_KINDS, ids=lambda m: m.__name__)
def test_every_seeded_object_starts_with_an_as_shipped_revision(model):
    objects = list(model.objects.all())
    assert objects, f"nothing seeded for {model.__name__}"
    for obj in objects:
        version = first_version(obj)
        assert version is not None, f"{model.__name__} {obj} has no history"
        assert version.revision.comment == AS_SHIPPED
        # The revision holds the words as they were shipped.
        texts = {k: v for k, v in version.field_dict.items() if isinstance(v, str)}
        assert texts and texts == {k: getattr(obj, k) for k in texts}


def test_migrate_gives_an_existing_database_its_missing_first_revisions():
    # A database migrated before this change has content and no history at all.
    Revision.objects.all().delete()
    assert not Version.objects.exists()
    call_command("migrate", verbosity=0)
    for model in SEEDED_KINDS:
        for obj in model.objects.all():
            assert first_version(obj).revision.comment == AS_SHIPPED
    # Running it again adds nothing: each object keeps exactly one first revision.
    count = Revision.objects.count()
    call_command("migrate", verbosity=0)
    assert Revision.objects.count() == count


def test_first_revisions_skip_objects_that_already_have_history(make_topic):
    topic = make_topic(title="Made later")  # as a later data migration would
    assert create_first_revisions() == 1
    assert first_version(topic).revision.comment == AS_SHIPPED
    assert Version.objects.get_for_object(topic.sections.get()).count() == 1
    assert create_first_revisions() == 0


def test_a_seeded_topic_deleted_in_admin_is_recovered_with_its_sections(editor_client):
    topic = seeded_topic()
    pk, title = topic.pk, topic.title
    bodies = list(topic.sections.values_list("body", flat=True))
    unpublish = getattr(topic, "live", None)
    if unpublish is not None:
        editor_client.post(f"/admin/education/topic/{pk}/unpublish/", {"confirm": "yes"})
    response = editor_client.post(f"/admin/education/topic/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=pk).exists()

    recover_list = editor_client.get("/admin/education/topic/recover/").content.decode()
    deleted = Version.objects.get_deleted(Topic).get(object_id=str(pk))
    assert f"/admin/education/topic/recover/{deleted.pk}/" in recover_list
    url = f"/admin/education/topic/recover/{deleted.pk}/"
    response = post_as_browser(editor_client, url, "topic_form")
    assert response.status_code == 302
    recovered = Topic.objects.get(pk=pk)
    assert recovered.title == title
    assert list(recovered.sections.values_list("body", flat=True)) == bodies


def unlink_everywhere(slug):
    """Turn every [[...|slug]] link into plain words, as an editor would before deleting."""
    pattern = re.compile(r"\[\[(?:([^\[\]|]+?)\|)?\s*" + re.escape(slug) + r"\s*\]\]")

    def plain(text):
        return pattern.sub(lambda m: m[1] or slug, text)

    for section in Section.objects.all():
        section.body = plain(section.body)
        section.save()
    for live in LiveTopic.objects.all():
        live.sections = [{**data, "body": plain(data.get("body", ""))} for data in live.sections]
        live.save()
    for term in GlossaryTerm.objects.exclude(slug=slug):
        term.definition = plain(term.definition)
        term.save()
    assert publishing.glossary_uses(slug) == []


@pytest.mark.parametrize("model", [GlossaryTerm, Reference], ids=lambda m: m.__name__)
def test_a_seeded_term_or_reference_deleted_in_admin_is_recovered(editor_client, model):
    obj = model.objects.order_by("pk").first()
    if model is GlossaryTerm:
        unlink_everywhere(obj.slug)  # a term pages link to cannot be deleted
    else:  # nor a reference live pages cite: taken off them first, as an editor would
        obj.topics.clear()
        obj.live_topics.clear()
    pk, before = obj.pk, str(obj)
    base = f"/admin/education/{model._meta.model_name}"
    # A published item is taken off the site first; only then can it be deleted.
    editor_client.post(f"{base}/{pk}/unpublish/", {"confirm": "yes"})
    response = editor_client.post(f"{base}/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(model).get(object_id=str(pk))
    url = f"{base}/recover/{deleted.pk}/"
    form_id = f"{model._meta.model_name}_form"
    response = editor_client.post(url, browser_form_data(editor_client, url, form_id))
    assert response.status_code == 302
    assert str(model.objects.get(pk=pk)) == before


def test_a_deleted_seeded_section_comes_back_by_restoring_the_page(editor_client):
    topic = seeded_topic()
    section = topic.sections.first()
    shipped = first_version(topic)
    data = browser_form_data(editor_client, change_url(topic), "topic_form")
    index = section_index(data, str(section.pk))
    data[f"sections-{index}-DELETE"] = "on"
    assert editor_client.post(change_url(topic), data).status_code == 302
    assert not Section.objects.filter(pk=section.pk).exists()
    assert Version.objects.get_deleted(Section).filter(object_id=str(section.pk)).exists()

    url = f"/admin/education/topic/{topic.pk}/history/{shipped.pk}/"
    assert post_as_browser(editor_client, url, "topic_form").status_code == 302
    assert Section.objects.get(pk=section.pk).body == section.body


@pytest.mark.parametrize("model", [LevelWording, Phrase], ids=lambda m: m.__name__)
def test_deleted_seeded_wording_is_recoverable_from_its_first_revision(model):
    # Admin never lets wording be deleted; if it is removed some other way,
    # its first revision still brings it back.
    obj = model.objects.order_by("pk").first()
    pk, text = obj.pk, str(obj)
    obj.delete()
    Version.objects.get_deleted(model).get(object_id=str(pk)).revision.revert()
    assert str(model.objects.get(pk=pk)) == text


def test_restoring_as_shipped_after_an_edit_brings_back_the_original_words(editor_client):
    topic = seeded_topic()
    section = topic.sections.first()
    original_title, original_body = topic.title, section.body
    data = browser_form_data(editor_client, change_url(topic), "topic_form")
    index = section_index(data, str(section.pk))
    data["title"] = "Edited title"
    data[f"sections-{index}-body"] = "Edited body."
    assert editor_client.post(change_url(topic), data).status_code == 302

    history = editor_client.get(f"/admin/education/topic/{topic.pk}/history/").content.decode()
    assert AS_SHIPPED in history
    shipped = first_version(topic)
    url = f"/admin/education/topic/{topic.pk}/history/{shipped.pk}/"
    assert post_as_browser(editor_client, url, "topic_form").status_code == 302
    topic.refresh_from_db()
    assert topic.title == original_title
    assert Section.objects.get(pk=section.pk).body == original_body


def test_saving_unchanged_text_from_a_browser_changes_nothing_and_logs_only_real_changes(
    editor_client,
):
    topic = seeded_topic()
    sections = list(topic.sections.all())
    assert len(sections) > 1 and all("\n" in s.body for s in sections[:1])
    data = browser_form_data(editor_client, change_url(topic), "topic_form")
    assert "\r\n" in "".join(v for k, v in data.items() if k.endswith("-body"))
    first_id = str(sections[0].pk)
    index = section_index(data, first_id)
    data[f"sections-{index}-body"] = data[f"sections-{index}-body"] + "\r\n\r\nOne new sentence."
    assert editor_client.post(change_url(topic), data).status_code == 302

    for section in sections[1:]:
        # Stored exactly as it was: no CRLF crept in.
        assert Section.objects.get(pk=section.pk).body == section.body
    assert Section.objects.get(pk=first_id).body == sections[0].body + "\n\nOne new sentence."
    latest = Version.objects.get_for_object(topic).order_by("-pk").first().revision
    comment = latest.get_comment()
    assert comment == f"Changed Body for section “{sections[0].title}”."
    entry = LogEntry.objects.latest("pk")
    assert entry.get_change_message() == comment


def test_a_restore_is_logged_once_naming_who_and_which_version(editor_client, editor):
    term = GlossaryTerm.objects.order_by("pk").first()
    url = change_url(term)
    data = browser_form_data(editor_client, url, "glossaryterm_form")
    data["definition"] = "A changed meaning."
    assert editor_client.post(url, data).status_code == 302
    shipped = first_version(term)
    revisions, entries = Revision.objects.count(), LogEntry.objects.count()

    restore = f"/admin/education/glossaryterm/{term.pk}/history/{shipped.pk}/"
    assert post_as_browser(editor_client, restore, "glossaryterm_form").status_code == 302

    assert Revision.objects.count() == revisions + 1
    assert LogEntry.objects.count() == entries + 1
    revision = Revision.objects.latest("pk")
    entry = LogEntry.objects.latest("pk")
    assert revision.user == editor and entry.user == editor
    assert revision.get_comment() == entry.get_change_message()
    assert "Restored by edna" in revision.comment
    assert AS_SHIPPED in revision.comment  # the version it went back to
    assert "Reverted to previous version" not in revision.comment
    history = editor_client.get(f"/admin/education/glossaryterm/{term.pk}/history/")
    assert history.content.decode().count("Restored by edna") == 1


def test_compare_shows_only_the_changed_sentence_with_the_words_marked(editor_client):
    topic = seeded_topic()
    sections = list(topic.sections.all())
    target = sections[0]
    lines = [line for line in target.body.split("\n") if line.strip()]
    assert len(lines) > 1
    sentence = lines[0]
    changed = sentence.replace(sentence.split()[-1], "zebrafish", 1)
    data = browser_form_data(editor_client, change_url(topic), "topic_form")
    index = section_index(data, str(target.pk))
    data[f"sections-{index}-body"] = data[f"sections-{index}-body"].replace(sentence, changed, 1)
    assert editor_client.post(change_url(topic), data).status_code == 302

    versions = Version.objects.get_for_object(topic).order_by("pk")
    old, new = versions.first(), versions.last()
    history = editor_client.get(f"/admin/education/topic/{topic.pk}/history/").content.decode()
    assert f'name="from" value="{old.pk}"' in history and f'name="to" value="{new.pk}"' in history
    response = editor_client.get(
        f"/admin/education/topic/{topic.pk}/history/compare/", {"from": old.pk, "to": new.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Section “{target.title}”: Body" in page
    assert page.count('compare-change"') == 1  # nothing else is listed
    assert "<ins>zebrafish</ins>" in page
    assert "<del>" in page
    other = lines[1][:40]
    assert other not in page  # unchanged sentences are left out
    for section in sections[1:]:
        assert section.title not in page


def test_compare_with_unknown_versions_says_what_to_do(editor_client):
    topic = seeded_topic()
    response = editor_client.get(
        f"/admin/education/topic/{topic.pk}/history/compare/", {"from": "x", "to": "999999"}
    )
    assert response.status_code == 400
    assert "Choose two saved versions" in response.content.decode()


def test_slug_help_text_shows_the_address_pattern(editor_client):
    topic = seeded_topic()
    page = editor_client.get(change_url(topic)).content.decode()
    assert "/learn//#" not in page and "/learn//" not in page
    assert "/learn/page-slug/#this-slug" in page
    assert "/learn/this-slug/" in page


def test_versions_made_outside_admin_do_not_break_history(editor_client):
    term = GlossaryTerm.objects.order_by("pk").first()
    with reversion.create_revision():
        term.definition = "Changed in a shell."
        term.save()
    assert editor_client.get(f"/admin/education/glossaryterm/{term.pk}/history/").status_code == 200


def test_words_a_release_changed_are_recorded_in_their_history():
    """A wording migration changes live text that already has history (on a database
    migrated before it); the next migrate records the change in that history."""
    from education.revisions import RELEASE_UPDATE

    phrase = Phrase.objects.order_by("pk").first()
    shipped = phrase.text
    new_text = shipped + " Ask your care team when you are not sure."
    # As interpreter/migrations/0020 does: an update, without django-reversion.
    Phrase.objects.filter(pk=phrase.pk).update(text=new_text)
    topic = seeded_topic()
    section = topic.sections.order_by("pk").first()
    Section.objects.filter(pk=section.pk).update(body=section.body + "\n\nA new line.")
    untouched = Reference.objects.order_by("pk").first()
    before = Version.objects.get_for_object(untouched).count()

    call_command("migrate", verbosity=0)

    latest = Version.objects.get_for_object(phrase).first()
    assert latest.revision.comment == RELEASE_UPDATE
    assert latest.field_dict["text"] == new_text
    # The older entry still holds the words as they were, one restore away.
    assert Version.objects.get_for_object(phrase).last().field_dict["text"] == shipped
    # A changed section is recorded with its page, as a save in admin records it.
    page_version = Version.objects.get_for_object(topic).first()
    assert page_version.revision.comment == RELEASE_UPDATE
    section_version = Version.objects.get_for_object(section).first()
    assert section_version.revision == page_version.revision
    assert section_version.field_dict["body"].endswith("A new line.")
    # Nothing else gets an entry, and migrating again adds none.
    assert Version.objects.get_for_object(untouched).count() == before
    count = Revision.objects.count()
    call_command("migrate", verbosity=0)
    assert Revision.objects.count() == count
