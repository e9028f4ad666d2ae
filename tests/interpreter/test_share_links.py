"""Opt-in share links: made only on request, expiring, deletable, private, rate-limited."""

import datetime
import io
import json
import re
import string
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from interpreter import rules, sharing
from interpreter.models import LevelWording, ShareLink, hash_token
from tests.factories import MILD_WITH_HISTORY

pytestmark = pytest.mark.django_db

MILD = MILD_WITH_HISTORY
TOKEN_ALPHABET = set(string.ascii_letters + string.digits + "-_")
PRIVATE_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "Cache-Control": "private, no-store",
}


def create(client, data=MILD):
    """Press "Create a share link"; return the response and the link's token."""
    response = client.post("/interpret/share/", data)
    match = re.fullmatch(r"/r/([^/]+)/", response.get("Location", ""))
    return response, match[1] if match else None


def expire(token):
    ShareLink.objects.filter(token_hash=hash_token(token)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def text_of(response):
    html = re.sub(r"<(script|style|svg)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def assert_private(response):
    for name, value in PRIVATE_HEADERS.items():
        assert response[name] == value, name


# --- Made only on request ------------------------------------------------------------


def test_nothing_is_stored_by_reading_a_result_or_downloading_it(client):
    client.post("/interpret/", MILD, follow=True)
    client.post("/interpret/checklist.pdf", MILD)
    client.post("/api/v1/interpret", data=json.dumps(api_body()), content_type="application/json")
    assert ShareLink.objects.count() == 0


def test_the_result_page_offers_a_share_button_not_a_link(client):
    html = client.post("/interpret/", MILD, follow=True).content.decode()
    assert 'action="/interpret/share/"' in html
    assert "Create a share link" in html
    assert "/r/" not in html


def test_token_is_43_url_safe_characters_and_only_its_hash_is_stored(client):
    response, token = create(client)

    assert response.status_code == 302
    assert len(token) == 43  # secrets.token_urlsafe(32): 256 random bits
    assert set(token) <= TOKEN_ALPHABET
    link = ShareLink.objects.get()
    assert link.token_hash == hash_token(token) != token
    stored = json.dumps([link.inputs, link.guidance])
    assert token not in stored and token not in link.delete_key_hash


def test_each_link_gets_its_own_token(client):
    tokens = {create(client)[1] for _ in range(5)}
    assert len(tokens) == 5


def test_a_link_stores_the_inputs_and_the_guidance_and_nothing_else(client):
    _, token = create(client)
    link = ShareLink.objects.get()
    assert link.inputs["serum"] == {
        "value": 3.1,
        "unit": "mg/L",
        "upper_limit": 2.4,
        "typed": {"value": "3.1", "upper_limit": "2.4"},  # the digits as typed, said back
    }
    earlier = {"value": 2.0, "unit": "mg/L", "upper_limit": None, "typed": {"value": "2.0"}}
    assert link.inputs["history"] == [{"date": "2026-10-01", "serum": earlier, "urine": None}]
    assert link.inputs["context"] == ["recent_exercise"]
    assert link.guidance["level"] == "mildly_elevated"
    assert link.guidance["rules_version"] == rules.RULES_VERSION
    assert link.shown["guidance"]["headline"] == link.guidance["headline"]
    assert link.shown["guidance"]["findings"][0]["text"].startswith("Your blood B2M is 3.1 mg/L")
    field_names = {field.name for field in ShareLink._meta.get_fields()}
    assert field_names == {"id", "token_hash", "delete_key_hash", "inputs", "guidance", "shown",
                           "created_at", "expires_at", "deleted_at"}  # fmt: skip


def test_stored_inputs_give_back_the_same_engine_inputs():
    measurement = rules.Measurement
    inputs = rules.Inputs(
        serum=measurement(3.1, "mg/L", 2.4),
        urine=measurement(450, "ug/L"),
        urine_ph=5.5,
        creatinine=rules.Creatinine(1.4, "mg/dL", 60, "female"),
        test_date=datetime.date(2026, 11, 1),
        history=(rules.HistoryPoint(datetime.date(2026, 10, 1), serum=measurement(2.9, "mg/L")),),
        context=frozenset({"dialysis", "recent_exercise"}),
    )
    stored = json.loads(json.dumps(sharing.inputs_to_json(inputs)))
    assert sharing.inputs_from_json(stored) == inputs


# --- The share page ------------------------------------------------------------------------


def test_after_creating_the_page_shows_the_link_and_a_delete_link_once(client):
    response, token = create(client)
    page = client.get(response["Location"])

    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="http://testserver/r/{token}/"' in html
    delete = re.search(r'value="(http://testserver/r/[^"]+/delete/\?key=[^"]+)"', html)
    assert delete, "the delete link is shown after creating"
    assert "We show it only this once" in html
    again = client.get(response["Location"]).content.decode()
    assert "/delete/?key=" not in again


def test_share_pages_have_a_neutral_title_without_the_level(client):
    response, token = create(client)
    headline = LevelWording.objects.get(level="mildly_elevated").headline
    made = client.get(response["Location"]).content.decode()
    opened = Client().get(f"/r/{token}/").content.decode()
    for html in (made, opened):
        assert re.search(r"<title>(.*?)</title>", html)[1] == "Shared B2M result – B2M Guide"
        assert headline in html  # still said on the page itself


def test_share_page_shows_the_result_clinician_panel_qr_code_and_expiry(client, settings):
    settings.SHARE_LINK_DAYS = 30
    _, token = create(client)
    response = Client().get(f"/r/{token}/")  # someone else, e.g. the doctor

    assert response.status_code == 200
    text = text_of(response)
    headline = LevelWording.objects.get(level="mildly_elevated").headline
    assert headline in text
    assert "Your blood B2M is 3.1 mg/L" in text
    assert "Details for clinicians" in text
    assert "Rules version" in text and rules.RULES_VERSION in text
    last_day = timezone.now().date() + datetime.timedelta(days=30)
    assert f"works until the end of {last_day:%-d %B %Y}" in text
    html = response.content.decode()
    assert re.search(r'<svg [^>]*class="qr__code"', html)
    assert f'href="/r/{token}/checklist.pdf"' in html
    assert f'href="/r/{token}/checklist.txt"' in html
    assert f'href="/r/{token}/reminder.ics"' in html
    # It speaks to the clinician, with the patient's answers in words, open.
    assert re.search(r"<h1[^>]*>A patient shared this B2M result with you</h1>", html)
    assert "What the patient told us" in text
    assert "Blood (serum) B2M 3.1 mg/L" in text
    assert "Delete this share link" not in text
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_share_page_and_downloads_send_the_private_headers(client):
    _, token = create(client)
    for path in ("", "checklist.pdf", "checklist.txt", "reminder.ics"):
        response = Client().get(f"/r/{token}/{path}")
        assert response.status_code == 200, path
        assert_private(response)


def test_gone_and_unknown_links_send_the_private_headers_too(client):
    _, token = create(client)
    expire(token)
    assert_private(client.get(f"/r/{token}/"))
    assert_private(client.get(f"/r/{'x' * 43}/"))


def test_shared_pdf_holds_the_headline_every_action_and_the_link(client):
    _, token = create(client)
    response = Client().get(f"/r/{token}/checklist.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    guidance = ShareLink.objects.get().guidance
    assert guidance["headline"] in text
    for action in guidance["actions"]:
        assert re.sub(r"\s+", " ", action["text"]) in text
    assert f"http://testserver/r/{token}/" in text
    assert len(reader.pages) <= 2


def test_shared_text_and_calendar_downloads(client):
    _, token = create(client)
    text = Client().get(f"/r/{token}/checklist.txt").content.decode()
    assert f"http://testserver/r/{token}/" in text
    assert "[ ] " in text
    ics = Client().get(f"/r/{token}/reminder.ics").content.decode()
    assert "SUMMARY:Repeat B2M test" in ics
    # Ten days after the test date, or tomorrow once that day has passed.
    day = max(datetime.date(2026, 11, 11), timezone.localdate() + datetime.timedelta(days=1))
    assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in ics


def test_a_link_made_before_snapshots_shows_todays_guidance_and_says_what_changed(client):
    _, token = create(client)
    ShareLink.objects.update(
        shown={}, guidance={"rules_version": "2000.1.1", "headline": "An old headline"}
    )
    text = text_of(Client().get(f"/r/{token}/"))
    assert "before B2M Guide kept a copy of each shared result" in text
    assert "rules version 2000.1.1, now " + rules.RULES_VERSION in text
    assert "When the link was made, it said: “An old headline”" in text


def test_share_pages_answer_only_reads(client):
    _, token = create(client)
    assert client.post(f"/r/{token}/").status_code == 405
    assert client.post(f"/r/{token}/checklist.pdf").status_code == 405


# --- Expiry ------------------------------------------------------------------------------


def test_a_link_works_until_the_end_of_its_last_day(client, settings):
    settings.SHARE_LINK_DAYS = 7
    _, token = create(client)
    link = ShareLink.objects.get()
    today = timezone.now().date()
    assert link.last_day == today + datetime.timedelta(days=7)
    assert link.expires_at == datetime.datetime.combine(
        today + datetime.timedelta(days=8), datetime.time.min, tzinfo=datetime.UTC
    )
    assert not link.is_gone(now=link.expires_at - datetime.timedelta(seconds=1))
    assert link.is_gone(now=link.expires_at)


@pytest.mark.parametrize("path", ["", "checklist.pdf", "checklist.txt", "reminder.ics"])
def test_an_expired_link_answers_410_with_a_friendly_page(client, path):
    _, token = create(client)
    expire(token)
    response = Client().get(f"/r/{token}/{path}")

    assert response.status_code == 410
    text = text_of(response)
    assert "This share link no longer works" in text
    assert "This one has expired" in text
    assert 'href="/interpret/"' in response.content.decode()


def test_an_unknown_link_answers_404_with_a_friendly_page(client):
    response = client.get(f"/r/{'A' * 43}/")
    assert response.status_code == 404
    assert "We cannot find this share link" in text_of(response)
    assert 'href="/interpret/"' in response.content.decode()


# --- Deletion ------------------------------------------------------------------------------


def test_the_creator_can_delete_a_link_from_its_page(client):
    _, token = create(client)
    page = client.get(f"/r/{token}/")
    assert f'href="/r/{token}/delete/"' in page.content.decode()

    confirm = client.get(f"/r/{token}/delete/")
    assert confirm.status_code == 200
    assert "Delete this share link?" in text_of(confirm)
    assert confirm["Cache-Control"] == "private, no-store"
    assert confirm["X-Robots-Tag"] == "noindex"
    # Its form posts back: under no-referrer the browser would send "Origin: null"
    # and fail the CSRF check. same-origin still tells no other site anything.
    assert confirm["Referrer-Policy"] == "same-origin"

    response = client.post(f"/r/{token}/delete/")
    assert response.status_code == 200
    assert "Your share link is deleted" in text_of(response)
    # The maker goes back to their own answers, filled in (the link itself is emptied).
    html = response.content.decode()
    assert '<input type="hidden" name="serum_value" value="3.1">' in html
    assert 'name="go" value="check"' in html
    back = client.post(
        "/interpret/", dict(re.findall(r'name="(\w+)" value="([^"]*)"', html)), follow=True
    )
    assert "Check your answers" in text_of(back)
    assert "3.1 mg/L" in text_of(back)
    gone = Client().get(f"/r/{token}/")
    assert gone.status_code == 410
    assert "The person who made this link deleted it" in text_of(gone)


def test_deleting_forgets_the_stored_result_at_once(client):
    _, token = create(client)
    client.post(f"/r/{token}/delete/")
    link = ShareLink.objects.get()
    assert link.deleted_at is not None
    assert link.inputs == {} and link.guidance == {} and link.shown == {}


def test_the_delete_link_works_from_another_browser(client):
    response, token = create(client)
    html = client.get(response["Location"]).content.decode()
    delete_url = re.search(r'value="http://testserver(/r/[^"]+/delete/\?key=[^"]+)"', html)[1]
    key = delete_url.split("key=")[1]

    elsewhere = Client()
    confirm = elsewhere.get(delete_url)
    assert confirm.status_code == 200
    assert f'name="key" value="{key}"' in confirm.content.decode()
    assert elsewhere.post(f"/r/{token}/delete/", {"key": key}).status_code == 200
    assert Client().get(f"/r/{token}/").status_code == 410


def test_nobody_else_can_delete_a_link(client):
    _, token = create(client)
    stranger = Client()
    assert stranger.get(f"/r/{token}/delete/").status_code == 403
    assert stranger.post(f"/r/{token}/delete/", {"key": "a-guess"}).status_code == 403
    assert "Delete this share link" not in text_of(stranger.get(f"/r/{token}/"))
    assert Client().get(f"/r/{token}/").status_code == 200


def test_a_delete_link_opens_only_its_own_share_link(client):
    _, first = create(client)
    response, _ = create(client)
    html = client.get(response["Location"]).content.decode()
    key = re.search(r"delete/\?key=([^\"]+)\"", html)[1]
    assert Client().post(f"/r/{first}/delete/", {"key": key}).status_code == 403


# --- Purge ------------------------------------------------------------------------------------


def test_purge_removes_expired_and_deleted_links_and_keeps_live_ones(client, capsys):
    _, live = create(client)
    _, expired = create(client)
    _, deleted = create(client)
    expire(expired)
    client.post(f"/r/{deleted}/delete/")

    call_command("purge_expired_links")

    assert capsys.readouterr().out.strip() == "Purged 2 share links."
    assert list(ShareLink.objects.values_list("token_hash", flat=True)) == [hash_token(live)]
    assert client.get(f"/r/{live}/").status_code == 200
    assert client.get(f"/r/{expired}/").status_code == 404


def test_purge_with_nothing_to_do_says_so(capsys):
    call_command("purge_expired_links")
    assert capsys.readouterr().out.strip() == "Purged 0 share links."


# --- Rate limit -------------------------------------------------------------------------------


def test_making_links_is_rate_limited_per_address(client, settings):
    settings.SHARE_LINK_RATE = "3/h"
    for _ in range(3):
        assert create(client)[0].status_code == 302
    response, _ = create(client)

    assert response.status_code == 429
    assert "Please wait before making another share link" in text_of(response)
    assert "try again in an hour" in text_of(response)
    assert ShareLink.objects.count() == 3
    # Another address still can.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post("/interpret/share/", MILD).status_code == 302


def test_a_rate_limited_patient_can_still_download_the_checklist(client, settings):
    settings.SHARE_LINK_RATE = "1/h"
    create(client)
    html = create(client)[0].content.decode()
    assert 'action="/interpret/checklist.pdf"' in html
    assert '<input type="hidden" name="serum_value" value="3.1">' in html


def test_invalid_inputs_make_no_link(client):
    response = client.post("/interpret/share/", {"serum_value": "three", "serum_unit": "mg/L"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert ShareLink.objects.count() == 0


def test_making_a_link_needs_post_and_the_csrf_token():
    assert Client().get("/interpret/share/").status_code == 405
    assert Client(enforce_csrf_checks=True).post("/interpret/share/", MILD).status_code == 403
    assert ShareLink.objects.count() == 0


# --- API ------------------------------------------------------------------------------------------


def api_body(**extra):
    return {"serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}, **extra}


def post_api(client, body):
    return client.post("/api/v1/interpret", data=json.dumps(body), content_type="application/json")


def test_api_share_adds_a_link_path_and_its_last_day(client, settings):
    settings.SHARE_LINK_DAYS = 30
    response = post_api(client, api_body(share=True))

    assert response.status_code == 200
    body = response.json()
    assert re.fullmatch(r"/r/[A-Za-z0-9_-]{43}/", body["share_url"])
    expected = timezone.now().date() + datetime.timedelta(days=30)
    assert datetime.date.fromisoformat(body["share_expires"]) == expected
    page = Client().get(body["share_url"])
    assert page.status_code == 200
    assert body["headline"] in text_of(page)
    # The stored guidance is the API's answer, without the link itself.
    stored = ShareLink.objects.get().guidance
    assert stored["headline"] == body["headline"]
    assert "share_url" not in stored
    # The link's page shows what the page would: the number line and the clinician rows,
    # which the API's own answer leaves out.
    shown = ShareLink.objects.get().shown["guidance"]
    [finding] = shown["findings"]
    assert finding["number_line"]["marker_percent"] > finding["number_line"]["limit_percent"]
    assert [value for _, value in shown["clinician"]][0].startswith("3.1 mg/L; limit 2.4 mg/L")
    assert 'class="number-line' in page.content.decode()


def test_api_share_gives_a_delete_link_that_works(client):
    body = post_api(client, api_body(share=True)).json()
    path, key = body["share_delete_url"].split("?key=")
    assert path == body["share_url"] + "delete/"
    assert Client().post(path, {"key": key}).status_code == 200
    assert Client().get(body["share_url"]).status_code == 410


def test_api_without_share_makes_no_link(client):
    body = post_api(client, api_body(share=False)).json()
    assert "share_url" not in body
    assert ShareLink.objects.count() == 0


def test_api_share_past_the_rate_limit_answers_429(client, settings):
    settings.SHARE_LINK_RATE = "2/h"
    for _ in range(2):
        assert post_api(client, api_body(share=True)).status_code == 200
    response = post_api(client, api_body(share=True))

    assert response.status_code == 429
    assert response.json() == {"errors": {"share": [sharing.RATE_LIMIT_MESSAGE]}}
    # Guidance without a link is not limited.
    assert post_api(client, api_body()).status_code == 200


def test_page_and_api_share_one_budget_per_address(client, settings):
    settings.SHARE_LINK_RATE = "2/h"
    create(client)
    post_api(client, api_body(share=True))
    assert create(client)[0].status_code == 429
    assert post_api(client, api_body(share=True)).status_code == 429


def test_api_bad_input_with_share_makes_no_link(client):
    response = post_api(client, {"serum_b2m": {"value": -1, "unit": "mg/L"}, "share": True})
    assert response.status_code == 400
    assert ShareLink.objects.count() == 0


# --- Clinicians ---------------------------------------------------------------------------


def test_clinician_page_builds_a_prefilled_link_without_any_lab_value(client):
    query = "serum_unit=ug/mL&serum_upper_limit=2.4&urine_unit=ug/L&urine_upper_limit=300"
    response = client.get(f"/interpret/link/?{query}")

    assert response.status_code == 200
    html = response.content.decode()
    link = re.search(r'id="prefilled-link"[^>]*value="([^"]+)"', html)[1].replace("&amp;", "&")
    assert link == (
        "http://testserver/interpret/?serum_unit=ug/mL&serum_upper_limit=2.4"
        "&urine_unit=ug/L&urine_upper_limit=300"
    )
    assert "value" not in link.replace("upper_limit", "")
    # The link fills in the interpreter form.
    form = client.get(link.removeprefix("http://testserver"), follow=True).content.decode()
    assert re.search(r'<option value="ug/mL" selected>', form)
    # The checker asks for the range as printed; the clinic's limit fills it in.
    assert 'name="serum_range" value="2.4"' in form
    assert 'name="urine_range" value="300"' in form
    assert "Your clinic has set the units and range for you." in form


def test_clinician_link_leaves_out_limits_not_given(client):
    html = client.get("/interpret/link/?serum_unit=mg/L&serum_upper_limit=&urine_unit=mg/L")
    link = re.search(r'id="prefilled-link"[^>]*value="([^"]+)"', html.content.decode())[1]
    assert link == "http://testserver/interpret/?serum_unit=mg/L&amp;urine_unit=mg/L"


def test_clinician_page_explains_an_implausible_limit(client):
    response = client.get("/interpret/link/?serum_unit=mg/L&serum_upper_limit=240")
    html = response.content.decode()
    assert "There is a problem" in html
    assert "This does not look like a blood B2M upper limit in mg/L" in html
    assert 'id="prefilled-link"' not in html
    assert response.context["errors"][0][0] == "id_serum_upper_limit"


def test_clinician_page_explains_section_links_and_lists_them(client, make_topic):
    topic = make_topic(sections=2)
    html = client.get("/interpret/link/").content.decode()
    assert "Link to this section" in html
    assert f'href="{topic.get_absolute_url()}#section-1"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'id="prefilled-link"' not in html


# --- Admin ------------------------------------------------------------------------------------


def test_admin_lists_links_without_their_contents(client, admin_client):
    _, token = create(client)
    link = ShareLink.objects.get()

    listing = admin_client.get("/admin/interpreter/sharelink/")
    detail = admin_client.get(f"/admin/interpreter/sharelink/{link.pk}/change/")

    for response in (listing, detail):
        assert response.status_code == 200
        html = response.content.decode()
        assert "Open" in html
        assert token not in html and link.token_hash not in html
        assert "3.1" not in html and "recent_exercise" not in html
    assert admin_client.get("/admin/interpreter/sharelink/add/").status_code == 403


def test_each_section_link_has_a_copy_button_and_a_qr_code(client, make_topic):
    topic = make_topic(sections=2)
    html = client.get("/interpret/link/").content.decode()
    url = f"http://testserver{topic.get_absolute_url()}#section-1"
    assert f'data-copy-text="{url}"' in html
    qr = re.search(r'<img src="([^"]+)" loading="lazy"[^>]*alt="QR code of the link to', html)
    assert qr
    qr_paths = re.findall(r'<img src="(/interpret/link/qr.svg\?to=[^"]+)"', html)
    assert len(qr_paths) >= 3  # the whole page and its two sections
    response = client.get(qr_paths[1].replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml") or b"<svg" in response.content[:200]


@pytest.mark.parametrize(
    "to", ["https://evil.example/", "//evil.example/learn/", "/admin/", "/learn/no-such-topic/"]
)
def test_section_qr_codes_are_only_for_the_guides_own_pages(client, to):
    assert client.get("/interpret/link/qr.svg", {"to": to}).status_code == 404


def test_the_link_made_is_where_focus_and_the_page_go(client):
    html = client.get("/interpret/link/?serum_unit=mg/L&serum_upper_limit=2.4").content.decode()
    assert 'action="/interpret/link/#link-title"' in html
    assert re.search(r'<h2 id="link-title" tabindex="-1" data-focus-on-load>', html)


def test_a_refused_share_link_leads_back_to_the_same_result(client, settings):
    settings.SHARE_LINK_RATE = "0/h"
    response, _ = create(client, {**MILD, "j": "Journey-1"})
    assert response.status_code == 429
    html = response.content.decode()
    assert 'name="go" value="result" formaction="/interpret/"' in html
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html)
    back = client.post("/interpret/", {**dict(fields), "go": "result"}, follow=True)
    assert "Your blood B2M is 3.1 mg/L" in text_of(back)
    # ...in the journey it came from (its tab's Back and reload stay on it).
    assert back.redirect_chain[-1][0] == "/interpret/?j=Journey-1&at=result"


def prefilled_link(client, query):
    html = client.get(f"/interpret/link/?{query}").content.decode()
    found = re.search(r'id="prefilled-link"[^>]*value="([^"]+)"', html)
    return (unescape(found[1]) if found else None), unescape(html)


def test_clinician_link_sets_no_urine_unit_unless_the_clinician_chose_one(client):
    # A blood-only clinic must not put mg/L on urine: most urine reports use µg/L.
    link, _ = prefilled_link(client, "serum_unit=mg/L&serum_upper_limit=2.4&urine_unit=")
    assert link == "http://testserver/interpret/?serum_unit=mg/L&serum_upper_limit=2.4"
    form = client.get(link.removeprefix("http://testserver"), follow=True).content.decode()
    assert not re.search(r'name="urine_unit"[^>]*>\s*(<option[^>]*>[^<]*</option>\s*)*'
                         r'<option value="mg/L" selected', form)  # fmt: skip


def test_clinician_link_carries_a_per_creatinine_urine_unit_and_its_limit(client):
    link, _ = prefilled_link(client, "urine_unit=ug/g%7Bcreat%7D&urine_upper_limit=160")
    assert link == "http://testserver/interpret/?urine_unit=ug/g%7Bcreat%7D&urine_upper_limit=160"
    form = client.get(link.removeprefix("http://testserver"), follow=True).content.decode()
    assert re.search(r'<option value="ug/g\{creat\}"[^>]*selected', form)
    assert 'name="urine_range" value="160"' in form
    assert "Your clinic has set the units and range for you." in form


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("urine_unit=mg/mmol%7Bcreat%7D", "id_urine_upper_limit",
         "Enter your lab's upper limit in mg/mmol creatinine."),
        ("urine_upper_limit=300", "id_urine_unit",
         "Choose the unit of your lab's urine B2M upper limit"),
        ("serum_unit=&serum_upper_limit=&urine_unit=&urine_upper_limit=", "id_serum_unit",
         "Choose at least one unit or limit to fill in."),
        ("urine_unit=ug/g%7Bcreatinine%7D", "id_urine_unit",
         "“ug/g{creatinine}” is not a unit we can use for your lab"),
    ],
)  # fmt: skip
def test_clinician_link_explains_what_is_missing_or_wrong(client, query, field, message):
    link, html = prefilled_link(client, query)
    assert link is None
    assert "There is a problem" in html
    assert message in html
    response = client.get(f"/interpret/link/?{query}")
    assert response.context["errors"][0][0] == field


def test_a_range_too_large_for_a_number_makes_no_link_and_says_why(client):
    response = client.post(
        "/interpret/share/", {"serum_value": "3.1", "serum_unit": "mg/L", "serum_range": "9" * 309}
    )
    assert response.status_code == 400
    assert "A number in the blood B2M reference range is far too large." in text_of(response)
    assert ShareLink.objects.count() == 0


@pytest.mark.parametrize("anchor", ["a" * 3000, "section-1" + "x" * 400])
def test_a_qr_code_of_an_over_long_link_is_a_short_400_never_a_500(client, make_topic, anchor):
    topic = make_topic(sections=1)
    response = client.get("/interpret/link/qr.svg", {"to": f"{topic.get_absolute_url()}#{anchor}"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "This link is too long to be a page of the guide, so there is no QR code for it."
    )


@pytest.mark.parametrize("anchor", ["<b>", "a b", 'x"y', "é"])
def test_a_qr_code_is_only_for_an_anchor_shaped_like_a_section(client, make_topic, anchor):
    topic = make_topic(sections=1)
    response = client.get("/interpret/link/qr.svg", {"to": f"{topic.get_absolute_url()}#{anchor}"})
    assert response.status_code == 404
    ok = client.get("/interpret/link/qr.svg", {"to": f"{topic.get_absolute_url()}#section-1"})
    assert ok.status_code == 200


@pytest.mark.parametrize(
    "typed, written",
    [
        ("0.00001", "0.00001"),
        ("0.0000000000001", "0.0000000000001"),
        ("1234567", "1234567"),
        ("300.123456", "300.123456"),
        ("1,200", "1200"),
        ("160", "160"),
    ],
)
def test_a_clinicians_limit_is_written_in_full_and_the_checker_reads_it_back(
    client, typed, written
):
    query = {"urine_unit": "ug/g{creat}", "urine_upper_limit": typed}
    html = client.get("/interpret/link/", query).content.decode()
    link = re.search(r'id="prefilled-link"[^>]*value="([^"]+)"', html)[1].replace("&amp;", "&")
    assert link.endswith(f"&urine_upper_limit={written}")
    form = client.get(link.removeprefix("http://testserver"), follow=True).content.decode()
    assert f'name="urine_range" value="{written}"' in form
    # The patient sends the first screen as it was filled in: no error, the same limit.
    page = client.post(
        "/interpret/",
        {"go": "", "kind": "urine", "urine_value": written,
         "urine_unit": "ug/g{creat}", "urine_range": written},
        follow=True,
    )  # fmt: skip
    assert "There is a problem" not in page.content.decode()
    assert page.context["submission"].to_inputs().urine.upper_limit == float(typed.replace(",", ""))


def test_the_maker_goes_back_to_their_result_with_a_link_that_keeps_the_answers(client):
    # The share page had no way back to the result but the browser's Back: a form there
    # would post "Origin: null" under no-referrer and fail CSRF. "Back to my result" is
    # now a GET link naming only the journey, so the page keeps no-referrer.
    journey = re.search(r"j=([\w-]+)", client.get("/interpret/")["Location"])[1]
    blood = {"serum_value": "3.4", "serum_unit": "mg/L", "serum_range": "0.8-2.4"}
    client.post("/interpret/", {"j": journey, "step": "start", "go": "continue", **blood})
    result = client.get(f"/interpret/?j={journey}&at=result").content.decode()
    # "Create a share link" sends the result page's tools form, as a browser would.
    tools = re.search(
        r'<form method="post" class="result-tools__buttons">(.*?)</form>', result, re.S
    )
    sent = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', tools[1])
    response = client.post("/interpret/share/", dict(sent))
    page = client.get(response["Location"])
    assert page["Referrer-Policy"] == "no-referrer"
    html = page.content.decode()
    backs = re.findall(
        r'<a class="btn btn-outline-primary" href="([^"]+)">Back to my result</a>', html
    )
    assert backs == [f"/interpret/?j={journey}&amp;at=result"]
    assert "3.4" not in backs[0]
    back = unescape(backs[0])

    def result_words(browser):
        shown = browser.get(back)
        assert shown.status_code == 200
        return text_of(shown)

    assert "reference range 0.8 to 2.4 mg/L" in result_words(client)
    # Two hours on, the answers cookie has gone: the link the patient chose to store
    # still brings their result back, in their own browser only.
    client.cookies.pop("b2m_answers")
    later = result_words(client)
    assert "Your answers are no longer here" not in later
    assert "B2M 3.4 mg/L" in later and "reference range 0.8 to 2.4 mg/L" in later
    assert "b2m_answers" in client.cookies  # kept again, as any checker page does
    # Anyone else with the address gets nothing of it.
    assert "Your answers are no longer here" in result_words(Client())
    # Nor the maker, once the link is deleted and the cookie gone.
    token = re.fullmatch(r"/r/([^/]+)/", response["Location"])[1]
    client.post(f"/r/{token}/delete/")
    client.cookies.pop("b2m_answers")
    assert "Your answers are no longer here" in result_words(client)


def test_back_to_my_answers_after_deleting_does_not_ask_an_answered_slip_again(client):
    # A result can only be shared once every "Is that right?" is answered "Yes", so the
    # link holds answers that were confirmed. The delete page's "Back to my answers"
    # rebuilt them without those confirmations: the patient was asked again about a
    # number they had already said was right.
    high = {**MILD, "serum_value": "34"}
    check = client.post("/interpret/", {**high, "go": "check"}, follow=True)
    assert "Is 34 mg/L right?" in text_of(check)
    _, token = create(client, {**high, "confirmed": "serum_times:34mg/L"})
    assert token, "a confirmed result can be shared"
    deleted = client.post(f"/r/{token}/delete/").content.decode()
    sent = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', deleted)
    assert ("confirmed", "serum_times:34mg/L") in sent
    form = {}
    for name, value in sent:
        form.setdefault(name, []).append(value)
    back = client.post("/interpret/", {**form, "go": "check"}, follow=True)
    assert "Check your answers" in text_of(back)
    assert "Is 34 mg/L right?" not in text_of(back)
    assert "34 mg/L" in text_of(back)
