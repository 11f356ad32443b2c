"""schema.org JobPosting JSON-LD on every posting page (postings/structured_data.py)."""

import json
import re

import pytest

from postings.models import JobPosting
from tests.factories import CompanyFactory, JobPostingFactory
from tests.postings.conftest import located, paid

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, posting):
    html = client.get(posting.get_absolute_url()).content.decode()
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_a_posting_that_states_everything_gives_googles_job_posting(client, full_posting):
    data = json_ld(client, full_posting)
    assert data["@context"] == "https://schema.org" and data["@type"] == "JobPosting"
    assert data["title"] == "Senior ML Engineer"
    assert data["description"] == "Build the models.\n\nShip them.\n\nPython."
    assert data["datePosted"] == full_posting.posted_on.isoformat()
    assert data["validThrough"] == full_posting.valid_through.isoformat()
    assert data["url"] == "http://testserver/postings/senior-ml-engineer/"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme Robotics",
        "sameAs": "https://acme.example.com/",
    }
    assert data["employmentType"] == "FULL_TIME"
    assert data["jobLocation"] == [
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Berlin",
                "addressRegion": "Berlin",
                "addressCountry": "DE",
            },
        }
    ]
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "Germany"},
        {"@type": "Country", "name": "France"},
    ]
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 120000, "maxValue": 150000},
    }
    assert data["directApply"] is True


@pytest.mark.parametrize(
    "low, high, value",
    [
        ("5000", "5000", {"value": 5000}),
        ("52.50", None, {"minValue": 52.5}),
        (None, "7000", {"maxValue": 7000}),
    ],
)
def test_base_salary_gives_the_figures_the_posting_gives(client, low, high, value):
    posting = paid(low, high, currency="EUR", period="month")
    salary = json_ld(client, posting)["baseSalary"]
    assert salary["currency"] == "EUR"
    assert salary["value"] == {"@type": "QuantitativeValue", "unitText": "MONTH", **value}


@pytest.mark.parametrize(
    "kind, expected",
    [("part_time", "PART_TIME"), ("contract", "CONTRACTOR"), ("internship", "INTERN"), ("temporary", "TEMPORARY")],
)
def test_employment_types_use_googles_words(client, kind, expected):
    assert json_ld(client, JobPostingFactory(employment_type=kind))["employmentType"] == expected


def test_an_on_site_job_has_a_place_and_no_telecommute(client):
    posting = located(JobPostingFactory(workplace="on_site"), ("Austin", "Texas", "US"), ("Paris", "", "FR"))
    data = json_ld(client, posting)
    assert "jobLocationType" not in data and "applicantLocationRequirements" not in data
    assert [place["address"] for place in data["jobLocation"]] == [
        {"@type": "PostalAddress", "addressLocality": "Austin", "addressRegion": "Texas", "addressCountry": "US"},
        {"@type": "PostalAddress", "addressLocality": "Paris", "addressCountry": "FR"},
    ]


def test_properties_without_a_value_are_left_out(client, guide):
    """The guide's postings state no dates, place, pay or way to apply: nothing of it is invented."""
    for posting in JobPosting.objects.all():
        data = json_ld(client, posting)
        assert {"title", "hiringOrganization"} <= set(data)
        assert data["hiringOrganization"] == {"@type": "Organization", "name": posting.company.name}
        absent = {"datePosted", "validThrough", "employmentType", "jobLocation", "baseSalary", "directApply"}
        assert not absent & set(data), posting.slug


def test_text_cannot_close_the_script_element(client):
    company = CompanyFactory(name="</script><script>alert(1)</script> & Co")
    posting = JobPostingFactory(title="Engineer </script><b>", company=company)
    html = client.get(posting.get_absolute_url()).content.decode()
    script = SCRIPT.search(html).group(1)
    assert "<" not in script and ">" not in script
    data = json.loads(script)
    assert data["title"] == "Engineer </script><b>"
    assert data["hiringOrganization"]["name"].startswith("</script>")
