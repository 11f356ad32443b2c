"""The roles and salaries endpoints (roles/api.py): validation, writing a role's skills, filters, reads."""

import pytest
from django.urls import reverse

from roles.models import Role, SalaryFigure
from tests.factories import (
    JobPostingFactory,
    RoleFactory,
    RoleSkillFactory,
    SalaryFigureFactory,
    SkillFactory,
    SourceFactory,
    make_roles_with_everything,
)

pytestmark = pytest.mark.django_db


def salary_body(**overrides):
    SourceFactory(slug="test-source")
    role = RoleFactory()
    return {
        "role": role.slug,
        "amount": "90000.00",
        "statistic": "median",
        "source": "test-source",
        "source_passage": "It says so.",
    } | overrides


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"amount": "-5.00"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": 90000}, "amount"),  # decimals travel as strings
        ({"currency": "ABC"}, "currency"),
        ({"statistic": "mode"}, "statistic"),
        ({"role": "no-such-role"}, "role"),
        ({"source_passage": 0}, "source_passage"),
        ({"is_approximate": "yes"}, "is_approximate"),
    ],
)
def test_bad_salary_figures_get_a_400_with_a_field_message(as_curator, overrides, field):
    response = as_curator.post(reverse("api:salaryfigure-list"), salary_body(**overrides), format="json")
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert list(body["errors"]) == [field]
    assert SalaryFigure.objects.count() == 0


def test_duplicate_slug_gets_a_400_not_a_500(as_curator):
    RoleFactory(slug="taken")
    body = {"name": "Other", "slug": "taken", "summary": "s", "source": "test-source", "source_passage": "p"}
    response = as_curator.post(reverse("api:role-list"), body, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


def test_unknown_and_duplicate_skill_slugs_are_refused(as_curator):
    role = RoleFactory()
    SkillFactory(slug="python")
    url = reverse("api:role-detail", args=[role.slug])
    unknown = as_curator.patch(url, {"skills": [{"skill": "cobol"}]}, format="json")
    assert unknown.status_code == 400 and "skills" in unknown.json()["errors"]
    twice = as_curator.patch(url, {"skills": [{"skill": "python"}, {"skill": "python"}]}, format="json")
    assert twice.status_code == 400
    assert twice.json()["errors"]["skills"] == ["Listed more than once: python."]
    missing = as_curator.patch(url, {"skills": [{"importance": "essential"}]}, format="json")
    assert missing.status_code == 400


def test_writing_a_roles_skills_replaces_them_with_importance(as_curator):
    role = RoleFactory()
    RoleSkillFactory(role=role)
    SkillFactory(slug="python"), SkillFactory(slug="sql")
    response = as_curator.patch(
        reverse("api:role-detail", args=[role.slug]),
        {"skills": [{"skill": "python"}, {"skill": "sql", "importance": "optional"}]},
        format="json",
    )
    assert response.status_code == 200
    assert [(s["skill"], s["importance"]) for s in response.json()["skills"]] == [
        ("python", "essential"),
        ("sql", "optional"),
    ]


def test_deleting_a_role_still_used_by_postings_is_a_400(as_curator):
    posting = JobPostingFactory()
    response = as_curator.delete(reverse("api:role-detail", args=[posting.role.slug]))
    assert response.status_code == 400
    assert "Still used by" in response.json()["errors"]["non_field_errors"][0]
    assert Role.objects.filter(pk=posting.role.pk).exists()


def test_salary_filters(api):
    SalaryFigureFactory(region="United States", currency="USD", statistic="average")
    SalaryFigureFactory(region="EU", currency="EUR", statistic="median")
    response = api.get(reverse("api:salaryfigure-list"), {"currency": "EUR", "statistic": "median"})
    assert [f["region"] for f in response.json()["results"]] == ["EU"]


def test_role_carries_skills_pay_relations_and_postings_without_a_second_call(api, guide):
    role = api.get(reverse("api:role-detail", args=["data-scientist"])).json()
    assert {"python", "probability-and-statistics"} <= {s["skill"] for s in role["skills"]}
    assert role["salary_figures"][0]["amount"] == "138365.00"
    assert role["salary_figures"][0]["statement"] == "138,365 USD per year (average, United States)"
    assert {"slug": "machine-learning-engineer", "kind": "transition", "direction": "to"}.items() <= {
        **next(r for r in role["related_roles"] if r["kind"] == "transition")
    }.items()
    assert role["posting_count"] == 2
    assert role["postings_url"].endswith("/api/v1/postings/?role=data-scientist")
    listed = api.get(role["postings_url"]).json()
    assert {p["slug"] for p in listed["results"]} == {"disney-data-scientist", "snap-applied-data-scientist"}
    assert role["source_detail"]["title"] == "How to Become a Machine Learning Engineer"
    assert "138,365" not in role["source_passage"]  # the role's own passage; the figure cites its own


def test_public_sees_no_salary_figure_of_a_draft_role_but_curators_do(api, curator):
    figure = SalaryFigureFactory(role=RoleFactory(status="draft"))
    url = reverse("api:salaryfigure-detail", args=[figure.pk])
    assert api.get(url).status_code == 404
    api.force_authenticate(curator)
    assert api.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/roles/", "/api/v1/salaries/"])
def test_list_endpoints_run_the_same_queries_for_few_or_many_rows(api, url, assert_queries_do_not_grow):
    make_roles_with_everything(1)
    assert_queries_do_not_grow(lambda: api.get(url), lambda: make_roles_with_everything(15))
