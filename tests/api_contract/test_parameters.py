"""
Query parameters do what the schema says: a blank filter means "no filter" (django-filter's rule),
pagination is bounded and numeric, and free text is capped with a 400 naming the parameter.
"""

import pytest
from django.urls import reverse

from core.api.filters import MAX_ORDERING_LENGTH, MAX_SEARCH_LENGTH
from core.publishing import PublicationStatus
from roles.models import Role, SalaryFigure

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.json()
    return [row.get("slug", row.get("id")) for row in response.json()["results"]]


@pytest.mark.parametrize(
    "list_name, blank",
    [
        ("api:posting-list", {"degree": "", "company": "", "max_years": "", "skill": "", "search": "", "ordering": ""}),
        ("api:role-list", {"skill": ""}),
        ("api:salaryfigure-list", {"role": "", "region": "", "currency": ""}),
        ("api:skill-list", {"kind": "", "category": "", "format": ""}),
    ],
)
def test_a_blank_filter_means_no_filter(api, guide, list_name, blank):
    url = reverse(list_name)
    assert slugs(api.get(url, blank)) == slugs(api.get(url))


def test_a_blank_among_repeated_values_is_dropped(api, guide):
    url = reverse("api:posting-list")
    assert slugs(api.get(url, {"skill": ["", "python"]})) == slugs(api.get(url, {"skill": "python"}))


@pytest.mark.parametrize(
    "list_name, query",
    [
        ("api:posting-list", {"role": ["data-scientist", "machine-learning-engineer"]}),
        ("api:posting-list", {"degree": ["master", "phd"], "skill": ["python", "sql"]}),
        ("api:salaryfigure-list", {"role": ["", "data-scientist", "x"]}),
    ],
)
def test_a_one_value_parameter_sent_twice_is_a_400_naming_it(api, guide, list_name, query):
    response = api.get(reverse(list_name), query)
    repeated = {name for name, values in query.items() if name != "skill"}
    assert response.status_code == 400 and set(response.json()["errors"]) == repeated


def test_a_one_value_parameter_with_blanks_beside_it_is_still_one_value(api, guide):
    url = reverse("api:posting-list")
    assert slugs(api.get(url, {"degree": ["", "master"]})) == slugs(api.get(url, {"degree": "master"}))


def test_whitespace_is_not_blank_for_a_choice(api, guide):
    response = api.get(reverse("api:posting-list"), {"degree": " "})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["degree"]


@pytest.mark.parametrize("size, status", [("0", 400), ("101", 400), ("abc", 400), ("", 400), ("1", 200), ("100", 200)])
def test_page_size_is_a_number_from_1_to_100(api, guide, size, status):
    response = api.get(reverse("api:skill-list"), {"page_size": size})
    assert response.status_code == status
    if status == 400:
        assert list(response.json()["errors"]) == ["page_size"]


@pytest.mark.parametrize("page", ["last", "", "0", "-1", str(10**30)])
def test_a_page_is_a_number_that_exists(api, guide, page):
    response = api.get(reverse("api:skill-list"), {"page": page})
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize("name, cap", [("search", MAX_SEARCH_LENGTH), ("ordering", MAX_ORDERING_LENGTH)])
@pytest.mark.parametrize("list_name", ["api:posting-list", "api:company-list", "api:skill-list"])
def test_free_text_over_its_cap_is_a_400_naming_it(api, guide, list_name, name, cap):
    assert api.get(reverse(list_name), {name: "a" * cap}).status_code == 200
    response = api.get(reverse(list_name), {name: "a" * (cap + 1)})
    assert response.status_code == 400
    assert response.json()["errors"] == {name: [f"At most {cap} characters."]}


def test_a_search_of_50000_characters_is_a_400_not_a_500(api, guide):
    response = api.get(reverse("api:posting-list"), {"search": "python " * 7000})
    assert response.status_code == 400 and "search" in response.json()["errors"]


@pytest.mark.parametrize("list_name, name", [("api:posting-list", "city"), ("api:salaryfigure-list", "region")])
def test_text_filters_are_capped_too(api, guide, list_name, name):
    response = api.get(reverse(list_name), {name: "x" * 101})
    assert response.status_code == 400 and list(response.json()["errors"]) == [name]


@pytest.mark.parametrize(
    "query",
    [{"skill": ""}, {"skill": ["python", ""]}, {"skill": "x" * 121}, {"page": "0"}, {"skill": "python", "page": "501"}],
)
def test_match_refuses_what_its_schema_refuses(api, guide, query):
    response = api.get(reverse("api:match"), query)
    assert response.status_code == 400 and response.json()["code"] == "invalid"


@pytest.mark.parametrize("roles", [["data-scientist", ""], ["data-scientist"], ["data-scientist"] * 2])
def test_compare_needs_two_different_roles(api, guide, roles):
    response = api.get(reverse("api:compare"), {"role": roles})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["role"]


# A slug filter whose slug names no record the client may see matches nothing: an empty list, as for a
# real record with no matches, never a 400 (docs/api-fuzzing.md). Unknown and draft slugs look alike.
@pytest.mark.parametrize(
    "list_name, query",
    [
        ("api:posting-list", {"company": "no-such-company"}),
        ("api:posting-list", {"role": "no-such-role"}),
        ("api:posting-list", {"field_of_study": "no-such-field"}),
        ("api:posting-list", {"skill": "no-such-skill"}),
        ("api:posting-list", {"skill": ["python", "no-such-skill"]}),  # every skill is asked for
        ("api:posting-list", {"company": "0" * 99, "degree": "bachelor"}),  # what the fuzzer sent
        ("api:role-list", {"skill": "no-such-skill"}),
        ("api:salaryfigure-list", {"role": "no-such-role"}),
    ],
)
def test_a_slug_that_names_no_record_matches_nothing(api, guide, list_name, query):
    url = reverse(list_name)
    assert slugs(api.get(url)), "the guide has rows here, so an empty answer says something"
    assert slugs(api.get(url, query)) == []


def test_a_draft_slug_matches_nothing_as_an_unknown_one_does(api, guide):
    url = reverse("api:salaryfigure-list")
    assert SalaryFigure.objects.filter(role__slug="data-scientist").exists()
    Role.objects.filter(slug="data-scientist").update(status=PublicationStatus.DRAFT)
    assert slugs(api.get(url, {"role": "data-scientist"})) == []


@pytest.mark.parametrize(
    "query, refused",
    [
        ({"company": "no-such-company", "degree": "wizard"}, ["degree"]),  # the schema's enum is still enforced
        ({"company": "no-such-company", "max_years": "-1"}, ["max_years"]),
        ({"role": "no-such-role", "pay_min_at_least": "5"}, ["pay_min_at_least"]),  # needs currency and period
    ],
)
def test_other_errors_are_still_a_400_beside_an_unknown_slug(api, guide, query, refused):
    response = api.get(reverse("api:posting-list"), query)
    assert response.status_code == 400 and list(response.json()["errors"]) == refused


def test_slug_filters_say_an_unknown_slug_matches_nothing(openapi):
    parameters = {p["name"]: p for p in openapi["paths"]["/api/v1/postings/"]["get"]["parameters"]}
    for name in ("company", "role", "skill", "field_of_study"):
        assert "names no record matches nothing" in parameters[name]["description"], name
    assert "names no record" not in parameters["degree"]["description"]


def test_a_slug_longer_than_its_field_is_a_400_as_the_schema_says(api, guide):
    response = api.get(reverse("api:role-list"), {"skill": "a" * 200})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["skill"]
