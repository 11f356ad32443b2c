"""The postings API reads and writes where, terms, pay and how to apply; the schema describes them."""

import json

import pytest
from django.urls import reverse

from postings.models import JobPosting
from tests.factories import CompanyFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(api, curator):
    api.force_authenticate(curator)
    return api


def new_posting(**fields):
    return {
        "title": "Data Scientist",
        "slug": "data-scientist-acme",
        "company": CompanyFactory(slug="acme").slug,
        "role": RoleFactory(slug="data-scientist").slug,
        "status": "draft",  # publishing is a reviewer's step (test_review.py)
        "source": "test-source",
        "source_passage": "A passage that says so.",
        **fields,
    }


def test_a_posting_reads_with_its_place_terms_pay_and_apply(api, full_posting):
    data = api.get(reverse("api:posting-detail", args=[full_posting.slug])).json()
    assert data["workplace"] == "remote" and data["employment_type"] == "full_time"
    assert (data["pay_min"], data["pay_max"], data["pay_currency"], data["pay_period"]) == (
        "120000.00",
        "150000.00",
        "USD",
        "year",
    )
    assert data["apply_url"] == "https://acme.example.com/jobs/1" and data["apply_email"] == ""
    assert data["locations"] == [
        {"kind": "office", "city": "Berlin", "region": "Berlin", "country": "DE", "country_name": "Germany"},
        {"kind": "remote", "city": "", "region": "", "country": "DE", "country_name": "Germany"},
        {"kind": "remote", "city": "", "region": "", "country": "FR", "country_name": "France"},
    ]
    company = api.get(reverse("api:company-detail", args=["acme"])).json()
    assert company["website"] == "https://acme.example.com/"


def test_a_curator_writes_them_and_locations_are_replaced_as_a_whole(writer):
    body = new_posting(
        workplace="hybrid",
        employment_type="contract",
        pay_min="80000.00",
        pay_max="95000.00",
        pay_currency="EUR",
        pay_period="year",
        apply_email="jobs@acme.example.com",
        locations=[{"city": "Munich", "region": "Bavaria", "country": "DE"}],
    )
    response = writer.post(reverse("api:posting-list"), body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["locations"][0]["kind"] == "office"
    url = reverse("api:posting-detail", args=["data-scientist-acme"])
    response = writer.patch(url, {"locations": [{"kind": "remote", "country": "PT"}]}, format="json")
    assert response.status_code == 200, response.json()
    posting = JobPosting.objects.get(slug="data-scientist-acme")
    assert [(p.kind, p.country) for p in posting.locations.all()] == [("remote", "PT")]
    assert writer.patch(url, {"title": "Renamed"}, format="json").json()["locations"][0]["country"] == "PT"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"pay_min": "200.00", "pay_max": "100.00", "pay_currency": "USD", "pay_period": "year"}, "pay_max"),
        ({"pay_min": "100.00", "pay_period": "year"}, "pay_currency"),
        ({"pay_min": "100.00", "pay_currency": "USD"}, "pay_period"),
        ({"pay_currency": "USD", "pay_period": "year"}, "pay_min"),
        ({"pay_min": 100, "pay_currency": "USD", "pay_period": "year"}, "pay_min"),  # Decimals travel as strings.
        ({"pay_min": "-5.00", "pay_currency": "USD", "pay_period": "year"}, "pay_min"),
        ({"pay_currency": "DOLLARS"}, "pay_currency"),
        ({"workplace": "moon"}, "workplace"),
        ({"apply_url": "javascript:alert(1)"}, "apply_url"),
        ({"apply_email": "not-an-email"}, "apply_email"),
        ({"locations": [{"city": "Paris", "country": "XX"}]}, "locations"),
        ({"locations": [{"kind": "remote", "city": "Paris", "country": "FR"}]}, "locations"),
        ({"locations": [{"country": "FR"}, {"country": "FR"}]}, "locations"),
        ({"locations": {"country": "FR"}}, "locations"),
    ],
)
def test_what_the_model_refuses_the_api_refuses_with_the_field_named(writer, fields, field):
    response = writer.post(reverse("api:posting-list"), new_posting(**fields), format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert not JobPosting.objects.exists()


def test_the_schema_describes_the_new_fields(api):
    schema = json.loads(api.get("/api/schema/", {"format": "json"}).content)
    posting = schema["components"]["schemas"]["JobPosting"]["properties"]
    for name in ["workplace", "employment_type", "pay_min", "pay_max", "pay_currency", "pay_period", "apply_url"]:
        assert name in posting, name
    assert posting["locations"]["type"] == "array"
    location = schema["components"]["schemas"]["PostingLocation"]["properties"]
    assert set(location) == {"kind", "city", "region", "country", "country_name"}
    country_enum = schema["components"]["schemas"][location["country"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert len(country_enum["enum"]) == 249
    assert "website" in schema["components"]["schemas"]["Company"]["properties"]
