"""The checker's pages without a browser: each step's checks, and answers kept from page to page.

Every page posts all the answers so far (journey.py); these tests post what a
page would send and read what the next page carries.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from interpreter.models import LevelWording

pytestmark = pytest.mark.django_db

URL = "/interpret/"
BLOOD = {"kind": "serum", "serum_value": "3.4", "serum_unit": "mg/L", "serum_range": "0.8-2.4"}


def post(client, data):
    """Send a page's form; a step that is answered goes on (303) to the next page's GET."""
    response = client.post(URL, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def hidden(html):
    """The answers a page carries: {name: [values]}, from its first answers form."""
    form = re.search(r'<form method="post" action="/interpret/"[^>]*>(.*?)</form>', html, re.S)[1]
    found = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form):
        if name not in ("csrfmiddlewaretoken", "step", "j"):
            found.setdefault(name, []).append(value)
    return found


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S)[1]


def fields_on(html):
    """Names of the fields a person fills in (not hidden ones, not buttons)."""
    names = re.findall(
        r'<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*name="([^"]+)"', html
    )
    return sorted(set(names) - {"csrfmiddlewaretoken"})


def start(client, **answers):
    """Send the first screen; return the page that follows."""
    return post(client, {"step": "start", "go": "continue", **BLOOD, **answers})


# --- The first screen -------------------------------------------------------------


def test_first_screen_asks_at_most_eight_things_in_report_words(client):
    html = client.get(URL, follow=True).content.decode()
    assert fields_on(html) == sorted(
        ["kind", "serum_value", "serum_unit", "serum_range", "urine_value", "urine_unit",
         "urine_range", "test_date"]
    )  # fmt: skip
    text = text_of(html)
    for words in ("Beta-2 microglobulin", "ref", "reference range", "0.8-2.4"):
        assert words in text
    # Nothing about kidneys, earlier results or situations yet: they come after. (A urine
    # unit may be "per gram of creatinine": the unit list itself may name it.)
    questions = text_of(re.sub(r"<option[^>]*>.*?</option>", "", html, flags=re.S))
    assert "creatinine" not in questions.lower() and "history-" not in html


def test_first_screen_goes_to_check_your_answers(client):
    html = start(client, test_date="2026-11-01")
    assert title(html).startswith("Check your answers")
    text = text_of(html)
    assert "Blood (serum) B2M 3.4 mg/L" in text
    assert "0.8 to 2.4 mg/L" in text
    assert "1 November 2026" in text
    assert "See my result" in text


def test_a_comma_is_read_as_a_decimal_mark_and_carried_as_a_dot(client):
    html = start(client, serum_value="3,4", serum_range="0,8-2,4")
    assert "Error" not in title(html)
    assert hidden(html)["serum_value"] == ["3.4"]
    assert hidden(html)["serum_range"] == ["0.8-2.4"]
    assert "3.4 mg/L" in text_of(html)


@pytest.mark.parametrize(
    "typed, upper",
    [("0.8-2.4", "2.4"), ("0.8 – 2.4", "2.4"), ("0.8 to 2.4", "2.4"), ("< 2.4", "2.4"),
     ("2.4", "2.4"), ("up to 2,4", "2.4")],
)  # fmt: skip
def test_the_range_is_read_as_reports_print_it(client, typed, upper):
    html = start(client, serum_range=typed)
    assert title(html).startswith("Check your answers"), typed
    result = text_of(post(client, {**hidden(html), "go": "result"}))
    assert f"upper limit from your report: {upper} mg/L" in result


@pytest.mark.parametrize(
    "typed, message",
    [
        ("2.4-0.8", "The second number of the blood B2M reference range must be the bigger one"),
        ("2.4 mg/L", "Enter the numbers of the blood B2M reference range without the unit"),
        ("lots", "Enter the blood B2M reference range as printed, like 0.8-2.4"),
        ("9" * 309, "A number in the blood B2M reference range is far too large."),
        ("0.8-2.4-3", "Enter the blood B2M reference range as printed, like 0.8-2.4"),
        ("24", "This does not look like a blood B2M upper limit in mg/L"),
    ],
)
def test_a_range_that_cannot_be_right_is_explained_on_the_range_field(client, typed, message):
    html = start(client, serum_range=typed)
    assert title(html).startswith("Error: Check my B2M result")
    assert f'<a href="#id_serum_range">{message}' in html
    assert f'value="{typed}"' in html.replace("&lt;", "<")


def test_no_urine_unit_is_assumed_and_the_common_ones_come_first(client):
    html = client.get(URL, follow=True).content.decode()
    select = re.search(r'<select name="urine_unit".*?</select>', html, re.S)[0]
    options = re.findall(r'<option value="([^"]*)"', select)
    assert options[:3] == ["", "ug/L", "mg/L"]
    assert not re.search(r'value="[^"]+" selected', select)
    html = post(client, {"step": "start", "go": "continue", "kind": "urine", "urine_value": "450"})
    assert title(html).startswith("Error: ")
    assert "Choose the unit printed beside your urine result. Most reports use µg/L." in html
    assert 'value="450"' in html


def test_the_result_not_chosen_is_not_used(client):
    # Blood chosen, but a urine number was typed before switching: it is left out.
    html = start(client, urine_value="450", urine_unit="ug/L")
    assert "urine_value" not in hidden(html)
    assert "Urine B2M" not in text_of(html).split("Check your answers")[-1]


def test_both_results_need_both_numbers(client):
    html = start(client, kind="both")
    assert title(html).startswith("Error: ")
    assert "Enter your urine B2M result too, or choose only one result above." in html


def test_every_check_the_form_made_is_still_made_on_the_first_screen(client):
    html = start(client, serum_value="<0.2", test_date="2999-01-01")
    text = text_of(html)
    assert "without the < sign" in text
    assert "The test date cannot be in the future." in text


# --- Optional steps: added one at a time, kept when others change ------------------


def test_kidney_step_checks_its_answers_and_keeps_the_others(client):
    check = start(client)
    page = post(client, {**hidden(check), "go": "edit:kidney"})
    assert title(page).startswith("Kidney results")
    # Creatinine is asked before eGFR, and the lab's sex says where to find it.
    assert page.index('name="creatinine_value"') < page.index('name="egfr"')
    assert "near your name or date of birth" in page
    assert hidden(page)["serum_value"] == ["3.4"]
    errors = post(client, {**hidden(page), "step": "kidney", "creatinine_value": "1,1"})
    assert title(errors).startswith("Error: ")
    assert "Enter your age to estimate eGFR from creatinine." in errors
    assert 'value="1.1"' in errors or 'value="1,1"' in errors
    done = post(
        client,
        {**hidden(page), "step": "kidney", "creatinine_value": "1,1", "age": "50", "sex": "male"},
    )
    assert "Creatinine 1.1 mg/dL (age 50, male on the report)" in text_of(done)
    assert hidden(done)["serum_range"] == ["0.8-2.4"]


def test_skip_leaves_a_step_empty_in_one_tap(client):
    check = start(client)
    page = post(client, {**hidden(check), "go": "edit:situations"})
    skipped = post(
        client, {**hidden(page), "step": "situations", "go": "skip", "context": "dehydration"}
    )
    assert "context" not in hidden(skipped)
    assert "Around the time of the test Nothing added" in text_of(skipped)


def test_earlier_results_are_added_one_at_a_time_changed_and_removed(client):
    check = start(client, test_date="2026-11-01")
    add = post(client, {**hidden(check), "go": "edit:earlier:new"})
    assert title(add).startswith("Add an earlier result")
    assert fields_on(add) == ["history-0-date", "history-0-serum_value"]
    one = post(client, {**hidden(add), "step": "earlier:0", "history-0-date": "2026-10-01",
                        "history-0-serum_value": "2,9"})  # fmt: skip
    assert "Earlier result 1 1 October 2026: blood 2.9 mg/L" in text_of(one)
    add = post(client, {**hidden(one), "go": "edit:earlier:new"})
    assert fields_on(add) == ["history-1-date", "history-1-serum_value"]
    late = post(client, {**hidden(add), "step": "earlier:1", "history-1-date": "2026-12-01",
                         "history-1-serum_value": "2"})  # fmt: skip
    assert title(late).startswith("Error: ")
    assert "An earlier result must be dated before the test date." in late
    two = post(client, {**hidden(add), "step": "earlier:1", "history-1-date": "2026-09-01",
                        "history-1-serum_value": "2"})  # fmt: skip
    assert "Earlier result 2" in text_of(two)
    removed = post(client, {**hidden(two), "go": "remove:earlier:0"})
    answers = hidden(removed)
    assert answers["history-0-date"] == ["2026-09-01"]
    assert "history-1-date" not in answers
    assert "Earlier result 2" not in text_of(removed)


def test_removing_an_earlier_result_says_which_and_undo_puts_it_back(client):
    check = start(client, test_date="2026-11-01")
    for index, date in enumerate(("2026-10-01", "2026-03-03")):
        check = post(client, {**hidden(check), "go": "edit:earlier:new"})
        check = post(client, {**hidden(check), "step": f"earlier:{index}", "mode": "add",
                              f"history-{index}-date": date,
                              f"history-{index}-serum_value": "2.9"})  # fmt: skip
    removed = post(client, {**hidden(check), "go": "remove:earlier:1"})
    note = '<p role="status" id="note-1" tabindex="-1" data-focus-on-load>'
    assert f"{note}Removed the earlier result from 3 March 2026.</p>" in removed
    assert "3 March 2026" not in text_of(removed).replace("from 3 March 2026", "")
    # Undo is a button in a form: no JavaScript needed.
    undo = re.search(r'<button type="submit" name="go" value="undo"[^>]*>(.*?)</button>', removed)
    assert text_of(undo[1]).strip() == "Undo removing the earlier result from 3 March 2026"
    back = post(client, {**hidden(removed), "go": "undo"})
    assert "Put back the earlier result you removed." in back
    assert "3 March 2026: blood 2.9 mg/L" in text_of(back)
    assert "1 October 2026: blood 2.9 mg/L" in text_of(back)
    assert 'value="undo"' not in back
    # Any other step forgets the removed result: Undo is offered only straight after.
    removed = post(client, {**hidden(back), "go": "remove:earlier:0"})
    kidney = post(client, {**hidden(removed), "go": "edit:kidney"})
    assert not [name for name in hidden(kidney) if name.startswith(("removed", "note"))]
    later = post(client, {**hidden(kidney), "go": "undo"})
    assert "Removed" not in later and "Put back" not in later
    assert "1 October 2026" not in text_of(later)


def test_change_from_the_check_page_keeps_every_other_answer(client):
    check = start(client, test_date="2026-11-01")
    kidney = post(client, {**hidden(check), "go": "edit:kidney"})
    check = post(client, {**hidden(kidney), "step": "kidney", "egfr": "55"})
    change = post(client, {**hidden(check), "go": "edit:start"})
    assert 'name="serum_value" value="3.4"' in change.replace(' inputmode="decimal"', "")
    assert hidden(change) == {"egfr": ["55"]}
    back = post(client, {**hidden(change), "step": "start", **BLOOD, "serum_value": "3.5",
                         "test_date": "2026-11-01"})  # fmt: skip
    text = text_of(back)
    assert "3.5 mg/L" in text and "eGFR 55" in text and "1 November 2026" in text


# --- Slips are caught before the result ----------------------------------------------


def test_a_number_many_times_the_limit_is_asked_about_before_any_result(client):
    html = start(client, serum_value="34")
    assert "You entered 34 mg/L. That is 14 times your limit." in text_of(html)
    assert "See my result" not in html
    # Even sent straight for a result, the question comes first.
    again = post(client, {**hidden(html), "go": "result"})
    assert "That is 14 times your limit" in again
    assert "result-level" not in again


def test_no_then_corrects_the_number_with_everything_else_kept(client):
    html = start(client, serum_value="34", test_date="2026-11-01")
    key = re.search(r'name="go" value="correct:([^"]+)"', html)[1]
    page = post(client, {**hidden(html), "go": f"correct:{key}"})
    assert title(page).startswith("Check my B2M result")
    assert re.search(r'name="serum_value" value="34"[^>]*autofocus', page)
    assert 'value="2026-11-01"' in page
    fixed = post(client, {"step": "start", **BLOOD, "test_date": "2026-11-01"})
    result = post(client, {**hidden(fixed), "go": "result"})
    assert "Your blood B2M is 3.4 mg/L" in text_of(result)


def test_yes_keeps_the_number_and_shows_the_result(client):
    html = start(client, serum_value="34")
    key = re.search(r'name="go" value="confirm:([^"]+)"', html)[1]
    result = post(client, {**hidden(html), "go": f"confirm:{key}"})
    assert "Your blood B2M is 34 mg/L" in text_of(result)
    # The answer is remembered, so "Change my answers" does not ask again...
    check = post(client, {**hidden(result), "go": "check"})
    assert "See my result" in check
    # ...until the number changes.
    changed = post(client, {**hidden(check), "step": "start", **BLOOD, "serum_value": "40"})
    assert "You entered 40 mg/L" in text_of(changed)


def test_a_urine_number_in_the_wrong_unit_is_asked_about_with_the_likely_unit(client):
    html = post(client, {"step": "start", "go": "continue", "kind": "urine",
                         "urine_value": "160", "urine_unit": "mg/L"})  # fmt: skip
    text = text_of(html)
    assert "You entered 160 mg/L for urine." in text
    key = re.search(r'name="go" value="fix:([^"]+)"', html)[1]
    assert "No, it is 160 µg/L" in text
    # "No, it is 160 µg/L" shows the changed answer first, saying what changed.
    check = post(client, {**hidden(html), "go": f"fix:{key}"})
    assert title(check).startswith("Check your answers")
    note = '<p role="status" id="note-1" tabindex="-1" data-focus-on-load>'
    assert f"{note}We changed the urine unit to µg/L.</p>" in check
    assert "Urine B2M 160 µg/L" in text_of(check)
    assert "Is your urine result" not in check
    result = post(client, {**hidden(check), "go": "result"})
    assert "Your urine B2M is 160 µg/L" in text_of(result)
    # Said once: the next time the answers are shown, the note is gone.
    again = post(client, {**hidden(result), "go": "check"})
    assert "We changed" not in again and 'role="status"' not in again


def test_a_creatinine_that_would_mean_kidney_failure_is_asked_about(client):
    html = start(client, creatinine_value="8.8", age="60", sex="male")
    assert "would mean the kidneys are hardly filtering" in text_of(html)
    # Someone who told us about dialysis is not asked.
    html = start(client, creatinine_value="8.8", age="60", sex="male", context="dialysis")
    assert "hardly filtering" not in text_of(html)


def test_a_usual_result_has_no_question(client):
    assert "Is this right?" not in title(start(client))


# --- The result page ----------------------------------------------------------------


def test_the_result_pages_title_is_neutral_and_the_level_is_in_its_h1(client):
    # A title stays in browser history and synced tabs after the answers are gone.
    check = start(client, test_date="2026-11-01")
    html = post(client, {**hidden(check), "go": "result"})
    headline = LevelWording.objects.get(level="mildly_elevated").headline
    assert title(html) == "Your B2M result – B2M Guide"
    assert re.search(r"<h1[^>]*>\s*" + re.escape(headline), html)


def test_result_page_puts_the_test_date_answers_and_tools_near_the_top(client):
    check = start(client, test_date="2026-11-01")
    html = post(client, {**hidden(check), "go": "result"})
    headline = LevelWording.objects.get(level="mildly_elevated").headline
    assert headline in html
    numbers = html.index("What your numbers mean")
    for near_top in ("Test date: 1 November 2026", "What you told us", "checklist.pdf",
                     "reminder.ics", "Create a share link", "data-print"):  # fmt: skip
        assert html.index(near_top) < numbers, near_top


def test_change_my_answers_returns_the_filled_in_answers(client):
    check = start(client, test_date="2026-11-01")
    result = post(client, {**hidden(check), "go": "result"})
    again = post(client, {**hidden(result), "go": "check"})
    assert title(again).startswith("Check your answers")
    assert hidden(again) == hidden(check)


def test_no_lab_value_ever_goes_into_a_url(client):
    check = start(client, test_date="2026-11-01")
    result = post(client, {**hidden(check), "go": "result"})
    for html in (client.get(URL, follow=True).content.decode(), check, result):
        for form in re.findall(r"<form [^>]*>", html):
            action = re.search(r'action="([^"]*)"', form)
            assert 'method="post"' in form
            assert not action or not urlsplit(action[1]).query
        for url in re.findall(r'(?:href|action|formaction)="([^"]*)"', html):
            assert "3.4" not in url and "2.4" not in url


# --- State round trips --------------------------------------------------------------


def test_answers_from_stored_inputs_give_back_the_same_inputs():
    import datetime

    from interpreter import rules
    from interpreter.journey import answers_from_inputs, submission_for

    m = rules.Measurement
    inputs = rules.Inputs(
        serum=m(3.1, "mg/L", 2.4),
        urine=m(450, "ug/L", 300),
        urine_ph=5.5,
        creatinine=rules.Creatinine(88, "umol/L", 50, "female"),
        test_date=datetime.date(2026, 11, 1),
        history=(rules.HistoryPoint(datetime.date(2026, 10, 1), serum=m(2.9, "mg/L")),),
        context=frozenset({"dehydration"}),
    )
    submission = submission_for(answers_from_inputs(inputs))
    assert submission.is_valid(), submission.error_list()
    assert submission.to_inputs() == inputs


def test_every_page_round_trips_every_answer_it_does_not_ask(client):
    check = start(client, test_date="2026-11-01", context="dehydration")
    answers = hidden(check)
    for step in ("start", "kidney", "situations", "earlier:new"):
        page = post(client, {**answers, "go": f"edit:{step}"})
        carried = hidden(page)
        asked = set(fields_on(page))
        for name, values in answers.items():
            if name not in asked:
                assert carried.get(name) == values, (step, name)


def test_an_expired_form_is_sent_again_with_every_answer(client):
    from django.test import Client

    check = start(client, test_date="2026-11-01")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        URL, {**hidden(check), "go": "result"}, headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    resent = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    assert resent["serum_value"] == "3.4" and resent["go"] == "result"
    result = post(client, resent)
    assert "Your blood B2M is 3.4 mg/L" in text_of(result)


# --- Hostile or tampered posts: a normal page, never a server error (fuzz audit) -------------


def test_a_huge_per_creatinine_range_is_refused_and_kept_as_typed(client):
    typed = "9" * 309
    response = client.post(
        URL,
        {"step": "start", "go": "continue", "kind": "urine", "urine_value": "300",
         "urine_unit": "ug/g{creat}", "urine_range": typed},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_urine_range">A number in the urine B2M reference range is far' in html
    assert f'value="{typed}"' in html and 'value="inf"' not in html


@pytest.mark.parametrize(
    "step, go",
    [
        ("earlier:x", "continue"),
        ("earlier:x", ""),
        ("earlier:x", "skip"),
        ("earlier:", "continue"),
        ("earlier:1e3", "continue"),
        ("earlier", "continue"),
        ("earlier:99", "continue"),
        ("earlier:٣", "continue"),
        ("check", "remove:earlier:x"),
        ("check", "remove:earlier:"),
        ("start", "remove:kidney"),
        ("nonsense", "edit:earlier:x"),
    ],
)
def test_a_tampered_step_or_target_answers_a_normal_page(client, step, go):
    response = client.post(URL, {**BLOOD, "step": step, "go": go}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    # The answers sent are read as a whole form: nothing lost, no error invented.
    assert "Error" not in title(html)
    assert "3.4" in text_of(html)


def test_removing_a_tampered_earlier_result_keeps_every_earlier_result(client):
    html = start(client)
    html = post(client, {**hidden(html), "go": "edit:earlier:new"})
    html = post(
        client,
        {**hidden(html), "step": "earlier:0", "go": "continue",
         "history-0-date": "2026-01-05", "history-0-serum_value": "2.9"},
    )  # fmt: skip
    after = post(client, {**hidden(html), "go": "remove:earlier:x"})
    assert hidden(after)["history-0-serum_value"] == ["2.9"]


@pytest.mark.parametrize(
    "value, text",
    [(3.4, "3.4"), (1200.0, "1200"), (0.00001, "0.00001"), (1e-13, "0.0000000000001"),
     (1234567.0, "1234567"), (300.123456, "300.123456"), (1e16, "10000000000000000")],
)  # fmt: skip
def test_a_number_is_carried_in_full_never_in_exponent_notation_or_as_zero(value, text):
    from interpreter.forms import plain_number

    assert plain_number(value) == text


def test_a_tiny_per_creatinine_range_is_carried_as_typed(client):
    html = post(
        client,
        {"step": "start", "go": "continue", "kind": "urine", "urine_value": "0.0000000000002",
         "urine_unit": "ug/g{creat}", "urine_range": "0.0000000000001"},
    )  # fmt: skip
    assert hidden(html)["urine_range"] == ["0.0000000000001"]


def test_change_buttons_keep_b2m_in_capitals_in_their_names(client):
    html = start(client, kind="both", urine_value="450", urine_unit="ug/L")
    names = re.findall(r'<span class="visually-hidden"> ([^<]+)</span></button>', html)
    assert "blood (serum) B2M" in names and "urine B2M reference range" in names
    assert "test date" in names
    assert not [name for name in names if "b2m" in name]


def test_change_puts_focus_on_the_field_it_changes_and_nothing_else(client):
    check = start(client, test_date="2026-11-01")
    assert 'value="edit:start:test_date"' in check
    response = client.post(URL, {**hidden(check), "go": "edit:start:test_date"})
    assert urlsplit(response["Location"]).query.endswith("&focus=test_date")
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<input type="date" name="test_date"[^>]*autofocus', page)
    for unknown in ("edit:start:egfr", "edit:start:csrfmiddlewaretoken", "edit:start:"):
        response = client.post(URL, {**hidden(check), "go": unknown})
        assert "focus" not in response["Location"], unknown
        assert "autofocus" not in client.get(response["Location"]).content.decode()


def test_every_change_button_puts_focus_on_its_own_field_and_only_there(client):
    # "Change result on the report" (and kidney results, an earlier result, each
    # situations row) opened its page with focus on nothing: a keyboard or screen-reader
    # user started again from the top. Each now focuses one element: the chosen option
    # of a list (never every radio), the first ticked box of the row's own group.
    html = start(client, kind="both", urine_value="200", urine_unit="ug/L",
                 test_date="2026-11-01")  # fmt: skip
    html = post(client, {**hidden(html), "step": "situations", "go": "continue",
                         "context": ["dehydration", "kidney_disease"]})  # fmt: skip
    html = post(client, {**hidden(html), "step": "kidney", "go": "continue", "egfr": "55"})
    html = post(client, {**hidden(html), "go": "edit:earlier:new"})
    earlier = {"history-0-date": "2026-06-01", "history-0-serum_value": "2.5"}
    html = post(client, {**hidden(html), "step": "earlier:0", "mode": "add", **earlier})
    changes = re.findall(
        r'value="(edit:[^"]+)" class="link-button">Change<span class="visually-hidden"> ([^<]+)<',
        html,
    )
    focused = {}
    for go, name in changes:
        response = client.post(URL, {**hidden(html), "go": go})
        page = client.get(response["Location"]).content.decode()
        tags = re.findall(r"<(?:input|select|textarea)\b[^>]*\bautofocus\b[^>]*>", page)
        assert len(tags) == 1, (name, tags)
        focused[name] = re.search(r'id="([^"]+)"', tags[0])[1]
    assert focused == {
        "result on the report": "id_kind_2",  # "Both blood and urine", as chosen
        "blood (serum) B2M": "id_serum_value",
        "blood (serum) B2M reference range": "id_serum_range",
        "urine B2M": "id_urine_value",
        "test date": "id_test_date",
        "kidney results": "id_egfr",
        "earlier result from 1 June 2026": "id_history-0-date",
        "around the time of the test": "id_context_1",  # dehydration
        "health conditions, medicines and exposures": "id_context_3",  # kidney disease
    }


@pytest.mark.parametrize(
    "step, sent, target, words",
    [
        ("situations", {"context": ["recent_exercise", "astrology"]}, "id_context_0",
         "is not on the list below"),
        ("start", {**BLOOD, "kind": "blood-ish"}, "id_kind_0", "Choose blood, urine or both."),
        ("kidney", {"egfr": "55", "sex": "x"}, "id_sex", "Choose female or male"),
    ],
)  # fmt: skip
def test_a_tampered_choice_links_its_error_to_a_real_element(client, step, sent, target, words):
    # An unknown situation code showed "Choose only from the listed options." linked to
    # #id_context, which no element has (nor #id_kind): the link went nowhere.
    check = start(client, test_date="2026-11-01")
    html = post(client, {**hidden(check), "step": step, "go": "continue", **sent})
    assert title(html).startswith("Error: ")
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)[0]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [link for link, _ in links] == [target]
    assert f'id="{target}"' in html
    assert words in unescape(links[0][1])


def test_earlier_results_are_changed_and_removed_by_their_date_not_a_number(client):
    html = start(client, test_date="2026-11-01")
    for index, date in enumerate(("2026-09-01", "2026-06-01")):
        html = post(client, {**hidden(html), "go": "edit:earlier:new"})
        html = post(client, {**hidden(html), "step": f"earlier:{index}", "mode": "add",
                             f"history-{index}-date": date,
                             f"history-{index}-serum_value": "2"})  # fmt: skip
    names = re.findall(r'(Change|Remove)<span class="visually-hidden"> ([^<]+)</span>', html)
    earlier = [f"{verb} {name}" for verb, name in names if "earlier" in name]
    assert earlier == [
        "Change earlier result from 1 June 2026", "Remove earlier result from 1 June 2026",
        "Change earlier result from 1 September 2026",
        "Remove earlier result from 1 September 2026",
    ]  # fmt: skip


def test_continue_on_an_empty_new_earlier_result_says_what_to_do(client):
    check = start(client, test_date="2026-11-01")
    add = post(client, {**hidden(check), "go": "edit:earlier:new"})
    response = client.post(URL, {**hidden(add), "step": "earlier:0", "mode": "add"})
    assert "empty=1" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert title(html).startswith("Error: Add an earlier result")
    assert '<a href="#id_history-0-date">Enter the date of the earlier test and its' in html
    assert 'name="go" value="skip"' in html
    # Filled in, the same address shows no mistake; "Skip this" still goes back.
    skipped = post(client, {**hidden(add), "step": "earlier:0", "go": "skip"})
    assert title(skipped).startswith("Check your answers")


def test_an_earlier_result_many_times_the_limit_is_asked_about_before_any_result(client):
    # Typing 25 for 2.5 on an older report turned "a little above range" into "above
    # range" ("An earlier result was also above the limit…") with no question asked.
    check = start(client, test_date="2026-11-01")
    add = post(client, {**hidden(check), "go": "edit:earlier:new"})
    html = post(client, {**hidden(add), "step": "earlier:0", "history-0-date": "2026-06-01",
                         "history-0-serum_value": "25"})  # fmt: skip
    assert title(html).startswith("Is this right? ")
    assert (
        "You entered 25 mg/L for your earlier result from 1 June 2026. That is 10 times "
        "your limit." in text_of(html)
    )
    assert "See my result" not in html
    again = post(client, {**hidden(html), "go": "result"})
    assert "result-level" not in again
    # "No, let me correct it" opens that earlier result with its number focused.
    key = re.search(r'name="go" value="correct:([^"]+)"', html)[1]
    page = post(client, {**hidden(html), "go": f"correct:{key}"})
    assert title(page).startswith("Change an earlier result") or title(page).startswith(
        "Add an earlier result"
    )
    assert re.search(r'name="history-0-serum_value" value="25"[^>]*autofocus', page)
    fixed = post(client, {**hidden(page), "step": "earlier:0", "history-0-date": "2026-06-01",
                          "history-0-serum_value": "2.5"})  # fmt: skip
    assert "Is this right?" not in title(fixed)
    assert "See my result" in fixed
    # "Yes" keeps it and goes on to the result.
    html = post(client, {**hidden(fixed), "step": "earlier:0", "history-0-date": "2026-06-01",
                         "history-0-serum_value": "25"})  # fmt: skip
    key = re.search(r'name="go" value="confirm:([^"]+)"', html)[1]
    result = post(client, {**hidden(html), "go": f"confirm:{key}"})
    assert "result-level" in result


def test_the_situations_page_asks_in_the_two_groups_the_answers_list(client):
    # "Add health conditions, medicines and exposures" opened a page titled only
    # "Around the time of the test" with dialysis and myeloma in one list under "Did any
    # of these apply around the time of the test?": not what the button said.
    check = start(client)
    page = post(client, {**hidden(check), "go": "edit:situations"})
    assert title(page).startswith("Around the time of the test, and your health")
    group = r"<fieldset[^>]*>\s*<legend[^>]*>(.*?)</legend>(.*?)</fieldset>"
    groups = re.findall(group, page, re.S)
    found = {text_of(legend).strip(): re.findall(r'name="context" value="([^"]+)"', body)
             for legend, body in groups}  # fmt: skip
    assert found == {
        "Around the time of the test": ["recent_exercise", "dehydration", "acute_illness"],
        "Health conditions, medicines and exposures": [
            "kidney_disease",
            "dialysis",
            "blood_cancer",
            "autoimmune",
            "chronic_infection",
            "kidney_medication",
            "heavy_metals",
        ],  # fmt: skip
    }
    ticked = post(client, {**hidden(page), "step": "situations", "go": "continue",
                           "context": ["dehydration", "dialysis"]})  # fmt: skip
    text = text_of(ticked)
    assert "Around the time of the test I was dehydrated" in text
    assert "Health conditions, medicines and exposures I am on dialysis" in text
    again = post(client, {**hidden(ticked), "go": "edit:situations"})
    assert re.search(r'value="dehydration"[^>]*checked', again)
    assert re.search(r'value="dialysis"[^>]*checked', again)
    assert not re.search(r'value="fever"[^>]*checked', again)
