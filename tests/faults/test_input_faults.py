"""Bad input never reaches a 500: nested JSON, huge bodies, odd methods."""

import json

import pytest
from django.test import Client

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

API = "/api/v1/interpret"


@pytest.mark.parametrize("depth", [100, 1000, 5000])
def test_deeply_nested_json_answers_400_in_json(depth):
    body = '{"serum_b2m": ' + "[" * depth + "]" * depth + "}"
    response = Client(raise_request_exception=False).post(
        API, data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]


def test_a_body_over_the_api_limit_answers_413_in_json():
    body = json.dumps({"serum_b2m": {"value": 3, "unit": "mg/L"}, "pad": "x" * 20_000})
    response = Client().post(API, data=body, content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.json()["errors"]["body"][0]


def test_a_form_body_over_the_site_limit_answers_413_without_being_read(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post("/interpret/", {"serum_value": "3", "pad": "x" * 5000})
    assert response.status_code == 413
    assert "too large" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/learn/", "/glossary/", "/interpret/", API])
def test_trace_is_refused_everywhere(path):
    response = Client().generic("TRACE", path)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]


@pytest.mark.parametrize("path", ["/", "/learn/", "/glossary/"])
def test_options_on_a_public_page_lists_what_it_answers(path):
    response = Client().options(path)
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.content == b""


@pytest.mark.parametrize("path", ["/", "/learn/", "/glossary/"])
def test_a_public_page_refuses_a_post(path):
    response = Client().post(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_options_on_the_checker_and_api_answer_405_with_allow():
    client = Client()
    assert client.options("/interpret/").status_code == 405
    api = client.options(API)
    assert api.status_code == 405 and api["Allow"] == "POST"
