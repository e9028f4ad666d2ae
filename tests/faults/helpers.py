"""What every fault test asks of the site: each kind of request, and what it answered."""

import json
import re

from django.test import Client

MILD = {"serum_value": "3.1", "serum_unit": "mg/L", "serum_upper_limit": "2.4"}
API_BODY = {"serum_b2m": {"value": 3.1, "unit": "mg/L", "upper_limit": 2.4}}


def every_request(client=None):
    """Status of each public page, the result, the downloads and the API (anonymous)."""
    client = client or Client()
    statuses = {
        path: client.get(path, follow=True).status_code
        for path in ("/", "/learn/", "/glossary/", "/interpret/")
    }
    topic = re.search(r'href="(/learn/[\w-]+/)"', client.get("/learn/").content.decode())
    if topic:
        statuses["topic"] = client.get(topic[1]).status_code
        statuses["topic again"] = client.get(topic[1]).status_code
    statuses["result"] = client.post("/interpret/", MILD, follow=True).status_code
    statuses["pdf"] = client.post("/interpret/checklist.pdf", MILD).status_code
    statuses["txt"] = client.post("/interpret/checklist.txt", MILD).status_code
    statuses["api"] = client.post(
        "/api/v1/interpret", data=json.dumps(API_BODY), content_type="application/json"
    ).status_code
    return statuses


def assert_all_ok(statuses):
    assert {name: status for name, status in statuses.items() if status != 200} == {}
