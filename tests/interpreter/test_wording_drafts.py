"""Interpreter wording: drafts beside the live text, preview, review and publish, discard.

The review steps themselves (who may approve, send back, reminders, compare)
are in test_wording_review.py.
"""

import json
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from reversion.models import Version

from education.cache import content_version
from education.models import ReviewerProfile
from interpreter import rules, samples
from interpreter.models import LevelWording, Phrase, ShareLink
from tests.pages import text_of

pytestmark = pytest.mark.django_db

MILD = {"serum_value": "3.1", "serum_unit": "mg/L", "serum_upper_limit": "2.4"}
DRAFT_HEADLINE = "Draft headline: your B2M is a touch above the usual range"
DRAFT_STEP = "Draft next step: repeat your B2M test in one to two weeks."


def give_profile(user):
    ReviewerProfile.objects.create(
        user=user, display_name=f"Dr {user.username.title()}", role="Consultant nephrologist"
    )


def staff_client(username, *, reviewer=False, editor=True):
    user = User.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
    if editor:
        user.groups.add(Group.objects.get(name="Content editors"))
    if reviewer:
        group, _ = Group.objects.get_or_create(name="Clinical reviewers")
        user.groups.add(group)
        give_profile(user)
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def editor():
    return staff_client("editor")[0]


@pytest.fixture
def reviewer():
    return staff_client("reviewer", reviewer=True)[0]


def level_url(level="mildly_elevated", action="change"):
    pk = LevelWording.objects.get(level=level).pk
    return f"/admin/interpreter/levelwording/{pk}/{action}/"


def phrase_url(kind="action", code="repeat_test", action="change"):
    pk = Phrase.objects.get(kind=kind, code=code).pk
    return f"/admin/interpreter/phrase/{pk}/{action}/"


def save_level_draft(client, level="mildly_elevated", **changes):
    wording = LevelWording.objects.get(level=level)
    data = {
        "draft_label": wording.label,
        "draft_headline": wording.headline,
        "draft_summary": wording.summary,
        **changes,
    }
    response = client.post(level_url(level), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def save_phrase_draft(client, text, kind="action", code="repeat_test"):
    response = client.post(phrase_url(kind, code), {"draft_text": text})
    assert response.status_code == 302
    return response


def publish(client, url, data=None):
    """Post an approve or minor-fix form as shown: with the fingerprint of the draft it showed."""
    page = client.get(url)
    found = re.search(r'name="draft" value="([0-9a-f]{64})"', page.content.decode())
    digest = found[1] if found else ""
    return client.post(url, {"draft": digest, **(data or {})})


def submit(client, url):
    """An editor submits the wording at `url` (its change page's address) for review."""
    response = client.post(url.replace("/change/", "/submit/"), {"note": ""})
    assert response.status_code == 302, response.content.decode()[:2000]


def approve(client, url):
    return publish(client, url.replace("/change/", "/approve/"))


def api(client):
    body = {"serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}}
    response = client.post(
        "/api/v1/interpret", data=json.dumps(body), content_type="application/json"
    )
    return response.json()


# --- A draft changes nothing patients see -------------------------------------------------


def test_a_saved_draft_leaves_the_live_result_the_api_and_share_links_unchanged(client, editor):
    live = LevelWording.objects.get(level="mildly_elevated").headline
    live_step = Phrase.objects.get(kind="action", code="repeat_test").text
    share = client.post("/interpret/share/", MILD)["Location"]

    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    save_phrase_draft(editor, DRAFT_STEP)

    wording = LevelWording.objects.get(level="mildly_elevated")
    assert wording.headline == live and wording.draft_headline == DRAFT_HEADLINE
    for response in (client.post("/interpret/", MILD, follow=True), Client().get(share)):
        text = text_of(response)
        assert live in text and DRAFT_HEADLINE not in text
        assert " ".join(live_step.split()) in text and DRAFT_STEP not in text
        assert "has changed since" not in text
    answer = api(client)
    assert answer["headline"] == live
    assert DRAFT_STEP not in [action["text"] for action in answer["actions"]]
    pdf_text = Client().post("/interpret/checklist.txt", MILD).content.decode()
    assert live in pdf_text and DRAFT_HEADLINE not in pdf_text


def test_the_change_page_edits_the_draft_and_shows_the_live_text_apart(editor):
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    html = editor.get(level_url()).content.decode()
    live = LevelWording.objects.get(level="mildly_elevated").headline
    assert "Live: what patients see now" in html
    assert live in html
    assert re.search(r'<textarea name="draft_headline"[^>]*>\s*' + re.escape(DRAFT_HEADLINE), html)
    assert "A draft is waiting" in html


def test_saving_the_live_words_unchanged_keeps_no_draft(editor):
    save_level_draft(editor)
    assert not LevelWording.objects.get(level="mildly_elevated").has_draft


# --- Preview ------------------------------------------------------------------------------


def test_preview_shows_the_draft_on_a_sample_result_of_its_level(editor):
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    response = editor.get(level_url(action="preview"))

    assert response.status_code == 200
    text = text_of(response)
    assert "Draft preview" in text
    assert DRAFT_HEADLINE in text
    assert "Your blood B2M is 3.1 mg/L" in text  # the sample result of this level
    assert "no-store" in response["Cache-Control"]
    assert "Create a share link" not in text  # a preview can make no link
    # Only that request saw the draft.
    assert DRAFT_HEADLINE not in text_of(Client().post("/interpret/", MILD, follow=True))


@pytest.mark.parametrize("level", rules.LEVELS)
def test_a_phrase_draft_previews_on_a_sample_of_each_level(editor, level):
    save_phrase_draft(editor, DRAFT_STEP, code="talk_to_provider")
    response = editor.get(phrase_url(code="talk_to_provider", action="preview") + f"?level={level}")
    text = text_of(response)
    assert response.status_code == 200
    assert DRAFT_STEP in text
    badge = LevelWording.objects.get(level=level).label
    assert badge in text


def test_phrase_preview_picks_a_sample_that_uses_the_phrase(editor):
    save_phrase_draft(editor, "Draft note about acidic urine samples.", "note", "acidic_urine")
    text = text_of(editor.get(phrase_url("note", "acidic_urine", action="preview")))
    assert "Draft note about acidic urine samples." in text
    assert "does not use these words" not in text


def test_every_engine_code_has_a_sample_result_that_shows_it():
    for kind, codes in (
        ("action", rules.ACTION_CODES),
        ("question", rules.QUESTION_CODES),
        ("note", rules.NOTE_CODES),
    ):
        for code in codes:
            assert any(samples.sample(level, kind, code)[2] for level in rules.LEVELS), code
    situations = Phrase.objects.filter(kind="general", code__regex=r"^(headline|summary)_")
    assert situations.exists()
    for phrase in situations:
        assert any(samples.sample(level, "general", phrase.code)[2] for level in rules.LEVELS)


def test_a_situations_headline_previews_in_place_of_the_levels(editor):
    save_phrase_draft(editor, "Draft headline for a low result", "general", "headline_below_range")
    text = text_of(editor.get(phrase_url("general", "headline_below_range", action="preview")))
    assert "Draft headline for a low result" in text
    assert "in place of the level's headline" in text
    assert "does not use these words" not in text


def test_preview_needs_a_staff_login(client):
    response = client.get(level_url(action="preview"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- Publish --------------------------------------------------------------------------------


def test_a_clinical_reviewer_approves_and_it_goes_live_everywhere_but_old_share_links(
    client, editor, reviewer
):
    share = client.post("/interpret/share/", MILD)["Location"]
    old = LevelWording.objects.get(level="mildly_elevated").headline
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    version = content_version()

    submit(editor, level_url())
    confirm = reviewer.get(level_url(action="approve"))
    assert confirm.status_code == 200
    assert "by Dr Reviewer, Consultant nephrologist (from your reviewer profile)" in text_of(
        confirm
    )
    response = approve(reviewer, level_url())
    assert response.status_code == 302

    wording = LevelWording.objects.get(level="mildly_elevated")
    assert wording.headline == DRAFT_HEADLINE and not wording.has_draft
    assert wording.published_by.username == "reviewer"
    assert wording.publish_note.startswith(
        "Clinical review: approved and published by Dr Reviewer, Consultant nephrologist "
        "(reviewer) on "
    )
    assert content_version() != version  # every worker re-reads the wording
    assert DRAFT_HEADLINE in text_of(client.post("/interpret/", MILD, follow=True))
    assert api(client)["headline"] == DRAFT_HEADLINE
    shared = text_of(Client().get(share))
    assert old in shared and DRAFT_HEADLINE not in shared
    assert "has changed since then" in shared
    assert LogEntry.objects.filter(change_message=wording.publish_note).exists()
    assert Version.objects.get_for_object(wording).first().revision.comment == wording.publish_note


def test_an_editor_can_publish_only_a_minor_fix_with_a_reason(client, editor):
    save_phrase_draft(editor, DRAFT_STEP)
    change = editor.get(phrase_url()).content.decode()
    assert "Approve and publish" not in change
    assert "Publish a minor fix" in change
    assert "Only for small corrections that need no clinical check" in text_of(
        editor.get(phrase_url(action="publish"))
    )

    refused = publish(editor, phrase_url(action="publish"), {"reason": "  "})
    assert refused.status_code == 400
    assert "Say what you changed, in one line" in text_of(refused)
    assert Phrase.objects.get(kind="action", code="repeat_test").has_draft
    # An editor cannot publish it as a review, nor as a minor fix once it is submitted.
    submit(editor, phrase_url())
    assert publish(editor, phrase_url(action="approve")).status_code == 403
    publish(editor, phrase_url(action="publish"), {"reason": "Fixes a typo"})
    assert Phrase.objects.get(kind="action", code="repeat_test").text != DRAFT_STEP
    assert editor.post(phrase_url(action="discard")).status_code == 302
    save_phrase_draft(editor, DRAFT_STEP)

    publish(editor, phrase_url(action="publish"), {"reason": "Fixes a typo"})
    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    assert phrase.text == DRAFT_STEP and not phrase.has_draft
    assert phrase.publish_note == (
        "Minor fix published by editor (no clinical review): Fixes a typo"
    )
    assert "review by" not in phrase.publish_note
    assert DRAFT_STEP in text_of(client.post("/interpret/", MILD, follow=True))
    assert "Minor fix published by editor" in text_of(editor.get(phrase_url()))


def test_the_publish_permission_makes_a_reviewer_without_the_group(editor):
    client, user = staff_client("doctor")
    user.user_permissions.add(Permission.objects.get(codename="publish_wording"))
    give_profile(user)
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    submit(editor, level_url())
    approve(client, level_url())
    wording = LevelWording.objects.get(level="mildly_elevated")
    assert wording.headline == DRAFT_HEADLINE
    assert wording.publish_note.startswith(
        "Clinical review: approved and published by Dr Doctor, Consultant nephrologist"
    )


def test_a_user_who_cannot_change_wording_cannot_publish_it(editor):
    client, _ = staff_client("onlooker", editor=False)
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    assert publish(client, level_url(action="publish"), {"reason": "x"}).status_code == 403
    assert client.post(level_url(action="submit"), {"note": ""}).status_code == 403
    assert LevelWording.objects.get(level="mildly_elevated").has_draft


# --- Discard -----------------------------------------------------------------------------


def test_discard_draft_returns_to_the_live_text(client, editor):
    live = LevelWording.objects.get(level="mildly_elevated").headline
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    assert "Discard the draft" in text_of(editor.get(level_url(action="discard")))
    assert editor.post(level_url(action="discard")).status_code == 302

    wording = LevelWording.objects.get(level="mildly_elevated")
    assert wording.headline == live and not wording.has_draft
    html = editor.get(level_url()).content.decode()
    assert re.search(r'<textarea name="draft_headline"[^>]*>\s*' + re.escape(live), html)
    assert DRAFT_HEADLINE not in text_of(editor.get(level_url(action="preview")))


# --- Finding one's way ---------------------------------------------------------------------


def test_each_piece_of_wording_says_where_it_is_shown(admin_client):
    levels = text_of(admin_client.get("/admin/interpreter/levelwording/"))
    assert "Where it is shown" in levels
    assert levels.count("The badge, headline and summary at the top of the result page") == 4
    phrases = text_of(admin_client.get("/admin/interpreter/phrase/?kind=action"))
    assert phrases.count('A tick box under "What usually happens next"') == len(rules.ACTION_CODES)
    note = text_of(admin_client.get(phrase_url("note", "acidic_urine")))
    assert 'A point under "Good to know"' in note and "a pH under 6" in note


def test_the_headline_box_is_wide_enough_for_its_sentence(admin_client):
    html = admin_client.get(level_url()).content.decode()
    box = re.search(r"<(\w+) [^>]*name=\"draft_headline\"[^>]*>", html)
    assert box[1] == "textarea"
    assert 'class="vLargeTextField"' in box[0]


def test_a_line_break_in_the_headline_is_not_kept(editor):
    save_level_draft(editor, draft_headline="Your B2M result is\r\nslightly high")
    assert LevelWording.objects.get(level="mildly_elevated").draft_headline == (
        "Your B2M result is slightly high"
    )


def test_existing_share_links_keep_their_words_through_a_draft_and_an_approval(
    client, editor, reviewer
):
    share = client.post("/interpret/share/", MILD)["Location"]
    stored = ShareLink.objects.get().shown
    save_phrase_draft(editor, DRAFT_STEP)
    submit(editor, phrase_url())
    assert approve(reviewer, phrase_url()).status_code == 302
    assert ShareLink.objects.get().shown == stored
    assert DRAFT_STEP not in text_of(Client().get(share))
    assert DRAFT_STEP in text_of(Client().get(share + "today/"))


def test_a_clinical_reviewer_without_wording_permissions_can_still_approve(editor):
    client, user = staff_client("nurse", reviewer=True, editor=False)
    Group.objects.get(name="Clinical reviewers").permissions.clear()
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    submit(editor, level_url())
    assert "Result level wordings" in text_of(client.get("/admin/"))
    assert client.get(level_url(action="approve")).status_code == 200
    approve(client, level_url())
    assert LevelWording.objects.get(level="mildly_elevated").headline == DRAFT_HEADLINE


def test_approval_refuses_a_draft_that_changed_after_the_page_was_shown(editor, reviewer):
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    submit(editor, level_url())
    page = reviewer.get(level_url(action="approve")).content.decode()
    digest = re.search(r'name="draft" value="([0-9a-f]{64})"', page)[1]
    save_level_draft(editor, draft_headline="A later draft nobody reviewed")
    submit(editor, level_url())

    response = reviewer.post(level_url(action="approve"), {"draft": digest})
    assert response.status_code == 409
    assert "The draft changed after you opened this page" in text_of(response)
    wording = LevelWording.objects.get(level="mildly_elevated")
    assert wording.draft_headline == "A later draft nobody reviewed"
    assert wording.headline != "A later draft nobody reviewed"


def test_a_review_is_recorded_from_the_reviewers_profile_never_typed_text(editor):
    client, user = staff_client("reviewer2", reviewer=True)
    user.reviewer_profile.delete()
    save_level_draft(editor, draft_headline=DRAFT_HEADLINE)
    submit(editor, level_url())

    response = approve(client, level_url())
    assert response.status_code == 403
    assert "Your account has no clinical reviewer profile" in text_of(response)
    assert LevelWording.objects.get(level="mildly_elevated").has_draft
