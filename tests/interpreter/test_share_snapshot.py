"""Share links show what was shown: a snapshot at creation, and "what the guide says today"."""

import datetime
import io
import json
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from pypdf import PdfReader

from interpreter import downloads, presenters, reasoning, rules, snapshot
from interpreter.forms import CONTEXT_CHOICES
from interpreter.models import LevelWording, Phrase, ShareLink
from tests.factories import MILD_WITH_HISTORY

pytestmark = pytest.mark.django_db

MILD = MILD_WITH_HISTORY
NEW_HEADLINE = "A reworded headline published after the link was made"


def create(client, data=MILD):
    response = client.post("/interpret/share/", data)
    return re.fullmatch(r"/r/([^/]+)/", response["Location"])[1]


def text_of(response):
    html = re.sub(r"<(script|style|svg)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def reword_mild_headline():
    wording = LevelWording.objects.get(level="mildly_elevated")
    old = wording.headline
    wording.headline = NEW_HEADLINE
    wording.save()
    return old


# --- The snapshot renders as the guidance did ---------------------------------------------


def rich_inputs():
    m = rules.Measurement
    return rules.Inputs(
        serum=m(3.1, "mg/L", 2.4),
        urine=m(450, "ug/L", 300),
        creatinine=rules.Creatinine(1.4, "mg/dL", 60, "female"),
        test_date=datetime.date(2026, 11, 1),
        history=(
            rules.HistoryPoint(datetime.date(2026, 9, 1), serum=m(2.6, "mg/L", 2.4)),
            rules.HistoryPoint(datetime.date(2026, 10, 1), serum=m(2.9, "mg/L", 2.4)),
        ),
        context=frozenset({"recent_exercise"}),
    )


def test_a_frozen_result_renders_exactly_as_the_live_one():
    guidance = downloads.guidance_for(rich_inputs())
    stored = json.loads(json.dumps(snapshot.make(guidance)))  # as the database gives it back
    thawed = snapshot.read(stored)

    assert guidance.trends and guidance.kidney and len(guidance.findings) == 2
    for template in ("includes/result_body.html", "includes/clinician_details.html"):
        assert render_to_string(template, {"guidance": thawed}) == render_to_string(
            template, {"guidance": guidance}
        )
    assert thawed.test_date == datetime.date(2026, 11, 1)
    assert downloads.build_text(thawed) == downloads.build_text(guidance)
    assert snapshot.same(stored, guidance)


# --- Wording changes --------------------------------------------------------------------------


def test_a_link_keeps_the_wording_its_maker_saw_and_says_it_has_changed(client):
    token = create(client)
    before = text_of(Client().get(f"/r/{token}/"))
    assert "has changed since" not in before  # nothing to say while nothing changed

    old = reword_mild_headline()
    text = text_of(Client().get(f"/r/{token}/"))

    assert old in text and NEW_HEADLINE not in text
    assert "exactly as it was shown when this link was made" in text
    assert "What B2M Guide says for the same numbers has changed since then." in text
    html = Client().get(f"/r/{token}/").content.decode()
    assert f'href="http://testserver/r/{token}/today/"' in html


def test_what_the_guide_says_today_uses_the_live_wording_and_links_back(client):
    token = create(client)
    old = reword_mild_headline()
    response = Client().get(f"/r/{token}/today/")

    assert response.status_code == 200
    text = text_of(response)
    assert NEW_HEADLINE in text and old not in text
    assert "It is different from what was shown when the link was made" in text
    html = response.content.decode()
    assert f'href="http://testserver/r/{token}/"' in html
    assert f'href="/r/{token}/today/checklist.pdf"' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"


def test_the_pdf_and_text_file_keep_what_was_shown_and_say_it_changed(client):
    token = create(client)
    old = reword_mild_headline()

    pdf = pdf_text(Client().get(f"/r/{token}/checklist.pdf"))
    txt = Client().get(f"/r/{token}/checklist.txt").content.decode()
    for text in (pdf, re.sub(r"\s+", " ", txt)):
        assert old in text and NEW_HEADLINE not in text
        assert "has changed since then" in text
        # The printed address may wrap onto a second line (print.css breaks long
        # addresses anywhere), so it is looked for with the line breaks taken out.
        assert f"http://testserver/r/{token}/today/" in re.sub(r"\s+", "", text)

    today_pdf = pdf_text(Client().get(f"/r/{token}/today/checklist.pdf"))
    today_txt = Client().get(f"/r/{token}/today/checklist.txt").content.decode()
    today_txt = re.sub(r"\s+", " ", today_txt)
    for text in (today_pdf, today_txt):
        assert NEW_HEADLINE in text and old not in text
        assert "This is what B2M Guide says today" in text


def test_a_changed_phrase_that_this_result_shows_counts_as_a_change(client):
    token = create(client)
    phrase = Phrase.objects.get(kind="action", code="repeat_test")
    old_text = phrase.text
    phrase.text = "Repeat the test in a week or two: a reworded next step."
    phrase.save()

    text = text_of(Client().get(f"/r/{token}/"))
    assert " ".join(old_text.split()) in text
    assert "has changed since then" in text


def test_a_change_to_wording_this_result_does_not_use_is_not_reported(client):
    token = create(client)
    wording = LevelWording.objects.get(level="markedly_elevated")
    wording.headline = "Another level's headline, reworded"
    wording.save()
    assert "has changed since" not in text_of(Client().get(f"/r/{token}/"))


# --- What you told us and how we worked it out, in the link's files -------------------------

# MILD_WITH_HISTORY in words, as the result page listed it.
MILD_TOLD = [
    "Blood (serum) B2M: 3.1 mg/L",
    "Blood (serum) B2M reference range: Up to 2.4 mg/L",
    "Test date: 1 November 2026",
    "Earlier result 1: 1 October 2026: blood 2.0 mg/L",
    "Around the time of the test: I did hard exercise in the day or two before the test",
]


def files_of(token, reading=""):
    """The PDF's and the text file's text (whitespace squeezed) of a link."""
    pdf = pdf_text(Client().get(f"/r/{token}/{reading}checklist.pdf"))
    txt = Client().get(f"/r/{token}/{reading}checklist.txt").content.decode()
    return pdf, re.sub(r"\s+", " ", txt)


def test_a_links_files_keep_the_answers_and_reasoning_as_shown_after_the_words_change(
    client, monkeypatch
):
    token = create(client)
    made = ShareLink.objects.get()
    shown = snapshot.read(made.shown)
    first_rise = next(i for i in shown.reasoning if i["text"].startswith("A first small rise"))
    old_headline = reword_mild_headline()
    # Later, the rules' plain words and a situation's label are reworded too.
    monkeypatch.setitem(
        reasoning.FIXED, "single_mild_rise_repeat_first", ("Reworded reasoning.", reasoning.ARTICLE)
    )
    relabelled = [
        (c, "Reworded situation" if c == "recent_exercise" else w) for c, w in CONTEXT_CHOICES
    ]
    monkeypatch.setattr(presenters, "CONTEXT_CHOICES", relabelled)

    for text in files_of(token):
        assert old_headline in text and NEW_HEADLINE not in text
        assert "has changed since then" in text
        assert "What you told us" in text or "WHAT YOU TOLD US" in text
        for row in MILD_TOLD:
            assert row in text
        assert f"{first_rise['text']} Source: {first_rise['source']}." in text
        assert "Reworded" not in text
        for rule in made.guidance["rules_fired"]:
            assert rule not in text
    assert "Reworded situation" not in text_of(Client().get(f"/r/{token}/"))

    # What the guide says today has today's reasoning, beside the same answers.
    for text in files_of(token, "today/"):
        assert NEW_HEADLINE in text and "Reworded reasoning. Source:" in text
        assert MILD_TOLD[-1] in text


def test_a_link_keeps_the_answers_in_words_as_the_result_page_listed_them(client):
    # The range as typed ("0.8-2.4"), not only the upper limit the engine keeps.
    token = create(client, MILD | {"serum_range": "0.8-2.4"})
    told = snapshot.read_told(ShareLink.objects.get().shown)

    assert ("Blood (serum) B2M reference range", "0.8 to 2.4 mg/L") in [
        (row.label, row.value) for row in told
    ]
    assert "Blood (serum) B2M reference range 0.8 to 2.4 mg/L" in text_of(
        Client().get(f"/r/{token}/")
    )
    for text in files_of(token):
        assert "Blood (serum) B2M reference range: 0.8 to 2.4 mg/L" in text


def test_a_link_made_before_snapshots_kept_the_answers_lists_them_from_its_numbers(client):
    token = create(client)
    link = ShareLink.objects.get()
    shown, inputs = link.shown, link.inputs
    del shown["told"]
    for point in inputs["history"]:  # nor the typed digits, which came later still
        for analyte in ("serum", "urine"):
            if point[analyte]:
                point[analyte].pop("typed", None)
    ShareLink.objects.update(shown=shown, inputs=inputs)

    # Only the stored numbers are left, so each is said in its shortest form ("2", not
    # the "2.0" the patient typed).
    from_numbers = [row.replace("blood 2.0 mg/L", "blood 2 mg/L") for row in MILD_TOLD]
    for text in files_of(token):
        for row in from_numbers:
            assert row in text


def test_a_link_keeps_the_digits_typed_for_what_the_guide_says_today(client):
    # "2.0" typed for an earlier result: the link's own page and "today" both say "2.0".
    token = create(client)
    link = ShareLink.objects.get()
    assert link.inputs["history"][0]["serum"]["typed"] == {"value": "2.0"}
    today = text_of(Client().get(f"/r/{token}/today/"))
    assert "was 2.0 mg/L on" in today
    assert "It is the same as what was shown when the link was made" in today


# --- Rules changes ----------------------------------------------------------------------------


def test_a_new_rules_version_is_named_on_the_page_and_in_the_files(client, monkeypatch):
    token = create(client)
    made_with = rules.RULES_VERSION
    monkeypatch.setattr(rules, "RULES_VERSION", "2099.1.1")

    page = text_of(Client().get(f"/r/{token}/"))
    assert f"(rules version {made_with}, now 2099.1.1)" in page
    assert f"Rules version {made_with}" in page  # the clinician panel as it was
    txt = Client().get(f"/r/{token}/checklist.txt").content.decode()
    assert f"rules version {made_with}, now 2099.1.1" in re.sub(r"\s+", " ", txt)
    assert f"rules version {made_with}, now 2099.1.1" in pdf_text(
        Client().get(f"/r/{token}/checklist.pdf")
    )
    assert "Rules version 2099.1.1" in text_of(Client().get(f"/r/{token}/today/"))


# --- Stored inputs a later version cannot read ------------------------------------------------


@pytest.mark.parametrize(
    "inputs",
    [
        {"serum": {"amount": 3.1, "units": "mg/L"}},  # renamed keys
        {"serum": "3.1 mg/L"},  # another shape
        ["3.1", "mg/L"],  # not even an object
        {"serum": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}, "context": ["sauna"]},
        {"serum": {"value": 3.1, "unit": "mg/L"}, "test_date": "1st November"},
    ],
    ids=["renamed-keys", "string", "list", "unknown-code", "bad-date"],
)
def test_a_link_whose_inputs_cannot_be_read_still_opens_as_it_was_shown(client, inputs):
    token = create(client)
    headline = ShareLink.objects.get().guidance["headline"]
    ShareLink.objects.update(inputs=inputs)

    for path in ("", "today/", "checklist.txt", "today/checklist.txt"):
        response = Client().get(f"/r/{token}/{path}")
        assert response.status_code == 200, path
        text = re.sub(r"\s+", " ", text_of(response))
        assert headline in text, path
        assert "cannot read the numbers stored with this link" in text, path
    pdf = Client().get(f"/r/{token}/checklist.pdf")
    assert pdf.status_code == 200
    assert headline in pdf_text(pdf)
    assert Client().get(f"/r/{token}/reminder.ics").status_code == 200
    assert "/today/" not in Client().get(f"/r/{token}/").content.decode()


def test_a_snapshot_from_a_later_presenter_shape_still_renders(client):
    token = create(client)
    link = ShareLink.objects.get()
    shown = link.shown
    shown["guidance"]["a_field_from_the_future"] = {"__date__": "2030-01-01"}
    del shown["guidance"]["clinician"]
    ShareLink.objects.update(shown=shown)

    response = Client().get(f"/r/{token}/")
    assert response.status_code == 200
    assert link.guidance["headline"] in text_of(response)


def test_today_for_an_unchanged_link_says_it_is_the_same(client):
    token = create(client)
    text = text_of(Client().get(f"/r/{token}/today/"))
    assert "It is the same as what was shown when the link was made" in text


def test_the_today_pages_of_gone_links_answer_410(client):
    token = create(client)
    client.post(f"/r/{token}/delete/")
    for path in ("today/", "today/checklist.pdf", "today/checklist.txt"):
        assert Client().get(f"/r/{token}/{path}").status_code == 410


# --- What counts as a change ----------------------------------------------------------------


def test_a_redrawn_number_line_or_an_empty_new_field_is_not_a_change():
    guidance = downloads.guidance_for(rich_inputs())
    stored = json.loads(json.dumps(snapshot.make(guidance)))
    # As a link made before the lower-limit tick and the second badge were added.
    stored["guidance"]["findings"][0]["number_line"]["marker_percent"] = 12.5
    del stored["guidance"]["findings"][0]["number_line"]["bands"]
    stored["guidance"]["trends"][0]["chart"] = {}
    del stored["guidance"]["caution"]
    for finding in stored["guidance"]["findings"]:
        del finding["may_read_low"]
    assert snapshot.same(stored, guidance)


def test_a_new_field_that_says_something_or_a_changed_word_is_a_change():
    inputs = rules.Inputs(urine=rules.Measurement(150, "ug/L", 300), urine_ph=5.5)
    guidance = downloads.guidance_for(inputs)
    stored = json.loads(json.dumps(snapshot.make(guidance)))
    assert snapshot.same(stored, guidance)
    del stored["guidance"]["caution"]  # made before the second badge: today it shows one
    assert not snapshot.same(stored, guidance)

    stored = json.loads(json.dumps(snapshot.make(guidance)))
    stored["guidance"]["findings"][0]["text"] += " An older sentence."
    assert not snapshot.same(stored, guidance)
    stored = json.loads(json.dumps(snapshot.make(guidance)))
    stored["guidance"]["rules_version"] = "2026.11.1"
    assert not snapshot.same(stored, guidance)
    stored = json.loads(json.dumps(snapshot.make(guidance)))
    stored["guidance"]["notes"].append("A note that is gone today.")
    assert not snapshot.same(stored, guidance)
    assert not snapshot.same({"format": 1}, guidance)
    assert not snapshot.same(None, guidance)


@pytest.mark.parametrize(
    ("typed", "said"),
    [({"value": "3.0"}, "3.0"), ({"value": "9.9"}, "3"), ({"value": "abc"}, "3"),
     ({"colour": "3.0"}, "3"), (None, "3")],
)  # fmt: skip
def test_stored_digits_are_used_only_while_they_still_read_as_the_stored_number(typed, said):
    from interpreter.display import number
    from interpreter.sharing import inputs_from_json

    serum = {"value": 3.0, "unit": "mg/L", "upper_limit": 2.4}
    if typed is not None:
        serum["typed"] = typed
    inputs = inputs_from_json({"serum": serum})  # never an error: the link still opens
    assert number(inputs.serum.value) == said
    assert inputs.serum.value == 3.0
