"""POST-redirect-GET with the answers held in the patient's own browser (answers_cookie.py).

Each answered step sets a signed cookie and answers 303 to a GET address that
names only the journey and the page; the GET page is built from the cookie.
"""

import re
from html import unescape
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import Client

from interpreter import answers_cookie
from interpreter.forms import CONTEXT_CHOICES, MAX_HISTORY

pytestmark = pytest.mark.django_db

URL = "/interpret/"
BLOOD = {"kind": "serum", "serum_value": "3.4", "serum_unit": "mg/L", "serum_range": "0.8-2.4"}
GONE = "Your answers are no longer here."


def text_of(response):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def journey_of(client):
    """A fresh start: GET /interpret/ hands out a journey id in the address."""
    response = client.get(URL)
    assert response.status_code == 303
    return parse_qs(urlsplit(response["Location"]).query)["j"][0]


def answer_first_screen(client, **more):
    journey = journey_of(client)
    data = {"j": journey, "step": "start", "go": "continue", **BLOOD, **more}
    return journey, client.post(URL, data)


def test_an_answered_step_goes_on_to_a_get_address_that_names_no_value(client):
    journey, response = answer_first_screen(client, test_date="2026-11-01")
    assert response.status_code == 303
    location = urlsplit(response["Location"])
    assert location.path == URL
    assert parse_qs(location.query) == {"j": [journey], "at": ["check"]}
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Blood (serum) B2M 3.4 mg/L" in text_of(page)
    assert "1 November 2026" in text_of(page)


def test_the_result_address_shows_the_same_result_each_time_it_is_asked_for(client):
    journey, _ = answer_first_screen(client)
    response = client.post(URL, {"j": journey, **BLOOD, "go": "result"})
    assert response.status_code == 303
    assert parse_qs(urlsplit(response["Location"]).query)["at"] == ["result"]
    first, again = client.get(response["Location"]), client.get(response["Location"])
    assert "Your blood B2M is 3.4 mg/L" in text_of(first)
    assert text_of(first) == text_of(again)
    assert first["Cache-Control"] == "private, no-store"


def test_back_to_the_first_screen_is_a_get_that_shows_the_answers(client):
    journey, _ = answer_first_screen(client, test_date="2026-11-01")
    html = client.get(URL, {"j": journey}).content.decode()
    assert re.search(r'name="serum_value" value="3.4"', html.replace(' inputmode="decimal"', ""))
    assert 'value="2026-11-01"' in html
    assert GONE not in html


def test_a_fresh_start_is_always_empty_even_with_answers_kept(client):
    answer_first_screen(client)
    fresh = client.get(URL, follow=True)
    html = fresh.content.decode()
    assert 'value="3.4"' not in html and GONE not in html


def test_a_mistake_goes_on_to_a_get_address_that_shows_what_was_typed_and_its_errors(client):
    # Back and Forward past a page with mistakes must never ask to send a form again.
    journey, response = answer_first_screen(client, serum_value="abc")
    assert response.status_code == 303
    assert parse_qs(urlsplit(response["Location"]).query) == {"j": [journey]}
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<title>Error: Check my B2M result" in html
    assert '<a href="#id_serum_value">Enter your blood B2M result as a number' in html
    assert 'value="abc"' in html and 'value="0.8-2.4"' in html
    assert page["Cache-Control"] == "private, no-store"
    # Fixed, the same address shows the page as it now is: no error left.
    client.post(URL, {"j": journey, "step": "start", "go": "continue", **BLOOD})
    html = client.get(response["Location"]).content.decode()
    assert "Error:" not in html and 'value="3.4"' in html


def test_a_mistake_on_a_step_being_added_keeps_skip_this(client):
    journey, _ = answer_first_screen(client)
    data = {"j": journey, **BLOOD, "step": "kidney", "mode": "add", "egfr": "x"}
    response = client.post(URL, {**data, "go": "continue"})
    assert parse_qs(urlsplit(response["Location"]).query) == {
        "j": [journey], "at": ["kidney"], "adding": ["1"]
    }  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert "<title>Error: Kidney results" in page
    assert 'name="go" value="skip"' in page
    changing = client.post(URL, {**data, "mode": "change", "go": "continue"})
    assert "adding" not in changing["Location"]
    assert 'name="go" value="skip"' not in client.get(changing["Location"]).content.decode()


def test_the_cookie_is_signed_http_only_same_site_lax_limited_to_the_checker_and_short_lived(
    client, settings
):
    settings.SESSION_COOKIE_SECURE = False
    _, response = answer_first_screen(client)
    cookie = response.cookies[answers_cookie.COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == URL
    assert cookie["max-age"] == 2 * 60 * 60
    assert not cookie["secure"]
    # Signed: the answers can be read back only through the signature check.
    assert "3.4" not in cookie.value  # compressed, but never a way to change them unseen
    [(_, values)] = answers_cookie.decode(cookie.value)
    assert values["serum_value"] == ["3.4"]

    settings.SESSION_COOKIE_SECURE = True  # served over HTTPS (production settings)
    _, response = answer_first_screen(Client())
    assert response.cookies[answers_cookie.COOKIE_NAME]["secure"] is True


def test_the_largest_journey_fits_in_one_cookie(client, record_property):
    """Both results, every earlier result allowed (with both numbers), every situation,
    kidney results and a confirmed slip: under 4,096 bytes with the cookie's attributes."""
    data = {
        "kind": "both",
        "serum_value": "123.456",
        "serum_unit": "mg/L",
        "serum_range": "0.812-2.456",
        "urine_value": "12345.678",
        "urine_unit": "ug/L",
        "urine_range": "100.5-300.5",
        "test_date": "2026-11-01",
        "creatinine_value": "123.45",
        "creatinine_unit": "umol/L",
        "egfr": "45.5",
        "age": "99",
        "sex": "female",
        "urine_ph": "5.5",
        "context": [code for code, _ in CONTEXT_CHOICES],
        "confirmed": [
            "serum_times:123.456mg/L",
            "urine_times:12345.678ug/L",
            "creatinine:123.45umol/L:99female",
        ],
    }
    for index in range(MAX_HISTORY):
        data[f"history-{index}-date"] = f"2026-{(index % 9) + 1:02d}-{index + 10}"
        data[f"history-{index}-serum_value"] = f"{index + 1}.234"
        data[f"history-{index}-urine_value"] = f"{index + 1}23.45"
    response = client.post(URL, {**data, "go": "check"})
    assert response.status_code == 303, text_of(response)[:2000]
    header = response.cookies[answers_cookie.COOKIE_NAME].output(header="").strip()
    record_property("largest_journey_cookie_bytes", len(header))
    assert len(header) < 4096
    # ...and all of it comes back.
    page = client.get(response["Location"])
    text = text_of(page)
    assert f"Earlier result {MAX_HISTORY}" in text and "12345.678 µg/L" in text  # as typed
    assert "See my result" in text  # every slip answered: nothing lost on the way


def test_two_tabs_each_keep_their_own_answers(client):
    one, _ = answer_first_screen(client, serum_value="3.1")
    two, _ = answer_first_screen(client, serum_value="4.2")
    assert one != two
    assert "3.1 mg/L" in text_of(client.get(URL, {"j": one, "at": "check"}))
    assert "4.2 mg/L" in text_of(client.get(URL, {"j": two, "at": "check"}))
    # Each POST makes the page of its own answers, whichever tab wrote last.
    response = client.post(URL, {"j": one, **BLOOD, "serum_value": "3.1", "go": "result"})
    assert "Your blood B2M is 3.1 mg/L" in text_of(client.get(response["Location"]))


def test_start_again_asks_first_and_keeps_the_answers_until_yes(client):
    journey, _ = answer_first_screen(client, test_date="2026-11-01")
    response = client.post(URL, {"j": journey, **BLOOD, "go": "clear"})
    assert parse_qs(urlsplit(response["Location"]).query) == {"j": [journey], "at": ["clear"]}
    assert response.cookies[answers_cookie.COOKIE_NAME]["max-age"] > 0  # nothing forgotten yet
    question = client.get(response["Location"])
    html = question.content.decode()
    assert "<h1>Clear all your answers?</h1>" in html
    assert 'name="go" value="new"' in html and "3.4" not in html
    # "No": back to the answers, all there.
    keep = re.search(r'<a href="([^"]+)">No, keep my answers</a>', html)[1]
    assert "3.4 mg/L" in text_of(client.get(keep.replace("&amp;", "&")))
    # "Yes": gone.
    response = client.post(URL, {"j": journey, "go": "new"})
    assert response.cookies[answers_cookie.COOKIE_NAME]["max-age"] == 0


@pytest.mark.parametrize(
    "page, title",
    [("start", "Check my B2M result"), ("check", "Check your answers"),
     ("result", "Your B2M result")],
)  # fmt: skip
def test_no_keep_my_answers_goes_back_to_the_page_start_again_was_pressed_on(client, page, title):
    journey, _ = answer_first_screen(client, test_date="2026-11-01")
    response = client.post(URL, {"j": journey, **BLOOD, "go": f"clear:{page}"})
    html = client.get(response["Location"]).content.decode()
    keep = re.search(r'<a href="([^"]+)">No, keep my answers</a>', html)[1].replace("&amp;", "&")
    # Only where the patient was: never a value.
    assert set(parse_qs(urlsplit(keep).query)) <= {"j", "at"} and "3.4" not in keep
    back = client.get(keep).content.decode()
    assert re.search(r"<title>(.*?)</title>", back)[1].startswith(title)
    assert "3.4" in back
    # A page no "Start again" is on goes to the answers, as before.
    response = client.post(URL, {"j": journey, **BLOOD, "go": "clear:kidney"})
    html = client.get(response["Location"]).content.decode()
    assert f'href="/interpret/?j={journey}&amp;at=check"' in html


def test_start_again_forgets_every_answer_kept(client):
    journey, _ = answer_first_screen(client)
    response = client.post(URL, {"j": journey, **BLOOD, "go": "new"})
    assert response.status_code == 303
    assert response.cookies[answers_cookie.COOKIE_NAME]["max-age"] == 0
    assert parse_qs(urlsplit(response["Location"]).query)["j"] != [journey]
    again = client.get(URL, {"j": journey, "at": "check"})
    assert again.status_code == 200
    assert GONE in text_of(again)
    assert "3.4" not in text_of(again)


def _first_screen_calmly(client, cookie_value):
    client.cookies[answers_cookie.COOKIE_NAME] = cookie_value
    response = client.get(URL, {"j": "Abcdefgh", "at": "result"})
    assert response.status_code == 200
    assert response.templates[0].name == "interpreter/form.html"
    assert GONE in text_of(response)
    assert "Error" not in text_of(response).split("Check my B2M result")[0]
    # The cookie that could not be used is removed.
    assert response.cookies[answers_cookie.COOKIE_NAME]["max-age"] == 0
    return response


def test_a_changed_cookie_gives_the_first_screen_with_a_calm_message(client):
    value = answers_cookie.encode([("Abcdefgh", {"kind": ["serum"], "serum_value": ["3.4"]})])
    payload, signature = value.rsplit(":", 1)
    _first_screen_calmly(client, f"{payload}:{'A' * len(signature)}")
    _first_screen_calmly(Client(), "not a cookie of ours")


def test_an_expired_cookie_gives_the_first_screen_with_a_calm_message(client):
    import time

    made = time.time() - answers_cookie.LIFETIME - 60
    with mock.patch("django.core.signing.time.time", return_value=made):
        value = answers_cookie.encode([("Abcdefgh", {"kind": ["serum"], "serum_value": ["3.4"]})])
    _first_screen_calmly(client, value)


def test_a_cookie_of_an_older_shape_gives_the_first_screen_with_a_calm_message(client):
    older = signing.dumps(
        {"answers": {"serum_value": "3.4"}}, salt=answers_cookie.SALT, compress=True
    )
    _first_screen_calmly(client, older)
    older = signing.dumps(
        {"v": 1, "j": [["Abcdefgh", {"serum_value": 3.4}]]}, salt=answers_cookie.SALT
    )
    _first_screen_calmly(Client(), older)


def test_an_address_whose_answers_are_gone_gives_the_first_screen_with_a_calm_message(client):
    response = client.get(URL, {"j": "Abcdefgh", "at": "result"})
    assert response.status_code == 200
    assert GONE in text_of(response)
    # The form on it still works, and keeps this address's journey.
    assert 'name="j" value="Abcdefgh"' in response.content.decode()


def test_an_unknown_page_or_focus_in_the_address_is_never_an_error(client):
    journey, _ = answer_first_screen(client)
    for query in (
        {"at": "nowhere"},
        {"at": "earlier:99"},
        {"at": "earlier:x"},
        {"at": "start", "focus": "nonsense"},
        {"at": "kidney", "focus": "serum_value"},
    ):
        response = client.get(URL, {"j": journey, **query})
        assert response.status_code == 200, query
        assert "3.4" in response.content.decode(), query


def test_no_lab_value_in_any_address_or_log_line_of_a_whole_journey(client, caplog):
    caplog.set_level("DEBUG")
    values = ("3.47", "0.81", "2.43", "57.5", "2.91", "2026-11-01", "2026-09-12")
    addresses = []

    def send(data):
        response = client.post(URL, data, follow=True)
        assert response.status_code == 200
        addresses.extend(url for url, _ in response.redirect_chain)
        return response

    # A clinic's link may carry its units and limit (never a patient's number).
    start = client.get(URL, {"serum_unit": "mg/L", "serum_upper_limit": "2.4"}, follow=True)
    addresses.extend(url for url, _ in start.redirect_chain)
    journey = parse_qs(urlsplit(addresses[-1]).query)["j"][0]
    base = {"j": journey, "kind": "serum", "serum_unit": "mg/L"}
    send({**base, "step": "start", "serum_value": "3.47", "serum_range": "0.81-2.43",
          "test_date": "2026-11-01"})  # fmt: skip
    answers = {**base, "serum_value": "3.47", "serum_range": "0.81-2.43", "test_date": "2026-11-01"}
    send({**answers, "go": "edit:kidney"})
    send({**answers, "step": "kidney", "egfr": "57.5"})
    answers["egfr"] = "57.5"
    send({**answers, "go": "edit:earlier:new"})
    send({**answers, "step": "earlier:0", "history-0-date": "2026-09-12",
          "history-0-serum_value": "2.91"})  # fmt: skip
    answers.update({"history-0-date": "2026-09-12", "history-0-serum_value": "2.91"})
    result = send({**answers, "go": "result"})
    assert "Your blood B2M is 3.47 mg/L" in text_of(result)
    send({**answers, "go": "check"})
    send({**answers, "go": "new"})
    assert len(addresses) >= 8
    for address in addresses:
        assert not any(value in address for value in values), address
    assert not any(value in caplog.text for value in values)


def test_answers_too_big_for_a_cookie_are_shown_in_the_answer_to_the_post(client, monkeypatch):
    monkeypatch.setattr(answers_cookie, "MAX_BYTES", 50)
    _, response = answer_first_screen(client)
    assert response.status_code == 200
    assert answers_cookie.COOKIE_NAME not in response.cookies
    assert "Blood (serum) B2M 3.4 mg/L" in text_of(response)
    assert response["Cache-Control"] == "private, no-cache"  # Back still finds it


def test_downloads_and_share_forms_still_send_the_answers_themselves(client):
    journey, _ = answer_first_screen(client)
    result = client.get(URL, {"j": journey, "at": "result"}).content.decode()
    tools = next(f for f in re.findall(r"<form .*?</form>", result, re.S) if "checklist.pdf" in f)
    sent = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', tools))
    # And the journey, which names only this run (a share link's "Back to my result").
    assert sent["serum_value"] == "3.4" and sent["j"] == journey
    # Without the cookie, the file is made from what the form sends, as before.
    response = Client().post("/interpret/checklist.txt", sent)
    assert response.status_code == 200
    assert "3.4 mg/L" in response.content.decode()


@pytest.mark.parametrize("at", ["start", "check", "result", "kidney"])
def test_a_cookie_holding_a_range_too_large_for_a_number_shows_its_field_error(client, at):
    # Only a forged cookie can hold one (the POST refuses it first); still never a 500.
    values = {"kind": ["serum"], "serum_value": ["3.1"], "serum_range": ["9" * 309]}
    client.cookies[answers_cookie.COOKIE_NAME] = answers_cookie.encode([("Abcdefgh", values)])
    response = client.get(URL, {"j": "Abcdefgh", "at": at})
    assert response.status_code == 200
    if at != "kidney":  # a step's own page shows its own fields
        assert "A number in the blood B2M reference range is far too large." in text_of(response)


def test_a_journey_id_with_a_trailing_newline_gets_a_fresh_journey(client):
    response = client.get(URL, {"j": "abcdefgh\n"})
    assert response.status_code == 303
    assert parse_qs(urlsplit(response["Location"]).query)["j"][0] != "abcdefgh\n"


def test_a_result_address_opened_in_another_browser_says_to_ask_for_a_share_link(client):
    # A patient copies the result page's address (…?j=…&at=result) and sends it to their
    # doctor. The doctor's browser has no answers: before, it said only "Please type your
    # result again", which reads as if the doctor had lost something.
    journey, _ = answer_first_screen(client)
    address = f"{URL}?j={journey}&at=result"
    doctor = Client()
    text = text_of(doctor.get(address))
    assert GONE in text
    assert (
        "If someone sent you this address, it cannot show you their result: it works only "
        "in their own browser. Ask them to make a share link on their result page."
    ) in text


def test_a_fresh_start_with_answers_kept_links_back_to_them(client):
    # The header's and the result page's breadcrumb "Check my result" open a fresh,
    # empty first screen. Before, nothing on it said the answers were still kept, so a
    # patient back from "Read more" who tapped it thought everything typed was lost.
    journey, _ = answer_first_screen(client)
    html = client.get(URL, follow=True).content.decode()
    assert 'value="3.4"' not in html  # still a fresh, empty start
    link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>Back to my answers</a>', html)
    assert link, "no link back to the kept answers"
    assert unescape(link[1]) == f"{URL}?j={journey}&at=check"
    assert "You have answers from earlier in this browser." in text_of(client.get(URL, follow=True))
    back = client.get(unescape(link[1]))
    assert "Blood (serum) B2M 3.4 mg/L" in text_of(back)


def test_a_fresh_start_with_nothing_kept_has_no_link_back(client):
    assert "Back to my answers" not in client.get(URL, follow=True).content.decode()
    # Nor after Start again, which forgets them.
    journey, _ = answer_first_screen(client)
    client.post(URL, {"j": journey, "go": "new"})
    assert "Back to my answers" not in client.get(URL, follow=True).content.decode()
