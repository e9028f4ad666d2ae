"""POST /api/v1/interpret: the contract from the interpreter issue."""

import datetime
import json

import pytest

from interpreter import rules

pytestmark = pytest.mark.django_db

URL = "/api/v1/interpret"
EXAMPLE = {
    "serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4},
    "urine_b2m": {"value": 450, "unit": "ug/L"},
    "egfr": 55,
    "context": ["recent_exercise"],
    "test_date": "2026-11-01",
    "history": [{"date": "2026-10-01", "serum_b2m": {"value": 2.9, "unit": "mg/L"}}],
}


def post(client, body, raw=False):
    data = body if raw else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json")


def test_issue_example_answers_with_the_documented_fields(client):
    response = post(client, EXAMPLE)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"level", "rank", "headline", "summary", "findings", "actions",
                         "questions", "learn_more", "rules_version", "disclaimer"}  # fmt: skip
    assert body["level"] in rules.LEVELS
    assert body["rank"] == rules.RANKS[body["level"]]
    assert body["rules_version"] == rules.RULES_VERSION
    assert all(set(action) == {"code", "text"} for action in body["actions"])
    assert all(action["code"] in rules.ACTION_CODES for action in body["actions"])
    kinds = [finding["kind"] for finding in body["findings"]]
    assert kinds == ["serum_b2m", "urine_b2m", "egfr", "serum_trend"]
    serum, urine = body["findings"][0], body["findings"][1]
    assert (serum["upper_limit"], serum["limit_source"], serum["unit"]) == (2.4, "report", "mg/L")
    assert (urine["upper_limit"], urine["limit_source"], urine["unit"]) == (300, "typical", "ug/L")
    assert body["findings"][2]["category"] == "G3a"
    assert [p["date"] for p in body["findings"][3]["points"]] == ["2026-10-01", "2026-11-01"]
    assert all(link["url"].startswith("/learn/") for link in body["learn_more"])
    assert "not a diagnosis" in body["disclaimer"]


def test_persistent_rise_ranks_above_a_single_mild_rise(client):
    single = post(client, {"serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}})
    persistent = post(client, EXAMPLE | {"urine_b2m": None, "egfr": None, "context": []})
    assert single.json()["level"] == "mildly_elevated"
    assert persistent.json()["rank"] > single.json()["rank"]


def test_unit_aliases_give_identical_guidance(client):
    answers = [
        post(client, {"serum_b2m": {"value": value, "unit": unit, "upper_limit": limit}}).json()
        for value, unit, limit in [
            (3.1, "mg/L", 2.4),
            (3.1, "µg/mL", 2.4),
            (3.1, "mcg/mL", 2.4),
            (3100, "mcg/L", 2400),
        ]
    ]
    for answer in answers[1:]:
        for key in ("level", "headline", "summary", "actions", "questions", "notes"):
            assert answer[key] == answers[0][key], key


@pytest.mark.parametrize(
    "body, path, message",
    [
        ({}, "serum_b2m.value", "Give serum_b2m or urine_b2m, with its value and unit."),
        ({"serum_b2m": {"value": None, "unit": "mg/L"}}, "serum_b2m.value",
         "Give serum_b2m or urine_b2m, with its value and unit."),
        ({"serum_b2m": {"value": "3.1"}}, "serum_b2m.value", "Must be a number."),
        ({"serum_b2m": {"value": True}}, "serum_b2m.value", "Must be a number."),
        ({"serum_b2m": {"value": -1, "unit": "mg/L"}}, "serum_b2m.value",
         "Your blood B2M result must be more than zero."),
        ({"serum_b2m": {"value": 0, "unit": "mg/L"}}, "serum_b2m.value",
         "Your blood B2M result must be more than zero."),
        ({"serum_b2m": {"value": 1e9, "unit": "mg/L"}}, "serum_b2m.value",
         "This is higher than any blood B2M result we know of. "
         "Check the number and the unit on your report."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L", "upper_limit": 0}}, "serum_b2m.upper_limit",
         "The upper limit must be more than zero."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L", "upper_limit": -2}}, "serum_b2m.upper_limit",
         "The upper limit must be more than zero."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "egfr": "high"}, "egfr", "Must be a number."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "context": ["tarot"]}, "context",
         "Unknown context code(s): “tarot”. Known codes: " + ", ".join(rules.CONTEXT_CODES) + "."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "nickname": "x"}, "nickname",
         "Unknown field."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "test_date": "2026-13-45"}, "test_date",
         "Enter the test date as a real date, like 2026-11-01."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "history": {"date": "x"}}, "history",
         "Must be a list of earlier results."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "history": [{"date": "2026-01-01",
          "serum_b2m": {"value": "x"}}]}, "history[0].serum_b2m.value", "Must be a number."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "share": "yes"}, "share",
         "Must be true or false."),
        ([1, 2], "body", "The body must be a JSON object."),
    ],
)  # fmt: skip
def test_bad_input_answers_400_with_errors_by_field_path(client, body, path, message):
    response = post(client, body)
    assert response.status_code == 400
    assert message in response.json()["errors"][path]


def test_unknown_unit_lists_the_accepted_units(client):
    response = post(client, {"serum_b2m": {"value": 3, "unit": "furlongs"}})
    assert response.status_code == 400
    [message] = response.json()["errors"]["serum_b2m.unit"]
    assert "furlongs" in message
    for unit in ("mg/L", "ug/mL", "ug/L", "nmol/L"):
        assert unit in message


def test_future_dates_are_refused(client):
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = post(client, {"serum_b2m": {"value": 3, "unit": "mg/L"}, "test_date": future})
    assert response.json()["errors"] == {"test_date": ["The test date cannot be in the future."]}
    response = post(
        client,
        {
            "serum_b2m": {"value": 3, "unit": "mg/L"},
            "history": [{"date": future, "serum_b2m": {"value": 2, "unit": "mg/L"}}],
        },
    )
    assert response.json()["errors"]["history[0].date"] == [
        "The date of an earlier result cannot be in the future."
    ]


@pytest.mark.parametrize(
    "raw",
    ['{"serum_b2m": {"value": NaN}}', '{"serum_b2m": {"value": Infinity}}',
     '{"serum_b2m": {"value": -Infinity}}', "{not json", "\xff\xfe"],
)  # fmt: skip
def test_malformed_json_and_non_finite_numbers_answer_400(client, raw):
    response = post(client, raw, raw=True)
    assert response.status_code == 400
    assert response.json() == {"errors": {"body": ["The body is not valid JSON."]}}


def test_empty_body_answers_400(client):
    response = post(client, "", raw=True)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]


def test_oversized_body_answers_413(client):
    body = {"serum_b2m": {"value": 3, "unit": "mg/L"}, "padding": "x" * 20000}
    response = post(client, body)
    assert response.status_code == 413
    assert "too large" in response.json()["errors"]["body"][0]


def test_get_is_405_with_allow_header(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_api_stores_nothing(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Values no query would hold by chance (a cache read's timestamp can hold "3.1").
    serum = {"value": 3.187, "unit": "mg/L", "upper_limit": 2.4}
    body = EXAMPLE | {"serum_b2m": serum, "test_date": "2026-10-31"}
    with CaptureQueriesContext(connection) as queries:
        assert post(client, body).status_code == 200
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        # The shared cache may note its content version; it holds no patient data.
        and "b2m_cache" not in q["sql"]
    ]
    assert writes == []
    assert not any("2026-10-31" in q["sql"] or "3.187" in q["sql"] for q in queries)


def test_a_body_not_sent_as_json_is_refused(client):
    response = client.post(URL, data=json.dumps(EXAMPLE), content_type="text/plain")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "body": ["Send the body as JSON, with the header Content-Type: application/json."]
        }
    }


def test_answers_are_never_cached(client):
    for response in (post(client, EXAMPLE), post(client, {})):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "body, path",
    [
        ({"serum_b2m": {"value": 3.1}}, "serum_b2m.unit"),
        ({"serum_b2m": {"value": 3.1, "unit": None, "upper_limit": 2.4}}, "serum_b2m.unit"),
        # Read as mg/L this would be "markedly elevated"; in ug/L it is ordinary.
        ({"urine_b2m": {"value": 450}}, "urine_b2m.unit"),
        (
            {"serum_b2m": {"value": 3.1, "unit": "mg/L"}, "creatinine": {"value": 1.1},
             "age": 60, "sex": "female"},
            "creatinine.unit",
        ),
        (
            {"serum_b2m": {"value": 3.1, "unit": "mg/L"},
             "history": [{"date": "2026-01-01", "serum_b2m": {"value": 2.0}}]},
            "history[0].serum_b2m.unit",
        ),
    ],
)  # fmt: skip
def test_a_lab_value_without_its_unit_answers_400_never_a_guessed_unit(client, body, path):
    response = post(client, body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [path]
    assert "unit" in response.json()["errors"][path][0]


# --- Every answer under /api/ is JSON (fuzz audit) -------------------------------------------


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "path", ["/api/", "/api/v1/nope", "/api/v1/interpret/", "/api/v2/interpret"]
)
@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_an_unknown_api_address_is_a_json_404(client, settings, debug, path, method):
    settings.DEBUG = debug
    response = client.generic(method.upper(), path, "{}", content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": {"path": ["There is no such address in the API. Send POST /api/v1/interpret."]}
    }


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PROPFIND", "BREW"])
@pytest.mark.parametrize("path", [URL, "/api/v1/nope"])
def test_a_method_no_view_answers_is_a_json_405_with_allow(client, settings, debug, method, path):
    settings.DEBUG = debug
    response = client.generic(method, path)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"method": ["Use POST with a JSON body."]}}


def test_a_method_no_view_answers_outside_the_api_is_still_refused_before_any_work(client):
    response = client.generic("TRACE", "/learn/")
    assert response.status_code == 405
    assert "GET" in response["Allow"]


# --- The API reads every number the page reads (fuzz audit) ----------------------------------


@pytest.mark.parametrize("value", [0.00008, 8e-05, 0.0001])
def test_a_small_per_creatinine_value_is_read_as_the_page_reads_it(client, value):
    body = {"urine_b2m": {"value": value, "unit": "mg/mmol{creat}", "upper_limit": 0.034}}
    response = post(client, body)
    assert response.status_code == 200, response.json()


def test_a_value_in_exponent_notation_is_read_in_full(client):
    body = {"serum_b2m": {"value": 3.1e0, "unit": "mg/L", "upper_limit": 2.4}, "egfr": 1e-05}
    assert post(client, body).status_code == 200
    raw = '{"serum_b2m": {"value": 31E-1, "unit": "mg/L", "upper_limit": 24e-1}}'
    assert post(client, raw, raw=True).status_code == 200


@pytest.mark.parametrize(
    "body, path, message",
    [
        (
            {"serum_b2m": {"value": 1e16, "unit": "mg/L"}},
            "serum_b2m.value",
            "This is higher than any blood B2M result we know of. "
            "Check the number and the unit on your report.",
        ),
        (
            {"serum_b2m": {"value": 1e308, "unit": "mg/L"}},
            "serum_b2m.value",
            "This is higher than any blood B2M result we know of. "
            "Check the number and the unit on your report.",
        ),
        (
            {"serum_b2m": {"value": 5e-324, "unit": "mg/L"}},
            "serum_b2m.value",
            "This is much lower than blood B2M results usually are in mg/L. "
            "Check the unit: it may be a different one.",
        ),
        (
            {"serum_b2m": {"value": 3.1, "unit": "mg/L"}, "urine_ph": 1e-05},
            "urine_ph",
            "The urine pH must be 3 or more.",
        ),
    ],
)
def test_an_out_of_range_number_gets_the_forms_own_message(client, body, path, message):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["errors"][path] == [message]


# --- Messages that make sense in JSON, never a whole long input (fuzz audit) -----------------


@pytest.mark.parametrize(
    "body, path, message",
    [
        ({"serum_b2m": {"value": 3, "unit": 5}}, "serum_b2m.unit",
         "Must be a string: one of mg/L, ug/mL, ug/L, nmol/L."),
        ({"serum_b2m": {"value": 3, "unit": ["mg/L"]}}, "serum_b2m.unit",
         "Must be a string: one of mg/L, ug/mL, ug/L, nmol/L."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "history": [None]}, "history[0]",
         "Must be an object: {date, serum_b2m or urine_b2m}."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "context": [""]}, "context",
         "Unknown context code(s): “”. Known codes: " + ", ".join(rules.CONTEXT_CODES) + "."),
        ({"serum_b2m": {"value": 3, "unit": "mg/L"}, "creatinine": {"value": 1, "unit": "mg/dL"},
          "age": 50, "sex": "x"}, "sex", "Choose female or male for the sex used on your report."),
    ],
)  # fmt: skip
def test_bad_input_gets_one_message_that_makes_sense_in_json(client, body, path, message):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["errors"][path] == [message]


def test_the_sex_may_be_given_in_capitals(client):
    body = {"serum_b2m": {"value": 3, "unit": "mg/L"}, "creatinine": {"value": 1, "unit": "mg/dL"},
            "age": 50, "sex": "Female"}  # fmt: skip
    assert post(client, body).status_code == 200


def test_a_long_input_is_never_said_back_in_full(client):
    body = {"serum_b2m": {"value": 3, "unit": "u" * 5000}, "context": ["c" * 5000],
            "sex": "s" * 1000, "creatinine": {"value": 1, "unit": "mg/dL"}, "age": 50}  # fmt: skip
    response = post(client, body)
    assert response.status_code == 400
    for messages in response.json()["errors"].values():
        assert all(len(message) < 400 for message in messages), messages


@pytest.mark.parametrize("size", [20 * 1024, 70 * 1024])
def test_a_body_too_large_gets_the_one_limit_the_readme_gives(client, size):
    body = '{"x": "' + "a" * size + '"}'
    response = post(client, body, raw=True)
    assert response.status_code == 413
    assert response.json() == {
        "errors": {"body": ["The body is too large: the limit is 16 KB (16384 bytes)."]}
    }


def test_an_all_number_test_date_is_refused_not_read_us_style(client):
    response = post(client, {"serum_b2m": {"value": 3, "unit": "mg/L"}, "test_date": "11/01/2026"})
    assert response.status_code == 400
    assert response.json()["errors"]["test_date"] == [
        "Enter the test date as year-month-day, like 2026-11-01, or with the month's name, "
        "like 1 November 2026. A date such as 01/02/2026 can be read two ways."
    ]
