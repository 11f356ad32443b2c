"""`?format=csv` on the API's lists (core/renderers.py), declared in the schema."""

import csv
import io
import json

import pytest
from django.urls import reverse

from core.renderers import CSVRenderer, flatten
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


def as_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("name", ["api:posting-list", "api:role-list", "api:skill-list", "api:company-list"])
def test_lists_answer_a_page_of_results_as_csv(api, guide, name):
    json_rows = api.get(reverse(name)).json()["results"]
    rows = as_rows(api.get(reverse(name), {"format": "csv"}))
    assert len(rows) == len(json_rows) > 0
    assert [row["slug"] for row in rows] == [row["slug"] for row in json_rows]


def test_a_posting_row_flattens_nested_objects_and_lists(api, full_posting):
    [row] = as_rows(api.get(reverse("api:posting-list"), {"format": "csv", "workplace": "remote"}))
    assert row["company_detail.name"] == "Acme Robotics"
    assert row["pay_min"] == "120000.00" and row["is_expired"] == "false"
    assert json.loads(row["locations"])[0]["city"] == "Berlin"
    assert row["fields_of_study"] == ""


def test_an_error_is_one_csv_row(api):
    response = api.get(reverse("api:posting-list"), {"format": "csv", "posted_within": "0"})
    assert response.status_code == 400 and response["Content-Type"] == "text/csv; charset=utf-8"
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["status"], row["code"]) == ("400", "invalid")
    assert row["errors.posted_within"] == "Ensure this value is greater than or equal to 1."


def test_the_renderer_flattens_as_documented():
    assert flatten({"a": {"b": 1}, "c": [1, 2], "d": None, "e": True}) == {"a.b": 1, "c": "1; 2", "d": "", "e": "true"}
    assert CSVRenderer().render(None) == b""
    assert CSVRenderer().render({"results": []}) == b"\r\n"  # Not empty: an empty body loses its Content-Type.


def test_the_schema_declares_csv_and_the_format_parameter(api):
    JobPostingFactory()
    schema = json.loads(api.get("/api/schema/", {"format": "json"}).content)
    listing = schema["paths"]["/api/v1/postings/"]["get"]
    assert "text/csv" in listing["responses"]["200"]["content"]
    fmt = next(p for p in listing["parameters"] if p["name"] == "format")
    assert set(fmt["schema"]["enum"]) == {"json", "csv"}


def test_a_csv_page_runs_the_same_queries_for_few_or_many_rows(api, django_assert_num_queries, uncached):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    JobPostingFactory()
    with CaptureQueriesContext(connection) as few:
        as_rows(api.get(reverse("api:posting-list"), {"format": "csv"}))
    JobPostingFactory.create_batch(12)
    with django_assert_num_queries(len(few)):
        assert len(as_rows(api.get(reverse("api:posting-list"), {"format": "csv"}))) == 13
